/// GFM footnote definitions, taken out of the body before cmark reads it: cmark would read
/// `[^1]: note` as a paragraph or a link reference definition, and a definition's indented
/// blocks as code. Each definition is a `[^label]:` line at the top level (outside fenced code)
/// and the lines that continue it: indented four spaces (its further blocks), blank lines
/// between them, and lazy continuation lines of its text. Its lines are blanked in the body,
/// so every other position stays where it was, and its content is parsed on its own.
struct FootnoteDefinitions {
  struct Definition {
    var label: String
    /// Where the `[^label]:` marker starts.
    var location: SourceLocation
    /// The definition's content, line by line: (source line, bytes, 1-based column of the first byte).
    var lines: [(line: Int, bytes: [UInt8], column: Int)]
  }

  /// The body with the definitions' lines blanked, as UTF-8 (valid: only whole lines are
  /// emptied, so it is not decoded again).
  var body: [UInt8]
  var definitions: [Definition]

  init(_ text: String) {
    let bytes = Array(text.utf8)
    guard Self.mayDefine(bytes) else {
      self.body = bytes
      definitions = []
      return
    }
    // Line ranges, without copying lines: only lines that may matter are copied below.
    var ranges: [Range<Int>] = []
    var lineStart = 0
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
      ranges.append(lineStart..<index)
      lineStart = index + 1
    }
    ranges.append(lineStart..<bytes.count)
    /// The first byte after a line's leading spaces and tabs (nil for a blank line).
    func firstByte(_ number: Int) -> UInt8? { bytes[ranges[number]].first { $0 != 32 && $0 != 9 } }
    func lineBytes(_ number: Int) -> [UInt8] { Array(bytes[ranges[number]]) }
    var blanked = [Bool](repeating: false, count: ranges.count)
    var anyBlanked = false
    var definitions: [Definition] = []
    var fence: (mark: UInt8, count: Int)?
    var index = 0
    while index < ranges.count {
      let first = firstByte(index)
      let mayFence = first == UInt8(ascii: "`") || first == UInt8(ascii: "~")
      if let open = fence {
        if mayFence, let close = Self.fence(lineBytes(index)), close.mark == open.mark, close.count >= open.count,
          close.onlyMarks
        {
          fence = nil
        }
        index += 1
        continue
      }
      if mayFence, let open = Self.fence(lineBytes(index)) {
        fence = (open.mark, open.count)
        index += 1
        continue
      }
      // Like a link reference definition, a footnote definition cannot interrupt a paragraph.
      guard first == UInt8(ascii: "[") else {
        index += 1
        continue
      }
      let previousFirst = index > 0 ? firstByte(index - 1) : nil
      let startsAfterBlock =
        previousFirst == nil || previousFirst == UInt8(ascii: "#") || (index > 0 && blanked[index - 1])
      let line = lineBytes(index)
      guard startsAfterBlock, let start = Self.definitionStart(line) else {
        index += 1
        continue
      }
      var content: [(line: Int, bytes: [UInt8], column: Int)] = [
        (index + 1, Array(line[start.content...]), start.content + 1)
      ]
      var next = index + 1
      var previousBlank = false
      while next < ranges.count {
        let candidate = lineBytes(next)
        let indent = Self.indent(candidate)
        if indent.bytes == candidate.count {
          content.append((next + 1, [], 1))
          previousBlank = true
        } else if indent.spaces >= 4 {
          let cut = Self.byteOffset(ofColumn: 4, in: candidate)
          content.append((next + 1, Array(candidate[cut...]), cut + 1))
          previousBlank = false
        } else if !previousBlank, !Self.startsBlock(candidate) {
          content.append((next + 1, Array(candidate[indent.bytes...]), indent.bytes + 1))
        } else {
          break
        }
        next += 1
      }
      while let last = content.last, last.bytes.isEmpty, content.count > 1 { content.removeLast() }
      for number in index..<(index + content.count) where !ranges[number].isEmpty {
        blanked[number] = true
        anyBlanked = true
      }
      definitions.append(
        Definition(
          label: start.label, location: SourceLocation(line: index + 1, column: start.marker + 1), lines: content))
      index += content.count
    }
    self.definitions = definitions
    guard anyBlanked else {
      self.body = bytes
      return
    }
    // The text with the definitions' lines emptied (their line feeds kept), copied in runs.
    var body: [UInt8] = []
    body.reserveCapacity(bytes.count)
    var copied = 0
    for number in ranges.indices where blanked[number] {
      body += bytes[copied..<ranges[number].lowerBound]
      copied = ranges[number].upperBound
    }
    body += bytes[copied...]
    self.body = body
  }

  /// Whether `text` holds `[^` anywhere: without it there is nothing to take out (the common
  /// case, checked without copying the text).
  static func mayDefine(_ bytes: [UInt8]) -> Bool {
    var previous: UInt8 = 0
    for byte in bytes {
      if previous == UInt8(ascii: "["), byte == UInt8(ascii: "^") { return true }
      previous = byte
    }
    return false
  }

  /// `[^label]:` at the start of a line (up to three spaces in): the label, where the marker
  /// starts and where the content starts (after the colon and its spaces).
  static func definitionStart(_ line: [UInt8]) -> (label: String, marker: Int, content: Int)? {
    let indent = indent(line)
    guard indent.spaces < 4, line[indent.bytes...].starts(with: "[^".utf8) else { return nil }
    var end = indent.bytes + 2
    while end < line.count, line[end] != UInt8(ascii: "]") {
      if line[end] == 32 || line[end] == 9 || line[end] == UInt8(ascii: "[") { return nil }
      end += 1
    }
    guard end > indent.bytes + 2, end + 1 < line.count, line[end + 1] == UInt8(ascii: ":") else { return nil }
    var content = end + 2
    while content < line.count, line[content] == 32 || line[content] == 9 { content += 1 }
    return (String(decoding: line[(indent.bytes + 2)..<end], as: UTF8.self), indent.bytes, content)
  }

  /// A fence line (three or more backticks or tildes, up to three spaces in).
  static func fence(_ line: [UInt8]) -> (mark: UInt8, count: Int, onlyMarks: Bool)? {
    let indent = indent(line)
    guard indent.spaces < 4, indent.bytes < line.count else { return nil }
    let mark = line[indent.bytes]
    guard mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~") else { return nil }
    let count = line[indent.bytes...].prefix { $0 == mark }.count
    guard count >= 3 else { return nil }
    let rest = line[(indent.bytes + count)...]
    return (mark, count, rest.allSatisfy { $0 == 32 || $0 == 9 })
  }

  /// Whether a line (indented less than four) starts another block, ending a definition's text.
  static func startsBlock(_ line: [UInt8]) -> Bool {
    let text = line[indent(line).bytes...]
    guard let first = text.first else { return true }
    if definitionStart(line) != nil || fence(line) != nil { return true }
    if "#>|<".utf8.contains(first) { return true }
    if "-*+".utf8.contains(first) {
      return text.count == 1 || text.dropFirst().first == 32 || text.allSatisfy { $0 == first || $0 == 32 }
    }
    let digits = text.prefix { $0 >= 48 && $0 <= 57 }
    if !digits.isEmpty, digits.count < text.count {
      let after = text[text.startIndex + digits.count]
      return after == UInt8(ascii: ".") || after == UInt8(ascii: ")")
    }
    return false
  }

  /// The leading whitespace: in columns (a tab to the next multiple of four) and in bytes.
  static func indent(_ line: [UInt8]) -> (spaces: Int, bytes: Int) {
    var spaces = 0
    var bytes = 0
    while bytes < line.count, line[bytes] == 32 || line[bytes] == 9 {
      spaces += line[bytes] == 9 ? 4 - spaces % 4 : 1
      bytes += 1
    }
    return (spaces, bytes)
  }

  /// The byte offset at which `columns` columns of leading whitespace end.
  static func byteOffset(ofColumn columns: Int, in line: [UInt8]) -> Int {
    var spaces = 0
    var bytes = 0
    while bytes < line.count, spaces < columns, line[bytes] == 32 || line[bytes] == 9 {
      spaces += line[bytes] == 9 ? 4 - spaces % 4 : 1
      bytes += 1
    }
    return bytes
  }
}
