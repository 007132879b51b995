import CCmark

/// A unit of text (a paragraph's, heading's or table cell's lines) with the spans Lemma reads
/// itself (math, citations) replaced by placeholders cmark reads as plain text: each span's
/// first three bytes become one private-use character that names it, the rest of its bytes `x`
/// (line feeds kept), so every other byte keeps its line and column.
struct SpanPlaceholders {
  /// What a placeholder stands for.
  enum Part {
    /// `DocumentReader.maths[index]`.
    case math(Int)
    /// `DocumentReader.citations[index]`.
    case citation(Int)
  }

  /// The part each placeholder character stands for.
  var parts: [UInt32: Part]
  /// For each placeholder, how many filler bytes follow it on its first line, then on each
  /// further line its span covers.
  var fillers: [UInt32: [Int]]

  /// Where placeholder characters are taken from (Unicode's private use area).
  static let placeholderScalars: ClosedRange<UInt32> = 0xE000...0xF8FF
}

extension DocumentReader {
  /// Replaces the math and citations in `unit` by placeholders and records each in `maths` or
  /// `citations`; nil when the unit has none.
  mutating func replacingSpans(in unit: [(line: Int, bytes: [UInt8], column: Int)]) -> (
    unit: [(line: Int, bytes: [UInt8], column: Int)], placeholders: SpanPlaceholders
  )? {
    guard unit.contains(where: { mayHoldSpans($0.bytes) }) else { return nil }
    var text: [UInt8] = []
    var lineStarts: [Int] = []
    for (number, line) in unit.enumerated() {
      if number > 0 { text.append(UInt8(ascii: "\n")) }
      lineStarts.append(text.count)
      text += line.bytes
    }
    let spans = ProseSpanScanner.spans(in: text, citations: readsCitations)
    guard !spans.isEmpty else { return nil }
    // Placeholder characters the text already holds cannot name a formula.
    var taken: Set<UInt32> = []
    for index in text.indices where text[index] == 0xEE || text[index] == 0xEF {
      if let scalar = Self.scalar(in: text, at: index) { taken.insert(scalar) }
    }
    /// The unit line holding `offset` (a binary search: a long paragraph with many formulas
    /// stays linear).
    func lineIndex(_ offset: Int) -> Int {
      var low = 0
      var high = lineStarts.count - 1
      while low < high {
        let middle = (low + high + 1) / 2
        if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
      }
      return low
    }
    func location(_ offset: Int) -> SourceLocation {
      let line = lineIndex(offset)
      return SourceLocation(line: unit[line].line, column: unit[line].column + offset - lineStarts[line])
    }
    var placeholders = SpanPlaceholders(parts: [:], fillers: [:])
    var replaced: [UInt8] = []
    replaced.reserveCapacity(text.count + 8)
    var copied = 0
    var next = SpanPlaceholders.placeholderScalars.lowerBound
    for span in spans {
      while taken.contains(next) { next += 1 }
      guard SpanPlaceholders.placeholderScalars.contains(next), let scalar = Unicode.Scalar(next) else { break }
      let content = span.content
      let firstLine = lineIndex(span.start)
      let lastLine = lineIndex(max(span.start, span.end - 1))
      var starts = [location(content.lowerBound)]
      for line in (firstLine + 1)..<max(firstLine + 1, lastLine + 1) where lineStarts[line] <= content.upperBound {
        starts.append(SourceLocation(line: unit[line].line, column: unit[line].column))
      }
      if span.kind == .citation {
        let items = Citation.items(of: text[content]).map { item in
          Citation.Item(key: item.key, prefix: item.prefix, locator: item.locator, location: location(item.at))
        }
        // `[@fig-x]` is a bracketed cross-reference, not a citation.
        if items.allSatisfy({ item in CrossReference.kinds.keys.contains { item.key.hasPrefix($0) } }) { continue }
        placeholders.parts[next] = .citation(citations.count)
        citations.append(
          Citation(index: citations.count, items: items, start: location(span.start), end: location(span.end)))
      } else {
        placeholders.parts[next] = .math(maths.count)
        maths.append(
          MathSpan(
            index: maths.count, tex: String(decoding: text[content], as: UTF8.self),
            display: span.kind != .inlineMath, start: location(span.start), end: location(span.end),
            lineStarts: starts,
            problem: span.kind == .unclosedDisplayMath
              ? "`$$` opens display math that is never closed in this paragraph" : nil))
      }
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
      placeholders.fillers[next] = fillers
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
    return SpanPlaceholders.placeholderScalars.contains(value) ? value : nil
  }

  /// Whether a line may hold a span: a `$`, or `[@` style text when citations are read.
  func mayHoldSpans(_ bytes: [UInt8]) -> Bool {
    bytes.contains(UInt8(ascii: "$")) || (readsCitations && bytes.contains(UInt8(ascii: "@")))
  }

  /// Whether the lines of a cmark block hold a `$` (or `@`), looked for in place: most
  /// paragraphs hold neither and cost no copy.
  private func linesMayHoldSpans(_ pointer: OpaquePointer) -> Bool {
    let first = Int(cmark_node_get_start_line(pointer))
    let last = max(first, Int(cmark_node_get_end_line(pointer)))
    let targets = readsCitations ? [UInt8(ascii: "$"), UInt8(ascii: "@")] : [UInt8(ascii: "$")]
    guard let local = footnoteLines else { return lines.lines(first...last, containAnyOf: targets) }
    return (first...last).contains { number in
      number >= 1 && number <= local.count && local[number - 1].bytes.contains(where: targets.contains)
    }
  }

  // MARK: Paragraphs and headings with spans

  /// Appends a paragraph or heading whose text holds math or citations, with inlines from a
  /// cmark parse of its own lines in which those spans are replaced (`replacingSpans`). False,
  /// with nothing appended, when it holds none or its lines do not read as one paragraph on
  /// their own.
  mutating func appendWithSpans(_ pointer: OpaquePointer, parent: Int) -> Bool {
    let type = cmark_node_get_type(pointer)
    guard type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING, linesMayHoldSpans(pointer),
      let unit = contentLines(of: pointer), unit.contains(where: { mayHoldSpans($0.bytes) })
    else { return false }
    let before = (maths.count, citations.count)
    var parsed = parseInlines([unit])
    defer { parsed.free() }
    guard parsed.spans.first??.parts.isEmpty == false, let paragraph = parsed.paragraphs.first ?? nil,
      Int(cmark_node_get_end_line(paragraph)) == parsed.firstLines[0] + unit.count - 1,
      cmark_node_next(paragraph) == nil
    else {
      forgetSpans(after: before)
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
      var skip = Self.containerPrefix(of: bytes, width: prefixWidth, isFirstLine: number == first)
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
  func sourceLine(_ number: Int) -> (line: Int, bytes: [UInt8], column: Int)? {
    if let local = footnoteLines {
      guard number >= 1, number <= local.count else { return nil }
      return local[number - 1]
    }
    return line(number).map { (number, Array($0.utf8), 1) }
  }

  // MARK: Placeholders in text

  /// Forgets the spans recorded since `before` (counts of `maths` and `citations`), when the
  /// unit that held them is read another way.
  mutating func forgetSpans(after before: (maths: Int, citations: Int)) {
    maths.removeLast(maths.count - before.maths)
    citations.removeLast(citations.count - before.citations)
  }

  /// Appends a text node of a unit with spans: each as a math or citation node, the filler
  /// after each skipped, the rest as text.
  mutating func appendTextWithSpans(
    _ text: Document.Text, parent: Int, start: SourceLocation, last: SourceLocation, spans: SpanPlaceholders
  ) {
    var from = Int(text.start)
    let end = Int(text.end)
    func skipFiller() {
      guard let remaining = spanFiller.first, remaining > 0 else { return }
      let skipped = min(remaining, end - from)
      from += skipped
      spanFiller[0] -= skipped
      if spanFiller[0] == 0 && spanFiller.count == 1 { spanFiller = [] }
    }
    skipFiller()
    var pieceStart = from
    var index = from
    while index + 2 < end {
      guard bytes[index] == 0xEE || bytes[index] == 0xEF,
        let scalar = Self.scalar(in: bytes, at: index), let part = spans.parts[scalar]
      else {
        index += 1
        continue
      }
      if index > pieceStart { appendPiece(pieceStart, index, of: text, parent: parent, start: start, last: last) }
      let kind: Document.Kind
      let range: (start: SourceLocation, end: SourceLocation)
      switch part {
      case .math(let formula):
        kind = .math(index: formula)
        range = (maths[formula].start, maths[formula].end)
      case .citation(let citation):
        kind = .citation(index: citation)
        range = (citations[citation].start, citations[citation].end)
      }
      let spanLast = SourceLocation(line: range.end.line, column: max(1, range.end.column - 1))
      nodes.append(node(kind, parent: parent, start: range.start, last: spanLast))
      spanFiller = spans.fillers[scalar] ?? []
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

  /// Whether a soft break belongs to a span (it falls inside one that covers lines).
  mutating func softBreakIsInSpan() -> Bool {
    guard spanFiller.count > 1, spanFiller[0] == 0 else { return false }
    spanFiller.removeFirst()
    return true
  }
}
