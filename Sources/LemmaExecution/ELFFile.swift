import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The section table of a 64-bit little-endian ELF file (an object or a shared library), read
/// without starting another process: sections by name, a library's SONAME, and how many symbol
/// versions it defines. Every offset is checked against the file's size; a file that is not
/// such an ELF file, or whose tables point outside it, is nil.
struct ELFFile {
  struct Section {
    var name: String
    /// `sh_type`: 6 is the dynamic table, `0x6ffffffd` the version definitions.
    var type: Int
    var offset: Int
    var size: Int
    /// `sh_link`: for the dynamic table, the index of its string table.
    var link: Int
    /// `sh_info`: for the version definitions, how many there are.
    var info: Int
  }

  private let bytes: Data
  let sections: [Section]

  /// The file at `path`, mapped rather than read (a library may be megabytes).
  init?(contentsOf path: String) {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
    self.init(data)
  }

  init?(_ bytes: Data) {
    self.bytes = bytes
    // ELF magic, 64-bit class (2), little-endian data (1).
    guard bytes.count >= 64, bytes.prefix(4).elementsEqual([0x7F, 0x45, 0x4C, 0x46]),
      bytes[bytes.startIndex + 4] == 2, bytes[bytes.startIndex + 5] == 1
    else { return nil }
    let parsed: [Section]? = bytes.withUnsafeBytes { buffer in
      func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> Int? {
        guard offset >= 0, offset + MemoryLayout<T>.size <= buffer.count else { return nil }
        return Int(exactly: T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self)))
      }
      guard let table = integer(0x28, UInt64.self), let entrySize = integer(0x3A, UInt16.self),
        let count = integer(0x3C, UInt16.self), let namesIndex = integer(0x3E, UInt16.self), entrySize >= 64,
        namesIndex < count
      else { return nil }
      var sections: [Section] = []
      sections.reserveCapacity(count)
      var nameOffsets: [Int] = []
      for index in 0..<count {
        let base = table + index * entrySize
        guard let name = integer(base, UInt32.self), let type = integer(base + 4, UInt32.self),
          let offset = integer(base + 24, UInt64.self), let size = integer(base + 32, UInt64.self),
          let link = integer(base + 40, UInt32.self), let info = integer(base + 44, UInt32.self)
        else { return nil }
        // Sections without file contents (.bss) may claim any size.
        guard type == 8 || offset + size <= buffer.count else { return nil }
        nameOffsets.append(name)
        sections.append(
          Section(name: "", type: type, offset: offset, size: type == 8 ? 0 : size, link: link, info: info))
      }
      let names = sections[namesIndex]
      for index in sections.indices {
        sections[index].name = Self.string(in: buffer, table: names, at: nameOffsets[index]) ?? ""
      }
      return sections
    }
    guard let parsed else { return nil }
    sections = parsed
  }

  /// The sections called `name`, in file order.
  func sections(named name: String) -> [Section] { sections.filter { $0.name == name } }

  /// The bytes of `section`.
  func contents(of section: Section) -> Data {
    bytes.subdata(in: (bytes.startIndex + section.offset)..<(bytes.startIndex + section.offset + section.size))
  }

  /// The `DT_SONAME` of a shared library: the name a program linked with it records as needed.
  var soname: String? {
    guard let dynamic = sections.first(where: { $0.type == 6 }), dynamic.link < sections.count else { return nil }
    let strings = sections[dynamic.link]
    return bytes.withUnsafeBytes { buffer -> String? in
      var entry = dynamic.offset
      while entry + 16 <= dynamic.offset + dynamic.size {
        let tag = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: entry, as: UInt64.self))
        let value = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self))
        if tag == 0 { return nil }
        if tag == 14 { return Int(exactly: value).flatMap { Self.string(in: buffer, table: strings, at: $0) } }
        entry += 16
      }
      return nil
    }
  }

  /// How many symbol versions the library defines (its own name counts as one); 0 when it
  /// defines none.
  var versionDefinitions: Int { sections.first { $0.type == 0x6fff_fffd }?.info ?? 0 }

  /// The NUL-terminated string at `offset` of string table `table`.
  private static func string(in buffer: UnsafeRawBufferPointer, table: Section, at offset: Int) -> String? {
    guard offset >= 0, offset < table.size else { return nil }
    let start = table.offset + offset
    let end = table.offset + table.size
    var stop = start
    while stop < end, buffer[stop] != 0 { stop += 1 }
    return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<stop]), as: UTF8.self)
  }
}
