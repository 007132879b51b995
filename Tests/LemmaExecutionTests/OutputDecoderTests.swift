import Figures
import LemmaExecution
import LemmaProtocol
import XCTest

final class OutputDecoderTests: XCTestCase {
  private let nonce = "abc123"

  private func frame(_ frame: Frame) -> String { frame.line(nonce: nonce) }

  func testTextAndRecordsAreSplitByBlockInOrder() {
    let table = Table(columns: ["a"], rows: [[1]])
    let stdout =
      frame(.begin(block: 0)) + "one\n" + frame(.record(.figure(.table(table)))) + "two\n"
      + frame(.inline(index: 0, text: "42")) + frame(.begin(block: 2)) + "three\n" + frame(.end)
    let decoded = OutputDecoder(nonce: nonce).decode(stdout: Array(stdout.utf8), stderr: [])
    XCTAssertEqual(decoded.items[0], [.text("one\n"), .record(.figure(.table(table))), .text("two\n")])
    XCTAssertEqual(decoded.items[2], [.text("three\n")])
    XCTAssertEqual(decoded.inlines, [0: "42"])
    XCTAssertEqual(decoded.begun, [0, 2])
    XCTAssertTrue(decoded.finished)
  }

  func testMarkerAfterAPartialLineStillFrames() {
    let stdout = frame(.begin(block: 0)) + "no newline" + frame(.begin(block: 1)) + "next\n"
    let decoded = OutputDecoder(nonce: nonce).decode(stdout: Array(stdout.utf8), stderr: [])
    XCTAssertEqual(decoded.items[0], [.text("no newline")])
    XCTAssertEqual(decoded.items[1], [.text("next\n")])
    XCTAssertFalse(decoded.finished)
  }

  func testPrintedTextCannotForgeAFrameWithoutTheNonce() {
    let forged = "\u{1E}guess END\n\u{1E}abc12 BEGIN 5\n"
    let stdout = frame(.begin(block: 0)) + forged
    let decoded = OutputDecoder(nonce: nonce).decode(stdout: Array(stdout.utf8), stderr: [])
    XCTAssertEqual(decoded.items[0], [.text(forged)])
    XCTAssertFalse(decoded.finished)
    XCTAssertEqual(decoded.begun, [0])
  }

  func testStderrIsSplitByTheSameBeginFrames() {
    let stderr = frame(.begin(block: 0)) + "warn 0\n" + frame(.begin(block: 1)) + "warn 1\n"
    let decoded = OutputDecoder(nonce: nonce).decode(
      stdout: Array(frame(.begin(block: 0)).utf8), stderr: Array(stderr.utf8))
    XCTAssertEqual(decoded.stderr, [0: "warn 0\n", 1: "warn 1\n"])
  }
}
