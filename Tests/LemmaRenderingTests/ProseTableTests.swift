import LemmaExecution
import LemmaNotebook
import XCTest

@testable import LemmaRendering

/// Lemma's own parts inside GFM tables: inline values and cross-references in cells, placed at
/// the cell's line and column, and the Markdown report keeping the author's table.
final class ProseTableTests: XCTestCase {
  private let source = """
    Intro.

    | name | value |
    | :-- | --: |
    | x \\| y | `{swift} 1 + 1` |
    | see @fig-a | ~~old~~ **new** |

    > | quoted | table |
    > | --- | --- |
    > | a | www.example.com |

    ```swift
    //| label: fig-a
    show(Chart.line(x: [0, 1], y: [0, 1]))
    ```
    """

  func testInlineExpressionsInCellsStandAtTheirCell() throws {
    let notebook = try NotebookParser().parse(source: source, path: "x.md")
    XCTAssertEqual(notebook.inlineExpressions.map(\.expression), ["1 + 1"])
    let inline = notebook.inlineExpressions[0]
    XCTAssertEqual(inline.location, SourceLocation(line: 5, column: 21))
    XCTAssertEqual(inline.spanStart, SourceLocation(line: 5, column: 12))
    XCTAssertTrue(inline.spanIsExact)
    XCTAssertEqual(notebook.crossReferences.map(\.label), ["fig-a"])
    XCTAssertEqual(notebook.crossReferences[0].location, SourceLocation(line: 6, column: 7))
  }

  func testTablesRenderInHTMLAndStayAsWrittenInMarkdown() throws {
    let html = try proseBody(source)
    XCTAssertTrue(html.contains("<th align=\"left\">name</th>\n<th align=\"right\">value</th>"), html)
    XCTAssertTrue(html.contains("<td align=\"left\">x | y</td>"), html)
    XCTAssertTrue(html.contains("<td align=\"right\"><del>old</del> <strong>new</strong></td>"), html)
    XCTAssertTrue(html.contains("<blockquote>\n<table>"), html)
    XCTAssertTrue(html.contains("<td><a href=\"http://www.example.com\">www.example.com</a></td>"), html)
    let markdown = MarkdownRenderer().render(try proseReport(source))
    XCTAssertTrue(markdown.contains("| :-- | --: |\n| x \\| y | "), markdown)
  }
}
