import LemmaRendering
import XCTest

final class SwiftHighlighterTests: XCTestCase {
  func testTokensAreClassifiedBySwiftSyntax() {
    let html = SwiftHighlighter.html("let n: Int = 42 // answer\nprint(\"a<b\")")
    XCTAssertEqual(
      html,
      "<span class=\"hl-k\">let</span> n: <span class=\"hl-t\">Int</span> = <span class=\"hl-n\">42</span> "
        + "<span class=\"hl-c\">// answer</span>\nprint(<span class=\"hl-s\">&quot;a&lt;b&quot;</span>)")
  }

  func testInvalidCodeIsStillShownWhole() {
    let code = "let = = ] func {"
    let html = SwiftHighlighter.html(code)
    let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    XCTAssertEqual(text, code)
  }

  /// swift-syntax's lookahead doubles its time per level of `[` (24 levels: 16 s), so code
  /// nested deeper than 12 is shown plain; ordinary nesting is still highlighted.
  func testDeeplyNestedSquareBracketsAreShownPlain() {
    let deep = "let a = " + String(repeating: "[", count: 24) + "1" + String(repeating: "]", count: 24)
    XCTAssertEqual(SwiftHighlighter.html(deep), deep)
    XCTAssertTrue(SwiftHighlighter.html("let a = [[[1]]]").contains("hl-k"))
  }

  /// A postfix chain nests one syntax level per link without leaving a bracket open: found by
  /// lemma-fuzz, 2,500 links overflowed the classifier's recursion. Such code is shown plain.
  func testALongPostfixChainIsShownPlainInsteadOfOverflowing() {
    let code = "let x = 0." + String(repeating: "![a](b.png)", count: 2500)
    let html = SwiftHighlighter.html(code)
    XCTAssertFalse(html.contains("<span"))
    XCTAssertTrue(html.hasPrefix("let x = 0.![a](b.png)"), String(html.prefix(40)))
    XCTAssertTrue(SwiftHighlighter.html("let y = a![b](c)").contains("<span class=\"hl-k\">let</span>"))
  }
}
