import CCmark

extension DocumentReader {
  /// The pipe table a cmark paragraph holds, if it holds one (see `PipeTable`), its rows at
  /// their lines and columns in the notebook (a footnote's lines stand indented in it).
  func pipeTable(_ paragraph: OpaquePointer) -> PipeTable? {
    let first = Int(cmark_node_get_start_line(paragraph))
    let last = Int(cmark_node_get_end_line(paragraph))
    // Cheap first: some line after the first must start like a delimiter row (`|`, `:` or `-`).
    guard last > first,
      ((first + 1)...last).contains(where: { number in
        let start = sourceLine(number)?.bytes.first { $0 != 32 && $0 != UInt8(ascii: ">") }
        return start == UInt8(ascii: "|") || start == UInt8(ascii: ":") || start == UInt8(ascii: "-")
      })
    else { return nil }
    // Container markers (`> `, a list item's indentation) stand before every line at most as
    // wide as before the first; a lazy continuation line has none. At the top level a
    // paragraph's own indentation is no container's.
    let topLevel = cmark_node_get_type(cmark_node_parent(paragraph)) == CMARK_NODE_DOCUMENT
    let prefixWidth = topLevel ? 0 : Int(cmark_node_get_start_column(paragraph)) - 1
    var rows: [PipeTable.Line] = []
    var lazy: Set<Int> = []
    for number in first...last {
      guard let source = sourceLine(number) else { return nil }
      let bytes = ArraySlice(source.bytes)
      let skip = Self.containerPrefix(of: bytes, width: prefixWidth, isFirstLine: number == first)
      if skip < prefixWidth { lazy.insert(source.line) }
      rows.append((source.line, bytes.dropFirst(skip), source.column + skip))
    }
    // A lazy continuation line (without its container's markers) cannot be part of a table.
    guard let table = PipeTable(lines: rows), !lazy.contains(where: { $0 >= table.header.line }) else { return nil }
    return table
  }

  /// How many bytes of a paragraph's line are its containers' markers (`> `, a list item's
  /// indentation): on its first line exactly `width` (cmark's start column tells), on later
  /// lines spaces and `>` up to `width` (fewer on a lazy continuation line).
  static func containerPrefix(of bytes: some RandomAccessCollection<UInt8>, width: Int, isFirstLine: Bool) -> Int {
    let bytes = Array(bytes)
    if isFirstLine { return min(width, bytes.count) }
    var skip = 0
    while skip < width, skip < bytes.count, bytes[skip] == 32 || bytes[skip] == UInt8(ascii: ">") { skip += 1 }
    return skip
  }

  /// Appends a table's nodes — a paragraph of the lines before it, if any, then the table, its
  /// rows, their cells, and each cell's inlines, parsed by cmark apart from the notebook (so `#`
  /// or `-` at a cell's start stays text) and placed at the cell's line and column.
  mutating func appendTable(_ table: PipeTable, parent: Int, pointer: OpaquePointer) {
    let (start, last) = locations(of: pointer)
    // Where the table's lines start in the notebook: column 1, or a footnote's indentation.
    let lineStarts = Dictionary((footnoteLines ?? []).map { ($0.line, $0.column) }) { first, _ in first }
    func lineStart(_ line: Int) -> Int { lineStarts[line] ?? 1 }
    // Cells and the lines before the table are parsed on their own, at notebook positions.
    let footnote = footnoteLines
    footnoteLines = nil
    defer { footnoteLines = footnote }
    if let final = table.leading.last {
      let paragraph = appendContainer(
        .paragraph, parent: parent, start: start,
        last: SourceLocation(line: final.line, column: final.column + max(0, final.bytes.count - 1)))
      appendInlines([table.leading.map { ($0.line, Array($0.bytes), $0.column) }], parents: [paragraph])
      nodes[paragraph].end = nodes.count
    }
    let rows = [table.header] + table.body
    let tableStart = SourceLocation(
      line: table.header.line, column: table.leading.isEmpty ? start.column : lineStart(table.header.line))
    let tableIndex = appendContainer(.table, parent: parent, start: tableStart, last: last)
    // Every cell's text is parsed in one cmark document first; then the rows and cells are
    // appended in walk order, each cell followed by its own inlines from that parse.
    var cells: [[(line: Int, bytes: [UInt8], column: Int)]] = []
    var layout: [(row: Int, cells: [(alignment: TableAlignment, cell: PipeTable.Cell)])] = []
    for (rowNumber, row) in rows.enumerated() {
      layout.append((rowNumber, row.cells.enumerated().map { (table.alignments[$0.offset], $0.element) }))
      for cell in row.cells where !cell.text.isEmpty { cells.append([(row.line, cell.text, cell.column)]) }
    }
    var parsed = parseInlines(cells)
    defer { parsed.free() }
    var next = 0
    for (rowNumber, row) in layout {
      let line = rows[rowNumber].line
      let rowStart = SourceLocation(line: line, column: lineStart(line))
      let rowIndex = appendContainer(
        .tableRow(header: rowNumber == 0), parent: tableIndex, start: rowStart, last: rowStart)
      for (alignment, cell) in row {
        let cellStart = SourceLocation(line: line, column: cell.column)
        let cellLast = SourceLocation(line: line, column: cell.column + max(0, cell.text.count - 1))
        let cellIndex = appendContainer(
          .tableCell(alignment: alignment), parent: rowIndex, start: cellStart, last: cellLast)
        if !cell.text.isEmpty {
          appendParsed(&parsed, unit: next, lines: cells[next], parent: cellIndex)
          next += 1
        }
        nodes[cellIndex].end = nodes.count
      }
      nodes[rowIndex].end = nodes.count
    }
    nodes[tableIndex].end = nodes.count
  }

