import CCmark

/// A unit of text (a paragraph's, heading's or table cell's lines) with its math replaced by
/// placeholders cmark reads as plain text: each formula's first three bytes become one
/// private-use character that names it, the rest of its bytes `x` (line feeds kept), so every
/// other byte keeps its line and column.
struct MathPlaceholders {
  /// The formula (an index into `DocumentReader.maths`) each placeholder character stands for.
  var formulas: [UInt32: Int]
  /// For each formula, how many filler bytes follow its placeholder on its first line, then
  /// on each further line it covers.
  var fillers: [Int: [Int]]

  /// Where placeholder characters are taken from (Unicode's private use area).
  static let placeholderScalars: ClosedRange<UInt32> = 0xE000...0xF8FF
}

extension DocumentReader {
  /// Replaces the math in `unit` by placeholders and records each formula in `maths`; nil
  /// when the unit has none.
  mutating func replacingMath(in unit: [(line: Int, bytes: [UInt8], column: Int)]) -> (
    unit: [(line: Int, bytes: [UInt8], column: Int)], placeholders: MathPlaceholders
  )? {
    guard unit.contains(where: { $0.bytes.contains(UInt8(ascii: "$")) }) else { return nil }
    var text: [UInt8] = []
    var lineStarts: [Int] = []
    for (number, line) in unit.enumerated() {
      if number > 0 { text.append(UInt8(ascii: "\n")) }
      lineStarts.append(text.count)
      text += line.bytes
    }
    let spans = MathScanner.spans(in: text)
    guard !spans.isEmpty else { return nil }
    // Placeholder characters the text already holds cannot name a formula.
    var taken: Set<UInt32> = []
    for index in text.indices where text[index] == 0xEE || text[index] == 0xEF {
      if let scalar = Self.scalar(in: text, at: index) { taken.insert(scalar) }
    }
    func location(_ offset: Int) -> SourceLocation {
      let line = lineStarts.lastIndex { $0 <= offset } ?? 0
      return SourceLocation(line: unit[line].line, column: unit[line].column + offset - lineStarts[line])
    }
    var placeholders = MathPlaceholders(formulas: [:], fillers: [:])
    var replaced: [UInt8] = []
    replaced.reserveCapacity(text.count + 8)
    var copied = 0
    var next = MathPlaceholders.placeholderScalars.lowerBound
    for span in spans {
      while taken.contains(next) { next += 1 }
      guard MathPlaceholders.placeholderScalars.contains(next), let scalar = Unicode.Scalar(next) else { break }
      let content = span.content
      let firstLine = lineStarts.lastIndex { $0 <= span.start } ?? 0
      let lastLine = lineStarts.lastIndex { $0 <= max(span.start, span.end - 1) } ?? firstLine
      var starts = [location(content.lowerBound)]
      for line in (firstLine + 1)..<max(firstLine + 1, lastLine + 1) where lineStarts[line] <= content.upperBound {
        starts.append(SourceLocation(line: unit[line].line, column: unit[line].column))
      }
      let formula = maths.count
      maths.append(
        MathSpan(
          index: formula, tex: String(decoding: text[content], as: UTF8.self), display: span.display,
          start: location(span.start), end: location(span.end), lineStarts: starts,
          problem: span.unclosed ? "`$$` opens display math that is never closed in this paragraph" : nil))
      placeholders.formulas[next] = formula
      // Each line the span covers: the first starts with the placeholder; `x` fills the rest.
      replaced += text[copied..<span.start]
      var fillers: [Int] = []
      for line in firstLine...lastLine {
        let lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : text.count
        let segmentStart = line == firstLine ? span.start : lineStarts[line]
        let length = min(lineEnd, span.end) - segmentStart
        if line == firstLine {
          replaced += Array(String(Character(scalar)).utf8)
          fillers.append(max(0, length - 3))
        } else {
          replaced.append(UInt8(ascii: "\n"))
          fillers.append(length)
        }
        replaced += repeatElement(UInt8(ascii: "x"), count: fillers[fillers.count - 1])
      }
      copied = span.end
      placeholders.fillers[formula] = fillers
      next += 1
    }
    replaced += text[copied...]
    let lines = replaced.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    guard lines.count == unit.count else { return nil }
    return (zip(unit, lines).map { ($0.line, Array($1), $0.column) }, placeholders)
  }

  /// The three-byte scalar whose UTF-8 starts at `index`, when it is a placeholder character.
  static func scalar(in bytes: some RandomAccessCollection<UInt8>, at index: Int) -> UInt32? {
    let base = bytes.startIndex
    guard index + 2 < bytes.count else { return nil }
    let first = bytes[bytes.index(base, offsetBy: index)]
    let second = bytes[bytes.index(base, offsetBy: index + 1)]
    let third = bytes[bytes.index(base, offsetBy: index + 2)]
    guard first & 0xF0 == 0xE0, second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return nil }
    let value = UInt32(first & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
    return MathPlaceholders.placeholderScalars.contains(value) ? value : nil
  }

  // MARK: Paragraphs and headings with math

