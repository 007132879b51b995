import Foundation
import LemmaExecution
import LemmaNotebook
import LemmaTestSupport
import XCTest

@testable import LemmaRendering

/// Citations end to end: found in prose only with a bibliography, numbered by first citation,
/// linked to a References list in both reports; bad `.bib` files and unknown keys located.
final class CitationTests: XCTestCase {
  private let bib = """
    @article{first, author = {Doe, Jane and Roe, Rick}, title = {First}, journal = {J}, year = 2001}
    @book{second, author = {Smith, Ann}, title = {Second}, publisher = {P}, year = 2002}
    """

  /// A notebook at `folder/x.md` with `refs.bib` beside it, and its report.
  private func report(_ body: String, bib: String? = nil) throws -> Report {
    let folder = temporaryDirectory(self)
    try (bib ?? self.bib).write(toFile: folder + "/refs.bib", atomically: true, encoding: .utf8)
    let notebook = try NotebookParser().parse(
      source: "---\nbibliography: refs.bib\n---\n\n" + body, path: folder + "/x.md")
    let references = try References.resolve(notebook)
    let execution = Execution(
      outputs: NotebookOutputs(blocks: [], inlines: []), cacheKey: "", source: .cached, params: [])
    return ReportBuilder().build(notebook, execution, references: references)
  }

  private func error(_ body: String, bib: String? = nil) -> NotebookError? {
    do {
      _ = try report(body, bib: bib)
      return nil
    } catch { return error as? NotebookError }
  }

  func testNumberedByFirstCitationAndListedInBothReports() throws {
    let report = try report(
      "As shown [@second, p. 3], and [see @first; @second].\n\n| a | [@first] |\n|---|---|\n| b | c |\n")
    XCTAssertEqual(report.references.entries.map(\.key), ["second", "first"])
    XCTAssertEqual(
      report.notebook.citations.map { $0.items.map(\.key) }, [["second"], ["first", "second"], ["first"]])
    XCTAssertEqual(report.notebook.citations[0].start, SourceLocation(line: 5, column: 10))
    XCTAssertEqual(report.notebook.citations[0].items[0].location, SourceLocation(line: 5, column: 11))
    let html = HTMLRenderer().body(report)
    XCTAssertTrue(
      html.contains(
        "As shown <span class=\"citation\">[<a href=\"#ref-second\">1</a>, p. 3]</span>, and "
          + "<span class=\"citation\">[see <a href=\"#ref-first\">2</a>; <a href=\"#ref-second\">1</a>]</span>."), html)
    XCTAssertTrue(html.contains("<th><span class=\"citation\">[<a href=\"#ref-first\">2</a>]</span></th>"), html)
    XCTAssertTrue(html.contains("<li id=\"ref-second\">Ann Smith (2002). <em>Second</em>. P.</li>"), html)
    XCTAssertTrue(html.contains("<li id=\"ref-first\">Jane Doe and Rick Roe (2001). First. <em>J</em>.</li>"), html)
    let markdown = MarkdownRenderer().render(report)
    XCTAssertTrue(
      markdown.contains("As shown \\[[1](#ref-second), p. 3\\], and \\[see [2](#ref-first); [1](#ref-second)\\]."),
      markdown)
    XCTAssertTrue(
      markdown.contains("## References\n\n1. <a id=\"ref-second\"></a>Ann Smith (2002). *Second*. P.\n2. "), markdown)
  }

  func testWhatIsNotACitation() throws {
    let report = try report("Mail [me@x.org], code `[@first]`, math $[@first]$, a link [@first](u), [@first]: def.\n")
    XCTAssertEqual(report.notebook.citations, [])
    XCTAssertTrue(report.references.entries.isEmpty)
    let plain = try NotebookParser().parse(source: "No bibliography: [@first].\n", path: "x.md")
    XCTAssertEqual(plain.citations, [])
    XCTAssertEqual(try proseBody("No bibliography: [@first].\n"), "<p>No bibliography: [@first].</p>\n")
  }

  func testBadInputIsLocated() {
    XCTAssertEqual(
      error("See [@frist].\n")?.headline.hasSuffix("x.md:5:6: error: no entry `frist` in `refs.bib`"), true)
    XCTAssertEqual(error("See [@frist].\n")?.hint?.hasPrefix("did you mean `@first`?"), true)
    let broken = error("See [@first].\n", bib: "@article{first,\n  title = {open\n")
    XCTAssertEqual(broken?.path.hasSuffix("/refs.bib"), true)
    XCTAssertEqual(broken?.location?.line, 2)
    let folder = temporaryDirectory(self)
    let missing = Result {
      try References.resolve(
        NotebookParser().parse(source: "---\nbibliography: [refs.bib, none.bib]\n---\n[@a]\n", path: folder + "/x.md"))
    }
    if case .failure(let failure) = missing, let failure = failure as? NotebookError {
      XCTAssertTrue(
        failure.headline.hasSuffix("x.md:2:16: error: cannot read the bibliography `refs.bib`: there is no such file"),
        failure.headline)
    } else {
      XCTFail("a missing bibliography must be an error")
    }
  }

  func testHeadingsWithCitationsKeepStableIDs() throws {
    let html = HTMLRenderer().body(try report("# Results [@first]\n"))
    XCTAssertTrue(html.hasPrefix("<h1 id=\"results\">Results <span class=\"citation\">"), html)
  }
}
