import SystemSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a file's bytes into a named pipe that a tool reads as that file (`EarlyLink`'s
/// objects, `FrontendHeadStart`'s sources).
enum PipeFeed {
  /// Writes `bytes` into the pipe at `path` once a reader has opened it, polling (a writer's
  /// non-blocking open fails until then). False when `readerGone` says the reader ended first,
  /// or the pipe broke. `meanwhile` is called between polls.
  static func feed(
    _ bytes: [UInt8], into path: String, readerGone: () -> Bool, meanwhile: () -> Void = {}
  ) -> Bool {
    var descriptor: Int32 = -1
    while descriptor < 0 {
      descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
      if descriptor >= 0 { break }
      // ENXIO: no reader yet.
      guard errno == ENXIO, !readerGone() else { return false }
      meanwhile()
      sleepThread(seconds: 0.0002)
    }
    defer { close(descriptor) }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return writeWithoutBrokenPipeSignal(bytes, to: descriptor)
  }

  /// Writes all of `bytes`; false on an error. A reader gone away is EPIPE here, not the
  /// SIGPIPE that would end Lemma: the signal is blocked on this thread while it writes, and
  /// one it raised is taken before it is unblocked.
  private static func writeWithoutBrokenPipeSignal(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    var brokenPipe = sigset_t()
    sigemptyset(&brokenPipe)
    sigaddset(&brokenPipe, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &brokenPipe, &previous)
    defer {
      var pending = sigset_t()
      sigpending(&pending)
      if sigismember(&pending, SIGPIPE) == 1 {
        var noWait = timespec(tv_sec: 0, tv_nsec: 0)
        _ = sigtimedwait(&brokenPipe, nil, &noWait)
      }
      pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      offset += count
    }
    return true
  }
}
