import Foundation
import LemmaNotebook
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

final class OnDemandImportsTests: ExecutionTestCase {
  /// Names in code count, the same words in strings and comments do not; a member-only name
  /// counts after a period; code that cannot be read counts when the word is anywhere in it.
  func testModulesAreFoundByTheirNamesInCodeButNotInStringsOrComments() {
    let (foundation, learning) = (0, 1)
    XCTAssertEqual(OnDemandImports.modules[foundation].importLines[1], "import FoundationEssentials")
    XCTAssertEqual(OnDemandImports.modules[learning].importLines, ["import Learning"])
    let cases: [(String, Set<Int>)] = [
      ("let parts = \"a,b\".components(separatedBy: \",\")", [foundation]),
      ("let bytes = text.data(using: .utf8)", [foundation]),
      ("let text = try String(contentsOfFile: \"x.txt\", encoding: .utf8)", [foundation]),
      ("print(\"word\".capitalized)", [foundation]),
      ("var w = Matrix<Double>(rows: 2, columns: 2)", [learning]),
      ("let y = Double.erf(0.5) + .exp(1)", [learning]),
      ("let m: Learning.Matrix<Float>? = nil\nprint(\"a\".components(separatedBy: \"\"))", [foundation, learning]),
      (String(repeating: "(", count: 200) + "x.components" + String(repeating: ")", count: 200), [foundation]),
      ("let x = 1\nprint(x)", []),
      ("print(\"components of data\")  // the data's components and its Matrix", []),
      ("let xs = [3, 1, 2].sorted()\nlet r = Double.random(in: 0..<1, using: &rng)", []),
      ("let y = erf(0.5) + exp(1) + log(2) + sqrt(2)", []),
    ]
    for (code, expected) in cases { XCTAssertEqual(OnDemandImports.used(by: code), expected, code) }
  }

  /// The program imports a module in every file it is cut into when a block or an inline
  /// expression may use it, and not otherwise.
  func testTheGeneratorImportsAModuleOnlyForProgramsThatMayUseIt() throws {
    let plain =
      "```swift\nlet a = \"x,y\"\n```\n\n```swift\nprint(a.count)\n```\n\nIt has `{swift} a.count` characters.\n"
    let without = ProgramGenerator().generate(try notebook(plain))
    XCTAssertFalse(without.source.contains("FoundationEssentials"))
    XCTAssertFalse(without.source.contains("import Learning"))
    let edits = [
      ("print(a.count)", "print(a.components(separatedBy: \",\"))", "\nimport FoundationEssentials\n"),
      ("{swift} a.count", "{swift} a.capitalized", "\nimport FoundationEssentials\n"),
      ("print(a.count)", "print(Matrix<Double>(rows: 1, columns: 1))", "\nimport Learning\n"),
    ]
    for (old, new, line) in edits {
      let program = ProgramGenerator().generate(try notebook(plain.replacingOccurrences(of: old, with: new)))
      let files = program.files(2)
      XCTAssertEqual(files.count, 2, new)
      for file in files { XCTAssertTrue(file.contains(line), new) }
    }
  }

  /// What FoundationEssentials adds to the standard library still works in a block that does
  /// not import Foundation.
  func testABlockUsesWhatFoundationAddsWithoutImportingIt() throws {
    let (_, execution) = try execute(
      """
      ```swift
      let parts = "a,b,c".components(separatedBy: ",")
      let bytes = "héllo".data(using: .utf8)!
      print(parts.count, bytes.count, String(data: bytes, encoding: .utf8)!.capitalized)
      ```
      """)
    XCTAssertEqual(execution.outputs.blocks.map(\.state), [.ran])
    XCTAssertEqual(execution.outputs.blocks[0].items, [.text("3 6 Héllo\n")])
  }

  /// A block that names Learning uses it without importing it, and a program's other blocks
  /// see it too.
  func testABlockUsesLearningWithoutImportingIt() throws {
    let (_, execution) = try execute(
      """
      ```swift
      var m = Matrix<Double>(rows: 1, columns: 2)
      m[0, 1] = 3
      ```

      ```swift
      print(m[0, 1], Double.erf(0) == 0)
      ```
      """)
    XCTAssertEqual(execution.outputs.blocks.map(\.state), [.ran, .ran])
    XCTAssertEqual(execution.outputs.blocks[1].items, [.text("3.0 true\n")])
  }

  /// A notebook's compile loads the modules every notebook sees and no others: the runtime's
  /// modules import FoundationEssentials, Dispatch, SystemSupport and the wire format's module
  /// implementation-only, and Learning not at all.
  func testAProgramOfTheRuntimeLoadsOnlyTheModulesANotebookSees() throws {
    let directory = temporaryDirectory(self)
    let runtime = try RuntimeLibrary.locate()
    let source = directory + "/main.swift"
    try "import LemmaRuntime\nshow(Table(\"x\").column(\"x\", [1, 2]))\n".write(
      toFile: source, atomically: true, encoding: .utf8)
    let result = try ProcessRunner().run(
      "swiftc", arguments: ["-typecheck", source, "-I", runtime.modulesDirectory, "-Xfrontend", "-Rmodule-loading"],
      timeout: 120)
    let output = String(decoding: result.stderr, as: UTF8.self)
    XCTAssertEqual(result.termination, .exited(0), output)
    XCTAssertTrue(output.contains("loaded module 'LemmaRuntime'"), output)
    for module in ["Figures", "Simulation", "Glibc"] {
      XCTAssertTrue(output.contains("loaded module '\(module)'"), module)
    }
    for module in [
      "FoundationEssentials", "Foundation", "Dispatch", "Synchronization", "SystemSupport", "LemmaProtocol",
    ] {
      XCTAssertFalse(output.contains("loaded module '\(module)'"), module)
    }
  }

