import Foundation
import LemmaExecution
import LemmaTestSupport
import XCTest

/// Real signals sent to a real `lemma` while a notebook's program runs: Lemma ends, the program
/// and the process it started end with it, and nothing is left half-written.
final class SignalTests: XCTestCase {
  private var project = ""

  override func setUpWithError() throws {
    project = temporaryDirectory(self)
    try FileManager.default.createDirectory(atPath: project + "/notebooks", withIntermediateDirectories: true)
    try Data("# Fine\n\nNo blocks.\n".utf8).write(to: URL(fileURLWithPath: project + "/notebooks/a-fine.md"))
    // The program starts a child of its own, reports both pids, then spins.
    let spin = """
      ---
      timeout: 600
      ---
      ```swift
      \(startSleepingChild)
      progress("pids \\(getpid()) \\(child.processIdentifier)", step: 1, of: 2)
      while true {}
      ```
      """
    try Data(spin.utf8).write(to: URL(fileURLWithPath: project + "/notebooks/b-spin.md"))
  }

  func testRenderEndsOnEachSignalAndStopsTheProgram() throws {
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      let run = try interrupt(["render", "--jobs", "1", "--cache", project + "/cache"], with: signal)
      XCTAssertEqual(run.reason, .uncaughtSignal, "render ends by the signal, as shells expect")
      XCTAssertEqual(run.status, signal)
      XCTAssertTrue(run.output.contains("lemma: interrupted by SIG"), run.output)
      XCTAssertNil(FileManager.default.contents(atPath: project + "/output/b-spin.html"), "no report of the spin")
      try assertNothingLeft()
    }
  }

  func testPreviewEndsOnEachSignalWhileANotebookRuns() throws {
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      let run = try interrupt(["preview", "--port", "0", "--cache", project + "/cache"], with: signal)
      XCTAssertEqual(run.reason, .exit)
      XCTAssertEqual(run.status, 0, "a stopped preview is a normal end")
      XCTAssertTrue(run.output.contains("stopped"), run.output)
      try assertNothingLeft()
    }
  }

  /// Starts `lemma arguments` in the project, waits until the spinning program reports its
  /// pids, sends `signal`, and checks that Lemma and both processes are gone.
  private func interrupt(_ arguments: [String], with signal: Int32) throws -> (
    reason: Process.TerminationReason, status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try RuntimeLibrary.locate().directory + "/lemma")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: project)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let printed = LockedText()
    pipe.fileHandleForReading.readabilityHandler = { printed.append($0.availableData) }
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    let pids = try XCTUnwrap(
      waitFor(120) { Self.pids(in: printed.text) }, "the program never reported: \(printed.text)")
    XCTAssertTrue(pids.allSatisfy(isRunning))
    kill(process.processIdentifier, signal)
    XCTAssertNotNil(waitFor(10) { process.isRunning ? nil : true }, "lemma did not end on signal \(signal)")
    XCTAssertNotNil(waitFor(5) { pids.contains(where: isRunning) ? nil : true }, "\(pids) outlived lemma")
    process.waitUntilExit()
    pipe.fileHandleForReading.readabilityHandler = nil
    return (process.terminationReason, process.terminationStatus, printed.text)
  }

  /// No temporary file or scratch folder anywhere in the project.
  private func assertNothingLeft() throws {
    let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: project))
    let left = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".tmp") || $0.contains(".tmp/") }
    XCTAssertEqual(left, [], "temporary files left behind")
  }

  /// The two pids of the `pids <program> <child>` progress line, once it is printed.
  private static func pids(in text: String) -> [Int32]? {
    guard let line = text.split(separator: "\n").first(where: { $0.contains("pids ") }),
      let words = line.split(separator: "pids ").last?.split(separator: ":").first?.split(separator: " ")
    else { return nil }
    let pids = words.compactMap { Int32($0) }
    return pids.count == 2 ? pids : nil
  }
}
