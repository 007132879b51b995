import Figures
import LemmaExecution
import LemmaNotebook
import LemmaProtocol
import LemmaRendering
import LemmaTestSupport
import XCTest

final class ReportRenderingTests: XCTestCase {
  /// The fixture with outputs made by hand: rendering is tested apart from running.
  private func report() throws -> Report {
    let data = try Data(contentsOf: URL(fileURLWithPath: testDirectory() + "/Fixtures/report.md"))
    let notebook = try NotebookParser().parse(data, path: "notebooks/report.md")
    let table = Table(columns: ["n", "√n"], rows: [[1, 1.0], [2, 2.0.squareRoot()]])
    let outputs = NotebookOutputs(
      blocks: [
        BlockOutput(
          index: 0, state: .ran, items: [.text("hello <world>\n"), .record(.figure(.table(table)))],
          stderr: "a warning\n"),
        BlockOutput(index: 1, state: .ran, items: [.text("hidden code\n")]),
        BlockOutput(index: 2, state: .ran, items: [.text("hidden output\n")]),
        BlockOutput(
          index: 3, state: .failed,
          failures: [
            Failure(
              kind: .crash, message: "Fatal error: Index out of range",
              location: ProgramLocation(unit: .block(3), line: 3, column: 9))
          ]),
        BlockOutput(
          index: 4, state: .failed,
          failures: [
            Failure(
              kind: .compileError, message: "expected expression after operator",
              location: ProgramLocation(unit: .block(4), line: 1, column: 21))
          ]),
        BlockOutput(index: 5, state: .skipped),
        BlockOutput(index: 6, state: .notRun),
      ],
      inlines: [
        InlineOutput(index: 0, text: "42"),
        InlineOutput(
          index: 1, text: nil,
          failure: Failure(
            kind: .compileError, message: "cannot find 'nope' in scope",
            location: ProgramLocation(unit: .inline(1), line: 1, column: 1))),
        InlineOutput(index: 2, text: nil),
      ])
    let execution = Execution(outputs: outputs, cacheKey: "key", source: .ran, params: [("walks", .int(100))])
    return ReportBuilder().build(notebook, execution)
  }

  func testHTMLMatchesGolden() throws {
    assertGolden(HTMLRenderer().render(try report()), testDirectory() + "/Golden/report.html")
  }

  func testMarkdownMatchesGolden() throws {
    assertGolden(MarkdownRenderer().render(try report()), testDirectory() + "/Golden/report.md")
  }

  func testFailuresAreLocatedAtNotebookLines() throws {
    let report = try report()
    XCTAssertEqual(
      report.unallowedFailures.map(\.headline),
      [
        "notebooks/report.md:10:57: error: cannot find 'nope' in scope",
        "notebooks/report.md:40:21: error: expected expression after operator",
      ])
    XCTAssertEqual(report.blocks[3].failures.first?.location, SourceLocation(line: 32, column: 9))
    XCTAssertEqual(
      report.blocks[4].failures.first?.excerpt, "40 | let broken = answer +\n   |                     ^")
  }

  func testPageIsSelfContained() throws {
    let html = HTMLRenderer().render(try report())
    XCTAssertFalse(html.contains("<script"))
    XCTAssertFalse(html.contains("http://") || html.contains("https://"), "no request to another host")
    XCTAssertFalse(html.contains("<link"))
    XCTAssertTrue(html.contains("prefers-color-scheme: dark"))
  }
}
