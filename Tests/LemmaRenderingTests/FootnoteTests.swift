import LemmaExecution
import LemmaNotebook
import XCTest

@testable import LemmaRendering

/// Footnotes with Lemma's own parts: values and references inside notes, positions that point
/// at the note's line, fenced code left alone, and the Markdown report keeping the author's text.
final class FootnoteTests: XCTestCase {
  func testNotesHoldInlineValuesAndReferencesAtTheirLines() throws {
    let source = """
      A claim[^why] and another[^why].

      ```swift
      //| label: fig-a
      let x = 1
      // [^why]: not a footnote, this is code
      ```

      [^why]: Because `{swift} x + 1`,
          see @fig-missing.
      """
    XCTAssertThrowsError(try NotebookParser().parse(source: source, path: "x.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.headline, "x.md:10:9: error: no block is labelled `fig-missing`")
    }
    let fixed = source.replacingOccurrences(of: "@fig-missing", with: "@fig-a")
    let notebook = try NotebookParser().parse(source: fixed, path: "x.md")
    XCTAssertEqual(notebook.experiments[0].code, "//| label: fig-a\nlet x = 1\n// [^why]: not a footnote, this is code")
    XCTAssertEqual(notebook.inlineExpressions.map(\.expression), ["x + 1"])
    XCTAssertEqual(notebook.inlineExpressions[0].location, SourceLocation(line: 9, column: 26))
    let html = try proseBody(fixed)
    XCTAssertTrue(html.contains("A claim<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">1</a></sup>"), html)
    XCTAssertTrue(
      html.contains("another<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1-2\">1</a></sup>"), html)
    XCTAssertTrue(html.contains("<li id=\"fn1\">\n<p>Because "), html)
    XCTAssertTrue(html.contains("see <a class=\"xref\" href=\"#fig-a\">"), html)
    XCTAssertTrue(html.contains(" <a href=\"#fnref1\" class=\"footnote-backref\">↩</a></p>\n</li>"), html)
    let markdown = MarkdownRenderer().render(try proseReport(fixed))
    XCTAssertTrue(markdown.contains("A claim[^why] and another[^why]."), markdown)
    XCTAssertTrue(markdown.contains("[^why]: Because "), markdown)
  }

  func testADefinitionCannotInterruptAParagraphAndUnknownLabelsStayText() throws {
    let html = try proseBody("Text[^a] here\n[^a]: not a note.\n\nAnd [^b].\n")
    XCTAssertEqual(html, "<p>Text[^a] here\n[^a]: not a note.</p>\n<p>And [^b].</p>\n")
  }

  /// A pipe table in a note is a table, as on GitHub, its cells' values at the note's lines.
  func testANoteHoldsAPipeTableAtItsLines() throws {
    let source = """
      A claim[^t].

      ```swift
      let x = 1
      ```

      [^t]: A note:

          | a | b |
          | - | :-: |
          | `{swift} x + 1` | *two* |
      """
    let notebook = try NotebookParser().parse(source: source, path: "x.md")
    XCTAssertEqual(notebook.inlineExpressions.map(\.expression), ["x + 1"])
    XCTAssertEqual(notebook.inlineExpressions[0].location, SourceLocation(line: 11, column: 16))
    let html = try proseBody(source)
    let note = try XCTUnwrap(html.range(of: "<li id=\"fn1\">").map { String(html[$0.lowerBound...]) })
    XCTAssertTrue(note.hasPrefix("<li id=\"fn1\">\n<p>A note:</p>\n<table>\n<thead>\n<tr>\n<th>a</th>"), note)
    XCTAssertTrue(note.contains("<td align=\"center\"><em>two</em></td>"), note)
    XCTAssertFalse(note.contains("| - |"), note)
    XCTAssertTrue(MarkdownRenderer().render(try proseReport(source)).contains("    | - | :-: |"))
  }
}
