import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The libraries a Swift object file asks to be linked with: the NUL-separated entries of its
/// `.swift1_autolink_entries` ELF section (`-lswiftCore`, `-lFoundationEssentials`, ...) — what
/// `swift-autolink-extract` prints, read without starting another process.
enum AutolinkEntries {
  /// The entries of the object at `path`, in order and without repeats; nil when the file is not
  /// a 64-bit little-endian ELF object.
  static func read(objectAt path: String) -> [String]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return parse(data)
  }

  static func parse(_ bytes: Data) -> [String]? {
    guard let file = ELFFile(bytes) else { return nil }
    var entries: [String] = []
    for section in file.sections(named: ".swift1_autolink_entries") {
      for entry in file.contents(of: section).split(separator: 0) {
        let text = String(decoding: entry, as: UTF8.self)
        if !entries.contains(text) { entries.append(text) }
      }
    }
    return entries
  }
}
