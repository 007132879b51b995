import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Writes a file in a folder nothing else reads until the file is complete (a compile's
/// scratch folder): in place, without `AtomicFile`'s temporary name and rename, and without
/// the `fsync` of Foundation's `write(to:)` (a millisecond a file, on every compile's path).
enum ScratchFile {
  static func write(_ text: String, to path: String) throws {
    var text = text
    try text.withUTF8 { try AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: path, flags: O_TRUNC) }
  }
}
