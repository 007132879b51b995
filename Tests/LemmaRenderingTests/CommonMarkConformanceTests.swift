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

  private struct Spec: Decodable {
    struct Example: Decodable {
      var number: Int
      var section: String
      var markdown: String
      var html: String
    }
    var examples: [Example]
  }

  func testEveryExampleRendersAsTheSpecSays() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: testDirectory() + "/Fixtures/commonmark-spec-0.30.json"))
    let spec = try JSONDecoder().decode(Spec.self, from: data)
    XCTAssertEqual(spec.examples.count, 652)
    var failing: [Int] = []
    for example in spec.examples {
      if render(example.markdown).map(withoutHeadingIDs) != example.html { failing.append(example.number) }
    }
    XCTAssertEqual(
      failing, Self.collisions.keys.sorted(),
      "examples that fail other than the listed collisions: \(Set(failing).subtracting(Self.collisions.keys).sorted())")
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

  private func render(_ markdown: String) -> String? {
    guard let notebook = try? NotebookParser().parse(source: markdown, path: "spec.md") else { return nil }
    let outputs = NotebookOutputs(
      blocks: notebook.experiments.map { BlockOutput(index: $0.index, state: .notRun) },
      inlines: notebook.inlineExpressions.map { InlineOutput(index: $0.index, text: nil) })
    let execution = Execution(outputs: outputs, cacheKey: "", source: .cached, params: [])
    return HTMLRenderer().body(ReportBuilder().build(notebook, execution))
  }
}
