import Foundation
import LemmaNotebook
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

final class FrontendHeadStartTests: ExecutionTestCase {
  private let threeBlocks = """
    ---
    params: { n: 5 }
    ---
    ```swift
    let squares = (1...params.n).map { $0 * $0 }
    ```

    ```swift
    let total = squares.reduce(0, +)
    ```

    ```swift
    print("total", total)
    ```
    """

  private func compiler() throws -> ProgramCompiler {
    let settings = ExecutionSettings(
      runtime: try RuntimeLibrary.locate(), cache: OutputCache(directory: cacheDirectory), compileCores: 2)
    return ProgramCompiler(settings: settings, toolchainKey: "test", planPath: cacheDirectory + "/plan.json")
  }

  /// What a compile leaves in the cache's build folder: the program's folders, no pipes, no
  /// folder of a head start.
  private func buildFolder() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: cacheDirectory + "/build").sorted()
  }

  /// Started before the program is written, the frontends compile it: the program runs, every
  /// frontend ended well, and the kept folder holds the program's files but no pipe.
  func testAHeadStartCompilesTheProgramItWasStartedFor() throws {
    let notebook = try notebook(threeBlocks)
    let compiler = try compiler()
    let headStart = try XCTUnwrap(compiler.headStart(for: notebook), "two files on two cores")
    XCTAssertEqual(headStart.fileCount, 2)
    let program = ProgramGenerator().generate(notebook)
    guard case .success(let binary) = compiler.compile(program, headStart: headStart) else {
      return XCTFail("the program did not compile")
    }
    XCTAssertTrue(headStart.runs.results().allSatisfy { (try? $0.get().termination) == .exited(0) })
    let folder = (binary as NSString).deletingLastPathComponent
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["part-1.swift", "part-2.swift", "program"])
    XCTAssertEqual(try buildFolder(), [(folder as NSString).lastPathComponent])
  }

  /// A program laid out otherwise than guessed (top-level code, one file) stops the head
  /// start and compiles as usual; so does a binary already in the cache. Nothing is left.
  func testAProgramThatDoesNotFitOrIsCachedStopsTheHeadStart() throws {
    let compiler = try compiler()
    let topLevel = try notebook(
      threeBlocks.replacingOccurrences(of: "let total", with: "guard params.n > 0 else { fatalError() }\nlet total"))
    let unfit = try XCTUnwrap(compiler.headStart(for: topLevel))
    let program = ProgramGenerator().generate(topLevel)
    XCTAssertEqual(program.entry, .topLevelCode)
    guard case .success = compiler.compile(program, headStart: unfit) else { return XCTFail("no compile") }
    XCTAssertTrue(unfit.runs.results().allSatisfy { (try? $0.get().termination) == .signaled(SIGKILL) })
    XCTAssertEqual(try buildFolder().count, 1)

    let cached = try XCTUnwrap(compiler.headStart(for: topLevel))
    guard case .success = compiler.compile(program, headStart: cached) else { return XCTFail("no binary") }
    XCTAssertTrue(cached.runs.hasEnded)
    XCTAssertFalse(FileManager.default.fileExists(atPath: cached.directory))
    XCTAssertEqual(try buildFolder().count, 1)
  }

  /// A render with a head start gives the same outputs as one without, and a compile error in
  /// a later block is still reported at its notebook line.
  func testARenderWithAHeadStartMatchesOneWithoutAndLocatesErrors() throws {
    var outputs: [NotebookOutputs] = []
    for headStart in ["1", "0"] {
      setenv("LEMMA_HEAD_START", headStart, 1)
      defer { unsetenv("LEMMA_HEAD_START") }
      cacheDirectory = temporaryDirectory(self)
      outputs.append(try executor(compileCores: 2).execute(try notebook(threeBlocks)).outputs)
    }
    XCTAssertEqual(outputs[0].blocks, outputs[1].blocks)
    XCTAssertEqual(outputs[0].inlines, outputs[1].inlines)
    XCTAssertEqual(outputs[0].blocks.last?.items, [.text("total 55\n")])

    let broken = try notebook(
      threeBlocks.replacingOccurrences(of: "print(\"total\", total)", with: "print(total + \"x\")"))
    let execution = try executor(compileCores: 2).execute(broken)
    let failure = try XCTUnwrap(execution.outputs.blocks.last?.failures.first)
    XCTAssertEqual(failureLocation(broken, try XCTUnwrap(execution.outputs.blocks.last))?.line, 13, "\(failure)")
    XCTAssertFalse(try buildFolder().contains { $0.hasPrefix("head.") })
  }
}
