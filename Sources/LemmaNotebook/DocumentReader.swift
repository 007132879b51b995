import CCmark

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

/// Parses a notebook's body with cmark, once, into a `Document`: the only place Lemma calls
/// cmark, and no cmark pointer outlives `read`.
///
/// While copying cmark's tree it puts Lemma's parts in place: a fenced `swift` block at the
/// top level becomes an experiment node, a `` `{swift} expr` `` code span an inline expression
/// node, and `@fig-x` / `@tbl-x` in text a cross-reference node. Positions are worked out here,
/// once: cmark reports a code span without its backticks, so the span's range is widened to
/// them (and checked against the source).
struct DocumentReader {
  /// A fenced `swift` block as found, before its options are read.
  struct Fence {
    /// Where the opening fence starts.
    var start: SourceLocation
    var lines: ClosedRange<Int>
    var code: String
    /// The opening fence's characters (``` or ~~~ or longer).
    var marks: Substring
    var closed: Bool
  }

  /// The source's lines, for fences and span columns.
  let lines: LineTable
  /// While inlines are read from their own small parse (a table cell, the lines before a
  /// table): where each of that parse's lines stands in the notebook (line, column of its first
  /// byte), and how many bytes were put before its text.
  var inlineOrigin: (firstLine: Int, lines: [(line: Int, column: Int)], prefix: Int)?
  /// Whether the next text node is the first of such a parse, which starts with the prefix.
  var inlinePrefixPending = false
  /// The body cmark read, from which the link reference definitions are taken when a table
  /// or footnote first needs them (most notebooks have neither, so most reads never scan).
  var bodyRead: [UInt8] = []
  /// The lines that look like link reference definitions (`[label]: url`), by normalized
  /// label, so that a table cell's or footnote's own parse knows the labels it uses: worked
  /// out when first needed, once for both halves of a long notebook.
  var linkDefinitionsByLabel = OnceValue<[String: [UInt8]]>()
  /// Whether the body has a `$` (or, with citations, a `@`) at all: most notebooks have no
  /// math and skip looking for it.
  var mayHaveSpans = false

  /// While a footnote's blocks are read: its lines, which cmark's line numbers then count.
  var footnoteLines: [(line: Int, bytes: [UInt8], column: Int)]?
  /// While the inlines of a unit with math or citations are read: its placeholders.
  var activeSpans: SpanPlaceholders?
  /// The filler bytes still to skip after a span's placeholder: on this line, then on each
  /// further line the span covers.
  var spanFiller: [Int] = []

  var nodes: [Document.Node] = []
  /// The document's text buffer (`Document.bytes`).
  private(set) var bytes: [UInt8] = []
  private(set) var fences: [Fence] = []
  private(set) var inlines: [InlineExpression] = []
  private(set) var references: [CrossReference] = []
  /// Every formula found, in document order (`MathSpan`).
  var maths: [MathSpan] = []
  /// Every citation found, in document order, when `readsCitations`.
  var citations: [Citation] = []
  /// Whether `[@key]` is a citation (the notebook names a bibliography).
  var readsCitations = false

  init(lines: LineTable, readsCitations: Bool = false) {
    self.lines = lines
    self.readsCitations = readsCitations
  }

  /// Reads `body` (the notebook with its front matter blanked, so lines are the file's). A
  /// body of `parallelBytes` or more has its top-level blocks copied in two halves at the same
  /// time (`DocumentReader+Halves.swift`); the document is the same either way.
  mutating func read(_ body: String, parallelBytes: Int = Self.parallelBytes) -> Document {
    let footnotes = FootnoteDefinitions(body)
    let body = footnotes.body
    bodyRead = body
    mayHaveSpans = body.contains { $0 == UInt8(ascii: "$") || (readsCitations && $0 == UInt8(ascii: "@")) }
    nodes.reserveCapacity(body.count / 16)
    bytes.reserveCapacity(body.count)
    // The tree and everything cmark allocates while it is read go when the arena does.
    let arena = CmarkArena()
    arena.whileActive {
      guard
        let root = body.withUnsafeBufferPointer({ arena.parse($0, options: CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE) })
      else {
        nodes = [node(.document, parent: -1, start: SourceLocation(line: 1), last: SourceLocation(line: 1))]
        return
      }
      append(root, parent: -1)
      let blocks = Self.children(of: root)
      if body.count >= parallelBytes, blocks.count >= 2, ProcessInfo.processInfo.activeProcessorCount > 1 {
        appendInHalves(blocks, arena: arena)
      } else {
        for block in blocks { appendTree(block, parent: 0) }
      }
      nodes[0].end = nodes.count
    }
    appendFootnotes(footnotes.definitions)
    return Document(nodes: nodes, bytes: bytes)
  }

