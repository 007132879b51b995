import LemmaExecution
import LemmaNotebook
import XCTest

@testable import LemmaRendering

/// TeX math in prose: found before cmark reads the text (so `_` and `*` stay TeX), with
/// Pandoc's delimiter rules, in every place prose goes, located to the byte, rendered as
/// MathML in the HTML report and kept as written in the Markdown report.
final class MathProseTests: XCTestCase {
  /// The formulas of `markdown`, as (TeX, display) pairs.
  private func formulas(_ markdown: String) throws -> [String] {
    try NotebookParser().parse(source: markdown, path: "x.md").mathSpans.map { ($0.display ? "D:" : "") + $0.tex }
  }

  func testPandocDelimiterRules() throws {
    XCTAssertEqual(try formulas("a $x$ b $$y$$ c\n"), ["x", "D:y"])
    XCTAssertEqual(try formulas("It costs $5 and $6, or $20,000.\n"), [], "prices stay text")
    XCTAssertEqual(try formulas("$ x$ and $x $ and $x$5\n"), [], "spaces inside, a digit after")
    XCTAssertEqual(try formulas("\\$x\\$ and $a\\$b$\n"), ["a\\$b"], "`\\$` is a dollar, in text and in math")
    XCTAssertEqual(try formulas("`$x$` and ``a $y$ `` and `$z$`\n"), [], "code spans keep their dollars")
    XCTAssertEqual(try formulas("`a` $x$ ` b\n"), ["x"], "an unclosed backtick run is text")
    XCTAssertEqual(try formulas("<https://a.b/$x$> [t](/u$v$w) $k$\n"), ["k"], "autolinks and destinations")
    XCTAssertEqual(try formulas("$a_1 * b_2 * c$\n"), ["a_1 * b_2 * c"], "no emphasis inside")
    XCTAssertEqual(try formulas("a $x +\ny$ b\n"), ["x +\ny"])
    XCTAssertEqual(try formulas("$$\na\n\n$$\n"), ["D:", "D:"], "a blank line ends display math: both unclosed")
    XCTAssertEqual(try formulas("```\n$x$\n```\n\n    $y$\n\n<div>$z$</div>\n"), [], "code and HTML blocks")
  }

  func testFormulasInEveryPlaceProseGoes() throws {
    let source = """
      # Heading $h$ #

      Setext $s$
      ---

      > quote $q_1$
      > and $$q_2$$

      - item $i$
        continued $j$

      | a | $t$ |
      |---|-----|
      | $c$ | d |

      [link $l$](/u) and ![image $m$](p.png) and *em $e$*.[^n]

      [^n]: note $n$
      """
    let notebook = try NotebookParser().parse(source: source, path: "x.md")
    XCTAssertEqual(notebook.mathSpans.map(\.tex), ["h", "s", "q_1", "q_2", "i", "j", "t", "c", "l", "m", "e", "n"])
    let starts = notebook.mathSpans.map(\.start.description)
    XCTAssertEqual(
      starts, ["1:11", "3:8", "6:9", "7:7", "9:8", "10:13", "12:7", "14:3", "16:7", "16:28", "16:48", "18:12"])
    // Each formula is a node where it stands.
    var placed: [Int] = []
    notebook.document.walk { index, entering in
      if case .math(let formula) = notebook.document.nodes[index].kind, entering { placed.append(formula) }
      return true
    }
    XCTAssertEqual(placed, Array(0..<12))
    let html = try proseBody(source)
    XCTAssertTrue(html.contains("<h1 id=\"heading-h\">Heading <math>"), html)
    XCTAssertTrue(html.contains("<img src=\"p.png\" alt=\"image m\" />"), html)
    XCTAssertTrue(html.contains("<em>em <math><semantics><mi>e</mi>"), html)
    XCTAssertTrue(html.contains("and <math display=\"block\" class=\"tex-display\"><semantics><msub><mi>q</mi>"), html)
    XCTAssertEqual(html.components(separatedBy: "<math").count - 1, 11, "every formula but the alt text's")
  }

