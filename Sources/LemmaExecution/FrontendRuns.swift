import Foundation

/// The frontend runs of one compile, each on a thread of its own, and the moment their objects
/// are all written.
///
/// A frontend writes its object (to a temporary name, then renamed into place) some 10 ms
/// before it can be waited for: its exit unmaps a 150 MB address space first. The link starts
/// as soon as every object is in place; the runs' own ends are waited for after it, and a run
/// that failed after all still fails the compile.
final class FrontendRuns: @unchecked Sendable {
  private let objects: [String]
  private let lock = NSLock()
  private var outcomes: [Result<ProcessRunner.Result, ProcessRunner.LaunchError>?]
  private let ended = DispatchSemaphore(value: 0)

  /// Starts `commands[i]` (which writes `objects[i]`) for every `i`, at once.
  init(commands: [[String]], objects: [String]) {
    self.objects = objects
    outcomes = Array(repeating: nil, count: commands.count)
    for (index, command) in commands.enumerated() {
      // A thread, not a dispatch queue: the caller may be one of a queue's busy threads.
      let thread = Thread { [self] in
        let result = Result { () throws(ProcessRunner.LaunchError) -> ProcessRunner.Result in
          try ProcessRunner(findsStrays: false).run(command[0], arguments: Array(command.dropFirst()), timeout: 600)
        }
        lock.withLock { outcomes[index] = result }
        ended.signal()
      }
      thread.start()
    }
  }

  /// Waits until every object is in place (true), or a run has ended without writing its own
  /// (false: the compile failed, or a frontend would not start).
  func waitForObjects() -> Bool {
    while true {
      let finished = lock.withLock { outcomes.indices.filter { outcomes[$0] != nil } }
      let written = objects.map { FileManager.default.fileExists(atPath: $0) }
      if !written.contains(false) { return true }
      if finished.contains(where: { !written[$0] }) { return false }
      // Woken when a run ends; otherwise the objects are looked for again each millisecond.
      _ = ended.wait(timeout: .now() + .milliseconds(1))
    }
  }

  /// Every run's result, once all have ended.
  func results() -> [Result<ProcessRunner.Result, ProcessRunner.LaunchError>] {
    while true {
      let all = lock.withLock { outcomes.compactMap { $0 } }
      if all.count == objects.count { return all }
      ended.wait()
    }
  }
}
