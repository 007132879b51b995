import Foundation
import LemmaExecution
import LemmaNotebook
import LemmaProtocol
import LemmaTestSupport
import XCTest

/// `readText`, `readData` and `readCSV` in real programs: what they return, the reads they
/// report (with each file's SHA-256), and the located errors for files they cannot use.
final class DataReadTests: ExecutionTestCase {
  private var folder = ""

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = temporaryDirectory(self)
    try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
  }

  private func write(_ bytes: [UInt8], _ name: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
  }

  private func run(_ code: String) throws -> (Notebook, Execution) {
    let notebook = try notebook("# Reads\n\n```swift\n\(code)\n```\n", path: folder + "/reads.md")
    return (notebook, try executor().execute(notebook))
  }

  private func printed(_ execution: Execution) -> String {
    execution.outputs.blocks.first?.items.compactMap { item -> String? in
      if case .text(let text) = item { text } else { nil }
    }.joined() ?? ""
  }

  func testCSVColumnsAreTypedAndEveryReadIsReportedWithItsHash() throws {
    // A byte-order mark, Windows line endings, a quoted comma, an escaped quote, a line break
    // inside quotes, a blank line and a missing number.
    let csv = Array(
      "\u{FEFF}day,close,note\r\n1,10.5,\"up, a bit\"\r\n\r\n2,,\"said \"\"hold\"\"\"\r\n3,1e2,\"two\nlines\"\r\n".utf8)
    try write(csv, "data/prices.csv")
    try write([0, 1, 255], "data/raw.bin")
    let (_, execution) = try run(
      """
      let table = readCSV("data/prices.csv")
      print(table.columnNames, table.rowCount)
      print(table.integers("day"), table.numbers("day"), table.numbers("close"))
      print(table.texts("note"))
      if case .texts = table.column("note").values { print("note is text") }
      print(readData("data/raw.bin"), readText("data/prices.csv").utf8.count)
      """)
    XCTAssertEqual(
      printed(execution),
      """
      ["day", "close", "note"] 3
      [1, 2, 3] [1.0, 2.0, 3.0] [10.5, nan, 100.0]
      ["up, a bit", "said \\"hold\\"", "two\\nlines"]
      note is text
      [0, 1, 255] \(csv.count)

      """)
    let csvHash = try sha256(csv)
    XCTAssertEqual(
      execution.outputs.reads,
      [
        FileRead(path: "data/prices.csv", sha256: csvHash),
        FileRead(path: "data/raw.bin", sha256: try sha256([0, 1, 255])),
      ], "each file once, in the order first read")
  }

  func testAFileThatCannotBeReadIsAnErrorAtTheLineThatReadsIt() throws {
    let (notebook, execution) = try run("print(\"before\")\nlet table = readCSV(\"data/none.csv\")")
    let block = execution.outputs.blocks[0]
    XCTAssertEqual(block.state, .failed)
    XCTAssertTrue(
      block.failures[0].message.contains("cannot read `data/none.csv`: No such file or directory"),
      block.failures[0].message)
    XCTAssertEqual(failureLocation(notebook, block), SourceLocation(line: 5, column: 13))
    XCTAssertEqual(execution.outputs.reads, [FileRead(path: "data/none.csv", sha256: "missing")])
  }

  func testCSVThatIsNotWellFormedOrTextThatIsNotUTF8IsALocatedError() throws {
    try write(Array("a,b\n1,2\n3,4,5\n".utf8), "data/ragged.csv")
    try write(Array("ok\n".utf8) + [0xC3, 0x28], "data/latin.txt")
    try write(Array("a,a\n1,2\n".utf8), "data/twice.csv")
    try write(Array("n\n1\nx\n".utf8), "data/mixed.csv")
    let cases: [(code: String, message: String, column: Int)] = [
      ("_ = readCSV(\"data/ragged.csv\")", "record 2 after the header has 3 fields; the header has 2", 5),
      ("_ = readText(\"data/latin.txt\")", "`data/latin.txt` is not UTF-8 text (line 2)", 5),
      ("_ = readCSV(\"data/twice.csv\")", "two columns are named `a`", 5),
      ("_ = readCSV(\"data/mixed.csv\").numbers(\"n\")", "record 2 holds `x`, not a number", 31),
      ("_ = readCSV(\"data/mixed.csv\").texts(\"m\")", "`data/mixed.csv` has no column `m`; its columns are `n`", 31),
    ]
    for (code, message, column) in cases {
      let (notebook, execution) = try run(code)
      let block = execution.outputs.blocks[0]
      XCTAssertTrue(block.failures.first?.message.contains(message) == true, "\(code): \(block.failures)")
      XCTAssertEqual(failureLocation(notebook, block), SourceLocation(line: 4, column: column), code)
    }
  }

  /// The SHA-256 of `bytes` from coreutils' `sha256sum`: an oracle apart from Lemma's own SHA-256.
  private func sha256(_ bytes: [UInt8]) throws -> String {
    let path = folder + "/hash-me"
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try runToEnd("/usr/bin/sha256sum", [path], in: folder)
    XCTAssertEqual(run.status, 0, run.stderr)
    return String(run.stdout.prefix(64))
  }
}
