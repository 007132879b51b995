import Figures
import LemmaExecution
import LemmaNotebook
import LemmaProtocol
import LemmaTestSupport
import XCTest

final class ExecutionTests: ExecutionTestCase {
  func testBlocksShareStateAndShowTablesAndInlineValues() throws {
    let (notebook, execution) = try execute(
      """
      ---
      params: { n: 4 }
      ---
      ```swift
      var squares: [Int] = []
      for i in 1...params.n { squares.append(i * i) }
      print("first block")
      ```

      The sum is `{swift} squares.reduce(0, +)`.

      ```swift
      var table = Table("i", "square")
      for (i, square) in squares.enumerated() { table.addRow(i + 1, square) }
      show(table)
      print(squares.count, terminator: "")
      ```
      """)
    let blocks = execution.outputs.blocks
    XCTAssertEqual(blocks.map(\.state), [.ran, .ran])
    XCTAssertEqual(blocks[0].items, [.text("first block\n")])
    guard case .record(.figure(.table(let table))) = blocks[1].items.first else {
      return XCTFail("expected a table, got \(blocks[1].items)")
    }
    XCTAssertEqual(table.rows.map { $0[1] }, [.int(1), .int(4), .int(9), .int(16)])
    XCTAssertEqual(blocks[1].items.last, .text("4"))
    XCTAssertEqual(execution.outputs.inlines.map(\.text), ["30"])
    XCTAssertTrue(execution.outputs.unallowedFailures(in: notebook).isEmpty)
  }

  func testParamsOverrideAndSeedReachTheProgramTyped() throws {
    let source = """
      ---
      seed: 9
      params: { n: 3, scale: 0.5, loud: false, name: "a b" }
      ---
      ```swift
      let n: Int = params.n
      let scale: Double = params.scale
      let loud: Bool = params.loud
      print(n, scale, loud, params.name, seed, Int.random(in: 0..<1_000_000, using: &rng))
      ```
      """
    let (_, first) = try execute(source, overrides: ["n": "7", "loud": "true"])
    guard case .text(let text) = first.outputs.blocks[0].items.first else { return XCTFail("no output") }
    XCTAssertTrue(text.hasPrefix("7 0.5 true a b 9 "), text)
    let (_, again) = try execute(source, overrides: ["n": "7", "loud": "true"])
    XCTAssertEqual(again.outputs.blocks, first.outputs.blocks, "same seed and params, same output")
    XCTAssertThrowsError(try execute(source, overrides: ["n": "many"])) { error in
      XCTAssertEqual((error as? NotebookError)?.location?.line, 3)
    }
  }

  func testCompileErrorIsReportedAtTheNotebookLineAndColumn() throws {
    let (notebook, execution) = try execute(
      """
      # Title

      Prose that moves the block down.

      ```swift
      let a = 1
      let b = a + undefinedName
      ```

      ```swift
      print(a)
      ```
      """)
    let blocks = execution.outputs.blocks
    XCTAssertEqual(blocks.map(\.state), [.failed, .notRun])
    XCTAssertEqual(failureLocation(notebook, blocks[0]), SourceLocation(line: 7, column: 13))
    XCTAssertEqual(blocks[0].failures.first?.kind, .compileError)
    XCTAssertEqual(blocks[0].failures.first?.message, "cannot find 'undefinedName' in scope")
  }

  func testEachTrapIsReportedAtItsLineKeepingEarlierOutput() throws {
    let traps = [
      ("fatalError(\"boom\")", "Fatal error: boom", 6),
      ("let o: Int? = nil\nprint(o!)", "Fatal error: Unexpectedly found nil while unwrapping an Optional value", 7),
      ("let xs = [1, 2]\nprint(xs[5])", "Fatal error: Index out of range", 7),
    ]
    for (code, message, line) in traps {
      let (notebook, execution) = try execute(
        "```swift\nprint(\"earlier\")\n```\n```swift\nprint(\"before\")\n\(code)\n```\n```swift\nprint(\"later\")\n```\n"
      )
      let blocks = execution.outputs.blocks
      XCTAssertEqual(blocks.map(\.state), [.ran, .failed, .notRun], code)
      XCTAssertEqual(blocks[0].items, [.text("earlier\n")], code)
      XCTAssertEqual(blocks[1].items, [.text("before\n")], code)
      XCTAssertEqual(blocks[1].failures.first?.kind, .crash, code)
      XCTAssertEqual(blocks[1].failures.first?.message, message, code)
      XCTAssertEqual(failureLocation(notebook, blocks[1])?.line, line, code)
      XCTAssertEqual(execution.outputs.unallowedFailures(in: notebook).count, 1, code)
    }
  }

