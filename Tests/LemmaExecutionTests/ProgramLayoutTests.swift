import LemmaExecution
import LemmaNotebook
import LemmaTestSupport
import XCTest

/// The two program layouts (`ProgramGenerator`): globals and functions where blocks allow it,
/// `main.swift`'s top-level code where they do not. Both must run notebooks the same way.
final class ProgramLayoutTests: ExecutionTestCase {
  private func texts(_ output: BlockOutput) -> String {
    output.items.compactMap { item -> String? in
      if case .text(let text) = item { text } else { nil }
    }.joined()
  }

  func testInterleavedStatementsAndDeclarationsRunInTheBlocksOrder() throws {
    let source = """
      ```swift
      print("start")
      var n = 1
      n += 1; print("n is", n)
      let m = n * 10
      func twice(_ x: Int) -> Int { 2 * x }
      struct Reader { func value() -> Int { m + n } }
      print(twice(m))
      let late = { () -> Int in print("late set"); return m + 1 }()
      print(late)
      ```

      Inline: `{swift} Reader().value()`.

      ```swift
      let _ = print("wildcard runs")
      n = 100
      print(Reader().value(), twice(late))
      ```
      """
    let notebook = try notebook(source)
    XCTAssertEqual(ProgramGenerator().generate(notebook).entry, .mainType)
    let execution = try executor().execute(notebook)
    let blocks = execution.outputs.blocks
    XCTAssertEqual(blocks.map(\.state), [.ran, .ran])
    XCTAssertEqual(texts(blocks[0]), "start\nn is 2\n40\nlate set\n21\n")
    XCTAssertEqual(execution.outputs.inlines.map(\.text), ["22"])
    XCTAssertEqual(texts(blocks[1]), "wildcard runs\n120 42\n")
  }

  func testBlocksTheGlobalLayoutCannotCarryRunAsTopLevelCode() throws {
    let cases = [
      ("guard let x = Int(\"5\") else { fatalError() }", "print(x)", "5\n"),
      ("func f() throws -> Int { 3 }\nlet x = try f()", "print(x)", "3\n"),
      ("var x: Int\nx = 4", "print(x)", "4\n"),
    ]
    for (first, second, printed) in cases {
      let notebook = try notebook("```swift\n\(first)\n```\n\n```swift\n\(second)\n```\n")
      XCTAssertEqual(ProgramGenerator().generate(notebook).entry, .topLevelCode, first)
      let execution = try executor().execute(notebook)
      XCTAssertEqual(execution.outputs.blocks.map(\.state), [.ran, .ran], first)
      XCTAssertEqual(texts(execution.outputs.blocks[1]), printed, first)
    }
  }

  func testATrapInAGlobalsValueOrALaterStatementIsAtItsLine() throws {
    let cases = [("let a = 1\nlet b = [1][a]", 2), ("let a = 1\nprint(a)\nlet c = 2\nprint([c][c])", 4)]
    for (code, line) in cases {
      let (notebook, execution) = try execute("```swift\nprint(\"before\")\n\(code)\n```\n")
      let block = execution.outputs.blocks[0]
      XCTAssertEqual(block.state, .failed, code)
      XCTAssertEqual(block.failures.first?.message, "Fatal error: Index out of range", code)
      XCTAssertEqual(failureLocation(notebook, block)?.line, line + 2, code)
    }
  }

  func testACompileErrorAfterAnotherItemOnItsLineKeepsItsColumn() throws {
    let (notebook, execution) = try execute("```swift\nlet a = 1; let b: String = a\n```\n")
    let block = execution.outputs.blocks[0]
    XCTAssertEqual(block.state, .failed)
    XCTAssertEqual(failureLocation(notebook, block), SourceLocation(line: 2, column: 28))
  }

  func testAMemoAfterStatementsOfItsBlockIsKeyedByThem() throws {
    func key(_ before: String) throws -> [String: String] {
      let notebook = try notebook("```swift\n\(before)\nlet r = memo(\"r\") { 2 }\nprint(r)\n```\n")
      return try executor().plan(notebook).memoKeys
    }
    let plain = try key("print(1)")
    XCTAssertEqual(plain.count, 1)
    XCTAssertNotEqual(plain, try key("print(2)"), "a statement before the memo is part of its key")
    XCTAssertEqual(plain, try key("print(1)"))
  }
}

/// A program is cut into files compiled at once: a large one on every core, any one on the cores
/// a compile is given.
final class SplitCompileTests: ExecutionTestCase {
  /// 100 small blocks (two files on two cores): the first imports Foundation, the last uses it.
  private func largeNotebook(lastBlock: String) -> String {
    var source = "```swift\nimport Foundation\nvar total = 0.0\n```\n\n"
    for index in 1..<99 { source += "```swift\nlet v\(index) = \(index)\ntotal += Double(v\(index))\n```\n\n" }
    return source + "```swift\n\(lastBlock)\n```\n\nTotal: `{swift} total`.\n"
  }

  func testALargeProgramCompiledAsSeveralFilesRunsAsOne() throws {
    try XCTSkipIf(ProcessInfo.processInfo.activeProcessorCount < 2, "needs two cores to split")
    let notebook = try notebook(largeNotebook(lastBlock: "print(Foundation.sqrt(total), v98)"))
    let program = ProgramGenerator().generate(notebook)
    XCTAssertEqual(program.splitPoints.count, 99)
    XCTAssertEqual(CompilerDriver.fileCount(program), 2)
    let execution = try executor().execute(notebook)
    XCTAssertEqual(execution.outputs.blocks.last?.items, [.text("69.6491205974634 98\n")])
    XCTAssertEqual(execution.outputs.inlines.map(\.text), ["4851"])
    let parts = try FileManager.default.subpathsOfDirectory(atPath: cacheDirectory + "/build").filter {
      $0.hasSuffix("part-2.swift")
    }
    XCTAssertEqual(parts.count, 1, "the program was compiled as two files")
  }

