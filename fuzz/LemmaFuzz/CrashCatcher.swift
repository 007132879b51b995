import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Saves the input being run when the process crashes (a trap, a bad pointer, a stack
/// overflow) or one input runs longer than 10 seconds, then lets the process die.
///
/// The input lives in memory allocated once; the signal handler only calls `open`, `write`
/// and `close`, which are safe in a handler.
enum CrashCatcher {
  nonisolated(unsafe) private static var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 17)
  nonisolated(unsafe) private static var length = 0
  nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

  static func install(folder: String) {
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    path = strdup(folder + "/crash-\(getpid()).md")
    // An alternate stack, so a stack overflow can still be handled.
    let size = 1 << 16
    var stack = stack_t(
      ss_sp: UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16), ss_flags: 0, ss_size: size)
    sigaltstack(&stack, nil)
    for signal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGALRM] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in
        if let path = CrashCatcher.path {
          let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
          if fd >= 0 {
            _ = write(fd, CrashCatcher.buffer, CrashCatcher.length)
            close(fd)
          }
          let note: StaticString = "\nlemma-fuzz: crashed or hung; the input is saved in fuzz/crashes\n"
          _ = write(2, note.utf8Start, note.utf8CodeUnitCount)
        }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
      }
      action.sa_flags = Int32(SA_ONSTACK) | Int32(bitPattern: UInt32(SA_RESETHAND))
      sigaction(signal, &action, nil)
    }
  }

  /// Remembers the input about to run, and gives it 10 seconds.
  static func current(_ input: [UInt8], run: Int) {
    length = min(input.count, 1 << 17)
    input.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: length) }
    alarm(10)
  }
}
