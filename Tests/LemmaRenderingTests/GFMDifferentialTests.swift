import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaRendering

/// Lemma's HTML against cmark-gfm's (Debian's `cmark-gfm`, with the table, strikethrough,
/// autolink and tasklist extensions; `make test` installs it) on inputs neither wrote: every
/// example of the GFM spec and of cmark-gfm's extension tests, and prose generated from a
/// fixed seed out of tables, tildes, web and email addresses, emphasis, code and links.
final class GFMDifferentialTests: XCTestCase {
  /// Where the two may differ, and why.
  static let known: [String: String] = [
    "front matter": "an input that starts with a `---` line closed by a later `---` is YAML front matter in a notebook",
    "task list": "task list checkboxes carry the same attributes in another order (GFM's spec order, not cmark-gfm's)",
  ]

  /// cmark-gfm's HTML for each input: one shell runs it on every input file, since starting a
  /// process from the test bundle costs tens of milliseconds each.
  private func cmarkGFM(_ inputs: [String]) throws -> [String] {
    let folder = temporaryDirectory(self)
    for (number, markdown) in inputs.enumerated() {
      try Data(markdown.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(number).md"))
    }
    let script =
      "for f in \"$0\"/*.md; do /usr/bin/cmark-gfm --unsafe -e table -e strikethrough -e autolink -e tasklist "
      + "\"$f\" > \"${f%.md}.html\"; done"
    let run = try runToEnd("/bin/bash", ["-c", script, folder], in: folder)
    XCTAssertEqual(run.status, 0, run.stderr)
    return try inputs.indices.map { number in
      try String(contentsOfFile: "\(folder)/\(number).html", encoding: .utf8)
    }
  }

  /// Lemma's body without the ids it gives headings.
  private func lemma(_ markdown: String) throws -> String {
    try proseBody(markdown, rawHTML: .allowed).replacingOccurrences(
      of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
  }

  /// Why `markdown` may render differently, if one of the known reasons applies.
  private func knownReason(_ markdown: String, _ ours: String, _ theirs: String) -> String? {
    let reordered = ours.replacingOccurrences(
      of: "<input checked=\"\" disabled=\"\" type=\"checkbox\">",
      with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />"
    ).replacingOccurrences(
      of: "<input disabled=\"\" type=\"checkbox\">", with: "<input type=\"checkbox\" disabled=\"\" />")
    return reordered == theirs ? "task list" : nil
  }

  /// How many inputs differed for each known reason; fails on any other difference.
  @discardableResult
  private func compare(_ inputs: [String], _ name: String) throws -> [String: Int] {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cmark-gfm") else {
      XCTFail("cmark-gfm is not installed: run `make test`, which installs it (Debian's cmark-gfm)")
      return [:]
    }
    var reasons: [String: Int] = [:]
    let outputs = try cmarkGFM(inputs)
    for (number, markdown) in inputs.enumerated() {
      if markdown.hasPrefix("---\n") {
        reasons["front matter", default: 0] += 1
        continue
      }
      let ours = try lemma(markdown)
      let theirs = outputs[number]
      guard ours != theirs else { continue }
      guard let reason = knownReason(markdown, ours, theirs) else {
        XCTFail("\(name) \(number + 1) differs:\n\(markdown)\ncmark-gfm:\n\(theirs)\nLemma:\n\(ours)")
        return reasons
      }
      reasons[reason, default: 0] += 1
    }
    return reasons
  }

  func testSpecAndExtensionExamples() throws {
    let examples =
      try GFMConformanceTests.examples("gfm-spec-0.29-gfm.txt") { _, _ in true }
      + GFMConformanceTests.examples("gfm-extensions.txt") { _, section in section != "Footnotes" }
    XCTAssertGreaterThan(examples.count, 690)
    // The spec's two setext examples that start with `---`, its two task list examples, and
    // cmark-gfm's three.
    XCTAssertEqual(try compare(examples.map(\.markdown), "example"), ["front matter": 2, "task list": 5])
  }

  func testGeneratedProse() throws {
    var generator = SplitMix64(seed: 11)
    let words = [
      "foo", "bar", "*em*", "**strong**", "`code`", "~~gone~~", "~x~", "~~a", "b~~", "www.example.com",
      "https://example.org/a_(b)", "(see www.x.org/p?q=1)", "mail a.b@ex.com", "[link](http://x.y)", "a|b", "\\|",
      ".", ",", "!", "&amp;", "<b>bold</b>",
    ]
    func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }
    func count(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
    var inputs: [String] = []
    for _ in 0..<400 {
      var lines: [String] = []
      if generator.next() % 10 < 4 {
        let columns = count(1...4)
        lines.append("| " + (0..<columns).map { _ in pick(words) }.joined(separator: " | ") + " |")
        let delimiters = pick([columns, columns, columns + 1])
        lines.append(
          "|" + (0..<delimiters).map { _ in pick(["---", ":--", "--:", ":-:"]) }.joined(separator: "|") + "|")
        for _ in 0..<count(0...3) {
          lines.append((0..<count(1...(columns + 1))).map { _ in pick(words) }.joined(separator: " | "))
        }
      }
      for _ in 0..<count(1...4) {
        lines.append(
          pick(["", "> ", "- ", "  ", ""]) + (0..<count(1...8)).map { _ in pick(words) }.joined(separator: " "))
      }
      inputs.append(lines.joined(separator: "\n") + "\n")
    }
    XCTAssertEqual(try compare(inputs, "generated input"), [:])
  }
}

/// A small seeded generator (SplitMix64), so the generated inputs are the same on every run.
struct SplitMix64 {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