  func testAnErrorInALaterFileIsAtItsNotebookLine() throws {
    try XCTSkipIf(ProcessInfo.processInfo.activeProcessorCount < 2, "needs two cores to split")
    let source = largeNotebook(lastBlock: "let wrong: String = v98")
    let notebook = try notebook(source)
    let execution = try executor().execute(notebook)
    let failed = try XCTUnwrap(execution.outputs.blocks.last)
    XCTAssertEqual(failed.state, .failed)
    XCTAssertEqual(failed.failures.count, 1)
    let line = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("let wrong") }
    XCTAssertEqual(failureLocation(notebook, failed), SourceLocation(line: line! + 1, column: 21))
  }

  /// A program is cut where its files come out about equal in size (a frontend's time follows
  /// its file's size), not after an equal count of blocks.
  func testAProgramIsCutIntoFilesOfAboutEqualSize() throws {
    let long = (1...40).map { "let value\($0) = \($0) * 2" }.joined(separator: "\n")
    let source = "```swift\n\(long)\n```\n" + (1...4).map { "\n```swift\nprint(\($0))\n```\n" }.joined()
    let program = ProgramGenerator().generate(try notebook(source))
    XCTAssertEqual(program.splitPoints.count, 4)
    let files = program.files(2)
    XCTAssertEqual(files.count, 2)
    XCTAssertTrue(files[0].contains("let value40"))
    XCTAssertFalse(files[0].contains("print(1)"), "the long first block is a file of its own")
    XCTAssertEqual(program.files(5).count, 5, "one block a file")
    XCTAssertEqual(program.files(5).dropFirst().map { $0.contains("print(") }, [true, true, true, true])
  }

  /// The runner (the inline expressions after the last block and the `@main` type) is compiled
  /// in the first file, with every block's imports, and counts there when the cuts are placed.
  func testTheRunnerIsCompiledInTheFirstFileWithEveryImport() throws {
    try XCTSkipIf(ProcessInfo.processInfo.activeProcessorCount < 2, "needs two cores to split")
    var source = "```swift\nvar total = 0.0\n```\n\n"
    for index in 1..<20 { source += "```swift\ntotal += \(index)\n```\n\n" }
    source += "```swift\nimport Foundation\n```\n\nRoot: `{swift} Foundation.sqrt(total)`.\n"
    let notebook = try notebook(source)
    let program = ProgramGenerator().generate(notebook)
    let files = program.files(2)
    XCTAssertTrue(files[0].contains("@main enum") && files[0].contains("Foundation.sqrt(total)"))
    XCTAssertTrue(files[0].contains("import Foundation\n"), "the runner's file has the blocks' imports")
    XCTAssertFalse(files[1].contains("@main") || files[1].contains("LemmaSession.inline"))
    let runner = try XCTUnwrap(program.runnerStart)
    XCTAssertTrue(
      program.source.utf8.dropFirst(runner).starts(with: "func __lemmaStep21".utf8),
      "the runner starts after the last block")
    XCTAssertEqual(try executor(compileCores: 2).execute(notebook).outputs.inlines.map(\.text), ["13.784"])
  }

  /// Given two cores, even a small program is compiled as two files at once, and runs as one.
  func testASmallProgramGivenTwoCoresIsCompiledInTwoFilesAndRunsTheSame() throws {
    let source = "```swift\nvar total = 1\n```\n\n```swift\ntotal *= 6\n```\n\n```swift\nprint(total * 7)\n```\n"
    let program = ProgramGenerator().generate(try notebook(source))
    XCTAssertEqual(CompilerDriver.fileCount(program), 1)
    XCTAssertEqual(CompilerDriver.fileCount(program, cores: 2), 2)
    XCTAssertEqual(
      CompilerDriver.fileCount(program, cores: 16), program.splitPoints.count + 1, "one file per part at most")
    let oneBlock = ProgramGenerator().generate(try notebook("```swift\nprint(1)\n```\n"))
    XCTAssertEqual(CompilerDriver.fileCount(oneBlock, cores: 2), oneBlock.splitPoints.count + 1)
    var printed: [[OutputItem]] = []
    for cores in [1, 2] {
      cacheDirectory = temporaryDirectory(self) + "/cores-\(cores)"
      let execution = try executor(compileCores: cores).execute(try notebook(source))
      printed.append(execution.outputs.blocks.flatMap(\.items))
      let parts = try FileManager.default.subpathsOfDirectory(atPath: cacheDirectory + "/build").filter {
        $0.hasSuffix("part-2.swift")
      }
      XCTAssertEqual(parts.count, cores == 2 ? 1 : 0, "\(cores) core(s)")
    }
    XCTAssertEqual(printed, [[.text("42\n")], [.text("42\n")]])
  }

  func testAPrivateDeclarationKeepsTheProgramInOneFile() throws {
    let notebook = try notebook(largeNotebook(lastBlock: "private func hidden() -> Int { 1 }"))
    XCTAssertEqual(ProgramGenerator().generate(notebook).splitPoints, [])
  }
}
