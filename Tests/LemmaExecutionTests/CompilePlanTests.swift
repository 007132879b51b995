import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

final class CompilePlanTests: XCTestCase {
  func testSplitHandlesQuotesAndEscapes() {
    XCTAssertEqual(
      CompilePlan.split(#""/opt/ld.lld" -o "/a b/out" plain\ space "" end"#),
      ["/opt/ld.lld", "-o", "/a b/out", "plain space", "", "end"])
  }

  /// The compiler started through swiftc (a compile without a plan, the early-use type-check)
  /// runs with the huge-page heap: a stand-in swiftc records the environment it starts with.
  func testTheCompilerRunsWithTheHugePageHeap() throws {
    let directory = temporaryDirectory(self)
    let (compiler, seen) = (directory + "/swiftc", directory + "/seen")
    let script = "#!/bin/sh\nprintf '%s\\n' \"$GLIBC_TUNABLES\" >> '\(seen)'\n"
    try script.write(toFile: compiler, atomically: true, encoding: .utf8)
    XCTAssertEqual(chmod(compiler, 0o755), 0)
    let driver = CompilerDriver(runtime: RuntimeLibrary(directory: directory), compiler: compiler)
    let program = Program(source: "print(1)\n", excludedBlocks: [], excludedInlines: [])
    XCTAssertEqual(try driver.typecheck(program, in: directory), [])
    guard case .success = try driver.compile(program, in: directory) else { return XCTFail("the compile failed") }
    let expected = try XCTUnwrap(FrontendEnvironment.current["GLIBC_TUNABLES"])
    XCTAssertTrue(expected.contains("glibc.malloc.hugetlb="))
    XCTAssertEqual(try String(contentsOfFile: seen, encoding: .utf8), "\(expected)\n\(expected)\n")
  }

  func testAutolinkEntriesRejectWhatIsNotAnELFObject() {
    XCTAssertNil(AutolinkEntries.parse(Data("not an object file at all, just text".utf8)))
    XCTAssertNil(AutolinkEntries.parse(Data([0x7F, 0x45, 0x4C, 0x46])))
  }

  /// A program that needs libraries beyond the runtime (Foundation's, found through the
  /// object's autolink entries) builds and runs the same through the plan as through swiftc.
  func testPlanBuildsWhatSwiftcBuildsAndReportsCompileErrors() throws {
    let directory = temporaryDirectory(self)
    let runtime = try RuntimeLibrary.locate()
    let planPath = directory + "/plan.json"
    let source = "import Foundation\nprint(String(format: \"%.2f\", 2.0 / 3), ProcessInfo.processInfo.processName)\n"
    var outputs: [String] = []
    for (index, planned) in [true, false].enumerated() {
      let scratch = directory + "/build\(index)"
      try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
      let driver = CompilerDriver(runtime: runtime, planPath: planned ? planPath : nil)
      let program = Program(source: source, excludedBlocks: [], excludedInlines: [])
      guard case .success(let binary) = try driver.compile(program, in: scratch) else {
        return XCTFail("compile failed")
      }
      let result = try ProcessRunner().run(binary, arguments: [], timeout: 30)
      outputs.append(String(decoding: result.stdout, as: UTF8.self))
    }
    XCTAssertTrue(FileManager.default.fileExists(atPath: planPath), "the plan is learned and kept")
    XCTAssertEqual(outputs, ["0.67 program\n", "0.67 program\n"])

    let broken = Program(source: "let x: Int = \"text\"\n", excludedBlocks: [], excludedInlines: [])
    let result = try CompilerDriver(runtime: runtime, planPath: planPath).compile(broken, in: directory + "/build0")
    guard case .failure(let errors) = result else { return XCTFail("a type error compiled") }
    XCTAssertTrue(errors.failures.first?.message.contains("cannot convert") == true, "\(errors.failures)")
  }

  /// The plan's frontend skips the compiler's checks of its own SIL and LLVM IR, and builds
  /// the same object byte for byte as with them (so no number a program prints can differ).
  func testFrontendsSkipTheCompilersSelfChecksAndBuildTheSameObject() throws {
    let directory = temporaryDirectory(self)
    let planPath = directory + "/plan.json"
    let driver = CompilerDriver(runtime: try RuntimeLibrary.locate(), planPath: planPath)
    let source = "let xs = (1...20).map { Double($0).squareRoot() }\nprint(xs.reduce(0, +), xs.max()!)\n"
    let program = Program(source: source, excludedBlocks: [], excludedInlines: [])
    guard case .success = try driver.compile(program, in: directory) else { return XCTFail("compile failed") }
    let plan = try JSONDecoder().decode(CompilePlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
    for flag in CompilerDriver.selfChecksOff { XCTAssertTrue(plan.frontend.contains(flag), flag) }
    let (file, object) = (directory + "/main.swift", directory + "/object.o")
    var objects: [Data] = []
    for checked in [false, true] {
      let command = plan.compileCommand(source: file, object: object).filter {
        !checked || !CompilerDriver.selfChecksOff.contains($0)
      }
      let result = try ProcessRunner().run(command[0], arguments: Array(command.dropFirst()), timeout: 120)
      XCTAssertEqual(result.termination, .exited(0), String(decoding: result.stderr, as: UTF8.self))
      objects.append(try Data(contentsOf: URL(fileURLWithPath: object)))
    }
    XCTAssertGreaterThan(objects[0].count, 1000)
    XCTAssertEqual(objects[0], objects[1])
  }

  /// ld.lld links a notebook's program on one thread, reading the objects after every library
  /// (before the C runtime's closing files); another linker gets the plan's order and no flag.
  func testLLDLinksOnOneThreadWithTheObjectsLastAndOtherLinkersAreLeftAlone() {
    func command(_ linker: String) -> [String] {
      let plan = CompilePlan(
        frontend: [],
        linker: [
          linker, "-o", CompilePlan.output, "crti.o", CompilePlan.object, CompilePlan.autolink, "-lc", "crtendS.o",
          "crtn.o",
        ])
      return plan.linkCommand(objects: ["a.o", "b.o"], autolink: ["-lswiftCore"], output: "program")
    }
    XCTAssertEqual(
      command("/opt/swift/usr/bin/ld.lld"),
      [
        "/opt/swift/usr/bin/ld.lld", "--threads=1", "-o", "program", "crti.o", "-lswiftCore", "-lc", "a.o", "b.o",
        "crtendS.o", "crtn.o",
      ])
    XCTAssertEqual(
      command("/usr/bin/ld.gold"),
      ["/usr/bin/ld.gold", "-o", "program", "crti.o", "a.o", "b.o", "-lswiftCore", "-lc", "crtendS.o", "crtn.o"])
  }

  /// A compile's sources are written in place: over an older, longer file in a reused folder,
  /// nothing of it is left.
  func testAScratchFileReplacesWhatWasThere() throws {
    let path = temporaryDirectory(self) + "/main.swift"
    try ScratchFile.write("print(\"a longer program than the next\")\n", to: path)
    try ScratchFile.write("print(1)\n", to: path)
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "print(1)\n")
  }

  /// A plan that no longer fits (here: a linker that is gone) is dropped, and swiftc builds.
  func testAStalePlanFallsBackToSwiftcAndIsForgotten() throws {
    let directory = temporaryDirectory(self)
    let runtime = try RuntimeLibrary.locate()
    let planPath = directory + "/plan.json"
    let driver = CompilerDriver(runtime: runtime, planPath: planPath)
    let program = Program(source: "print(6 * 7)\n", excludedBlocks: [], excludedInlines: [])
    guard case .success = try driver.compile(program, in: directory) else { return XCTFail("compile failed") }
    var plan = try JSONDecoder().decode(CompilePlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
    plan.linker[0] = directory + "/no-such-linker"
    try JSONEncoder().encode(plan).write(to: URL(fileURLWithPath: planPath))
    guard case .success(let binary) = try driver.compile(program, in: directory) else { return XCTFail("no fallback") }
    XCTAssertEqual(try ProcessRunner().run(binary, arguments: [], timeout: 30).stdout, Array("42\n".utf8))
    XCTAssertFalse(FileManager.default.fileExists(atPath: planPath))
  }
}