  /// Every member FoundationEssentials, Synchronization and _FoundationCollections add to the
  /// standard library's types (their `@Swift` symbol graphs) is among FoundationEssentials' names by
  /// its name or a label, or cannot be called without naming a Foundation type, or is an
  /// overload of a standard library member of the same name for Foundation's types.
  func testTheNamesCoverWhatTheToolchainsFoundationAddsToTheStandardLibrary() throws {
    let directory = temporaryDirectory(self)
    for module in ["FoundationEssentials", "Synchronization", "_FoundationCollections"] {
      let result = try? ProcessRunner().run(
        "swift-symbolgraph-extract",
        arguments: [
          "-module-name", module, "-target", "x86_64-unknown-linux-gnu", "-output-dir", directory,
          "-minimum-access-level", "public", "-skip-synthesized-members",
        ], timeout: 120)
      guard result?.termination == .exited(0) else { throw XCTSkip("no symbol graph of \(module) here") }
    }
    var uncovered: Set<String> = []
    var count = 0
    for file in [
      "FoundationEssentials@Swift", "FoundationEssentials@_StringProcessing", "Synchronization@Swift",
      "_FoundationCollections@Swift",
    ] {
      let path = directory + "/" + file + ".symbols.json"
      let graph = try XCTUnwrap(
        JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any], file)
      for symbol in graph["symbols"] as? [[String: Any]] ?? [] {
        guard let components = symbol["pathComponents"] as? [String], components.count == 2 else { continue }
        let member = components[1]
        let base = String(member.prefix { $0 != "(" })
        let labels = member.contains("(") ? member.split(separator: "(")[1].split(separator: ":").map(String.init) : []
        count += 1
        if !([base] + labels).contains(where: OnDemandImports.foundationEssentials.names.contains) {
          uncovered.insert(member)
        }
      }
    }
    XCTAssertGreaterThan(count, 100)
    // Each takes or returns a type only Foundation names (a SortComparator, a Predicate, an
    // AttributedString, a CodableWithConfiguration), so code without Foundation cannot call it.
    let needFoundationTypes: Set<String> = [
      "Compared", "Regions", "compare(_:_:)", "order", "sort(using:)", "sorted(using:)", "filter(_:)", "init(_:)",
      "init(_:in:)", "isValid(within:)", "encode(to:configuration:)", "init(from:configuration:)",
      "encode(_:configuration:)", "encode(_:forKey:)", "encode(_:forKey:configuration:)",
      "encodeIfPresent(_:forKey:configuration:)", "decode(_:configuration:)", "decode(_:forKey:)",
      "decode(_:forKey:configuration:)", "decodeIfPresent(_:configuration:)",
      "decodeIfPresent(_:forKey:configuration:)",
    ]
    // Synchronization's and _FoundationCollections' own copies of what the standard library
    // declares for the same types (raw pointers' comparisons, buffers' initialisation).
    let standardLibraryToo: Set<String> = [
      "!=(_:_:)", "<(_:_:)", "<=(_:_:)", "==(_:_:)", ">(_:_:)", ">=(_:_:)", "debugDescription", "distance(to:)",
      "init(bitPattern:)", "initialize(fromContentsOf:)", "predecessor()", "successor()",
    ]
    XCTAssertEqual(
      uncovered.subtracting(needFoundationTypes).subtracting(standardLibraryToo), [],
      "add these to OnDemandImports.foundationEssentials")
  }

  /// Every public name of Learning, and every member it adds to the standard library's types,
  /// is among Learning's names (its symbol graph, from the built module).
  func testTheNamesCoverLearning() throws {
    let directory = temporaryDirectory(self)
    let runtime = try RuntimeLibrary.locate()
    let result = try? ProcessRunner().run(
      "swift-symbolgraph-extract",
      arguments: [
        "-module-name", "Learning", "-I", runtime.modulesDirectory, "-target", "x86_64-unknown-linux-gnu",
        "-output-dir", directory, "-minimum-access-level", "public", "-skip-synthesized-members",
      ], timeout: 120)
    guard result?.termination == .exited(0) else { throw XCTSkip("no symbol graph of Learning here") }
    func paths(_ file: String) throws -> [[String]] {
      let path = directory + "/" + file + ".symbols.json"
      guard FileManager.default.fileExists(atPath: path) else { return [] }
      let graph = try XCTUnwrap(
        JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any], file)
      return (graph["symbols"] as? [[String: Any]] ?? []).compactMap { $0["pathComponents"] as? [String] }
    }
    let learning = OnDemandImports.learning
    let topLevel = Set(try paths("Learning").filter { $0.count == 1 }.map { String($0[0].prefix { $0 != "(" }) })
    XCTAssertTrue(topLevel.contains("Matrix"))
    XCTAssertEqual(topLevel.subtracting(learning.names), [], "add these to OnDemandImports.learning.names")
    let members = Set(try paths("Learning@Swift").filter { $0.count == 2 }.map { String($0[1].prefix { $0 != "(" }) })
    XCTAssertTrue(members.contains("erf"))
    XCTAssertEqual(
      members.subtracting(learning.memberNames).subtracting(learning.names), [],
      "add these to OnDemandImports.learning.memberNames")
  }
}
