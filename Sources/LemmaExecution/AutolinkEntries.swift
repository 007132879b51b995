import Foundation

/// The libraries a Swift object file asks to be linked with: the NUL-separated entries of its
/// `.swift1_autolink_entries` ELF section (`-lswiftCore`, `-lFoundationEssentials`, ...) — what
/// `swift-autolink-extract` prints, read without starting another process.
enum AutolinkEntries {
  /// The entries of the object at `path`, in order and without repeats; nil when the file is not
  /// a 64-bit little-endian ELF object.
  static func read(objectAt path: String) -> [String]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return parse([UInt8](data))
  }

  static func parse(_ bytes: [UInt8]) -> [String]? {
    // ELF magic, 64-bit class (2), little-endian data (1).
    guard bytes.count >= 64, bytes[0..<4] == [0x7F, 0x45, 0x4C, 0x46], bytes[4] == 2, bytes[5] == 1 else {
      return nil
    }
    func integer(_ offset: Int, _ size: Int) -> Int? {
      guard offset >= 0, offset + size <= bytes.count else { return nil }
      return (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }
    guard let sectionTable = integer(0x28, 8), let entrySize = integer(0x3A, 2), let count = integer(0x3C, 2),
      let namesIndex = integer(0x3E, 2), entrySize >= 40, namesIndex < count
    else { return nil }
    /// (name offset, file offset, size) of section `index`.
    func section(_ index: Int) -> (name: Int, offset: Int, size: Int)? {
      let base = sectionTable + index * entrySize
      guard let name = integer(base, 4), let offset = integer(base + 24, 8), let size = integer(base + 32, 8),
        offset + size <= bytes.count
      else { return nil }
      return (name, offset, size)
    }
    guard let names = section(namesIndex) else { return nil }
    func name(at offset: Int) -> String {
      let start = names.offset + offset
      guard start < names.offset + names.size else { return "" }
      let end = bytes[start..<(names.offset + names.size)].firstIndex(of: 0) ?? (names.offset + names.size)
      return String(decoding: bytes[start..<end], as: UTF8.self)
    }
    var entries: [String] = []
    for index in 0..<count {
      guard let header = section(index) else { return nil }
      guard name(at: header.name) == ".swift1_autolink_entries" else { continue }
      for entry in bytes[header.offset..<(header.offset + header.size)].split(separator: 0) {
        let text = String(decoding: entry, as: UTF8.self)
        if !entries.contains(text) { entries.append(text) }
      }
    }
    return entries
  }
}
