import Foundation

/// Swift lines for a notebook block that starts `/bin/sleep 600` as `child`: a process the
/// notebook's program leaves behind, which Lemma must stop with it.
public let startSleepingChild = """
  import Foundation
  let child = Process()
  child.executableURL = URL(fileURLWithPath: "/bin/sleep")
  child.arguments = ["600"]
  try child.run()
  """

/// Whether process `pid` is alive (a zombie, state Z, has exited; only its parent has not
/// collected it yet).
public func isRunning(_ pid: Int32) -> Bool {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
  return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
}

/// Calls `probe` every 50 ms until it gives a value or `seconds` pass.
public func waitFor<T>(_ seconds: Double, _ probe: () -> T?) -> T? {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if let value = probe() { return value }
    Thread.sleep(forTimeInterval: 0.05)
  }
  return nil
}

/// Text appended from several threads (a child's output read from its pipe).
public final class LockedText: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  public init() {}

  public func append(_ more: Data) { lock.withLock { data.append(more) } }

  public var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

  /// The first capture group of `pattern` in the text so far.
  public func firstMatch(_ pattern: String) -> String? {
    let text = self.text
    guard
      let match = try? NSRegularExpression(pattern: pattern).firstMatch(
        in: text, range: NSRange(text.startIndex..., in: text)),
      let range = Range(match.range(at: 1), in: text)
    else { return nil }
    return String(text[range])
  }
}

/// Runs `executable` with `arguments` in `folder` until it ends; its exit status and what it
/// printed on each stream (both read as they come, so neither pipe fills and blocks it).
public func runToEnd(_ executable: String, _ arguments: [String], in folder: String) throws -> (
  status: Int32, stdout: String, stderr: String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: folder)
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let stderr = LockedText()
  let readingErrors = DispatchGroup()
  try process.run()
  DispatchQueue.global().async(group: readingErrors) {
    stderr.append(err.fileHandleForReading.readDataToEndOfFile())
  }
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  readingErrors.wait()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), stderr.text)
}
