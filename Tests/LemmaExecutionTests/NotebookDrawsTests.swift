import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// A notebook's draws with `&rng` call the draws Simulation compiled for its generator, not the
/// standard library's generic ones, which run uncompiled in an unoptimised program.
final class NotebookDrawsTests: XCTestCase {
  func testDrawsWithTheNotebooksGeneratorCallTheCompiledOverloads() throws {
    let directory = temporaryDirectory(self)
    let planPath = directory + "/plan.json"
    let driver = CompilerDriver(runtime: try RuntimeLibrary.locate(), planPath: planPath)
    let source = """
      import LemmaRuntime
      var rng = Xoshiro256StarStar(seed: 1)
      let x = Double.random(in: 0..<1, using: &rng) + Double.random(in: 0...1, using: &rng)
      let n = Int.random(in: 0..<10, using: &rng) + Int.random(in: 0...10, using: &rng)
      print(x, n, Bool.random(using: &rng))

      """
    let program = Program(source: source, excludedBlocks: [], excludedInlines: [])
    guard case .success = try driver.compile(program, in: directory) else { return XCTFail("compile failed") }
    let plan = try JSONDecoder().decode(CompilePlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
    let (file, object) = (directory + "/main.swift", directory + "/object.o")
    let command = plan.compileCommand(source: file, object: object)
    let result = try ProcessRunner().run(command[0], arguments: Array(command.dropFirst()), timeout: 120)
    XCTAssertEqual(result.termination, .exited(0), String(decoding: result.stderr, as: UTF8.self))
    let names = String(decoding: try Data(contentsOf: URL(fileURLWithPath: object)), as: UTF8.self)
    // Double and Int in a half-open and a closed range, and Bool, each extended in Simulation
    // for its generator (`$sSd10SimulationE6random…Xoshiro256StarStar`).
    for (type, range) in [("Sd", "Sn"), ("Sd", "SN"), ("Si", "Sn"), ("Si", "SN")] {
      let name = "$s\(type)10SimulationE6random2in5using\(type)\(range)y\(type)G_AA014Xoshiro256Star"
      XCTAssertTrue(names.contains(name), name)
    }
    XCTAssertTrue(names.contains("$sSb10SimulationE6random5usingSbAA014Xoshiro256Star"))
    XCTAssertFalse(names.contains("$sSB"), "a generic BinaryFloatingPoint draw is left")
  }
}
