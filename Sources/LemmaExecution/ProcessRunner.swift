import SystemSupport
#if canImport(Glibc)
  import CSpawn
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program in its own process group with its output piped back and a deadline.
///
/// Uses posix_spawn, poll and a kill of the whole group, because Foundation's `Process` waits
/// forever when a child leaves a grandchild holding its pipe.
public struct ProcessRunner: Sendable {
  /// How a run ended.
  public enum Termination: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)
    case timedOut
  }

  /// What a run printed and how it ended.
  public struct Result: Sendable {
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    public var termination: Termination
    public var seconds: Double
  }

  /// Why a program could not be started.
  public struct LaunchError: Error, CustomStringConvertible, Sendable {
    public var executable: String
    public var code: Int32
    public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
  }

  /// Whether to search `/proc`, once the program ends, for processes it started that left its
  /// process group (1–2 ms). Off for the toolchain's compiler and linker, which start none.
  public var findsStrays: Bool

  public init(findsStrays: Bool = true) { self.findsStrays = findsStrays }

  /// The descriptor a program started with a `progress` handler writes its progress lines to.
  public static let progressDescriptor: Int32 = 3

  /// The most of stdout and of stderr a result keeps (when no `output` handler takes them).
  public static let keptBytes = 16 << 20

  /// Runs `executable` (looked up in PATH when it has no `/`) with `arguments`, extra
  /// `environment` entries and a `timeout` in seconds. When it ends, every process it started
  /// ends too, even one that left its process group. With `progress`, the program's descriptor 3
  /// is a pipe whose lines are passed to `progress` as they arrive. With `output`, what the
  /// program writes to stdout (stream 0) and stderr (stream 1) is handed to it as it arrives
  /// instead of being kept in the result, so a program that prints without end costs no memory;
  /// without, the result keeps the first `keptBytes` of each. `started` is told the program's
  /// process ID once it runs.
  public func run(
    _ executable: String, arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
    timeout: Double, progress: (@Sendable (String) -> Void)? = nil,
    output: ((_ stream: Int, _ bytes: ArraySlice<UInt8>) -> Void)? = nil, started: ((pid_t) -> Void)? = nil
  ) throws(LaunchError) -> Result {
    let start = monotonicSeconds()
    // Descendants inherit this variable wherever they move, so they can be found and stopped.
    let tag = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    var environment = environment
    environment[Self.tagVariable] = tag
    // The child looks for a relative executable in its own working directory: name it from ours.
    var executable = executable
    if workingDirectory != nil, executable.contains("/"), !executable.hasPrefix("/") {
      var folder = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      if getcwd(&folder, folder.count) != nil { executable = String(cString: folder) + "/" + executable }
    }
    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    var progressPipe: [Int32] = [-1, -1]
    // Close-on-exec, so a program another thread starts meanwhile does not inherit them (and
    // keep this program's output open after it ends).
    guard pipe2(&outPipe, O_CLOEXEC) == 0, pipe2(&errPipe, O_CLOEXEC) == 0,
      progress == nil || pipe2(&progressPipe, O_CLOEXEC) == 0
    else {
      throw LaunchError(executable: executable, code: errno)
    }
    let pid = try Shutdown.startProcess(tag: tag) { () throws(LaunchError) -> pid_t in
      try spawn(
        executable, arguments, environment, workingDirectory, stdout: outPipe[1], stderr: errPipe[1],
        progress: progressPipe[1])
    }
    defer { Shutdown.processEnded(pid) }
    started?(pid)
    let readEnds = [outPipe[0], errPipe[0]] + (progress == nil ? [] : [progressPipe[0]])
    for fd in [outPipe[1], errPipe[1], progressPipe[1]] where fd >= 0 { close(fd) }
    defer { for fd in readEnds { close(fd) } }
    // Readable once the program ends, so the wait below wakes then, not at its next time-out.
    let exitDescriptor = lemma_pidfd_open(pid)
    defer { if exitDescriptor >= 0 { close(exitDescriptor) } }
    var watchedExit = exitDescriptor
    var collector = PipeCollector(fds: readEnds)
    collector.lineHandler = progress.map { handler in (2, handler) }
    let deadline = start + timeout
    var status: Int32 = 0
    var termination: Termination?
    while termination == nil {
      let remaining = deadline - monotonicSeconds()
      if remaining <= 0 {
        kill(-pid, SIGKILL)
        waitpid(pid, &status, 0)
        termination = .timedOut
        break
      }
      collector.poll(milliseconds: Int32(min(remaining * 1000, 50)) + 1, exit: watchedExit, output: output)
      switch waitpid(pid, &status, WNOHANG) {
      case pid: termination = Self.termination(status)
      // Reaped by someone else (a shutdown): the pidfd stays readable, so stop watching it.
      case -1: watchedExit = -1
      default: break
      }
    }
    // The child is gone: end whatever it left behind, then drain the pipes.
    kill(-pid, SIGKILL)
    if findsStrays { Self.killProcesses(taggedWith: tag) }
    collector.drain(within: 1.0, output: output)
    return Result(
      stdout: collector.buffers[0], stderr: collector.buffers[1], termination: termination ?? .timedOut,
      seconds: monotonicSeconds() - start)
  }

  private func spawn(
    _ executable: String, _ arguments: [String], _ environment: [String: String], _ workingDirectory: String?,
    stdout: Int32, stderr: Int32, progress: Int32
  ) throws(LaunchError) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    #if canImport(Glibc)
      if let workingDirectory { posix_spawn_file_actions_addchdir_np(&actions, workingDirectory) }
    #endif
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    if progress >= 0 { posix_spawn_file_actions_adddup2(&actions, progress, Self.progressDescriptor) }
    // Nothing else of Lemma's is the program's: no descriptor some library left inheritable.
    #if canImport(Glibc)
      posix_spawn_file_actions_addclosefrom_np(&actions, progress >= 0 ? Self.progressDescriptor + 1 : 3)
    #endif
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    // Signals Lemma blocks or ignores get their default action back in the program.
    for signal in [SIGPIPE] + Shutdown.signals { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)

    var merged: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let equals = text.firstIndex(of: "=") {
        merged[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      entry += 1
    }
    merged.merge(environment) { $1 }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = merged.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    // A binary the linker has just renamed into place may still be open in the exiting
    // linker for a moment ("text file busy"): try again shortly, for up to a second.
    var attempts = 0
    while true {
      let code =
        executable.contains("/")
        ? posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        : posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
      if code == 0 { return pid }
      attempts += 1
      guard code == ETXTBSY, attempts < 1000 else { throw LaunchError(executable: executable, code: code) }
      usleep(1000)
    }
  }

  private static let tagVariable = "LEMMA_PROCESS_TAG"

  /// Sends SIGKILL to every process whose environment carries `tag`, until none is left.
  static func killProcesses(taggedWith tag: String) {
    let needle = Array("\(tagVariable)=\(tag)\0".utf8)
    for _ in 0..<5 {
      guard let proc = opendir("/proc") else { return }
      var killed = 0
      while let entry = readdir(proc) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let pid = pid_t(name), pid != getpid() else { continue }
        let fd = open("/proc/\(pid)/environ", O_RDONLY)
        guard fd >= 0 else { continue }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while case let count = read(fd, &chunk, chunk.count), count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
        close(fd)
        if contains(bytes, needle) {
          kill(pid, SIGKILL)
          killed += 1
        }
      }
      closedir(proc)
      if killed == 0 { return }
      usleep(10_000)
    }
  }

  /// Whether `needle` occurs in `haystack`. Foundation's `firstRange(of:)` for bytes is generic
  /// and not specialised: 0.8M instructions an environment, run after every program for every
  /// process on the machine (callgrind).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
    return haystack.withUnsafeBytes { hay in
      needle.withUnsafeBytes { wanted in
        var start = 0
        let last = hay.count - wanted.count
        while start <= last {
          guard let found = hay[start...last].firstIndex(of: first) else { return false }
          if memcmp(hay.baseAddress! + found, wanted.baseAddress!, wanted.count) == 0 { return true }
          start = found + 1
        }
        return false
      }
    }
  }

  private static func termination(_ status: Int32) -> Termination {
    let signal = status & 0x7f
    return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
  }
}

