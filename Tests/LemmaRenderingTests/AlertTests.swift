import LemmaExecution
import LemmaNotebook
import XCTest

@testable import LemmaRendering

/// GitHub-style alerts as callouts in the HTML report; other blockquotes stay blockquotes.
final class AlertTests: XCTestCase {
  private func report(_ markdown: String) throws -> Report { try proseReport(markdown) }

  private func body(_ markdown: String) throws -> String { try proseBody(markdown) }

  func testEachKindIsACalloutWithItsTitle() throws {
    for kind in Alert.Kind.allCases {
      XCTAssertEqual(
        try body("> [!\(kind.rawValue.uppercased())]\n> Mind the *units*.\n"),
        "<div class=\"alert alert-\(kind.rawValue)\" role=\"note\">\n<p class=\"alert-title\">\(kind.title)</p>\n"
          + "<p>Mind the <em>units</em>.</p>\n</div>\n")
    }
  }

  func testMarkerOnItsOwnParagraphAndMoreBlocks() throws {
    XCTAssertEqual(
      try body("> [!warning]\n>\n> First.\n>\n> - a\n"),
      "<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Warning</p>\n<p>First.</p>\n<ul>\n<li>a</li>\n</ul>\n</div>\n"
    )
  }

  func testOtherBlockquotesStayBlockquotes() throws {
    for markdown in ["> [!NOTE] inline text\n", "> [!FYI]\n> x\n", "> Just a quote.\n", "> x\n> [!NOTE]\n"] {
      XCTAssertTrue(try body(markdown).hasPrefix("<blockquote>\n"), markdown)
    }
  }

  func testOnlyPagesWithAlertsCarryTheirStyle() throws {
    XCTAssertTrue(HTMLRenderer().render(try report("> [!TIP]\n> x\n")).contains(".alert-tip {"))
    XCTAssertFalse(HTMLRenderer().render(try report("> x\n")).contains(".alert"))
    XCTAssertTrue(MarkdownRenderer().render(try report("> [!TIP]\n> x\n")).contains("> [!TIP]\n> x"), "GFM keeps it")
  }
}
