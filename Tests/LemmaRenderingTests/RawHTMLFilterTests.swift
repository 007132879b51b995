import Foundation
import LemmaExecution
import LemmaNotebook
import LemmaTestSupport
import XCTest

@testable import LemmaRendering

/// Prose's raw HTML and link targets cannot put script or another page into a report unless
/// the author opts in (`raw_html: true`).
final class RawHTMLFilterTests: XCTestCase {
  private func body(_ markdown: String, _ rawHTML: RawHTML = .filtered) throws -> String {
    try proseBody(markdown, rawHTML: rawHTML)
  }

  private func filter(_ html: String) -> String {
    String(decoding: RawHTMLFilter.filter(Array(html.utf8)), as: UTF8.self)
  }

  /// GFM 0.29's tag filter example, through the whole renderer.
  func testGFMTagFilterExample() throws {
    let markdown =
      "<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n"
    XCTAssertEqual(
      try body(markdown),
      "<p><strong> &lt;title> &lt;style> <em></p>\n<blockquote>\n  &lt;xmp> is disallowed.  &lt;XMP> is also disallowed.\n</blockquote>\n"
    )
    XCTAssertEqual(
      try body(markdown, .allowed),
      "<p><strong> <title> <style> <em></p>\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n"
    )
  }

  func testScriptsEventsAndOtherPagesAreNeutralised() {
    let cases: [(String, String)] = [
      ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
      ("<ScRiPt src=x>", "&lt;ScRiPt src=x>"),
      ("<iframe src=\"https://x.example\"></iframe>", "&lt;iframe src=\"https://x.example\">&lt;/iframe>"),
      ("<img src=\"a.png\" onerror=\"alert(1)\" alt=x>", "<img src=\"a.png\" alt=x>"),
      ("<svg onload=alert(1)><circle/></svg>", "<svg><circle/></svg>"),
      ("<div ONCLICK='x()' class=\"c\">", "<div class=\"c\">"),
      ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
      ("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
      ("<a href=\"java&#x09;script:alert(1)\">x</a>", "<a>x</a>"),
      ("<a href='vbscript:x'>x</a>", "<a>x</a>"),
      ("<a href=\"https://example.org/?a=1&amp;b=2\">x</a>", "<a href=\"https://example.org/?a=1&amp;b=2\">x</a>"),
      ("<img src=\"data:image/png;base64,AAAA\">", "<img src=\"data:image/png;base64,AAAA\">"),
      ("<object data=\"data:text/html,<script>\">", "&lt;object data=\"data:text/html,&lt;script>\">"),
      ("<form action=\"javascript:x\"><button formaction=javascript:y>", "<form><button>"),
      ("<img src=x onerror=alert(1)", "<img src=x"),
      ("<div title=\"open\n", "&lt;div title=\"open\n"),
      ("<a href=\"&#106;avascript:x\">x</a>", "<a>x</a>"),
      ("<a href=\"javascript&colon;x\">x</a>", "<a>x</a>"),
      ("<a href=\"&ouml;.html\">x</a>", "<a href=\"&ouml;.html\">x</a>"),
      ("<a  /></foo >", "<a  /></foo >"),
      ("<!-- <script> -->", "<!-- &lt;script> -->"),
      ("a < b and <b>bold</b>", "a < b and <b>bold</b>"),
      (
        "<meta http-equiv=refresh content=\"0;url=https://x.example\">",
        "&lt;meta http-equiv=refresh content=\"0;url=https://x.example\">"
      ),
    ]
    for (raw, filtered) in cases { XCTAssertEqual(filter(raw), filtered, raw) }
  }

  func testMarkdownLinksToScriptAreDropped() throws {
    XCTAssertEqual(try body("[x](javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n")
    XCTAssertEqual(try body("[x](VBScript:alert(1))"), "<p><a href=\"\">x</a></p>\n")
    XCTAssertEqual(try body("[x](jav&#x09;ascript:alert(1))"), "<p><a href=\"\">x</a></p>\n")
    XCTAssertEqual(try body("[x](data:text/html,hi)"), "<p><a href=\"\">x</a></p>\n")
    XCTAssertEqual(
      try body("[x](data:image/png;base64,AAAA)"), "<p><a href=\"\">x</a></p>\n", "data: links are dropped")
    XCTAssertEqual(
      try body("![x](data:image/png;base64,AAAA)"), "<p><img src=\"data:image/png;base64,AAAA\" alt=\"x\" /></p>\n")
    XCTAssertEqual(try body("<javascript:alert(1)>"), "<p><a href=\"\">javascript:alert(1)</a></p>\n")
    XCTAssertEqual(try body("[x](https://example.org)"), "<p><a href=\"https://example.org\">x</a></p>\n")
    XCTAssertEqual(try body("[x](javascript:alert(1))", .allowed), "<p><a href=\"javascript:alert(1)\">x</a></p>\n")
  }
}