  private mutating func appendContainer(
    _ kind: Document.Kind, parent: Int, start: SourceLocation, last: SourceLocation
  ) -> Int {
    nodes.append(node(kind, parent: parent, start: start, last: last))
    return nodes.count - 1
  }

  /// Units of text (each one or more lines) parsed by cmark in one document, each as its own
  /// paragraph: their roots, and the line each paragraph starts on in that document.
  struct ParsedInlines {
    /// The documents to free once their nodes are copied.
    var roots: [OpaquePointer]
    var paragraphs: [OpaquePointer?]
    var firstLines: [Int]
    /// Each unit's placeholders, when it has math or citations.
    var spans: [SpanPlaceholders?] = []

    mutating func free() {
      for root in roots { cmark_node_free(root) }
      roots = []
    }
  }

  /// Parses units of text as paragraphs, one cmark parse for all: `x ` goes before each, so
  /// nothing in it can start a block (taken off the first text node again), blank lines keep
  /// them apart, and the notebook's link reference definitions follow, so `[label][]` finds its
  /// target. When cmark does not give one paragraph per unit, each is parsed on its own.
  mutating func parseInlines(_ units: [[(line: Int, bytes: [UInt8], column: Int)]]) -> ParsedInlines {
    var source: [UInt8] = []
    var firstLines: [Int] = []
    var line = 1
    let before = (maths.count, citations.count)
    var spans: [SpanPlaceholders?] = []
    for var unit in units {
      if mayHaveSpans, let replaced = replacingSpans(in: unit) {
        unit = replaced.unit
        spans.append(replaced.placeholders)
      } else {
        spans.append(nil)
      }
      firstLines.append(line)
      source += Array("x ".utf8)
      for (number, text) in unit.enumerated() {
        if number > 0 { source.append(UInt8(ascii: "\n")) }
        source += text.bytes
      }
      source += Array("\n\n".utf8)
      line += unit.count + 1
    }
    source += linkDefinitions(usedIn: source)
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE
    let root = source.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
    }
    var paragraphs: [OpaquePointer?] = []
    var child = root.flatMap { cmark_node_first_child($0) }
    while let node = child {
      paragraphs.append(cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH ? node : nil)
      child = cmark_node_next(node)
    }
    let matches =
      paragraphs.count == units.count
      && zip(paragraphs, firstLines).allSatisfy { paragraph, line in
        paragraph.map { Int(cmark_node_get_start_line($0)) } == line
      }
    guard matches || units.count == 1 else {
      if let root { cmark_node_free(root) }
      forgetSpans(after: before)
      // One by one: slower, but each unit gets exactly its own paragraph.
      var separate = ParsedInlines(roots: [], paragraphs: [], firstLines: [])
      for unit in units {
        let single = parseInlines([unit])
        separate.roots += single.roots
        separate.paragraphs.append(single.paragraphs.first ?? nil)
        separate.firstLines.append(1)
        separate.spans.append(single.spans.first ?? nil)
      }
      return separate
    }
    return ParsedInlines(
      roots: root.map { [$0] } ?? [], paragraphs: paragraphs, firstLines: firstLines, spans: spans)
  }

  /// Appends the inlines of parsed unit `unit` under `parent`, placed at `lines`.
  mutating func appendParsed(
    _ parsed: inout ParsedInlines, unit: Int, lines: [(line: Int, bytes: [UInt8], column: Int)], parent: Int
  ) {
    guard unit < parsed.paragraphs.count, let paragraph = parsed.paragraphs[unit] else { return }
    let saved = (inlineOrigin, inlinePrefixPending, activeSpans)
    inlineOrigin = (parsed.firstLines[unit], lines.map { ($0.line, $0.column) }, 2)
    inlinePrefixPending = true
    activeSpans = unit < parsed.spans.count ? parsed.spans[unit] : nil
    spanFiller = []
    defer {
      (inlineOrigin, inlinePrefixPending, activeSpans) = saved
      spanFiller = []
    }
    appendDescendants(of: paragraph, parent: parent)
  }

  /// Appends the nodes below cmark node `root` (not `root` itself) under `parent`, in order:
  /// with `readsTables` (a footnote's blocks), a paragraph that holds a pipe table becomes one;
  /// without (a table cell's text), it stays a paragraph.
  mutating func appendDescendants(of root: OpaquePointer, parent: Int, readsTables: Bool = false) {
    for child in Self.children(of: root) { appendTree(child, parent: parent, readsTables: readsTables) }
  }

  /// Parses units of text and appends each one's inlines under its parent.
  private mutating func appendInlines(_ units: [[(line: Int, bytes: [UInt8], column: Int)]], parents: [Int]) {
    var parsed = parseInlines(units)
    defer { parsed.free() }
    for (unit, parent) in parents.enumerated() { appendParsed(&parsed, unit: unit, lines: units[unit], parent: parent) }
  }

  /// The notebook's link reference definition lines whose label `source` mentions in
  /// brackets, one per line: only those, so a cell's parse costs its own references, not the
  /// notebook's (a notebook with thousands of definitions and hundreds of tables stays linear).
  func linkDefinitions(usedIn source: [UInt8]) -> [UInt8] {
    guard source.contains(UInt8(ascii: "[")) else { return [] }
    let body = bodyRead
    let byLabel = linkDefinitionsByLabel.value { Self.definitionsByLabel(Self.definitionLines(body)) }
    guard !byLabel.isEmpty else { return [] }
    var found: [UInt8] = []
    var seen: Set<String> = []
    var index = 0
    while let open = source[index...].firstIndex(of: UInt8(ascii: "[")) {
      guard let close = source[(open + 1)...].prefix(1000).firstIndex(of: UInt8(ascii: "]")) else { break }
      let label = Self.normalizedLabel(source[(open + 1)..<close])
      if let line = byLabel[label], seen.insert(label).inserted { found += line + [UInt8(ascii: "\n")] }
      index = open + 1
    }
    return found
  }

  /// Definition lines by their normalized label (the first definition of a label wins).
  static func definitionsByLabel(_ lines: [UInt8]) -> [String: [UInt8]] {
    var byLabel: [String: [UInt8]] = [:]
    for line in lines.split(separator: UInt8(ascii: "\n")) {
      guard let close = line.firstIndex(of: UInt8(ascii: "]")) else { continue }
      let label = normalizedLabel(line[(line.startIndex + 1)..<close])
      if byLabel[label] == nil { byLabel[label] = Array(line) }
    }
    return byLabel
  }

  /// A link label as CommonMark matches it: case-folded, inner whitespace collapsed, trimmed.
  static func normalizedLabel(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The lines of `body` that look like link reference definitions (`[label]: destination`,
  /// after container markers), joined with line feeds.
  static func definitionLines(_ body: [UInt8]) -> [UInt8] {
    var found: [UInt8] = []
    body.withUnsafeBufferPointer { bytes in
      var lineStart = 0
      while lineStart < bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        var start = lineStart
        while start < lineEnd, bytes[start] == 32 || bytes[start] == UInt8(ascii: ">") { start += 1 }
        if start < lineEnd, bytes[start] == UInt8(ascii: "["),
          let close = (start..<lineEnd).first(where: { bytes[$0] == UInt8(ascii: "]") }), close + 1 < lineEnd,
          bytes[close + 1] == UInt8(ascii: ":")
        {
          if !found.isEmpty { found.append(UInt8(ascii: "\n")) }
          found += bytes[start..<lineEnd]
        }
        lineStart = lineEnd + 1
      }
    }
    return found
  }
}
