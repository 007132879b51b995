import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// A link started on the first object written reads the others from named pipes, fed as each
/// object is written; it gives way to the ordinary link when the objects ask for more libraries
/// or the linker fails, and a linker that stops reading never stops Lemma.
final class EarlyLinkTests: XCTestCase {
  /// A stand-in linker: writes its inputs one after the other into its output.
  private func concatenating(_ inputs: [String], to output: String) -> [String] {
    ["/bin/sh", "-c", "cat \"$@\" > \"\(output).tmp\" && mv \"\(output).tmp\" \"\(output)\"", "sh"] + inputs
  }

  /// An object file compiled from `source`, with its autolink entries.
  private func object(_ source: String, named name: String, in directory: String) throws -> (String, [String]) {
    let (file, object) = (directory + "/\(name).swift", directory + "/\(name).o")
    try source.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try ProcessRunner().run(
      "swiftc", arguments: ["-c", "-parse-as-library", "-module-name", name, file, "-o", object], timeout: 120)
    XCTAssertEqual(result.termination, .exited(0), String(decoding: result.stderr, as: UTF8.self))
    return (object, try XCTUnwrap(AutolinkEntries.read(objectAt: object)))
  }

  func testTheLinkerReadsAnObjectWrittenAfterItStartedFromItsPipe() throws {
    let directory = temporaryDirectory(self)
    let (first, autolink) = try object("public func answer() -> Int { 42 }\n", named: "First", in: directory)
    let (second, binary) = (directory + "/second.o", directory + "/program")
    let secondBytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    var inputs: [String] = []
    let link = try XCTUnwrap(
      EarlyLink.start(objects: [first, second], binary: binary) { given, entries in
        inputs = given
        XCTAssertEqual(entries, autolink, "started with the first object's entries")
        return concatenating(given, to: binary)
      })
    XCTAssertEqual(inputs, [first, second + ".pipe"])
    // The second frontend writes its object (larger than a pipe holds) after the link started.
    try secondBytes.write(to: URL(fileURLWithPath: second))
    XCTAssertTrue(link.finish(autolink: autolink, meanwhile: {}))
    XCTAssertFalse(FileManager.default.fileExists(atPath: second + ".pipe"), "the pipe is not left behind")
    let expected = try Data(contentsOf: URL(fileURLWithPath: first)) + secondBytes
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: binary)), expected)
  }

  func testObjectsThatAskForMoreLibrariesStopTheEarlyLink() throws {
    let directory = temporaryDirectory(self)
    let (first, autolink) = try object("public func answer() -> Int { 42 }\n", named: "First", in: directory)
    let (second, more) = try object(
      "import Foundation\npublic func text() -> String { String(format: \"%d\", 42) }\n", named: "Second",
      in: directory)
    XCTAssertFalse(Set(more).isSubset(of: autolink), "Foundation brings libraries of its own: \(more)")
    let hidden = directory + "/hidden.o"
    try FileManager.default.moveItem(atPath: second, toPath: hidden)
    let binary = directory + "/program"
    let link = try XCTUnwrap(
      EarlyLink.start(objects: [first, second], binary: binary) { inputs, _ in concatenating(inputs, to: binary) })
    try FileManager.default.moveItem(atPath: hidden, toPath: second)
    XCTAssertFalse(link.finish(autolink: autolink + more, meanwhile: {}))
    XCTAssertTrue(link.run.hasEnded, "the linker waiting on its pipe was stopped")
    XCTAssertFalse(FileManager.default.fileExists(atPath: binary))
  }

  func testALinkerThatFailsOrStopsReadingFailsTheEarlyLinkAndNotLemma() throws {
    let directory = temporaryDirectory(self)
    let (first, autolink) = try object("public func answer() -> Int { 42 }\n", named: "First", in: directory)
    let (second, binary) = (directory + "/second.o", directory + "/program")
    // Ends before it opens the pipe.
    let failing = try XCTUnwrap(
      EarlyLink.start(objects: [first, second], binary: binary) { _, _ in ["/bin/sh", "-c", "exit 1"] })
    try Data(repeating: 7, count: 1_000_000).write(to: URL(fileURLWithPath: second))
    XCTAssertFalse(failing.finish(autolink: autolink, meanwhile: {}))
    // Reads one byte of its pipe and ends: the rest of the write breaks the pipe (EPIPE, and no
    // SIGPIPE, which would end this process).
    try FileManager.default.removeItem(atPath: second)
    let closing = try XCTUnwrap(
      EarlyLink.start(objects: [first, second], binary: binary) { inputs, _ in
        ["/bin/sh", "-c", "head -c 1 \"$0\" > /dev/null; exit 3", inputs[1]]
      })
    try Data(repeating: 7, count: 1_000_000).write(to: URL(fileURLWithPath: second))
    XCTAssertFalse(closing.finish(autolink: autolink, meanwhile: {}))
    XCTAssertTrue(closing.run.hasEnded)
    XCTAssertFalse(FileManager.default.fileExists(atPath: binary))
  }

  func testNoEarlyLinkBeforeTheFirstObjectOrOnceAllAreWritten() throws {
    let directory = temporaryDirectory(self)
    let (first, _) = try object("public func answer() -> Int { 42 }\n", named: "First", in: directory)
    let binary = directory + "/program"
    XCTAssertNil(
      EarlyLink.start(objects: [directory + "/a.o", directory + "/b.o"], binary: binary) { inputs, _ in
        concatenating(inputs, to: binary)
      })
    XCTAssertNil(EarlyLink.start(objects: [first], binary: binary) { inputs, _ in concatenating(inputs, to: binary) })
    let notAnObject = directory + "/text.o"
    try "text".write(toFile: notAnObject, atomically: true, encoding: .utf8)
    XCTAssertNil(
      EarlyLink.start(objects: [notAnObject, directory + "/b.o"], binary: binary) { inputs, _ in
        concatenating(inputs, to: binary)
      })
  }

  /// Through a compile plan: ld.lld started on the first object reads the second from its pipe
  /// and writes the same binary, byte for byte, as a link of both files, which runs.
  func testLLDReadsTheLastObjectFromItsPipeAndLinksTheSameBinary() throws {
    let directory = temporaryDirectory(self)
    let planPath = directory + "/plan.json"
    let driver = CompilerDriver(runtime: try RuntimeLibrary.locate(), planPath: planPath)
    let learn = Program(source: "print(1)\n", excludedBlocks: [], excludedInlines: [])
    guard case .success = try driver.compile(learn, in: directory) else { return XCTFail("compile failed") }
    let plan = try JSONDecoder().decode(CompilePlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
    let sources = [directory + "/part-1.swift", directory + "/main.swift"]
    try "func half(_ x: Double) -> Double { x / 2 }\n".write(toFile: sources[0], atomically: true, encoding: .utf8)
    try "print(half(5), [1, 2, 3].map { $0 * 7 })\n".write(toFile: sources[1], atomically: true, encoding: .utf8)
    let objects = [directory + "/program-1.o", directory + "/program-2.o"]
    for index in sources.indices {
      let command = plan.compileCommand(sources: sources, primary: index, object: objects[index])
      let result = try ProcessRunner().run(command[0], arguments: Array(command.dropFirst()), timeout: 120)
      XCTAssertEqual(result.termination, .exited(0), String(decoding: result.stderr, as: UTF8.self))
    }
    let autolink = try XCTUnwrap(AutolinkEntries.read(objectAt: objects[0]))
    let stubs = LinkStubs(directory: directory + "/plan-link-stubs")
    func command(_ inputs: [String], _ output: String) -> [String] {
      let link = plan.linkCommand(objects: inputs, autolink: autolink, output: output)
      return stubs.stubbing(link) ?? link
    }
    let whole = directory + "/whole"
    let ordinary = ToolRuns(commands: [command(objects, whole)], outputs: [whole])
    XCTAssertTrue(ordinary.waitForOutputs())

    let hidden = directory + "/hidden.o"
    try FileManager.default.moveItem(atPath: objects[1], toPath: hidden)
    let binary = directory + "/program"
    let link = try XCTUnwrap(EarlyLink.start(objects: objects, binary: binary) { inputs, _ in command(inputs, binary) })
    Thread.sleep(forTimeInterval: 0.05)
    XCTAssertFalse(FileManager.default.fileExists(atPath: binary), "the linker waits for the second object")
    try FileManager.default.moveItem(atPath: hidden, toPath: objects[1])
    XCTAssertTrue(link.finish(autolink: autolink, meanwhile: {}))
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: binary)), try Data(contentsOf: URL(fileURLWithPath: whole)))
    let run = try ProcessRunner().run(binary, arguments: [], timeout: 30)
    XCTAssertEqual(String(decoding: run.stdout, as: UTF8.self), "2.5 [7, 14, 21]\n")
  }
}
