import LemmaExecution
import LemmaNotebook
import XCTest

@testable import LemmaRendering

/// The one document model: positions checked against the source, both reports from the one
/// tree, and no stack spent on nesting.
final class DocumentModelTests: XCTestCase {
  /// Renders `source` with every inline expression valued `v<index>` and no block run.
  private func render(_ source: String) throws -> (notebook: Notebook, html: String, markdown: String) {
    let notebook = try NotebookParser().parse(source: source, path: "n.md")
    let outputs = NotebookOutputs(
      blocks: notebook.experiments.map { BlockOutput(index: $0.index, state: .notRun) },
      inlines: notebook.inlineExpressions.map { InlineOutput(index: $0.index, text: "v\($0.index)") })
    let report = ReportBuilder().build(notebook, Execution(outputs: outputs, cacheKey: "", source: .cached, params: []))
    return (notebook, HTMLRenderer().body(report), MarkdownRenderer().render(report))
  }

  private let labelled = "\n\n```swift\n//| label: fig-a\n```\n"

  /// cmark does not count the indentation it strips from a paragraph's continuation lines;
  /// the spans and references there are found in the source all the same.
  func testSpansOnIndentedContinuationLinesAreFound() throws {
    let (notebook, html, markdown) = try render("Para\n   more `{swift} 1 + 1` and @fig-a." + labelled)
    XCTAssertEqual(notebook.inlineExpressions[0].location, SourceLocation(line: 2, column: 18))
    XCTAssertEqual(notebook.inlineExpressions[0].spanStart, SourceLocation(line: 2, column: 9))
    XCTAssertEqual(notebook.crossReferences[0].location, SourceLocation(line: 2, column: 29))
    XCTAssertTrue(markdown.contains("Para\n   more v0 and [Figure 1](#fig-a)."), markdown)
    XCTAssertTrue(html.contains("<p>Para\nmore v0 and <a class=\"xref\" href=\"#fig-a\">Figure 1</a>.</p>"), html)
  }

  /// An entity before a reference shifts cmark's text offsets; an escaped `\@` is no place to
  /// edit, so the Markdown report keeps it as written.
  func testReferencesAfterEntitiesAndEscapes() throws {
    let (notebook, _, markdown) = try render("A &amp; @fig-a, \\@fig-a." + labelled)
    XCTAssertEqual(notebook.crossReferences.map(\.location.column), [9, 13])
    XCTAssertEqual(notebook.crossReferences.map(\.isExact), [true, false])
    XCTAssertTrue(markdown.contains("A &amp; [Figure 1](#fig-a), \\@fig-a."), markdown)
  }

  /// A span across two lines is replaced whole (before, the Markdown report kept it raw).
  func testMultiLineSpanIsReplaced() throws {
    let (_, html, markdown) = try render("multi `{swift}\n7` line\n")
    XCTAssertTrue(markdown.contains("multi v0 line"), markdown)
    XCTAssertTrue(html.contains("<p>multi v0 line</p>"), html)
  }

  func testHeadingIdsAndContentsIncludeValuesAndReferenceNames() throws {
    let (_, html, _) = try render("## Value `{swift} x` of @fig-a" + labelled)
    XCTAssertTrue(html.contains("<h2 id=\"value-v0-of-figure-1\">"), html)
  }

  func testImagesWriteTheirAltTextPlain() throws {
    let (_, html, _) = try render("![a *b* `{swift} c` @fig-a](p.png \"t\")" + labelled)
    XCTAssertTrue(html.contains("<img src=\"p.png\" alt=\"a b v0 Figure 1\" title=\"t\" />"), html)
  }

  /// 100,000 levels of nesting cost a loop, not the stack; the swift block is checked by the
  /// compiler (which refuses it with a located error), never by Lemma's own recursion.
  func testDeepNestingRendersWithoutRecursion() throws {
    let depth = 100_000
    let cases = [
      String(repeating: ">", count: depth) + " deep\n",
      String(repeating: "- ", count: depth) + "x\n",
      String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth) + "\n",
      String(repeating: "*", count: depth) + "a" + String(repeating: "*", count: depth) + "\n",
      "```swift\nlet a = " + String(repeating: "{", count: depth) + "\n```\n",
      // swift-syntax's lookahead recursed once per `[` and overflowed the stack (found by
      // lemma-fuzz); the highlighter shows code nested this deep plain.
      "```swift\nlet a = " + String(repeating: "[", count: depth) + "\n```\n",
      "```swift\nlet a: " + String(repeating: "A<", count: depth) + "\n```\n",
      "```swift\nf" + String(repeating: "(", count: depth) + "\n```\n",
    ]
    for source in cases {
      let (_, html, markdown) = try render(source)
      XCTAssertFalse(html.isEmpty)
      XCTAssertFalse(markdown.isEmpty)
    }
    let blockquotes = try render(cases[0]).html
    XCTAssertEqual(blockquotes.components(separatedBy: "<blockquote>").count - 1, depth)
  }

  /// Nested front matter is refused by the YAML parser with a located error.
  func testDeepFrontMatterIsALocatedError() {
    let yaml = "---\nparams: " + String(repeating: "[", count: 100_000) + "\n---\n"
    XCTAssertThrowsError(try NotebookParser().parse(source: yaml, path: "n.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.location?.line, 2)
    }
  }

  /// The Markdown report copies everything but Lemma's parts byte for byte.
  func testSegmentsCoverTheBodyExactly() throws {
    let source =
      "---\ntitle: T\n---\n\n\nText `{swift} 1` @fig-a\n\n```swift\n//| label: fig-a\nlet x = 1\n```\n\n[r]: /u\n"
    let notebook = try NotebookParser().parse(source: source, path: "n.md")
    XCTAssertEqual(
      notebook.bodySegments(),
      [
        .source("Text "), .inlineExpression(index: 0), .source(" "), .crossReference(index: 0),
        .source("\n\n"), .experiment(index: 0), .source("\n\n[r]: /u\n"),
      ])
  }

  /// Long printed output scrolls in a box; short output is unchanged.
  func testLongOutputScrollsInABox() {
    XCTAssertEqual(CellRenderer.scrollStyle("a\nb\n"), "")
    XCTAssertEqual(
      CellRenderer.scrollStyle(String(repeating: "x\n", count: 150)), " style=\"max-height: 40em; overflow: auto\"")
  }
}
