import Foundation
import LemmaNotebook
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

final class CompilerPreloadTests: XCTestCase {
  /// The compiler's own freestanding names, the language's attributes, `#` and `@` in strings,
  /// raw strings and regex literals are no macros; any other `#name` or capitalised attribute
  /// may be one, and so may code that cannot be read.
  func testMacroUsesAreFoundButNotTheCompilersOwnExpansions() {
    let none = [
      "let x = 1\nprint(x)",
      "print(#file, #fileID, #filePath, #line, #column, #function, #dsohandle)",
      "#warning(\"check this\")",
      "@discardableResult func f() -> Int { 1 }\n@inline(__always) func g() {}",
      "let s = \"#stringify(1) and @Observable\"",
      "let raw = #\"a \"quoted\" word\"#\nlet r = #/a+b/#",
      "let f: @Sendable () -> Void = {}\n@MainActor func h() {}",
      "switch 1 { case 1: break\n@unknown default: break }",
    ]
    for code in none { XCTAssertFalse(MacroUses.mayExpand(in: code), code) }
    let some = [
      "let x = #stringify(1 + 2)",
      "@Observable final class Box { var value = 1 }",
      "enum Context { @TaskLocal static var depth = 0 }",
      "@Observation.Observable final class Box {}",
      "struct S { @Clamped var x = 3 }",
      String(repeating: "(", count: 200) + "#stringify(1)" + String(repeating: ")", count: 200),
    ]
    for code in some { XCTAssertTrue(MacroUses.mayExpand(in: code), code) }
  }

  /// The generator marks a program that may expand a macro, from its blocks and its inline
  /// expressions; a program it did not write is assumed to.
  func testTheGeneratorMarksProgramsThatMayExpandMacros() throws {
    func program(_ markdown: String) throws -> Program {
      ProgramGenerator().generate(try NotebookParser().parse(source: markdown, path: "macros.md"))
    }
    let plain = "```swift\nlet a = 1\n```\n\n```swift\nprint(a, #line)\n```\n\nThe value `{swift} a`.\n"
    XCTAssertFalse(try program(plain).mayExpandMacros)
    XCTAssertTrue(
      try program(plain.replacingOccurrences(of: "let a = 1", with: "@Observable final class A {}\nlet a = 1"))
        .mayExpandMacros)
    XCTAssertTrue(
      try program(plain.replacingOccurrences(of: "`{swift} a`", with: "`{swift} #stringify(a)`")).mayExpandMacros)
    XCTAssertTrue(Program(source: "print(1)\n", excludedBlocks: [], excludedInlines: []).mayExpandMacros)
  }

  /// The preload goes after any the user set, once; `LEMMA_COMPILER_PRELOAD=0`, the marker and
  /// a path `LD_PRELOAD` cannot hold each turn it off.
  func testThePreloadIsFoundComposedAndTurnedOff() throws {
    let directory = temporaryDirectory(self)
    let library = directory + "/libLemmaCompilerPreload.so"
    XCTAssertNil(CompilerPreload.find(runtimeDirectory: directory, planPath: directory + "/plan.json"), "no library")
    XCTAssertTrue(FileManager.default.createFile(atPath: library, contents: Data()))
    let preload = try XCTUnwrap(CompilerPreload.find(runtimeDirectory: directory, planPath: directory + "/plan.json"))
    XCTAssertEqual(preload.library, library)
    XCTAssertEqual(preload.adding(to: ["A": "1"], inherited: nil), ["A": "1", "LD_PRELOAD": library])
    XCTAssertEqual(
      preload.adding(to: [:], inherited: "/x/libfirst.so \(library):/y/libsecond.so")["LD_PRELOAD"],
      "/x/libfirst.so:/y/libsecond.so:\(library)")

    setenv(CompilerPreload.switchVariable, "0", 1)
    XCTAssertNil(CompilerPreload.find(runtimeDirectory: directory, planPath: directory + "/plan.json"))
    unsetenv(CompilerPreload.switchVariable)
    preload.turnOff()
    XCTAssertNil(CompilerPreload.find(runtimeDirectory: directory, planPath: directory + "/plan.json"))

    let spaced = directory + "/a folder"
    try FileManager.default.createDirectory(atPath: spaced, withIntermediateDirectories: true)
    XCTAssertTrue(FileManager.default.createFile(atPath: spaced + "/libLemmaCompilerPreload.so", contents: Data()))
    XCTAssertNil(CompilerPreload.find(runtimeDirectory: spaced, planPath: directory + "/other-plan.json"))
  }

