import LemmaExecution
import LemmaNotebook
import LemmaTestSupport
import XCTest

final class ProgramGeneratorTests: XCTestCase {
  private func fixture() throws -> Notebook {
    let data = try Data(contentsOf: URL(fileURLWithPath: testDirectory() + "/Fixtures/generator.md"))
    return try NotebookParser().parse(data, path: "generator.md")
  }

  func testProgramMatchesGolden() throws {
    let program = ProgramGenerator().generate(try fixture())
    assertGolden(program.source, testDirectory() + "/Golden/generator.swift.txt")
    XCTAssertEqual(program.excludedBlocks, [1])
  }

  func testProseEditsAboveABlockLeaveTheProgramUnchanged() throws {
    let notebook = try fixture()
    let edited = try NotebookParser().parse(
      source: notebook.source.replacingOccurrences(of: "Between:", with: "A new paragraph.\n\nMore prose.\n\nBetween:"),
      path: "generator.md")
    XCTAssertEqual(ProgramGenerator().generate(notebook).source, ProgramGenerator().generate(edited).source)
    XCTAssertEqual(ProgramGenerator().keySource(notebook), ProgramGenerator().keySource(edited))
  }

  /// Cache keys come from `keySource`: every change to what the program runs changes it.
  func testEveryChangeToTheProgramChangesItsKeySource() throws {
    let notebook = try fixture()
    let edits = [
      ("print(total)", "print(total + 1)"),  // a block's code
      ("`{swift} total`", "`{swift} total * 2`"),  // an inline expression
      ("walks: 10", "walks: 10.5"),  // a parameter's type
      ("//| eval: false\n", ""),  // a block that now runs
    ]
    for (old, new) in edits {
      XCTAssertTrue(notebook.source.contains(old), old)
      let edited = try NotebookParser().parse(
        source: notebook.source.replacingOccurrences(of: old, with: new), path: "generator.md")
      XCTAssertNotEqual(ProgramGenerator().generate(notebook).source, ProgramGenerator().generate(edited).source, old)
      XCTAssertNotEqual(ProgramGenerator().keySource(notebook), ProgramGenerator().keySource(edited), old)
    }
  }

  func testDroppedBlocksAndInlinesAreLeftOut() throws {
    let program = ProgramGenerator().generate(try fixture(), droppingBlocks: [2], droppingInlines: [1])
    XCTAssertFalse(program.source.contains("print(total)"))
    XCTAssertFalse(program.source.contains("inline-1"))
    XCTAssertTrue(program.source.contains("inline-2"))
  }

  func testProgramLocationsParseFromDiagnosticsAndBacktraces() {
    let (location, rest) = ProgramLocation.parse("cell-3:5:10: error: boom")!
    XCTAssertEqual(location, ProgramLocation(unit: .block(3), line: 5, column: 10))
    XCTAssertEqual(rest, " error: boom")
    XCTAssertEqual(
      ProgramLocation.parse("/tmp/x/inline-2:1:4")?.0, ProgramLocation(unit: .inline(2), line: 1, column: 4))
    XCTAssertEqual(
      ProgramLocation.parse("Notebook/cell-0:6: Fatal error")?.0, ProgramLocation(unit: .block(0), line: 6, column: 1))
    XCTAssertNil(ProgramLocation.parse("Swift/ContiguousArrayBuffer.swift:692: Fatal error"))
  }
}
