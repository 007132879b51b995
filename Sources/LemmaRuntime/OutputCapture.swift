#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Copies what the program writes to stdout and stderr while a memo's closure runs, and the
/// progress lines it sends: each stream goes through a pipe whose reader passes every byte on
/// at once (so Lemma still sees output live) and keeps a copy.
final class OutputCapture: @unchecked Sendable {
  /// What was written while capturing.
  struct Output {
    var stdout: String
    var stderr: String
    var progress: [String]
  }

  private let out: Tee
  private let err: Tee

  private static let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  nonisolated(unsafe) private static var progressLines: [String]?
  nonisolated(unsafe) private static var lockReady = false

  private init(out: Tee, err: Tee) {
    self.out = out
    self.err = err
  }

  /// Starts copying stdout and stderr (flushing what is buffered first).
  static func start() -> OutputCapture {
    if !lockReady {
      pthread_mutex_init(lock, nil)
      lockReady = true
    }
    fflush(stdout)
    fflush(stderr)
    pthread_mutex_lock(lock)
    progressLines = []
    pthread_mutex_unlock(lock)
    return OutputCapture(out: Tee(descriptor: 1), err: Tee(descriptor: 2))
  }

  /// Keeps `line` when a capture is running.
  static func recordProgress(_ line: String) {
    guard lockReady else { return }
    pthread_mutex_lock(lock)
    progressLines?.append(line)
    pthread_mutex_unlock(lock)
  }

  /// Puts the streams back and returns what was written.
  func finish() -> Output {
    fflush(stdout)
    fflush(stderr)
    let stdoutBytes = out.finish()
    let stderrBytes = err.finish()
    pthread_mutex_lock(Self.lock)
    let progress = Self.progressLines ?? []
    Self.progressLines = nil
    pthread_mutex_unlock(Self.lock)
    return Output(
      stdout: String(decoding: stdoutBytes, as: UTF8.self), stderr: String(decoding: stderrBytes, as: UTF8.self),
      progress: progress)
  }

  /// One descriptor sent through a pipe and copied by a reader thread.
  private final class Tee: @unchecked Sendable {
    let descriptor: Int32
    let saved: Int32
    let reader: Int32
    var bytes: [UInt8] = []
    var thread = pthread_t()
    var active = false

    init(descriptor: Int32) {
      self.descriptor = descriptor
      saved = dup(descriptor)
      var ends: [Int32] = [0, 0]
      guard saved >= 0, pipe(&ends) == 0 else {
        // Nothing is redirected: the stream is left as it was and nothing is copied.
        if saved >= 0 { close(saved) }
        reader = -1
        return
      }
      reader = ends[0]
      dup2(ends[1], descriptor)
      close(ends[1])
      let box = Unmanaged.passRetained(self).toOpaque()
      active =
        pthread_create(
          &thread, nil,
          { argument in
            let tee = Unmanaged<Tee>.fromOpaque(argument!).takeRetainedValue()
            tee.copy()
            return nil
          }, box) == 0
      if !active {
        Unmanaged<Tee>.fromOpaque(box).release()
        dup2(saved, descriptor)
        close(reader)
        close(saved)
      }
    }

    /// Passes everything read on to the saved descriptor, keeping a copy, until the pipe ends.
    private func copy() {
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let count = read(reader, &buffer, buffer.count)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { break }
        bytes += buffer[..<count]
        var offset = 0
        while offset < count {
          let written = buffer.withUnsafeBytes { write(saved, $0.baseAddress! + offset, count - offset) }
          if written < 0 && errno == EINTR { continue }
          guard written > 0 else { break }
          offset += written
        }
      }
    }

    /// Restores the descriptor (closing the pipe's last writer), waits for the reader, and
    /// returns what it copied.
    func finish() -> [UInt8] {
      guard active else { return [] }
      dup2(saved, descriptor)
      pthread_join(thread, nil)
      close(reader)
      close(saved)
      active = false
      return bytes
    }
  }
}
