/// A GFM pipe table found in a paragraph's lines: a header row, a delimiter row that sets each
/// column's alignment, and body rows (padded or cut to the header's width).
///
/// cmark (without GFM's extensions) reads a table as a paragraph: its block structure ends a
/// table where GFM's does (a blank line or another block's start). This only splits the lines;
/// each cell's text is then parsed as inlines by cmark.
struct PipeTable {
  /// One cell's text, as bytes of its line, with `\|` already turned into `|`.
  struct Cell {
    var text: [UInt8]
    /// The 1-based source column of the text's first byte.
    var column: Int
  }

  struct Row {
    /// The source line.
    var line: Int
    var cells: [Cell]
  }

  typealias Line = (line: Int, bytes: ArraySlice<UInt8>, column: Int)

  /// The paragraph's lines before the header row, which stay a paragraph.
  var leading: [Line]
  var alignments: [TableAlignment]
  var header: Row
  var body: [Row]

  /// The table the lines make, if one is a header row and the next a delimiter row with as many
  /// cells. `lines` are the paragraph's lines with their container prefixes removed: (source
  /// line, the line's bytes, the 1-based column of the first byte).
  init?(lines: [Line]) {
    guard lines.count >= 2,
      let found = (1..<lines.count).lazy.compactMap({ index -> (Int, [TableAlignment], [Cell])? in
        guard let alignments = Self.delimiterRow(lines[index].bytes) else { return nil }
        let header = Self.cells(lines[index - 1].bytes, column: lines[index - 1].column)
        return header.count == alignments.count ? (index, alignments, header) : nil
      }).first
    else { return nil }
    let (delimiter, alignments, header) = found
    leading = Array(lines[..<(delimiter - 1)])
    self.alignments = alignments
    self.header = Row(line: lines[delimiter - 1].line, cells: header)
    body = lines[(delimiter + 1)...].map { line in
      var cells = Array(Self.cells(line.bytes, column: line.column).prefix(alignments.count))
      while cells.count < alignments.count { cells.append(Cell(text: [], column: line.column)) }
      return Row(line: line.line, cells: cells)
    }
  }

  /// The alignments of a delimiter row (`| :-- | --: |`); nil when the line is not one. As a
  /// block start, it is indented less than four columns.
  static func delimiterRow(_ bytes: ArraySlice<UInt8>) -> [TableAlignment]? {
    guard bytes.contains(UInt8(ascii: "-")) else { return nil }
    var indent = 0
    for byte in bytes {
      if byte == 32 { indent += 1 } else if byte == 9 { indent += 4 - indent % 4 } else { break }
    }
    guard indent < 4 else { return nil }
    let cells = cells(bytes, column: 1)
    guard !cells.isEmpty else { return nil }
    var alignments: [TableAlignment] = []
    for cell in cells {
      let text = cell.text
      let left = text.first == UInt8(ascii: ":")
      let right = text.count > 1 && text.last == UInt8(ascii: ":")
      let dashes = text.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
      guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
      alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
    }
    return alignments
  }

  /// A row's cells: split at pipes that are not escaped, without a leading and a trailing
  /// pipe, each trimmed of spaces and tabs.
  static func cells(_ bytes: ArraySlice<UInt8>, column: Int) -> [Cell] {
    let pipe = UInt8(ascii: "|")
    let backslash = UInt8(ascii: "\\")
    func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    if start < end, bytes[start] == pipe { start += 1 }
    if end > start, bytes[end - 1] == pipe, end - 2 < start || bytes[end - 2] != backslash { end -= 1 }
    var cells: [Cell] = []
    var text: [UInt8] = []
    var cellStart = start
    var index = start
    func finish(at stop: Int) {
      var from = cellStart
      var to = stop
      while from < to, isSpace(bytes[from]) { from += 1 }
      while to > from, isSpace(bytes[to - 1]) { to -= 1 }
      text = []
      var position = from
      while position < to {
        if bytes[position] == backslash, position + 1 < to, bytes[position + 1] == pipe {
          position += 1
        }
        text.append(bytes[position])
        position += 1
      }
      cells.append(Cell(text: text, column: column + (from - bytes.startIndex)))
    }
    while index < end {
      if bytes[index] == backslash {
        index += 2
        continue
      }
      if bytes[index] == pipe {
        finish(at: index)
        cellStart = index + 1
      }
      index += 1
    }
    if start < end { finish(at: end) }
    return cells
  }
}
