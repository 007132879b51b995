import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// Programs started at once from several threads (a program compiled in parts, notebooks
/// rendered side by side) keep to their own pipes, and each run ends when its program does.
final class ProcessRunnerTests: XCTestCase {
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

  /// A program that closes its output and works on is still waited for, and its status read.
  func testAProgramThatClosesItsOutputIsWaitedForToTheEnd() throws {
    let result = try ProcessRunner().run(
      "/bin/sh", arguments: ["-c", "echo before; exec >&- 2>&-; sleep 0.3; exit 3"], timeout: 10)
    XCTAssertEqual(result.termination, .exited(3))
    XCTAssertEqual(result.stdout, Array("before\n".utf8))
    XCTAssertGreaterThanOrEqual(result.seconds, 0.3)
  }
}

/// A compile's frontend runs: the link may start once every object is written, before the
/// frontends have ended; their ends still decide whether the compile succeeded.
final class FrontendRunsTests: XCTestCase {
  func testObjectsAreReadyBeforeTheirRunsEndAndTheRunsStillReport() throws {
    let directory = temporaryDirectory(self)
    let (object, done) = (directory + "/part.o", directory + "/done")
    let runs = FrontendRuns(
      commands: [["/bin/sh", "-c", "echo object > \(object); sleep 0.5; touch \(done); exit 1"]], objects: [object])
    XCTAssertTrue(runs.waitForObjects())
    XCTAssertFalse(FileManager.default.fileExists(atPath: done), "the run had not ended yet")
    let results = try runs.results().map { try $0.get() }
    XCTAssertEqual(results.map(\.termination), [.exited(1)], "a run that fails after its object still fails")
    XCTAssertTrue(FileManager.default.fileExists(atPath: done))
  }

  func testARunThatEndsWithoutItsObjectStopsTheWait() throws {
    let directory = temporaryDirectory(self)
    let runs = FrontendRuns(
      commands: [
        ["/bin/sh", "-c", "echo error: no object >&2; exit 2"],
        ["/bin/sh", "-c", "echo object > \(directory)/second.o"],
      ],
      objects: [directory + "/first.o", directory + "/second.o"])
    XCTAssertFalse(runs.waitForObjects())
    let results = try runs.results().map { try $0.get() }
    XCTAssertEqual(results.map(\.termination), [.exited(2), .exited(0)])
    XCTAssertEqual(String(decoding: results[0].stderr, as: UTF8.self), "error: no object\n")
  }
}
