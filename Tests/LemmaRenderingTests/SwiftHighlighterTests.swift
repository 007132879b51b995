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
}
