import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// Notebook programs link against empty stand-ins of the Swift libraries (`LinkStubs`), read
/// from ELF files without other tools (`ELFFile`).
final class LinkStubsTests: ExecutionTestCase {
  /// The toolchain's folder of tools (`ld.lld`) and its folder of Swift libraries.
  private var toolchain: (tools: String, libraries: String) {
    get throws {
      let swiftc = try XCTUnwrap(CompilerDriver.executablePath(of: "swiftc"))
      let tools = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
      return (tools.path, tools.deletingLastPathComponent().path + "/lib/swift/linux")
    }
  }

  func testELFFileReadsSONAMEsAndVersionDefinitionsAndRejectsWhatIsNotELF() throws {
    let runtime = try RuntimeLibrary.locate()
    let libc = try XCTUnwrap(ELFFile(contentsOf: "/lib/x86_64-linux-gnu/libc.so.6"))
    XCTAssertEqual(libc.soname, "libc.so.6")
    XCTAssertGreaterThan(libc.versionDefinitions, 1, "glibc defines GLIBC_2.x versions")
    let lemmaRuntime = try XCTUnwrap(ELFFile(contentsOf: runtime.libraryPath))
    XCTAssertNil(lemmaRuntime.soname, "SwiftPM builds the runtime without a SONAME")
    XCTAssertLessThanOrEqual(lemmaRuntime.versionDefinitions, 1)
    XCTAssertNil(ELFFile(Data("#!/bin/sh\necho not ELF\n".utf8)))
    // A header whose section table lies past the end of the file.
    var truncated = try Data(contentsOf: URL(fileURLWithPath: runtime.libraryPath)).prefix(4096)
    truncated.replaceSubrange(
      truncated.startIndex + 0x28..<truncated.startIndex + 0x30, with: [0, 0, 0, 0, 0, 0, 1, 0])
    XCTAssertNil(ELFFile(Data(truncated)))
  }

  /// The runtime library notebook programs load asks for generic types' metadata through
  /// accessor functions (Package.swift), never by mangled name, which costs a search of every
  /// protocol conformance in the process the first time each type is used.
  func testTheRuntimeAsksForMetadataWithoutMangledNames() throws {
    let library = try XCTUnwrap(ELFFile(contentsOf: try RuntimeLibrary.locate().libraryPath))
    let names = library.sections(named: ".strtab").map(library.contents(of:)).reduce(Data(), +)
    XCTAssertGreaterThan(names.count, 10_000, "the runtime keeps its symbol names")
    XCTAssertNotNil(names.range(of: Data("swift_getGenericMetadata".utf8)))
    XCTAssertNil(names.range(of: Data("__swift_instantiateConcreteTypeFromMangledName".utf8)))
  }

  /// A link command gets the stubs of the Swift libraries in its run paths, and keeps libc and
  /// what it cannot find; the stub has the library's name and no symbols.
  func testStubbingReplacesOnlyTheSwiftLibrariesInTheRunPaths() throws {
    let directory = temporaryDirectory(self)
    let stubs = LinkStubs(directory: directory + "/stubs")
    let (tools, libraries) = try toolchain
    let command = [
      tools + "/ld.lld", "-m", "elf_x86_64", "-o", directory + "/program", "-L" + libraries,
      "-L/lib/x86_64-linux-gnu", "-rpath", libraries, "program.o", "-lswiftCore", "-lc", "-lno_such_library",
    ]
    let stubbed = try XCTUnwrap(stubs.stubbing(command))
    XCTAssertEqual(
      stubbed,
      [command[0], "-z", "undefs", "-z", "now"] + command.dropFirst().dropLast(3)
        + [directory + "/stubs/libswiftCore.so", "-lc", "-lno_such_library"])
    let stub = try XCTUnwrap(ELFFile(contentsOf: directory + "/stubs/libswiftCore.so"))
    XCTAssertEqual(stub.soname, "libswiftCore.so")
    XCTAssertTrue(stub.sections.allSatisfy { $0.name != ".dynsym" || $0.size <= 24 }, "at most the null symbol")
    XCTAssertNil(stubs.stubbing(Array(command.dropLast(3)) + ["-lc"]), "nothing to stub")
  }

  /// Through a fresh plan, a program that needs Foundation links against stubs made for it
  /// beside the plan (the runtime's and Foundation's among them), loads the real libraries and
  /// prints what a swiftc build prints (see CompilePlanTests for the comparison).
  func testAPlannedProgramLinksAgainstStubsMadeBesideThePlanAndRuns() throws {
    let directory = temporaryDirectory(self)
    let driver = CompilerDriver(runtime: try RuntimeLibrary.locate(), planPath: directory + "/plan.json")
    let program = Program(
      source: "import Foundation\nprint(String(format: \"%.3f\", 1.0 / 8))\n", excludedBlocks: [], excludedInlines: [])
    guard case .success(let binary) = try driver.compile(program, in: directory) else {
      return XCTFail("compile failed")
    }
    XCTAssertEqual(try ProcessRunner().run(binary, arguments: [], timeout: 30).stdout, Array("0.125\n".utf8))
    let stubbed = try FileManager.default.contentsOfDirectory(atPath: directory + "/plan-link-stubs")
    for library in ["libswiftCore.so", "libLemmaRuntime.so", "libFoundation.so"] {
      XCTAssertTrue(stubbed.contains(library), "\(library) in \(stubbed)")
    }
    XCTAssertFalse(stubbed.contains { $0.hasPrefix("libc.") }, "libc is read, not stubbed")
  }

  /// A symbol no library defines no longer fails the link: the program stops as it starts and
  /// the loader's message, naming the symbol, is the notebook's error.
  func testASymbolNoLibraryDefinesIsNamedWhenTheProgramCannotStart() throws {
    let (_, execution) = try execute(
      "```swift\n@_silgen_name(\"lemma_test_no_such_function\") func missing() -> Int32\nprint(missing())\n```\n")
    XCTAssertEqual(execution.outputs.blocks.map(\.state), [.notRun])
    let failure = try XCTUnwrap(execution.outputs.notebookFailures.first)
    XCTAssertEqual(
      failure.message,
      "the program could not start: undefined symbol: lemma_test_no_such_function; "
        + "no library a notebook program loads defines it")
  }

  func testLoaderMessagesBecomeFailuresAndOtherTextDoesNot() {
    XCTAssertEqual(
      CrashReport.loaderFailure(
        "/c/program: error while loading shared libraries: libLemmaRuntime.so: cannot open shared object file\n")?
        .message,
      "the program could not start: libLemmaRuntime.so: cannot open shared object file; "
        + "rebuild Lemma (`make build`) if its runtime library moved")
    XCTAssertNil(CrashReport.loaderFailure("warning: something the program printed\n"))
  }
}