  /// Appends a paragraph or heading whose text holds math, with inlines from a cmark parse of
  /// its own lines in which the math is replaced (`replacingMath`). False, with nothing
  /// appended, when it holds none or its lines do not read as one paragraph on their own.
  mutating func appendWithMath(_ pointer: OpaquePointer, parent: Int) -> Bool {
    let type = cmark_node_get_type(pointer)
    guard type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING, let unit = contentLines(of: pointer),
      unit.contains(where: { $0.bytes.contains(UInt8(ascii: "$")) })
    else { return false }
    let formulasBefore = maths.count
    var parsed = parseInlines([unit])
    defer { parsed.free() }
    guard parsed.math.first??.formulas.isEmpty == false, let paragraph = parsed.paragraphs.first ?? nil,
      Int(cmark_node_get_end_line(paragraph)) == parsed.firstLines[0] + unit.count - 1,
      cmark_node_next(paragraph) == nil
    else {
      maths.removeLast(maths.count - formulasBefore)
      return false
    }
    let (start, last) = locations(of: pointer)
    let kind: Document.Kind =
      type == CMARK_NODE_HEADING ? .heading(level: Int(cmark_node_get_heading_level(pointer))) : .paragraph
    nodes.append(node(kind, parent: parent, start: start, last: last))
    let index = nodes.count - 1
    appendParsed(&parsed, unit: 0, lines: unit, parent: index)
    nodes[index].end = nodes.count
    return true
  }

  /// The lines of a paragraph's or heading's text with container markers (`> `, a list item's
  /// indentation) and a heading's `#` marks taken off, at their notebook lines and columns.
  private func contentLines(of pointer: OpaquePointer) -> [(line: Int, bytes: [UInt8], column: Int)]? {
    let first = Int(cmark_node_get_start_line(pointer))
    var last = Int(cmark_node_get_end_line(pointer))
    let isHeading = cmark_node_get_type(pointer) == CMARK_NODE_HEADING
    let prefixWidth = Int(cmark_node_get_start_column(pointer)) - 1
    // cmark 0.30 ends a setext heading that a blank line follows at column 0 of the next line.
    if cmark_node_get_end_column(pointer) == 0 { last -= 1 }
    // A setext heading's last line is its underline.
    if isHeading && last > first { last -= 1 }
    guard last >= first else { return nil }
    var unit: [(line: Int, bytes: [UInt8], column: Int)] = []
    for number in first...last {
      guard let source = sourceLine(number) else { return nil }
      let bytes = source.bytes
      var skip = 0
      if number == first {
        skip = min(prefixWidth, bytes.count)
      } else {
        while skip < prefixWidth, skip < bytes.count, bytes[skip] == 32 || bytes[skip] == UInt8(ascii: ">") {
          skip += 1
        }
      }
      var end = bytes.count
      if isHeading && first == last {
        // An ATX heading: `#`s, spaces, the text, then an optional closing run of `#`s.
        while skip < end, bytes[skip] == UInt8(ascii: "#") { skip += 1 }
        while skip < end, bytes[skip] == 32 || bytes[skip] == 9 { skip += 1 }
        while end > skip, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        var closing = end
        while closing > skip, bytes[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
        if closing < end, closing == skip || bytes[closing - 1] == 32 || bytes[closing - 1] == 9 {
          end = closing
          while end > skip, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        }
      }
      unit.append((source.line, Array(bytes[skip..<max(skip, end)]), source.column + skip))
    }
    return unit
  }

  /// Line `number` of the text cmark parsed: the notebook's, or a footnote's own line (with
  /// the notebook line and column it stands at).
  private func sourceLine(_ number: Int) -> (line: Int, bytes: [UInt8], column: Int)? {
    if let local = footnoteLines {
      guard number >= 1, number <= local.count else { return nil }
      return local[number - 1]
    }
    return line(number).map { (number, Array($0.utf8), 1) }
  }

  // MARK: Placeholders in text

  /// Appends a text node of a unit with math: its formulas as math nodes, the filler after
  /// each skipped, the rest as text.
  mutating func appendTextWithMath(
    _ text: Document.Text, parent: Int, start: SourceLocation, last: SourceLocation, math: MathPlaceholders
  ) {
    var from = Int(text.start)
    let end = Int(text.end)
    func skipFiller() {
      guard let remaining = mathFiller.first, remaining > 0 else { return }
      let skipped = min(remaining, end - from)
      from += skipped
      mathFiller[0] -= skipped
      if mathFiller[0] == 0 && mathFiller.count == 1 { mathFiller = [] }
    }
    skipFiller()
    var pieceStart = from
    var index = from
    while index + 2 < end {
      guard bytes[index] == 0xEE || bytes[index] == 0xEF,
        let scalar = Self.scalar(in: bytes, at: index), let formula = math.formulas[scalar]
      else {
        index += 1
        continue
      }
      if index > pieceStart { appendPiece(pieceStart, index, of: text, parent: parent, start: start, last: last) }
      let span = maths[formula]
      let spanLast = SourceLocation(line: span.end.line, column: max(1, span.end.column - 1))
      nodes.append(node(.math(index: formula), parent: parent, start: span.start, last: spanLast))
      mathFiller = math.fillers[formula] ?? []
      from = index + 3
      skipFiller()
      index = from
      pieceStart = from
    }
    if end > pieceStart { appendPiece(pieceStart, end, of: text, parent: parent, start: start, last: last) }
  }

  /// Appends bytes `from..<to` of a text node as text of their own.
  private mutating func appendPiece(
    _ from: Int, _ to: Int, of text: Document.Text, parent: Int, start: SourceLocation, last: SourceLocation
  ) {
    var pieceStart = start
    if start.line == last.line { pieceStart.column += from - Int(text.start) }
    appendText(Document.Text(start: Int32(from), end: Int32(to)), parent: parent, start: pieceStart, last: last)
  }

  /// Whether a soft break belongs to a formula (it falls inside one that spans lines).
  mutating func softBreakIsInFormula() -> Bool {
    guard mathFiller.count > 1, mathFiller[0] == 0 else { return false }
    mathFiller.removeFirst()
    return true
  }
}