  /// With the preload, the plan's frontend writes the same object byte for byte, for code with
  /// every built-in expansion `MacroUses` lets through, generics, closures, a regex literal,
  /// `#if` and `#available`; and it does hide the compiler's swift-syntax from the runtime: a
  /// frontend given it for an attached macro dies of a signal.
  func testThePreloadChangesNoObjectAndHidesTheCompilersSwiftSyntax() throws {
    let directory = temporaryDirectory(self)
    let runtime = try RuntimeLibrary.locate()
    let planPath = directory + "/plan.json"
    let preload = try XCTUnwrap(
      CompilerPreload.find(runtimeDirectory: runtime.directory, planPath: planPath), "built beside the runtime")
    let driver = CompilerDriver(runtime: runtime, planPath: planPath)
    let warmUp = Program(source: "print(1)\n", excludedBlocks: [], excludedInlines: [])
    guard case .success = try driver.compile(warmUp, in: directory) else { return XCTFail("compile failed") }
    let plan = try JSONDecoder().decode(CompilePlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
    let code = """
      import LemmaRuntime
      struct Pair<T: Comparable> { var a: T; var b: T; var larger: T { max(a, b) } }
      #warning("checked")
      let values = (1...20).map { Double($0).squareRoot() }.filter { $0 > 2 }
      #if os(Linux)
      let system = "Linux"
      #else
      let system = "other"
      #endif
      if #available(macOS 13, *) { print(system) }
      print(#file, #fileID, #filePath, #line, #column, #function, #dsohandle != nil ? "handle" : "")
      print(Pair(a: 3, b: 4).larger, values.reduce(0, +), "aab".firstMatch(of: #/a+b/#) != nil)
      print(fmt(values[0], .percent(2)))

      """
    XCTAssertFalse(MacroUses.mayExpand(in: code))
    func object(_ source: String, preloaded: Bool) throws -> (ProcessRunner.Termination, Data?) {
      let (file, object) = (directory + "/main.swift", directory + "/object.o")
      try source.write(toFile: file, atomically: true, encoding: .utf8)
      try? FileManager.default.removeItem(atPath: object)
      let command = plan.compileCommand(source: file, object: object)
      let environment = preloaded ? preload.adding(to: [:], inherited: nil) : [:]
      let result = try ProcessRunner().run(
        command[0], arguments: Array(command.dropFirst()), environment: environment, timeout: 120)
      return (result.termination, FileManager.default.contents(atPath: object))
    }
    let (plain, plainObject) = try object(code, preloaded: false)
    let (preloaded, preloadedObject) = try object(code, preloaded: true)
    XCTAssertEqual([plain, preloaded], [.exited(0), .exited(0)])
    XCTAssertGreaterThan(plainObject?.count ?? 0, 1000)
    XCTAssertEqual(plainObject, preloadedObject)

    let macro = "enum Context { @TaskLocal static var depth = 0 }\nprint(Context.depth)\n"
    XCTAssertEqual(try object(macro, preloaded: false).0, .exited(0))
    guard case .signaled = try object(macro, preloaded: true).0 else {
      return XCTFail("the frontend expanded a macro with the compiler's swift-syntax hidden")
    }
  }

  /// A frontend that dies of a signal under the preload (a macro the generator did not see) is
  /// run again without it, the program builds, and the toolchain's plans stop preloading.
  func testACrashUnderThePreloadCompilesAgainWithoutItAndTurnsItOff() throws {
    let directory = temporaryDirectory(self)
    let runtime = try RuntimeLibrary.locate()
    let planPath = directory + "/plan.json"
    let driver = CompilerDriver(runtime: runtime, planPath: planPath)
    XCTAssertNotNil(CompilerPreload.find(runtimeDirectory: runtime.directory, planPath: planPath))
    var program = Program(
      source: "enum Context { @TaskLocal static var depth = 0 }\nprint(\"depth\", Context.depth)\n",
      excludedBlocks: [], excludedInlines: [])
    program.mayExpandMacros = false
    guard case .success(let binary) = try driver.compile(program, in: directory) else {
      return XCTFail("the program did not build")
    }
    let result = try ProcessRunner().run(binary, arguments: [], timeout: 30)
    XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), "depth 0\n")
    XCTAssertNil(CompilerPreload.find(runtimeDirectory: runtime.directory, planPath: planPath), "turned off")
  }
}
