import LemmaExecution
import LemmaNotebook
import XCTest

@testable import LemmaRendering

/// Task list items, as GFM 0.29's spec and cmark-gfm's extension tests show them.
final class TaskListTests: XCTestCase {
  private func body(_ markdown: String) throws -> String { try proseBody(markdown) }

  /// The two `tasklist` examples of gfm-spec-0.29-gfm.txt, exactly.
  func testSpecExamples() throws {
    XCTAssertEqual(
      try body("- [ ] foo\n- [x] bar\n"),
      "<ul>\n<li><input disabled=\"\" type=\"checkbox\"> foo</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> bar</li>\n</ul>\n"
    )
    XCTAssertEqual(
      try body("- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n"),
      "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> foo\n<ul>\n"
        + "<li><input disabled=\"\" type=\"checkbox\"> bar</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> baz</li>\n"
        + "</ul>\n</li>\n<li><input disabled=\"\" type=\"checkbox\"> bim</li>\n</ul>\n")
  }

  /// cmark-gfm's extension tests (gfm-extensions.txt) write the same element with its
  /// attributes in another order and self-closed: compared with that one difference undone.
  func testExtensionExamplesUpToAttributeOrder() throws {
    func cmarkGFM(_ html: String) -> String {
      html.replacingOccurrences(
        of: "<input checked=\"\" disabled=\"\" type=\"checkbox\">",
        with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />"
      )
      .replacingOccurrences(
        of: "<input disabled=\"\" type=\"checkbox\">", with: "<input type=\"checkbox\" disabled=\"\" />")
    }
    let regular = "\nShow a regular (non task) list to show that it has the same structure\n- [@] foo\n"
    for indent in ["  ", "    "] {
      let markdown =
        "- [x] foo\n\(indent)- [ ] bar\n\(indent)- [x] baz\n- [ ] bim\n" + regular
        + "\(indent)- [@] bar\n\(indent)- [@] baz\n- [@] bim\n"
      XCTAssertEqual(
        cmarkGFM(try body(markdown)),
        "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> foo\n<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> bar</li>\n"
          + "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> baz</li>\n</ul>\n</li>\n"
          + "<li><input type=\"checkbox\" disabled=\"\" /> bim</li>\n</ul>\n"
          + "<p>Show a regular (non task) list to show that it has the same structure</p>\n"
          + "<ul>\n<li>[@] foo\n<ul>\n<li>[@] bar</li>\n<li>[@] baz</li>\n</ul>\n</li>\n<li>[@] bim</li>\n</ul>\n")
    }
  }

  func testOnlyAMarkerFollowedBySpaceCounts() throws {
    XCTAssertEqual(try body("- [ ]\n"), "<ul>\n<li>[ ]</li>\n</ul>\n")
    XCTAssertEqual(try body("- [ ]foo\n"), "<ul>\n<li>[ ]foo</li>\n</ul>\n")
    XCTAssertEqual(try body("[ ] not in a list\n"), "<p>[ ] not in a list</p>\n")
    XCTAssertEqual(
      try body("1. [X] done\n\n2. [ ] open\n"),
      "<ol>\n<li>\n<p><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</p>\n</li>\n<li>\n<p><input disabled=\"\" type=\"checkbox\"> open</p>\n</li>\n</ol>\n"
    )
  }
}
