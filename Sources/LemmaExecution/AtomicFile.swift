import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Writes files so that a reader sees the old bytes or the new ones, never half of them:
/// write to a temporary name in the same folder, then rename into place.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    try data.withUnsafeBytes { try write(buffer: $0, to: path) }
  }

  /// Writes `text` as UTF-8, unless the file already holds exactly those bytes (so unchanged
  /// outputs keep their modification time).
  public static func write(_ text: String, to path: String) throws {
    var text = text
    try text.withUTF8 { try writeIfChanged(UnsafeRawBufferPointer($0), to: path) }
  }

  /// Writes `bytes`, unless the file already holds exactly those bytes.
  public static func write(bytes: [UInt8], to path: String) throws {
    try bytes.withUnsafeBytes { try writeIfChanged($0, to: path) }
  }

  private static func writeIfChanged(_ buffer: UnsafeRawBufferPointer, to path: String) throws {
    if holds(path, buffer) { return }
    try write(buffer: buffer, to: path)
  }

  /// Whether the file at `path` holds exactly `buffer` (read only when its size says it may).
  private static func holds(_ path: String, _ buffer: UnsafeRawBufferPointer) -> Bool {
    var status = stat()
    guard stat(path, &status) == 0, Int(status.st_size) == buffer.count,
      let existing = FileManager.default.contents(atPath: path), existing.count == buffer.count
    else { return false }
    return existing.withUnsafeBytes { old in
      buffer.count == 0 || memcmp(old.baseAddress!, buffer.baseAddress!, buffer.count) == 0
    }
  }

  private static func write(buffer: UnsafeRawBufferPointer, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
    // A signal (Ctrl-C) waits until the file is in place, or comes before it is begun.
    try Shutdown.writingFile {
      do {
        try writeAll(buffer, to: temporary)
        guard rename(temporary, path) == 0 else { throw FileError(path: path, code: errno) }
      } catch {
        unlink(temporary)
        throw error
      }
    }
  }

  /// Creates `path` and writes all of `buffer` into it: `O_EXCL` in `flags` when it must not
  /// exist, `O_TRUNC` when an old file there is overwritten.
  static func writeAll(_ buffer: UnsafeRawBufferPointer, to path: String, flags: Int32 = O_EXCL) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o666)
    guard descriptor >= 0 else { throw FileError(path: path, code: errno) }
    defer { close(descriptor) }
    var written = 0
    while written < buffer.count {
      let count = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { throw FileError(path: path, code: count < 0 ? errno : ENOSPC) }
      written += count
    }
  }
}
