import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// Programs started at once from several threads (a program compiled in parts, notebooks
/// rendered side by side) keep to their own pipes, and each run ends when its program does.
final class ProcessRunnerTests: XCTestCase {
  /// The search the sweep for stray processes runs over each process's environment.
  func testBytesContainANeedleWhereverItIs() {
    let bytes = Array("A=1\0LEMMA_PROCESS_TAG=12-34\0B=2\0".utf8)
    XCTAssertTrue(ProcessRunner.contains(bytes, Array("LEMMA_PROCESS_TAG=12-34\0".utf8)))
    XCTAssertTrue(ProcessRunner.contains(bytes, Array("A=1".utf8)), "at the start")
    XCTAssertTrue(ProcessRunner.contains(bytes, Array("B=2\0".utf8)), "at the end")
    XCTAssertFalse(ProcessRunner.contains(bytes, Array("LEMMA_PROCESS_TAG=12-3\0".utf8)), "a prefix of the value")
    XCTAssertFalse(ProcessRunner.contains(bytes, Array("B=2\0C".utf8)), "running past the end")
    XCTAssertFalse(ProcessRunner.contains([], Array("A".utf8)))
    XCTAssertTrue(ProcessRunner.contains(bytes, []))
    XCTAssertTrue(ProcessRunner.contains(Array("aaab".utf8), Array("aab".utf8)), "after a partial match")
  }

  /// While one run is in progress (its pipes open in Lemma), a program another thread starts
  /// holds only its own standard descriptors: no other run's pipe, which would keep that run's
  /// output open after its program ended.
  func testAProgramInheritsNoOtherRunsPipes() throws {
    let started = DispatchSemaphore(value: 0)
    let longRun = Thread {
      started.signal()
      _ = try? ProcessRunner().run("/bin/sleep", arguments: ["1"], timeout: 10)
    }
    longRun.start()
    started.wait()
    usleep(100_000)  // the sleep is running, its pipes open here
    let listing = try ProcessRunner().run("/bin/sh", arguments: ["-c", "ls /proc/$$/fd"], timeout: 10)
    XCTAssertEqual(listing.termination, .exited(0))
    let descriptors = String(decoding: listing.stdout, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
    XCTAssertEqual(descriptors.sorted(), [0, 1, 2], "the shell holds only stdin, stdout and stderr")
  }

  /// A binary still open for writing (a linker exiting after renaming it into place) is
  /// started once it is closed, not refused as a "text file busy".
  func testABinaryStillOpenForWritingStartsOnceClosed() throws {
    let path = temporaryDirectory(self) + "/program"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o755)
    XCTAssertGreaterThanOrEqual(descriptor, 0)
    let script = Array("#!/bin/sh\necho started\n".utf8)
    XCTAssertEqual(write(descriptor, script, script.count), script.count)
    let closer = Thread {
      usleep(100_000)
      close(descriptor)
    }
    closer.start()
    let result = try ProcessRunner().run(path, arguments: [], timeout: 10)
    XCTAssertEqual(result.termination, .exited(0))
    XCTAssertEqual(result.stdout, Array("started\n".utf8))
  }

  /// A program that closes its output and works on is still waited for, and its status read.
  func testAProgramThatClosesItsOutputIsWaitedForToTheEnd() throws {
    let result = try ProcessRunner().run(
      "/bin/sh", arguments: ["-c", "echo before; exec >&- 2>&-; sleep 0.3; exit 3"], timeout: 10)
    XCTAssertEqual(result.termination, .exited(3))
    XCTAssertEqual(result.stdout, Array("before\n".utf8))
    XCTAssertGreaterThanOrEqual(result.seconds, 0.3)
  }
}

/// Tools that each write one file: the next step may start once every file is written, before
/// the tools have ended; their ends can still be read (a compile that failed after all fails).
final class ToolRunsTests: XCTestCase {
  func testObjectsAreReadyBeforeTheirRunsEndAndTheRunsStillReport() throws {
    let directory = temporaryDirectory(self)
    let (object, done) = (directory + "/part.o", directory + "/done")
    let runs = ToolRuns(
      commands: [["/bin/sh", "-c", "echo object > \(object); sleep 0.5; touch \(done); exit 1"]], outputs: [object])
    XCTAssertTrue(runs.waitForOutputs())
    XCTAssertFalse(FileManager.default.fileExists(atPath: done), "the run had not ended yet")
    let results = try runs.results().map { try $0.get() }
    XCTAssertEqual(results.map(\.termination), [.exited(1)], "a run that fails after its object still fails")
    XCTAssertTrue(FileManager.default.fileExists(atPath: done))
  }

  func testARunThatEndsWithoutItsObjectStopsTheWait() throws {
    let directory = temporaryDirectory(self)
    let runs = ToolRuns(
      commands: [
        ["/bin/sh", "-c", "echo error: no object >&2; exit 2"],
        ["/bin/sh", "-c", "echo object > \(directory)/second.o"],
      ],
      outputs: [directory + "/first.o", directory + "/second.o"])
    XCTAssertFalse(runs.waitForOutputs())
    let results = try runs.results().map { try $0.get() }
    XCTAssertEqual(results.map(\.termination), [.exited(2), .exited(0)])
    XCTAssertEqual(String(decoding: results[0].stderr, as: UTF8.self), "error: no object\n")
  }

  /// A run stopped before its tool has started is killed as it starts: nothing waits for it.
  func testStoppedRunsEndAtOnceEvenBeforeTheyStart() throws {
    let runs = ToolRuns(
      commands: [["/bin/sh", "-c", "sleep 60 & sleep 60"], ["/bin/sleep", "60"]], outputs: ["/x", "/y"])
    runs.stop()
    let started = Date()
    let results = try runs.results().map { try $0.get().termination }
    XCTAssertEqual(results, [.signaled(SIGKILL), .signaled(SIGKILL)])
    XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the shell's own child was stopped with it")
  }

  func testRunsSeeTheEnvironmentTheyAreGiven() throws {
    let directory = temporaryDirectory(self)
    let runs = ToolRuns(
      commands: [
        [
          "/bin/sh", "-c",
          "printf %s \"$GLIBC_TUNABLES\" > \(directory)/part.tmp && mv \(directory)/part.tmp \(directory)/part.o",
        ]
      ],
      outputs: [directory + "/part.o"], environment: FrontendEnvironment.variables(inheriting: nil))
    XCTAssertTrue(runs.waitForOutputs())
    XCTAssertEqual(try String(contentsOfFile: directory + "/part.o", encoding: .utf8), "glibc.malloc.hugetlb=1")
  }
}

final class FrontendEnvironmentTests: XCTestCase {
  func testHugePagesAreAddedAndTunablesSetByHandAreKept() {
    XCTAssertEqual(FrontendEnvironment.variables(inheriting: nil), ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"])
    XCTAssertEqual(FrontendEnvironment.variables(inheriting: ""), ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"])
    XCTAssertEqual(
      FrontendEnvironment.variables(inheriting: "glibc.malloc.arena_max=2"),
      ["GLIBC_TUNABLES": "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"])
    XCTAssertEqual(
      FrontendEnvironment.variables(inheriting: "glibc.malloc.hugetlb=0"), ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"],
      "a huge-page setting made by hand wins")
  }
}
