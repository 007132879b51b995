import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ends Lemma cleanly on SIGINT (Ctrl-C), SIGTERM and SIGHUP: every notebook program and
/// compiler Lemma started is killed with its whole process group (and anything it left behind),
/// temporary folders are removed, and no report is left half-written.
///
/// `install()` blocks the three signals in every thread and waits for them on a thread of its
/// own, so a signal never interrupts a thread halfway through a write. Starting a process,
/// writing a file into place and creating a scratch folder happen under one lock that the
/// signal thread takes and never gives back: after a signal nothing new starts or appears,
/// and everything that had started is stopped before the process ends.
public enum Shutdown {
  /// How the process ends after a signal, once everything is cleaned up.
  public enum Ending: Sendable {
    /// Die of the same signal, as shells expect of an interrupted command (status 128 + n).
    case signal
    /// Print `message` (when there is one) and exit with `status`: a server stopped on purpose.
    case exit(status: Int32, message: String?)
  }

  /// The signals that end Lemma.
  public static let signals = [SIGINT, SIGTERM, SIGHUP]

  private static let registry = Registry()

  /// Blocks the signals and starts the thread that waits for them. Call it first thing in
  /// `main`, before any other thread exists (threads inherit the blocked set).
  public static func install(ending: Ending = .signal) {
    registry.withLock { registry.ending = ending }
    var set = signalSet()
    pthread_sigmask(SIG_BLOCK, &set, nil)
    startDetachedThread {
      var set = signalSet()
      var received: Int32 = 0
      while sigwait(&set, &received) != 0 {}
      stop(received)
    }
  }

  /// Changes how the process ends after a signal (for example once a server is listening).
  public static func setEnding(_ ending: Ending) {
    registry.withLock { registry.ending = ending }
  }

  /// Starts a process with `start` so that a signal either comes before it (and it never
  /// starts) or after it is registered (and it is killed with its group and its tag).
  static func startProcess<E: Error>(tag: String, _ start: () throws(E) -> pid_t) throws(E) -> pid_t {
    try registry.withLock { () throws(E) -> pid_t in
      let pid = try start()
      registry.processes[pid] = tag
      return pid
    }
  }

  /// Forgets a process that ended and whose group was killed.
  static func processEnded(_ pid: pid_t) {
    registry.withLock { _ = registry.processes.removeValue(forKey: pid) }
  }

  /// Runs `write` (a temporary file written and renamed into place) where no signal cleanup
  /// can come between its steps: a file is either wholly in place or not there at all.
  public static func writingFile<T>(_ write: () throws -> T) rethrows -> T {
    try registry.withLock(write)
  }

  /// Creates a scratch folder that is removed if Lemma is stopped before `removeScratch`.
  public static func makeScratchFolder(_ path: String) throws {
    try registry.withLock {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      registry.scratch.insert(path)
    }
  }

  /// Registers `path` as a scratch file (created empty), removed if Lemma is stopped before
  /// `removeScratch` or `moveScratch`.
  public static func makeScratchFile(_ path: String) throws {
    try registry.withLock {
      try FileManager.default.createDirectory(
        atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw FileError(path: path, code: errno)
      }
      registry.scratch.insert(path)
    }
  }

  /// Renames a scratch file or folder to `destination` (replacing a file there): no signal
  /// cleanup comes between. False when the rename fails (the scratch stays registered).
  public static func moveScratch(_ path: String, to destination: String) -> Bool {
    registry.withLock {
      guard rename(path, destination) == 0 else { return false }
      registry.scratch.remove(path)
      return true
    }
  }

  /// Removes a scratch folder (or forgets it when it was moved into place).
  public static func removeScratch(_ path: String) {
    registry.withLock {
      try? FileManager.default.removeItem(atPath: path)
      registry.scratch.remove(path)
    }
  }

  /// Kills every registered process group and tagged process, removes scratch folders, and
  /// ends the process. Holds the lock to the end, so nothing new starts meanwhile.
  private static func stop(_ signal: Int32) -> Never {
    registry.lock.lock()
    let processes = registry.processes
    for (pid, _) in processes { kill(-pid, SIGKILL) }
    for (_, tag) in processes { ProcessRunner.killProcesses(taggedWith: tag) }
    for pid in processes.keys { waitpid(pid, nil, WNOHANG) }
    for path in registry.scratch { try? FileManager.default.removeItem(atPath: path) }
    let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
    let stopped =
      processes.isEmpty ? "" : "; stopped \(processes.count) running program\(processes.count == 1 ? "" : "s")"
    switch registry.ending {
    case .signal:
      fputs("lemma: interrupted by \(name)\(stopped)\n", stderr)
      fflush(stdout)
      fflush(stderr)
      Glibc.signal(signal, SIG_DFL)
      var set = sigset_t()
      sigemptyset(&set)
      sigaddset(&set, signal)
      pthread_sigmask(SIG_UNBLOCK, &set, nil)
      raise(signal)
      _exit(128 + signal)
    case .exit(let status, let message):
      if let message { print(message) }
      fflush(stdout)
      fflush(stderr)
      _exit(status)
    }
  }

  private static func signalSet() -> sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    return set
  }

  /// What a signal must clean up, behind one lock.
  private final class Registry: @unchecked Sendable {
    let lock = Lock(recursive: true)
    var processes: [pid_t: String] = [:]
    var scratch: Set<String> = []
    var ending = Ending.signal

    func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
      try lock.withLock(body)
    }
  }
}
