import LemmaNotebook
import LemmaTestSupport
import XCTest

/// The one door for notebook text: line endings, byte-order marks, NUL and invalid UTF-8.
final class SourceTextTests: XCTestCase {
  private let fixtures = testDirectory() + "/Fixtures"

  func testLineEndingsBecomeLineFeeds() throws {
    XCTAssertEqual(try SourceText(bytes: Array("a\r\nb\rc\n\r\n".utf8), path: "n.md").text, "a\nb\nc\n\n")
    XCTAssertEqual(try SourceText(bytes: Array("\r\r\n\n".utf8), path: "n.md").text, "\n\n\n")
    XCTAssertEqual(try SourceText(bytes: Array("no ending".utf8), path: "n.md").text, "no ending")
  }

  func testByteOrderMarkIsDropped() throws {
    XCTAssertEqual(try SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("---\n".utf8), path: "n.md").text, "---\n")
    // Only a leading one: a BOM later in the text is an ordinary (zero-width) character.
    XCTAssertEqual(try SourceText("a\u{FEFF}b", path: "n.md").text, "a\u{FEFF}b")
  }

  func testNulByteIsAnErrorAtItsLineAndColumn() {
    XCTAssertEqual(
      error(Array("one\r\ntwo\rth".utf8) + [0] + Array("ree\n".utf8))?.headline,
      "n.md:3:3: error: the notebook contains a NUL byte")
  }

  func testInvalidUTF8IsAnErrorAtItsLineAndColumn() {
    // A lone continuation byte, an overlong encoding, a surrogate, a truncated sequence.
    let cases: [([UInt8], Int)] = [([0x80], 3), ([0xC0, 0xAF], 3), ([0xED, 0xA0, 0x80], 3), ([0xE2, 0x82], 3)]
    for (bytes, column) in cases {
      let problem = error(Array("a\r\nb\rxy".utf8) + bytes + Array("\n".utf8))
      XCTAssertEqual(problem?.location, SourceLocation(line: 3, column: column), "\(bytes)")
      XCTAssertEqual(problem?.message.hasPrefix("the notebook is not valid UTF-8 text"), true)
    }
    XCTAssertEqual(try SourceText(bytes: Array("é€😀".utf8), path: "n.md").text, "é€😀")
  }

  /// The same notebook saved with LF, CRLF, CR and a BOM parses to the same tree.
  func testNotebookParsesTheSameWhateverItsLineEndings() throws {
    let text = try String(contentsOfFile: fixtures + "/rich.md", encoding: .utf8)
    let expected = try NotebookParser().parse(source: text, path: "rich.md").dump()
    let variants = [
      Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8),
      Array(text.replacingOccurrences(of: "\n", with: "\r").utf8),
      [0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8),
    ]
    for bytes in variants {
      XCTAssertEqual(try NotebookParser().parse(Data(bytes), path: "rich.md").dump(), expected)
    }
  }

  /// Inline expressions on CRLF lines used to crash the parser (index out of range).
  func testInlineExpressionsOnWindowsLinesKeepTheirColumns() throws {
    let notebook = try NotebookParser().parse(
      Data("```swift\r\nlet x = 1\r\n```\r\n\r\nx is `{swift} x`\r\nand `{swift} x + 1`.\r\n".utf8), path: "n.md")
    XCTAssertEqual(notebook.inlineExpressions.map(\.expression), ["x", "x + 1"])
    XCTAssertEqual(notebook.inlineExpressions[1].spanStart, SourceLocation(line: 6, column: 5))
    XCTAssertEqual(notebook.inlineExpressions[1].spanEnd, SourceLocation(line: 6, column: 20))
  }

  func testMessagesNameWhatKindOfFileWasRead() {
    XCTAssertThrowsError(try SourceText(bytes: [0x61, 0], path: "lemma.yml", what: "file")) { error in
      XCTAssertEqual((error as? NotebookError)?.headline, "lemma.yml:1:2: error: the file contains a NUL byte")
    }
  }

  private func error(_ bytes: [UInt8]) -> NotebookError? {
    do {
      _ = try SourceText(bytes: bytes, path: "n.md")
      XCTFail("expected an error")
      return nil
    } catch {
      return error
    }
  }
}
