import Foundation

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
    func integer(_ offset: Int, _ size: Int) -> Int? {
      guard offset >= 0, offset + size <= bytes.count else { return nil }
      return (0..<size).reduce(0) { $0 | Int(bytes[bytes.startIndex + offset + $1]) << (8 * $1) }
    }
    guard let table = integer(0x28, 8), let entrySize = integer(0x3A, 2), let count = integer(0x3C, 2),
      let namesIndex = integer(0x3E, 2), entrySize >= 64, namesIndex < count
    else { return nil }
    var headers: [(name: Int, section: Section)] = []
    for index in 0..<count {
      let base = table + index * entrySize
      guard let name = integer(base, 4), let type = integer(base + 4, 4), let offset = integer(base + 24, 8),
        let size = integer(base + 32, 8), let link = integer(base + 40, 4), let info = integer(base + 44, 4)
      else { return nil }
      // Sections without file contents (.bss) may claim any size.
      guard type == 8 || offset + size <= bytes.count else { return nil }
      headers.append(
        (name, Section(name: "", type: type, offset: offset, size: type == 8 ? 0 : size, link: link, info: info)))
    }
    let names = headers[namesIndex].section
    sections = headers.map { header in
      var section = header.section
      section.name = Self.string(in: bytes, table: names, at: header.name) ?? ""
      return section
    }
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
    var entry = dynamic.offset
    while entry + 16 <= dynamic.offset + dynamic.size {
      let tag = Self.integer(in: bytes, at: entry)
      let value = Self.integer(in: bytes, at: entry + 8)
      if tag == 0 { return nil }
      if tag == 14 { return Self.string(in: bytes, table: strings, at: value) }
      entry += 16
    }
    return nil
  }

  /// How many symbol versions the library defines (its own name counts as one); 0 when it
  /// defines none.
  var versionDefinitions: Int { sections.first { $0.type == 0x6fff_fffd }?.info ?? 0 }

  private static func integer(in bytes: Data, at offset: Int) -> Int {
    (0..<8).reduce(0) { $0 | Int(bytes[bytes.startIndex + offset + $1]) << (8 * $1) }
  }

  /// The NUL-terminated string at `offset` of string table `table`.
  private static func string(in bytes: Data, table: Section, at offset: Int) -> String? {
    guard offset >= 0, offset < table.size else { return nil }
    let start = bytes.startIndex + table.offset + offset
    let end = bytes.startIndex + table.offset + table.size
    let stop = bytes[start..<end].firstIndex(of: 0) ?? end
    return String(decoding: bytes[start..<stop], as: UTF8.self)
  }
}