  func testPositionsAfterAFormulaStayExact() throws {
    let source = """
      ```swift
      let x = 1
      ```

      Then $\\alpha_{i}$ is `{swift} x` and @fig-a, $y$ again `{swift} x + 1`.

      ```swift
      //| label: fig-a
      let y = 2
      ```
      """
    let notebook = try NotebookParser().parse(source: source, path: "x.md")
    XCTAssertEqual(notebook.inlineExpressions.map(\.spanIsExact), [true, true])
    XCTAssertEqual(notebook.inlineExpressions[0].spanStart, SourceLocation(line: 5, column: 22))
    XCTAssertEqual(notebook.crossReferences.first?.location, SourceLocation(line: 5, column: 38))
    XCTAssertTrue(notebook.crossReferences[0].isExact)
    XCTAssertEqual(notebook.mathSpans.map(\.end.description), ["5:18", "5:49"])
  }

  func testTeXErrorsPointAtTheirNotebookLineAndColumn() throws {
    let source = """
      Fine $x$.

      > $$
      > a + b \\\\
      >   \\frac{1}{\\foo}
      > $$

      Open $$ \\sum and more.
      """
    let report = try proseReport(source)
    XCTAssertEqual(
      report.unallowedFailures.map(\.headline),
      [
        "x.md:5:14: error: unknown TeX command `\\foo`",
        "x.md:8:6: error: `$$` opens display math that is never closed in this paragraph",
      ])
    XCTAssertEqual(report.unallowedFailures[0].excerpt, "5 | >   \\frac{1}{\\foo}\n  |              ^")
    let html = HTMLRenderer().render(report)
    XCTAssertTrue(html.contains("<span class=\"math-error\" id=\"math-2\""), html)
    XCTAssertTrue(html.contains("⚠ unknown TeX command `\\foo`</span>"), html)
    XCTAssertTrue(html.contains("<a href=\"#math-2\">x.md:5:14: error: unknown TeX command"), html)
    XCTAssertTrue(html.contains("Open <span class=\"math-error\" id=\"math-3\""), html)
  }

  func testMarkdownReportKeepsTheTeXAsWritten() throws {
    let source = "Cost \\$5, mean $\\mu_{x}$ and\n\n$$\n\\sum_i x_i\n$$\n"
    let markdown = MarkdownRenderer().render(try proseReport(source))
    XCTAssertTrue(markdown.contains(source.trimmingCharacters(in: .newlines)), markdown)
  }

  func testMathStyleOnlyOnPagesWithMath() throws {
    let withMath = HTMLRenderer().render(try proseReport("$x$\n"))
    let without = HTMLRenderer().render(try proseReport("x\n"))
    XCTAssertTrue(withMath.contains("math { font-family: \"Latin Modern Math\""))
    XCTAssertFalse(without.contains("Latin Modern Math"))
    XCTAssertFalse(withMath.contains("<script"))
    XCTAssertEqual(withMath, HTMLRenderer().render(try proseReport("$x$\n")), "deterministic")
  }

  func testPlaceholderCharactersTheTextAlreadyHasStayText() throws {
    // U+E000 is where placeholders start: one written in the notebook is the author's.
    let html = try proseBody("Icon \u{E000} then $x$ and \u{E001}.\n")
    XCTAssertTrue(html.hasPrefix("<p>Icon \u{E000} then <math>"), html)
    XCTAssertTrue(html.hasSuffix("</math> and \u{E001}.</p>\n"), html)
  }

  func testHostileMathNeverCrashes() throws {
    let inputs = [
      String(repeating: "$a ", count: 20_000), String(repeating: "$$", count: 20_000),
      String(repeating: "`$", count: 20_000), String(repeating: "$x$", count: 7000),
      "$" + String(repeating: "{", count: 100_000) + "$", String(repeating: "<a:$", count: 10_000),
      Array(repeating: "$x$ and $$y$$ on a line", count: 20_000).joined(separator: "\n"),
      String(repeating: "](", count: 20_000) + "$x$", String(repeating: "[@a ", count: 20_000),
    ]
    for input in inputs {
      let report = try proseReport(input + "\n")
      _ = HTMLRenderer().render(report)
    }
  }
}
