#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reports how a long computation is going on the terminal that runs `lemma render`, never in
/// the report: `progress("seed 2", step: step, of: steps)` inside a training loop prints
/// `seed 2: step 3000 of 5000 (60%)` under the notebook's name. Each label prints its first
/// step, then at most once every five seconds, and its last step always. Safe to call from several threads.
public func progress(_ label: String, step: Int, of total: Int) {
  guard let descriptor = LemmaSession.progressDescriptor else { return }
  guard ProgressThrottle.shared.shouldPrint(label, final: step >= total) else { return }
  let percent = total > 0 ? " (\(100 * step / total)%)" : ""
  sendProgressLine("\(label): step \(step) of \(total)\(percent)\n")
}

/// Writes one progress line (and keeps it, while a memo's closure runs, to replay on a hit).
func sendProgressLine(_ line: String) {
  guard let descriptor = LemmaSession.progressDescriptor else { return }
  OutputCapture.recordProgress(line)
  // One write(2) of less than PIPE_BUF bytes: lines from different threads never interleave.
  _ = line.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
}

/// When each label last printed, behind a lock.
final class ProgressThrottle: @unchecked Sendable {
  static let shared = ProgressThrottle()
  private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private var lastPrinted: [String: Double] = [:]
  private let interval = 5.0

  private init() { pthread_mutex_init(lock, nil) }

  func shouldPrint(_ label: String, final: Bool) -> Bool {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    if !final, let last = lastPrinted[label], seconds - last < interval { return false }
    lastPrinted[label] = seconds
    return true
  }
}
