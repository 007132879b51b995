import Dispatch
import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Runs of the toolchain's tools that each write one file (a compile's frontends, each its
/// object; the linker, the program's binary), each on a thread of its own, and the moment
/// their files are all written.
///
/// The tools write to a temporary name and rename it into place, some time before they can be
/// waited for: a frontend's exit unmaps a 150 MB address space first (~10 ms), the linker's
/// ~4 ms. The next step starts as soon as the files are in place; a run's own end can be
/// waited for after it (a frontend that failed after all still fails the compile).
final class ToolRuns: @unchecked Sendable {
  private let outputs: [String]
  private let lock = Lock()
  private var outcomes: [Result<ProcessRunner.Result, ProcessRunner.LaunchError>?]
  /// Each run's process ID, once started.
  private var processIDs: [pid_t?]
  private var stopped = false
  private let ended = DispatchSemaphore(value: 0)

  /// Starts `commands[i]` (which writes `outputs[i]`) for every `i`, at once, with `environment`
  /// added to Lemma's own.
  init(commands: [[String]], outputs: [String], environment: [String: String] = [:]) {
    self.outputs = outputs
    outcomes = Array(repeating: nil, count: commands.count)
    processIDs = Array(repeating: nil, count: commands.count)
    for (index, command) in commands.enumerated() {
      // A thread, not a dispatch queue: the caller may be one of a queue's busy threads.
      startDetachedThread { [self] in
        let result = Result { () throws(ProcessRunner.LaunchError) -> ProcessRunner.Result in
          try ProcessRunner(findsStrays: false).run(
            command[0], arguments: Array(command.dropFirst()), environment: environment, timeout: 600,
            started: { pid in
              self.lock.withLock {
                self.processIDs[index] = pid
                if self.stopped { kill(-pid, SIGKILL) }
              }
            })
        }
        lock.withLock { outcomes[index] = result }
        ended.signal()
      }
    }
  }

  /// Waits until every file is in place (true), or a run has ended without writing its own
  /// (false: the tool failed, or would not start).
  /// `meanwhile` is called between looks (about each millisecond).
  func waitForOutputs(meanwhile: () -> Void = {}) -> Bool {
    while true {
      meanwhile()
      let finished = lock.withLock { outcomes.indices.filter { outcomes[$0] != nil } }
      let written = outputs.map { FileManager.default.fileExists(atPath: $0) }
      if !written.contains(false) { return true }
      if finished.contains(where: { !written[$0] }) { return false }
      // Woken when a run ends; otherwise the files are looked for again each millisecond.
      _ = ended.wait(timeout: .now() + .milliseconds(1))
    }
  }

  /// Whether every run has ended.
  var hasEnded: Bool { lock.withLock { !outcomes.contains { $0 == nil } } }

  /// Whether run `index` has ended.
  func hasEnded(_ index: Int) -> Bool { lock.withLock { outcomes[index] != nil } }

  /// How many runs have ended.
  var endedCount: Int { lock.withLock { outcomes.count { $0 != nil } } }

  /// The process IDs of the runs started so far.
  var pids: [pid_t] { lock.withLock { processIDs.compactMap { $0 } } }

  /// Kills every run that has not ended (its tool's process group), and each one not started yet
  /// as it starts.
  func stop() {
    lock.withLock {
      stopped = true
      for (index, pid) in processIDs.enumerated() where outcomes[index] == nil {
        if let pid { kill(-pid, SIGKILL) }
      }
    }
  }

  /// Every run's result, once all have ended.
  func results() -> [Result<ProcessRunner.Result, ProcessRunner.LaunchError>] {
    while true {
      let all = lock.withLock { outcomes.compactMap { $0 } }
      if all.count == outputs.count { return all }
      ended.wait()
    }
  }
}
