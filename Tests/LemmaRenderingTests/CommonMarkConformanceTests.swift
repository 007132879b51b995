import Foundation
import LemmaExecution
import LemmaNotebook
import LemmaTestSupport
import XCTest

@testable import LemmaRendering

/// Prose that passes through Lemma still renders as the CommonMark 0.30 specification says.
///
/// The 652 examples (CC-BY-SA 4.0, John MacFarlane) are in Fixtures/commonmark-spec-0.30.json.
final class CommonMarkConformanceTests: XCTestCase {
  /// Examples that collide with Lemma's own syntax, by number, with the reason.
  static let collisions: [Int: String] = [
    96: "starts with a `---` line closed by a later `---`: Lemma reads that as YAML front matter",
    98: "`---` then `---` is an empty front matter block in a notebook, not two thematic breaks",
  ]

  /// Examples that GFM's extensions change (as `cmark-gfm -e autolink` does), by number, with
  /// the reason. The GFM spec lists them with CommonMark's output because it runs its core
  /// examples without extensions.
  static let extensions: [Int: String] = [
    601: "`http://foo.bar/baz` inside `<…>` that is not an autolink (a space) is an extended URL autolink",
    605: "`foo+@bar.example.com` inside `<…>` that is not an autolink (an escaped `+`) is an extended email autolink",
    607: "`http://foo.bar` inside `< … >` with spaces is an extended URL autolink",
    610: "a bare `http://example.com` is an extended URL autolink",
    611: "a bare `foo@bar.example.com` is an extended email autolink",
  ]

  private struct Spec: Decodable {
    struct Example: Decodable {
      var number: Int
      var section: String
      var markdown: String
      var html: String
    }
    var examples: [Example]
  }

  /// Examples whose raw HTML or link targets Lemma's safe default (`RawHTMLFilter`) changes,
  /// by number, with the reason. With `raw_html: true` they render as the spec says.
  static let filtered: [Int: String] = [
    170: "a <script> block: GFM's tag filter writes its tags as text (&lt;script>)",
    171: "a <textarea> block: the tag filter writes its tags as text",
    172: "a <style> block: the tag filter writes its tags as text",
    173: "an unclosed <style> block: the tag filter writes its tag as text",
    176: "<style> on one line: the tag filter writes its tags as text",
    178: "a <script> block: the tag filter writes its tags as text",
  ]

  private func examples() throws -> [Spec.Example] {
    let data = try Data(contentsOf: URL(fileURLWithPath: testDirectory() + "/Fixtures/commonmark-spec-0.30.json"))
    return try JSONDecoder().decode(Spec.self, from: data).examples
  }

  /// The examples that render other than the spec says.
  private func failing(_ rawHTML: RawHTML) throws -> [Int] {
    try examples().filter { render($0.markdown, rawHTML).map(withoutHeadingIDs) != $0.html }.map(\.number)
  }

  func testEveryExampleRendersAsTheSpecSaysWithRawHTMLAllowed() throws {
    XCTAssertEqual(try examples().count, 652)
    let failing = try failing(.allowed)
    let expected = Self.collisions.keys.sorted() + Self.extensions.keys.sorted()
    XCTAssertEqual(
      failing, expected.sorted(),
      "examples that fail other than the listed collisions and extensions: \(Set(failing).subtracting(expected).sorted())"
    )
  }

  func testTheSafeDefaultChangesOnlyTheListedExamples() throws {
    let failing = try failing(.filtered)
    let expected = Self.collisions.keys.sorted() + Self.filtered.keys.sorted() + Self.extensions.keys.sorted()
    XCTAssertEqual(
      failing.sorted(), expected.sorted(),
      "unlisted: \(Set(failing).subtracting(expected).sorted()), listed but passing: \(Set(expected).subtracting(failing).sorted())"
    )
  }

  /// The HTML without the `id` attributes Lemma adds to headings (`<h2 id="x">` -> `<h2>`).
  private func withoutHeadingIDs(_ html: String) -> String {
    var result = ""
    var rest = Substring(html)
    while let open = rest.range(of: "<h") {
      result += rest[..<open.lowerBound]
      rest = rest[open.lowerBound...]
      let tag = rest.prefix(4)
      if tag.count == 4, tag.dropFirst(2).first.map({ "123456".contains($0) }) == true,
        rest.dropFirst(3).hasPrefix(" id=\""), let close = rest.firstIndex(of: ">")
      {
        result += tag.prefix(3) + ">"
        rest = rest[rest.index(after: close)...]
      } else {
        result += "<h"
        rest = rest.dropFirst(2)
      }
    }
    return result + rest
  }

  private func render(_ markdown: String, _ rawHTML: RawHTML) -> String? {
    guard let notebook = try? NotebookParser().parse(source: markdown, path: "spec.md") else { return nil }
    let outputs = NotebookOutputs(
      blocks: notebook.experiments.map { BlockOutput(index: $0.index, state: .notRun) },
      inlines: notebook.inlineExpressions.map { InlineOutput(index: $0.index, text: nil) })
    let execution = Execution(outputs: outputs, cacheKey: "", source: .cached, params: [])
    return HTMLRenderer(rawHTML: rawHTML).body(ReportBuilder().build(notebook, execution))
  }
}