/// Reads several pipes at once into buffers until each reaches end of file.
private struct PipeCollector {
  /// What a stream kept in the result may hold; the rest is read and dropped, so a compiler
  /// printing without end (thousands of diagnostics that each quote a huge line) costs no more.
  static let keptBytes = ProcessRunner.keptBytes

  var fds: [Int32]
  var buffers: [[UInt8]]
  var open: [Bool]
  /// One read buffer for every read.
  private var chunk = [UInt8](repeating: 0, count: 65536)
  /// A pipe whose complete lines are handed to a function as they arrive, instead of kept.
  var lineHandler: (index: Int, handle: @Sendable (String) -> Void)?

  init(fds: [Int32]) {
    self.fds = fds
    buffers = Array(repeating: [], count: fds.count)
    open = Array(repeating: true, count: fds.count)
  }

  /// Waits up to `milliseconds` for data, or for `exit` (the program's pidfd, when not -1) to
  /// say it ended, and reads what is there; stdout and stderr go to `output` when there is one.
  mutating func poll(milliseconds: Int32, exit: Int32 = -1, output: ((Int, ArraySlice<UInt8>) -> Void)? = nil) {
    var entries = fds.indices.filter { open[$0] }.map { pollfd(fd: fds[$0], events: Int16(POLLIN), revents: 0) }
    if exit >= 0 { entries.append(pollfd(fd: exit, events: Int16(POLLIN), revents: 0)) }
    guard !entries.isEmpty else {
      // Pipes closed and no pidfd: the program is ending; look again soon rather than at the
      // time-out (the exit between closing its descriptors and becoming waitable is short).
      usleep(UInt32(min(milliseconds, 2)) * 1000)
      return
    }
    guard Glibc.poll(&entries, nfds_t(entries.count), milliseconds) > 0 else { return }
    for entry in entries where entry.revents != 0 && entry.fd != exit {
      guard let index = fds.firstIndex(of: entry.fd) else { continue }
      read(index, output: output)
    }
  }

  /// Reads until every pipe is closed or `seconds` pass.
  mutating func drain(within seconds: Double, output: ((Int, ArraySlice<UInt8>) -> Void)? = nil) {
    let deadline = monotonicSeconds() + seconds
    while open.contains(true), monotonicSeconds() < deadline { poll(milliseconds: 20, output: output) }
  }

  private mutating func read(_ index: Int, output: ((Int, ArraySlice<UInt8>) -> Void)?) {
    let count = chunk.withUnsafeMutableBytes { Glibc.read(fds[index], $0.baseAddress, $0.count) }
    if count > 0, index < 2, let output {
      output(index, chunk[0..<count])
    } else if count > 0 {
      let isLines = lineHandler?.index == index
      let room = isLines ? count : max(0, Self.keptBytes - buffers[index].count)
      buffers[index].append(contentsOf: chunk[0..<min(count, room)])
      if let (lineIndex, handle) = lineHandler, lineIndex == index {
        while let newline = buffers[index].firstIndex(of: UInt8(ascii: "\n")) {
          handle(String(decoding: buffers[index][..<newline], as: UTF8.self))
          buffers[index].removeSubrange(...newline)
        }
      }
    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
      open[index] = false
    }
  }
}
