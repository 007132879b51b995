import Foundation
import LemmaExecution
import LemmaTestSupport
import XCTest

@testable import LemmaNotebook
@testable import LemmaRendering

/// A long notebook is read in two halves and its HTML written in parts at the same time; the
/// notebook and the page must be exactly those of one reader and one writer.
final class ParallelProseTests: XCTestCase {
  /// Every CommonMark spec example, then a section using each of Lemma's parts and GFM's
  /// extensions, many times over (repeated headings, footnotes referenced from both halves,
  /// link definitions used across them).
  private func longNotebook() throws -> String {
    struct Spec: Decodable {
      struct Example: Decodable { var markdown: String }
      var examples: [Example]
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: testDirectory() + "/Fixtures/commonmark-spec-0.30.json"))
    let examples = try JSONDecoder().decode(Spec.self, from: data).examples.map(\.markdown)
    let section = """
      ## Results

      A value `{swift} 1 + 1`, a formula $x_1 + \\frac{a}{b}$, a note[^n] and @fig-a, ~~gone~~,
      www.example.org and [a link][def].

      | a | b |
      | :-- | --: |
      | `{swift} 2` | $y$ |

      > [!NOTE]
      > Said once.

      - [x] done
      - [ ] not yet

      $$
      \\sum_{k=1}^{n} k
      $$


      """
    let sections = (0..<40).map { _ in section }.joined()
    let examplesText = examples.filter { !$0.contains("```") && !$0.contains("~~~") }.joined(separator: "\n\n")
    return "# Long\n\n" + sections + "```swift\n//| label: fig-a\nlet x = 1\n```\n\n" + sections
      + "[^n]: The note.\n\n[def]: https://example.org\n\n" + examplesText + "\n\n" + sections
  }

  private func notebook(_ source: String, parallelBytes: Int) throws -> Notebook {
    var parser = NotebookParser()
    parser.parallelBytes = parallelBytes
    return try parser.parse(source: source, path: "long.md")
  }

  func testReadingInHalvesGivesTheSameNotebook() throws {
    let source = try longNotebook()
    let whole = try notebook(source, parallelBytes: .max)
    let halves = try notebook(source, parallelBytes: 0)
    XCTAssertGreaterThan(whole.document.nodes.count, 5_000)
    XCTAssertEqual(halves.document.nodes, whole.document.nodes)
    XCTAssertEqual(halves.document.bytes, whole.document.bytes)
    XCTAssertEqual(halves.inlineExpressions, whole.inlineExpressions)
    XCTAssertEqual(halves.crossReferences, whole.crossReferences)
    XCTAssertEqual(halves.mathSpans, whole.mathSpans)
    XCTAssertEqual(halves.experiments, whole.experiments)
    XCTAssertEqual(halves.inlineExpressions.map(\.afterBlockCount).max(), 1)
  }

  func testWritingInPartsGivesTheSamePage() throws {
    let notebook = try notebook(try longNotebook(), parallelBytes: .max)
    let execution = Execution(
      outputs: NotebookOutputs(
        blocks: notebook.experiments.map { BlockOutput(index: $0.index, state: .notRun) },
        inlines: notebook.inlineExpressions.map { InlineOutput(index: $0.index, text: "v\($0.index)") }),
      cacheKey: "", source: .cached, params: [])
    let report = ReportBuilder().build(notebook, execution)
    var oneWriter = BodyRenderer(report: report)
    oneWriter.parallelBytes = .max
    var parts = BodyRenderer(report: report)
    parts.parallelBytes = 0
    let (whole, inParts) = (oneWriter.render(), parts.render())
    XCTAssertEqual(String(decoding: inParts.html, as: UTF8.self), String(decoding: whole.html, as: UTF8.self))
    XCTAssertEqual(inParts.headings.map(\.id), whole.headings.map(\.id))
    XCTAssertTrue(whole.headings.map(\.id).contains("results-40"))
    XCTAssertEqual(inParts.hasTables, whole.hasTables)
  }
}
