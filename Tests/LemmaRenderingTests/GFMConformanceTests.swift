import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaRendering

/// GFM's extensions through Lemma's HTML renderer: the examples of the GFM 0.29 spec tagged
/// with an extension, and the matching section of cmark-gfm's extension tests
/// (Fixtures/gfm-spec-0.29-gfm.txt, Fixtures/gfm-extensions.txt).
final class GFMConformanceTests: XCTestCase {
  struct Example {
    var number: Int
    var markdown: String
    var html: String
  }

  /// The examples of a spec file, with the tag after `example` (or the `##` section they are in).
  static func examples(_ file: String, where matches: (_ tag: String, _ section: String) -> Bool) throws -> [Example] {
    let text = try String(contentsOfFile: testDirectory() + "/Fixtures/" + file, encoding: .utf8)
    let fence = String(repeating: "`", count: 32)
    var examples: [Example] = []
    var section = ""
    var number = 0
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
      if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
      guard line.hasPrefix(fence + " example") else { continue }
      number += 1
      let tag = line.dropFirst(fence.count + " example".count).trimmingCharacters(in: .whitespaces)
      var markdown: [Substring] = []
      var html: [Substring] = []
      var inHTML = false
      while let body = lines.popFirst(), body != fence {
        if body == "." && !inHTML {
          inHTML = true
        } else if inHTML {
          html.append(body)
        } else {
          markdown.append(body)
        }
      }
      guard matches(tag, section) else { continue }
      func join(_ lines: [Substring]) -> String {
        lines.isEmpty ? "" : lines.joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n"
      }
      examples.append(Example(number: number, markdown: join(markdown), html: join(html)))
    }
    return examples
  }

  private func check(_ examples: [Example], file: String, expectedFailures: Set<Int> = []) throws {
    XCTAssertFalse(examples.isEmpty)
    for example in examples where example.html == "<IGNORE>\n" { _ = try proseBody(example.markdown) }
    var failed: [Int] = []
    // An example whose output is `<IGNORE>` only has to render.
    for example in examples where example.html != "<IGNORE>\n" {
      let html = try proseBody(example.markdown, rawHTML: .allowed)
      if html != example.html {
        failed.append(example.number)
        if !expectedFailures.contains(example.number) {
          XCTFail("\(file) example \(example.number):\n\(example.markdown)\nexpected:\n\(example.html)\ngot:\n\(html)")
        }
      }
    }
    XCTAssertEqual(Set(failed), expectedFailures, "the examples that differ, by number in \(file)")
  }

  func testSpecTableExamples() throws {
    try check(Self.examples("gfm-spec-0.29-gfm.txt") { tag, _ in tag == "table" }, file: "gfm-spec")
  }

  func testExtensionTableExamples() throws {
    try check(Self.examples("gfm-extensions.txt") { _, section in section == "Tables" }, file: "gfm-extensions")
  }

  func testSpecStrikethroughExamples() throws {
    try check(Self.examples("gfm-spec-0.29-gfm.txt") { tag, _ in tag == "strikethrough" }, file: "gfm-spec")
  }

  func testExtensionStrikethroughExamples() throws {
    try check(
      Self.examples("gfm-extensions.txt") { _, section in section == "Strikethroughs" }, file: "gfm-extensions")
  }

  func testSpecAutolinkExamples() throws {
    try check(Self.examples("gfm-spec-0.29-gfm.txt") { tag, _ in tag == "autolink" }, file: "gfm-spec")
  }

  func testExtensionAutolinkExamples() throws {
    try check(Self.examples("gfm-extensions.txt") { _, section in section == "Autolinks" }, file: "gfm-extensions")
  }

  func testExtensionFootnoteExamples() throws {
    try check(Self.examples("gfm-extensions.txt") { _, section in section == "Footnotes" }, file: "gfm-extensions")
  }

  func testExtensionInteropExamples() throws {
    try check(Self.examples("gfm-extensions.txt") { _, section in section == "Interop" }, file: "gfm-extensions")
  }
}
