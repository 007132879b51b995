import Foundation

/// Writes files so that a reader sees the old bytes or the new ones, never half of them:
/// write to a temporary name in the same folder, then rename into place.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    // A signal (Ctrl-C) waits until the file is in place, or comes before it is begun.
    try Shutdown.writingFile {
      do {
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
      } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw error
      }
    }
  }

  /// Writes `text` as UTF-8, unless the file already holds exactly those bytes (so unchanged
  /// outputs keep their modification time).
  public static func write(_ text: String, to path: String) throws {
    let data = Data(text.utf8)
    // Read the old file only when its size says it may hold the same bytes.
    let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    if size == data.count, let existing = FileManager.default.contents(atPath: path), existing == data { return }
    try write(data, to: path)
  }
}
