#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A notebook's text as every later stage sees it: the one door source bytes come through.
///
/// The bytes are decoded as UTF-8 (a bad byte is an error naming its line and column), a leading
/// byte-order mark is dropped, and Windows (CRLF) and old Mac (lone CR) line endings become LF.
/// A NUL byte is an error too: it is never meant in a text file, and C parsers stop at it.
/// From here on every position is a line and column of `text` (columns count UTF-8 bytes, as
/// compilers and cmark do), which is what an editor shows for the file.
public struct SourceText: Sendable, Equatable {
  /// The normalised text: valid UTF-8, no BOM, no CR, no NUL.
  public let text: String

  /// Decodes `bytes`; `path` and `what` ("notebook", "lemma.yml") are used in messages only.
  public init(bytes: some Collection<UInt8>, path: String, what: String = "notebook") throws(NotebookError) {
    try self.init(
      bytes.withContiguousStorageIfAvailable { Self.decode(UnsafeRawBufferPointer($0), what: what) }
        ?? Array(bytes).withUnsafeBytes { Self.decode($0, what: what) }, path: path)
  }

  private init(_ decoded: Result<String, Problem>, path: String) throws(NotebookError) {
    switch decoded {
    case .success(let text): self.text = text
    case .failure(let problem):
      throw NotebookError(path: path, location: problem.location, message: problem.message, hint: problem.hint)
    }
  }

  /// Reads `data` in place: the common case costs one validation, one copy and two `memchr`
  /// scans (valid UTF-8, no NUL, no CR).
  private static func decode(_ data: UnsafeRawBufferPointer, what: String) -> Result<String, Problem> {
    var buffer = UnsafeBufferPointer(start: data.baseAddress?.assumingMemoryBound(to: UInt8.self), count: data.count)
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer = UnsafeBufferPointer(rebasing: buffer.dropFirst(3)) }
    func holds(_ byte: UInt8) -> Bool {
      guard let start = buffer.baseAddress, !buffer.isEmpty else { return false }
      return memchr(start, Int32(byte), buffer.count) != nil
    }
    guard let text = String(validating: buffer, as: UTF8.self), !holds(0) else {
      return .failure(firstProblem(in: Array(buffer), what: what)!)
    }
    // Valid UTF-8 without NUL: only line endings are left to normalise.
    return .success(
      holds(UInt8(ascii: "\r")) ? String(decoding: normalisingLineEndings(Array(buffer)), as: UTF8.self) : text)
  }

  /// Normalises text that is already a `String` (valid UTF-8 by construction): BOM, CR, NUL.
  public init(_ string: String, path: String) throws(NotebookError) {
    try self.init(bytes: Array(string.utf8), path: path)
  }

  /// Reads and decodes the file at `path`.
  public init(contentsOf path: String, what: String = "notebook") throws(NotebookError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      throw NotebookError(
        path: path, location: nil, message: exists ? "cannot read the \(what)" : "no such file",
        hint: exists ? "check that the file is readable" : "check the path; notebooks are .md files")
    }
    try self.init(data.withUnsafeBytes { Self.decode($0, what: what) }, path: path)
  }

  private struct Problem: Error {
    var location: SourceLocation
    var message: String
    var hint: String
  }

  /// The first byte that is not valid UTF-8 or is NUL, with its line and column as they will be
  /// counted after line endings are normalised.
  private static func firstProblem(in bytes: [UInt8], what: String) -> Problem? {
    var line = 1
    var lineStart = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let location = { SourceLocation(line: line, column: index - lineStart + 1) }
      if byte == 0 {
        return Problem(
          location: location(), message: "the \(what) contains a NUL byte",
          hint: "a text file never holds NUL (byte 0); remove it, or save the file as UTF-8 text")
      }
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
        index += 1
        line += 1
        lineStart = index
        continue
      }
      let length = validSequenceLength(bytes, at: index)
      if length == 0 {
        return Problem(
          location: location(),
          message: "the \(what) is not valid UTF-8 text (byte 0x\(String(byte, radix: 16, uppercase: true)))",
          hint: "save the file as UTF-8; other encodings (Latin-1, UTF-16) are not read")
      }
      index += length
    }
    return nil
  }

  /// The length of the valid UTF-8 sequence starting at `index`, or 0 when it is not valid
  /// (overlong forms, surrogates and code points past U+10FFFF are invalid, as in `String`).
  private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    let first = bytes[index]
    if first < 0x80 { return 1 }
    let (length, low, high): (Int, UInt8, UInt8) =
      switch first {
      case 0xC2...0xDF: (2, 0x80, 0xBF)
      case 0xE0: (3, 0xA0, 0xBF)
      case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
      case 0xED: (3, 0x80, 0x9F)
      case 0xF0: (4, 0x90, 0xBF)
      case 0xF1...0xF3: (4, 0x80, 0xBF)
      case 0xF4: (4, 0x80, 0x8F)
      default: (0, 0, 0)
      }
    guard length > 0, index + length <= bytes.count else { return 0 }
    guard (low...high).contains(bytes[index + 1]) else { return 0 }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
    return length
  }

  /// CRLF and lone CR become LF.
  private static func normalisingLineEndings(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      guard byte == UInt8(ascii: "\r") else {
        result.append(byte)
        continue
      }
      result.append(UInt8(ascii: "\n"))
      if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
    }
    return result
  }
}

/// Where each line of a text starts, so line n is found without splitting the text (which
/// for a multi-megabyte notebook costs more than parsing it).
public struct LineTable: Sendable {
  public let text: String
  /// The UTF-8 offset where each line starts; `starts[n - 1]` for line n.
  private let starts: [Int]

  public init(_ text: String) {
    var text = text
    var starts = [0]
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var from = 0
      while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "\n")), bytes.count - from) {
        from = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        starts.append(from)
      }
    }
    self.text = text
    self.starts = starts
  }

  /// How many lines the text has (one more than its line feeds).
  public var count: Int { starts.count }

  /// Line `number` (from 1) without its line feed; nil past the end.
  public func line(_ number: Int) -> Substring? {
    guard let range = byteRange(ofLine: number) else { return nil }
    let utf8 = text.utf8
    return text[
      utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
  }

  /// Whether lines `range` hold any of `targets`, looked for in place (with `memchr`).
  public func lines(_ range: ClosedRange<Int>, containAnyOf targets: [UInt8]) -> Bool {
    guard let from = byteRange(ofLine: range.lowerBound)?.lowerBound,
      let to = byteRange(ofLine: min(range.upperBound, count))?.upperBound, from < to
    else { return false }
    let found = text.utf8.withContiguousStorageIfAvailable { buffer in
      targets.contains { memchr(buffer.baseAddress! + from, Int32($0), to - from) != nil }
    }
    return found ?? Array(text.utf8)[from..<to].contains(where: targets.contains)
  }

  /// The UTF-8 offsets of line `number`, line feed excluded.
  public func byteRange(ofLine number: Int) -> Range<Int>? {
    guard number >= 1, number <= starts.count else { return nil }
    let end = number < starts.count ? starts[number] - 1 : text.utf8.count
    return starts[number - 1]..<end
  }

  /// The UTF-8 offset of a line and (byte) column; nil when it is not within its line (the
  /// column just past the line's end is within).
  public func offset(of location: SourceLocation) -> Int? {
    guard let range = byteRange(ofLine: location.line) else { return nil }
    let offset = range.lowerBound + location.column - 1
    return offset >= range.lowerBound && offset <= range.upperBound ? offset : nil
  }
}
