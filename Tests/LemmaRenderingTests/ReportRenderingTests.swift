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
        BlockOutput(
          index: 1, state: .ran,
          items: [
            .text("hidden code\n"), .record(.figure(.chart(Chart.line(x: [1, 2, 3], y: [1, 4, 9], label: "y")))),
          ]),
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

  /// Code highlighted ahead, on another thread while the notebook runs, gives the same page.
  func testCodeHighlightedAheadGivesTheSamePage() throws {
    let plain = try report()
    var ahead = plain
    let highlighted = CodeHighlights(plain.notebook).html()
    XCTAssertEqual(highlighted.keys.sorted(), plain.notebook.experiments.map(\.index))
    for index in ahead.blocks.indices {
      ahead.blocks[index].highlightedCode = highlighted[ahead.blocks[index].block.index]
    }
    XCTAssertTrue(ahead.blocks.allSatisfy { $0.highlightedCode != nil })
    XCTAssertTrue(ahead.blocks.contains { $0.highlightedCode?.contains("<span class=\"hl-k\">let</span>") == true })
    XCTAssertEqual(HTMLRenderer().render(ahead), HTMLRenderer().render(plain))
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
        "notebooks/report.md:44:21: error: expected expression after operator",
      ])
    XCTAssertEqual(report.blocks[3].failures.first?.location, SourceLocation(line: 36, column: 9))
    XCTAssertEqual(
      report.blocks[4].failures.first?.excerpt, "44 | let broken = answer +\n   |                     ^")
  }

  func testCrossReferencesBecomeNumberedLinks() throws {
    let report = try report()
    XCTAssertEqual(report.referenceNames, ["tbl-squares": "Table 1", "fig-line": "Figure 1"])
    let html = HTMLRenderer().render(report)
    XCTAssertTrue(html.contains("See <a class=\"xref\" href=\"#tbl-squares\">Table 1</a> for the table."))
    XCTAssertTrue(html.contains("<caption>Table 1: Squares &amp; roots</caption>"))
    XCTAssertTrue(MarkdownRenderer().render(report).contains("See [Table 1](#tbl-squares) for the table."))
    XCTAssertEqual(report.charts.map(\.id), ["fig-line"])
    XCTAssertTrue(MarkdownRenderer().render(report).contains("![Figure 1](report/fig-line.svg)"))
  }

  func testWriterPutsChartsBesideTheMarkdownAndRemovesStaleOnes() throws {
    let directory = temporaryDirectory(self)
    let stale = directory + "/report/fig-old.svg"
    try FileManager.default.createDirectory(atPath: directory + "/report", withIntermediateDirectories: true)
    try Data("old".utf8).write(to: URL(fileURLWithPath: stale))
    let written = try ReportWriter(directory: directory).write(try report())
    XCTAssertEqual(
      written.map { $0.replacingOccurrences(of: directory, with: "") },
      ["/report/fig-line.svg", "/report.html", "/report.md"])
    XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
    let svg = try String(contentsOfFile: directory + "/report/fig-line.svg", encoding: .utf8)
    XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
  }

  func testPageIsSelfContained() throws {
    let html = HTMLRenderer().render(try report())
    XCTAssertFalse(html.contains("<script"))
    XCTAssertFalse(html.contains("http://") || html.contains("https://"), "no request to another host")
    XCTAssertFalse(html.contains("<link"))
    XCTAssertTrue(html.contains("prefers-color-scheme: dark"))
  }
}