  /// Bodies this long are read in two halves at the same time.
  static let parallelBytes = 1 << 19

  /// A cmark node's children, in order.
  static func children(of pointer: OpaquePointer) -> [OpaquePointer] {
    var children: [OpaquePointer] = []
    var child = cmark_node_first_child(pointer)
    while let node = child {
      children.append(node)
      child = cmark_node_next(node)
    }
    return children
  }

  /// Appends the nodes for `root` and everything under it, `root` a child of `parent`; with
  /// `readsTables`, a paragraph that holds a pipe table becomes a table.
  mutating func appendTree(_ root: OpaquePointer, parent: Int, readsTables: Bool = true) {
    let iterator = cmark_iter_new(root)
    defer { cmark_iter_free(iterator) }
    var open: [Int] = []
    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
      guard let pointer = cmark_iter_get_node(iterator) else { continue }
      if event == CMARK_EVENT_EXIT {
        if let index = open.popLast() { nodes[index].end = nodes.count }
        continue
      }
      let parent = open.last ?? parent
      if readsTables, cmark_node_get_type(pointer) == CMARK_NODE_PARAGRAPH, let table = pipeTable(pointer) {
        appendTable(table, parent: parent, pointer: pointer)
        cmark_iter_reset(iterator, pointer, CMARK_EVENT_EXIT)
        continue
      }
      if mayHaveSpans, appendWithSpans(pointer, parent: parent) {
        cmark_iter_reset(iterator, pointer, CMARK_EVENT_EXIT)
        continue
      }
      let before = nodes.count
      append(pointer, parent: parent)
      if nodes.count == before + 1, nodes[before].kind.isContainer { open.append(before) }
    }
  }

  /// Adds what another reader read, its indices already moved along (`appendInHalves`).
  mutating func appendRead(
    bytes moreBytes: [UInt8], fences moreFences: [Fence], inlines moreInlines: [InlineExpression],
    references moreReferences: [CrossReference]
  ) {
    bytes += moreBytes
    fences += moreFences
    inlines += moreInlines
    references += moreReferences
  }

  /// Copies a C string of cmark's into the text buffer.
  mutating func store(_ text: UnsafePointer<CChar>?) -> Document.Text {
    let start = Int32(bytes.count)
    if let text {
      text.withMemoryRebound(to: UInt8.self, capacity: 1) { pointer in
        bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: strlen(text)))
      }
    }
    return Document.Text(start: start, end: Int32(bytes.count))
  }

  /// Copies bytes into the text buffer.
  mutating func store(text: [UInt8]) -> Document.Text {
    let start = Int32(bytes.count)
    bytes += text
    return Document.Text(start: start, end: Int32(bytes.count))
  }

  /// A stored text's bytes as a `String` (for the few that Lemma reads: info strings, spans).
  private func string(_ text: Document.Text) -> String {
    String(decoding: bytes[Int(text.start)..<Int(text.end)], as: UTF8.self)
  }

  func node(_ kind: Document.Kind, parent: Int, start: SourceLocation, last: SourceLocation) -> Document.Node {
    Document.Node(kind: kind, end: nodes.count + 1, parent: parent, start: start, last: last)
  }

  /// Where a cmark node starts and ends in the notebook (placed through `inlineOrigin` when
  /// it comes from a parse of its own).
  func locations(of pointer: OpaquePointer) -> (start: SourceLocation, last: SourceLocation) {
    var start = SourceLocation(
      line: Int(cmark_node_get_start_line(pointer)), column: Int(cmark_node_get_start_column(pointer)))
    var last = SourceLocation(
      line: Int(cmark_node_get_end_line(pointer)), column: Int(cmark_node_get_end_column(pointer)))
    if let origin = inlineOrigin {
      func place(_ location: SourceLocation) -> SourceLocation {
        let index = min(max(location.line - origin.firstLine, 0), origin.lines.count - 1)
        let line = origin.lines[index]
        return SourceLocation(
          line: line.line, column: line.column + location.column - 1 - (index == 0 ? origin.prefix : 0))
      }
      start = place(start)
      last = place(last)
    }
    return (start, last)
  }

  /// Appends the node(s) standing for one cmark node.
  mutating func append(_ pointer: OpaquePointer, parent: Int) {
    var (start, last) = locations(of: pointer)
    let kind: Document.Kind
    switch cmark_node_get_type(pointer) {
    case CMARK_NODE_DOCUMENT: kind = .document
    case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
    case CMARK_NODE_LIST:
      kind = .list(
        ordered: cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST,
        start: Int(cmark_node_get_list_start(pointer)), tight: cmark_node_get_list_tight(pointer) != 0)
    case CMARK_NODE_ITEM: kind = .item
    case CMARK_NODE_PARAGRAPH: kind = .paragraph
    case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(pointer)))
    case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
    case CMARK_NODE_CODE_BLOCK:
      let info = store(cmark_node_get_fence_info(pointer))
      let literal = store(cmark_node_get_literal(pointer))
      kind = codeBlock(info: info, literal: literal, start: start, last: last, topLevel: parent == 0)
    case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock(store(cmark_node_get_literal(pointer)))
    case CMARK_NODE_TEXT:
      var text = store(cmark_node_get_literal(pointer))
      if let origin = inlineOrigin, inlinePrefixPending {
        // The first text of such a parse starts with the bytes put before its text.
        text.start += Int32(origin.prefix)
        inlinePrefixPending = false
        start.column += origin.prefix
        if text.isEmpty { return }
      }
      if let spans = activeSpans {
        appendTextWithSpans(text, parent: parent, start: start, last: last, spans: spans)
      } else {
        appendText(text, parent: parent, start: start, last: last)
      }
      return
    case CMARK_NODE_SOFTBREAK:
      if activeSpans != nil, softBreakIsInSpan() { return }
      kind = .softBreak
    case CMARK_NODE_LINEBREAK: kind = .lineBreak
    case CMARK_NODE_CODE:
      let literal = store(cmark_node_get_literal(pointer))
      if bytes[Int(literal.start)...].starts(with: InlineExpression.prefix.utf8),
        case let text = string(literal), InlineExpression.isInline(text)
      {
        bytes.removeLast(Int(literal.end - literal.start))
        kind = inlineExpression(text, start: start, last: last)
      } else {
        kind = .code(literal)
      }
    case CMARK_NODE_HTML_INLINE: kind = .htmlInline(store(cmark_node_get_literal(pointer)))
    case CMARK_NODE_EMPH: kind = .emphasis
    case CMARK_NODE_STRONG: kind = .strong
    case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
      let url = store(cmark_node_get_url(pointer))
      let title = store(cmark_node_get_title(pointer))
      let isLink = cmark_node_get_type(pointer) == CMARK_NODE_LINK
      kind = isLink ? .link(url: url, title: title) : .image(url: url, title: title)
    default: kind = .softBreak
    }
    nodes.append(node(kind, parent: parent, start: start, last: last))
  }

  // MARK: Experiment blocks

  private mutating func codeBlock(
    info: Document.Text, literal: Document.Text, start: SourceLocation, last: SourceLocation, topLevel: Bool
  )
    -> Document.Kind
  {
    let language = string(info).split(separator: " ").first.map(String.init) ?? ""
    let marks = openingFence(line: start.line)
    guard topLevel, language == "swift", let marks else {
      return .codeBlock(info: info, literal: literal, fenced: marks != nil)
    }
    let text = string(literal)
    let code = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let closing = line(last.line)?.trimmingSpaces ?? ""
    let closed =
      last.line > start.line && closing.count >= marks.count && closing.allSatisfy { $0 == marks.first }
    fences.append(
      Fence(start: start, lines: start.line...max(start.line, last.line), code: code, marks: marks, closed: closed))
    return .experiment(index: fences.count - 1)
  }

  /// The fence characters (``` or ~~~ and longer) when the block starting on `line` is
  /// fenced; nil when it is indented (cmark 0.30 cannot tell them apart itself).
  private func openingFence(line number: Int) -> Substring? {
    guard let text = line(number)?.drop(while: { $0 == " " }), let mark = text.first, mark == "`" || mark == "~"
    else { return nil }
    let fence = text.prefix { $0 == mark }
    return fence.count >= 3 ? fence : nil
  }

  // MARK: Inline expressions

  private mutating func inlineExpression(_ literal: String, start: SourceLocation, last: SourceLocation)
    -> Document.Kind
  {
    let rest = literal.dropFirst(InlineExpression.prefix.count)
    let leadingSpaces = rest.prefix { $0 == " " }.count
    let span = spanRange(start: start, last: last)
    // cmark's columns miss the indentation it strips from a paragraph's continuation lines;
    // `shift` is what the source check found missing.
    let shift = span?.shift ?? 0
    let location = SourceLocation(
      line: start.line, column: start.column + shift + InlineExpression.prefix.count + leadingSpaces)
    inlines.append(
      InlineExpression(
        index: inlines.count, expression: rest.trimmingSpaces, location: location,
        spanStart: span?.start ?? start, spanEnd: span?.end ?? SourceLocation(line: last.line, column: last.column + 1),
        afterBlockCount: fences.count, spanIsExact: span != nil))
    return .inlineExpression(index: inlines.count - 1)
  }

  /// The whole code span, backticks included (end exclusive), from cmark's range of its
  /// content, checked against the source: the backtick runs must be there and match. When
  /// cmark's column is short (indentation it stripped), the span is looked for further along
  /// its line. Nil when it cannot be found, so no renderer ever edits the wrong bytes.
  private func spanRange(start: SourceLocation, last: SourceLocation) -> (
    start: SourceLocation, end: SourceLocation, shift: Int
  )? {
    guard let startLine = line(start.line), let endLine = line(last.line) else { return nil }
    let startBytes = Array(startLine.utf8)
    let endBytes = start.line == last.line ? startBytes : Array(endLine.utf8)
    let maxShift = start.line == last.line ? max(0, startBytes.count - start.column) : 0
    for shift in 0...maxShift {
      if let found = span(startBytes, endBytes, from: start.column - 1 + shift, to: last.column + shift) {
        return (
          SourceLocation(line: start.line, column: found.from + 1),
          SourceLocation(line: last.line, column: found.to + 1),
          shift
        )
      }
    }
    return nil
  }

  /// The span around content `from..<to` (0-based) when backticks enclose it there.
  private func span(_ startBytes: [UInt8], _ endBytes: [UInt8], from: Int, to: Int) -> (from: Int, to: Int)? {
    guard from >= 0, from < startBytes.count, to > 0, to <= endBytes.count,
      startBytes[from] == UInt8(ascii: "{")
    else { return nil }
    var from = from
    var to = to
    if from > 0, startBytes[from - 1] == UInt8(ascii: " ") { from -= 1 }
    var opening = 0
    while from > 0, startBytes[from - 1] == UInt8(ascii: "`") {
      from -= 1
      opening += 1
    }
    if to < endBytes.count, endBytes[to] == UInt8(ascii: " ") { to += 1 }
    var closing = 0
    while to < endBytes.count, endBytes[to] == UInt8(ascii: "`") {
      to += 1
      closing += 1
    }
    guard opening > 0, opening == closing else { return nil }
    return (from, to)
  }

  // MARK: Cross-references

  /// Appends a text node, split around the `@fig-`/`@tbl-` references it holds.
  mutating func appendText(_ text: Document.Text, parent: Int, start: SourceLocation, last: SourceLocation) {
    let hasAt = bytes[Int(text.start)..<Int(text.end)].contains(UInt8(ascii: "@"))
    let found = hasAt ? CrossReference.scan(string(text)) : []
    guard !found.isEmpty else {
      nodes.append(node(.text(text), parent: parent, start: start, last: last))
      return
    }
    func piece(_ from: Int, _ to: Int) -> Document.Text {
      Document.Text(start: text.start + Int32(from), end: text.start + Int32(to))
    }
    let count = Int(text.end - text.start)
    var position = 0
    let sourceLine = line(start.line).map { Array($0.utf8) } ?? []
    for reference in found {
      if reference.offset > position {
        nodes.append(node(.text(piece(position, reference.offset)), parent: parent, start: start, last: last))
      }
      let marker = Array(("@" + (reference.notebook.map { $0 + "#" } ?? "") + reference.label).utf8)
      // The text's offsets match the source unless cmark stripped indentation or decoded an
      // escape or entity before the reference: then look further along the line.
      let found = sourceColumn(of: marker, in: sourceLine, from: start.column + reference.offset)
      let location = SourceLocation(line: start.line, column: found ?? start.column + reference.offset)
      references.append(
        CrossReference(label: reference.label, notebook: reference.notebook, location: location, isExact: found != nil))
      nodes.append(node(.crossReference(index: references.count - 1), parent: parent, start: location, last: location))
      position = reference.offset + marker.count
    }
    if position < count {
      nodes.append(node(.text(piece(position, count)), parent: parent, start: start, last: last))
    }
  }

  /// The 1-based column of `marker` (`@label`) in `line` at or after `column`, where it stands
  /// as a reference would (not inside a word or a longer label); nil when it is not there or
  /// is escaped (`\\@fig-x`).
  private func sourceColumn(of marker: [UInt8], in line: [UInt8], from column: Int) -> Int? {
    func isLabelByte(_ byte: UInt8) -> Bool {
      (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45
        || byte == 95
    }
    var index = max(0, column - 1)
    while index + marker.count <= line.count {
      defer { index += 1 }
      guard line[index..<(index + marker.count)].elementsEqual(marker) else { continue }
      let before = index > 0 ? line[index - 1] : UInt8(ascii: " ")
      if before == UInt8(ascii: "\\") { return nil }
      let after = index + marker.count < line.count ? line[index + marker.count] : UInt8(ascii: " ")
      let continues = isLabelByte(after) && after != 45 && after != 95
      if !isLabelByte(before), before != UInt8(ascii: "."), !continues { return index + 1 }
    }
    return nil
  }

  func line(_ number: Int) -> Substring? {
    lines.line(number)
  }
}