  func testInfiniteLoopIsKilledAtItsTimeoutWithItsChildProcess() throws {
    let (notebook, execution) = try execute(
      """
      ---
      timeout: 1.5
      ---
      ```swift
      \(startSleepingChild)
      print(child.processIdentifier)
      while true {}
      ```
      """)
    let block = execution.outputs.blocks[0]
    XCTAssertEqual(block.state, .failed)
    XCTAssertEqual(block.failures.first?.kind, .timeout)
    XCTAssertEqual(failureLocation(notebook, block)?.line, 5)
    guard case .text(let text) = block.items.first, let pid = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return XCTFail("the child's pid was not printed: \(block.items)") }
    XCTAssertFalse(isRunning(Int32(pid)), "the child process \(pid) outlived the timeout")
  }

  func testErrorTrueLetsAFailureThroughAndLaterBlocksRun() throws {
    let (notebook, execution) = try execute(
      """
      ```swift
      var log = ["start"]
      ```

      ```swift
      //| error: true
      log.append("partial")
      print("about to trap")
      let xs: [Int] = []
      print(xs[1])
      ```

      ```swift
      //| error: true
      let broken: Int = "not a number"
      ```

      ```swift
      print(log)
      ```

      Log size: `{swift} log.count`.
      """)
    let blocks = execution.outputs.blocks
    XCTAssertEqual(blocks.map(\.state), [.ran, .failed, .failed, .ran])
    XCTAssertEqual(blocks[1].items, [.text("about to trap\n")])
    XCTAssertEqual(blocks[1].failures.first?.message, "Fatal error: Index out of range")
    XCTAssertEqual(failureLocation(notebook, blocks[1])?.line, 10)
    XCTAssertEqual(blocks[2].failures.first?.kind, .compileError)
    XCTAssertEqual(failureLocation(notebook, blocks[2])?.line, 15)
    XCTAssertEqual(blocks[3].items, [.text("[\"start\"]\n")], "the failed block is dropped, not half-applied")
    XCTAssertEqual(execution.outputs.inlines.first?.text, "1")
    XCTAssertTrue(execution.outputs.unallowedFailures(in: notebook).isEmpty)
  }

  func testInlineExpressionUsingALaterDeclarationIsAnError() throws {
    let (notebook, execution) = try execute(
      """
      Too early: `{swift} total`.

      ```swift
      let total = 5
      ```

      In time: `{swift} total + 1`.
      """)
    let failure = try XCTUnwrap(execution.outputs.inlines[0].failure)
    XCTAssertTrue(failure.message.hasPrefix("`total` is declared at line 4"), failure.message)
    XCTAssertEqual(failure.location.flatMap(notebook.sourceLocation(of:)), SourceLocation(line: 1, column: 21))
    XCTAssertEqual(execution.outputs.inlines[1].text, "6")
    XCTAssertEqual(execution.outputs.blocks.map(\.state), [.ran])
  }

  func testInlineCompileErrorIsDroppedAndReportedAtItsColumn() throws {
    let (notebook, execution) = try execute(
      """
      ```swift
      let x = 2
      ```

      Value: `{swift} x + missing` and `{swift} x * 10`.
      """)
    let failure = try XCTUnwrap(execution.outputs.inlines[0].failure)
    XCTAssertEqual(failure.kind, .compileError)
    XCTAssertEqual(failure.location.flatMap(notebook.sourceLocation(of:)), SourceLocation(line: 5, column: 21))
    XCTAssertEqual(execution.outputs.inlines[1].text, "20")
    XCTAssertEqual(execution.outputs.unallowedFailures(in: notebook).count, 1)
  }

  func testClaimsPassAndFailAtTheirLines() throws {
    let (notebook, execution) = try execute(
      """
      ```swift
      claim("close enough", 2497.0, equals: 2500, tolerance: .relative(0.01))
      claim("too far", 2400.0, equals: 2500, tolerance: .absolute(50))
      claim("holds", 1 < 2)
      ```
      """)
    let block = execution.outputs.blocks[0]
    let claims = block.items.compactMap { item -> Claim? in
      if case .record(.claim(let claim)) = item { claim } else { nil }
    }
    XCTAssertEqual(claims.map(\.passed), [true, false, true])
    XCTAssertEqual(block.failures.count, 1)
    XCTAssertEqual(block.failures.first?.kind, .claim)
    XCTAssertEqual(block.failures.first.flatMap { $0.location }.flatMap(notebook.sourceLocation(of:))?.line, 3)
    XCTAssertEqual(execution.outputs.unallowedFailures(in: notebook).count, 1)
  }

  func testAFailedClaimInAnErrorTrueBlockDoesNotFailTheNotebook() throws {
    let (notebook, execution) = try execute("```swift\n//| error: true\nclaim(\"no\", false)\n```\n")
    XCTAssertEqual(execution.outputs.blocks[0].failures.count, 1)
    XCTAssertTrue(execution.outputs.unallowedFailures(in: notebook).isEmpty)
  }

  /// Swift would compile these and read the later global as 0; Lemma reports the use instead.
  func testABlockUsingALaterBlocksNameIsAnErrorAtTheUse() throws {
    for (code, column) in [("print(later)", 7), ("func report() { print(later) }\nreport()", 23)] {
      let (notebook, execution) = try execute("```swift\n\(code)\n```\n\n```swift\nlet later = 42\n```\n")
      let failure = try XCTUnwrap(execution.outputs.blocks[0].failures.first, code)
      XCTAssertEqual(failureLocation(notebook, execution.outputs.blocks[0]), SourceLocation(line: 2, column: column))
      let declarationLine = 5 + code.split(separator: "\n").count
      XCTAssertTrue(
        failure.message.hasPrefix("`later` is declared at line \(declarationLine), in a later block"), failure.message)
      XCTAssertEqual(execution.outputs.blocks[1].state, .notRun)
    }
  }

  /// A loop variable, a local type and an extension share names or scope rules with later
  /// blocks without being early uses.
  func testLocalsNamedLikeLaterDeclarationsAreFine() throws {
    let (notebook, execution) = try execute(
      """
      ```swift
      var total = 0
      for i in 0..<3 { total += i }
      print(total)
      ```

      ```swift
      let i = 7
      struct Point { var x: Int }
      extension Point { var doubled: Int { x * 2 } }
      print(i, Point(x: i).doubled)
      ```
      """)
    XCTAssertTrue(execution.outputs.unallowedFailures(in: notebook).isEmpty)
    XCTAssertEqual(execution.outputs.blocks.map(\.items), [[.text("3\n")], [.text("7 14\n")]])
  }

  func testProgressLinesArriveWhileTheProgramRunsAndStayOutOfTheReport() throws {
    let notebook = try notebook(
      """
      ```swift
      for step in 1...3 { progress("training", step: step, of: 3) }
      progress("waiting", step: 0, of: 1)
      usleep(300_000)
      print("done")
      ```
      """)
    let lines = LineCollector()
    let execution = try executor().execute(notebook) { line in lines.append(line) }
    // Step 2 comes within five seconds of step 1, so it is skipped; the last step always shows.
    XCTAssertEqual(
      lines.values.map(\.text),
      ["training: step 1 of 3 (33%)", "training: step 3 of 3 (100%)", "waiting: step 0 of 1 (0%)"])
    // "waiting" arrived while the program still slept: it was passed on live, not at the end.
    XCTAssertLessThan(lines.values[2].time + 0.2, Date().timeIntervalSince1970)
    XCTAssertEqual(execution.outputs.blocks[0].items, [.text("done\n")])
  }

  /// OpenBLAS is loaded the first time a program multiplies matrices, and libcrypto the first
  /// time it takes a digest of more than 256 KiB (a data file it reads), not when it starts:
  /// shorter inputs are hashed in Swift.
  func testOpenBLASAndLibcryptoAreLoadedOnlyWhenAProgramFirstNeedsThem() throws {
    let data = cacheDirectory + "/data.txt"
    try Data("read me".utf8).write(to: URL(fileURLWithPath: data))
    let large = cacheDirectory + "/large.txt"
    try Data(repeating: UInt8(ascii: "x"), count: 300 << 10).write(to: URL(fileURLWithPath: large))
    let (_, execution) = try execute(
      """
      ```swift
      import Foundation
      func loaded(_ name: String) -> Bool {
        (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8))?.contains(name) == true
      }
      print("at start:", loaded("openblas"), loaded("libcrypto"))
      ```

      ```swift
      let product = Matrix<Double>([[1, 2], [3, 4]]) * Matrix<Double>([[5], [6]])
      print(product[0, 0], product[1, 0], "then:", loaded("openblas"), loaded("libcrypto"))
      print(readText("\(data)"), "then:", loaded("libcrypto"))
      print(readText("\(large)").count, "then:", loaded("libcrypto"))
      ```
      """)
    XCTAssertEqual(
      execution.outputs.blocks.flatMap(\.items),
      [
        .text("at start: false false\n"),
        .text("17.0 39.0 then: true false\nread me then: false\n307200 then: true\n"),
      ])
  }
}

/// Lines handed over from another thread, with the time each arrived.
private final class LineCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [(text: String, time: Double)] = []

  func append(_ line: String) {
    lock.lock()
    stored.append((line, Date().timeIntervalSince1970))
    lock.unlock()
  }

  var values: [(text: String, time: Double)] {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}
