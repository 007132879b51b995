import Figures
import LemmaNotebook
import LemmaProtocol
import XCTest

@testable import LemmaExecution

/// A block that prints without end is cut to its first and last lines, in the report and the
/// cache, and the notebook still renders.
final class FloodTests: ExecutionTestCase {
  private let small = CappedText.Limits(headLines: 3, tailLines: 2, lineBytes: 10, headBytes: 1000)

  func testTextKeepsItsHeadAndTailWithANoteOfWhatWasLeftOut() {
    var text = CappedText(limits: small)
    let lines = (1...10).map { "line \($0)\n" }.joined()
    // Fed in uneven pieces: lines continue across calls.
    let bytes = Array(lines.utf8)
    for start in stride(from: 0, to: bytes.count, by: 7) { text.append(bytes[start..<min(start + 7, bytes.count)]) }
    XCTAssertEqual(
      text.take(),
      "line 1\nline 2\nline 3\n… 5 lines left out (the first 3 and last 2 are kept) …\n"
        + "line 9\nline 10\n")
    XCTAssertTrue(text.isEmpty)
  }

  func testALongLineKeepsItsStart() {
    var text = CappedText(limits: small)
    text.append(Array("0123456789abcdef\nshort".utf8)[...])
    XCTAssertEqual(text.take(), "0123456789 … (6 more bytes on this line)\nshort")
  }

  func testFiguresAndClaimsKeepTheirPlaceInAFlood() {
    let nonce = "n0"
    let table = Table(columns: ["a"], rows: [[1]])
    let claim = Claim(label: "c", holds: true, file: "cell-0", line: 3)
    var stream = Frame.begin(block: 0).line(nonce: nonce)
    stream += (1...10).map { "a\($0)\n" }.joined()
    stream += Frame.record(.figure(.table(table))).line(nonce: nonce)
    stream += (1...10).map { "b\($0)\n" }.joined()
    stream += Frame.record(.claim(claim)).line(nonce: nonce) + Frame.end.line(nonce: nonce)
    var decoder = OutputDecoder(nonce: nonce, limits: small)
    let bytes = Array(stream.utf8)
    for start in stride(from: 0, to: bytes.count, by: 5) {
      decoder.feed(stdout: bytes[start..<min(start + 5, bytes.count)])
    }
    let decoded = decoder.finish()
    let note = { (count: Int) in
      "… \(count) lines left out (the first 3 and last 2 are kept) …\n"
    }
    XCTAssertEqual(
      decoded.items[0],
      [
        .text("a1\na2\na3\n" + note(5) + "a9\na10\n"), .record(.figure(.table(table))),
        .text(note(8) + "b9\nb10\n"), .record(.claim(claim)),
      ])
    XCTAssertTrue(decoded.finished)
  }

  func testAFrameSplitAcrossManyChunksIsDecoded() {
    let nonce = "n1"
    let table = Table(columns: ["x"], rows: (0..<2000).map { [$0] })
    let stream = Array(
      (Frame.begin(block: 0).line(nonce: nonce) + Frame.record(.figure(.table(table))).line(nonce: nonce)).utf8)
    var decoder = OutputDecoder(nonce: nonce)
    for start in stride(from: 0, to: stream.count, by: 3) {
      decoder.feed(stdout: stream[start..<min(start + 3, stream.count)])
    }
    XCTAssertEqual(decoder.finish().items[0], [.record(.figure(.table(table)))])
  }

  /// Two million lines, then a table and a claim: the block keeps 2,200 lines and both records.
  func testTwoMillionPrintedLinesAreCutAndTheNotebookStillRenders() throws {
    let (_, execution) = try execute(
      """
      ```swift
      for i in 0..<2_000_000 { print("line", i) }
      show(Table(columns: ["n"], rows: [[1]]))
      claim("after the flood", true)
      ```
      """)
    let block = execution.outputs.blocks[0]
    XCTAssertEqual(block.state, .ran)
    guard case .text(let text) = block.items.first else { return XCTFail("no text: \(block.items.prefix(1))") }
    let lines = text.split(separator: "\n")
    XCTAssertEqual(lines.count, 2_201)
    XCTAssertEqual(lines.first, "line 0")
    XCTAssertEqual(lines[2_000].hasPrefix("… 1997800 lines left out"), true, String(lines[2_000]))
    XCTAssertEqual(lines.last, "line 1999999")
    XCTAssertEqual(block.items.count, 3)
    // What the cache stores is the cut text too.
    let cached = try executor().execute(
      try notebook(
        """
        ```swift
        for i in 0..<2_000_000 { print("line", i) }
        show(Table(columns: ["n"], rows: [[1]]))
        claim("after the flood", true)
        ```
        """))
    XCTAssertEqual(cached.source, .cached)
    XCTAssertEqual(cached.outputs, execution.outputs)
  }

  /// A program that prints one endless line is cut too, and stopped at its time limit.
  func testAnEndlessLineIsCutAtItsTimeLimit() throws {
    let (_, execution) = try execute(
      """
      ---
      timeout: 2
      ---
      ```swift
      while true { print("x", terminator: "") }
      ```
      """)
    let block = execution.outputs.blocks[0]
    XCTAssertEqual(block.failures.first?.kind, .timeout)
    guard case .text(let text) = block.items.first else { return XCTFail("no text") }
    XCTAssertLessThan(text.utf8.count, 1_000_000)
  }

  /// A tool run for its result (the compiler) that prints without end: the result keeps the
  /// first `keptBytes` of each stream and the rest is read and dropped, so the tool still ends.
  func testAToolThatPrintsFortyMegabytesKeepsTheFirstSixteen() throws {
    let result = try ProcessRunner().run(
      "/bin/sh", arguments: ["-c", "head -c 40000000 /dev/zero; head -c 20000000 /dev/zero >&2; echo done >&2"],
      timeout: 60)
    XCTAssertEqual(result.termination, .exited(0))
    XCTAssertEqual(result.stdout.count, ProcessRunner.keptBytes)
    XCTAssertEqual(result.stderr.count, ProcessRunner.keptBytes)
    XCTAssertLessThan(ProcessRunner.keptBytes, 20_000_000, "both streams wrote more than is kept")
  }
}
