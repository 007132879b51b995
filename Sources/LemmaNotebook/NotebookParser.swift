#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Turns a notebook file's bytes into a `Notebook`, or a `NotebookError` naming the line at fault.
public struct NotebookParser {
  public init() {}

  /// Reads and parses the notebook at `path`.
  public func parse(contentsOf path: String) throws(NotebookError) -> Notebook {
    try parse(SourceText(contentsOf: path), path: path)
  }

  /// Parses a notebook's bytes; `path` is used in messages only.
  public func parse(_ data: Data, path: String) throws(NotebookError) -> Notebook {
    try parse(SourceText(bytes: data, path: path), path: path)
  }

  /// Parses a notebook's text; `path` is used in messages only.
  public func parse(source: String, path: String) throws(NotebookError) -> Notebook {
    try parse(SourceText(source, path: path), path: path)
  }

  /// Reads only the front matter of the notebook at `path` (title, summary, ...): much
  /// cheaper than a full parse, for listing notebooks.
  public func frontMatter(contentsOf path: String) throws(NotebookError) -> FrontMatter {
    let source = try SourceText(contentsOf: path).text
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let fence = try frontMatterLines(lines, path: path) else { return FrontMatter() }
    return try frontMatter(lines, fence: fence, path: path)
  }

  /// Parses text that came through the one door (`SourceText`).
  public func parse(_ text: SourceText, path: String) throws(NotebookError) -> Notebook {
    let source = text.text
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    var frontMatter = FrontMatter()
    var body = source
    if let fence = try frontMatterLines(lines, path: path) {
      frontMatter = try self.frontMatter(lines, fence: fence, path: path)
      body = Notebook.blankingLines(fence, of: source)
    }
    let document = MarkdownDocument(body)
    let cells = try CellCollector(path: path, lines: lines, document: document).collect()
    let notebook = Notebook(path: path, source: source, frontMatter: frontMatter, cells: cells)
    try checkLabels(notebook)
    return notebook
  }

  private func frontMatter(_ lines: [Substring], fence: ClosedRange<Int>, path: String) throws(NotebookError)
    -> FrontMatter
  {
    let yaml = lines[(fence.lowerBound)..<(fence.upperBound - 1)].joined(separator: "\n")
    var frontMatter = try FrontMatterParser(path: path).parse(yaml, firstLine: fence.lowerBound + 1)
    frontMatter.lines = fence
    return frontMatter
  }

  /// Labels are unique, and every `@fig-`/`@tbl-` reference names one.
  private func checkLabels(_ notebook: Notebook) throws(NotebookError) {
    var labels: [String: SourceLocation] = [:]
    for block in notebook.experiments {
      guard let label = block.options.label else { continue }
      let location = block.options.locations["label"] ?? SourceLocation(line: block.firstCodeLine)
      if let first = labels[label] {
        throw NotebookError(
          path: notebook.path, location: location, message: "label `\(label)` is already used at line \(first.line)",
          hint: "give each block its own label")
      }
      labels[label] = location
    }
    for reference in notebook.crossReferences where labels[reference.label] == nil {
      let suggestion = closestMatch(to: reference.label, in: Array(labels.keys).sorted()).map {
        "did you mean `@\($0)`? "
      }
      throw NotebookError(
        path: notebook.path, location: reference.location, message: "no block is labelled `\(reference.label)`",
        hint: (suggestion ?? "") + "label a block with `//| label: \(reference.label)`")
    }
  }

  /// The lines of a leading `---` ... `---` block (1-based), or nil when the notebook has none.
  private func frontMatterLines(_ lines: [Substring], path: String) throws(NotebookError) -> ClosedRange<Int>? {
    guard lines.first?.trimmingSpaces == "---" else { return nil }
    guard let close = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingSpaces) })
    else {
      throw NotebookError(
        path: path, location: SourceLocation(line: 1), message: "front matter opened here is never closed",
        hint: "end the front matter with a line holding only `---`")
    }
    return 1...(close + 1)
  }
}

/// Walks cmark's top-level nodes into cells: experiment blocks, display blocks and prose between.
private struct CellCollector {
  let path: String
  let lines: [Substring]
  let document: MarkdownDocument

  private static let inlinePrefix = "{swift}"

  func collect() throws(NotebookError) -> [Cell] {
    var cells: [Cell] = []
    var proseNodes: [MarkdownNode] = []
    var blockCount = 0
    var inlineCount = 0

    func flushProse() throws(NotebookError) {
      guard let first = proseNodes.first, let last = proseNodes.last else { return }
      var expressions: [InlineExpression] = []
      var references: [CrossReference] = []
      for node in proseNodes {
        for inline in document.descendants(of: node) {
          if inline.kind == .text {
            references += CrossReference.scan(inline.literal).map {
              CrossReference(
                label: $0.label,
                location: SourceLocation(line: inline.start.line, column: inline.start.column + $0.offset))
            }
          }
          guard inline.kind == .code, let expression = inlineExpression(inline, index: inlineCount, after: blockCount)
          else { continue }
          expressions.append(expression)
          inlineCount += 1
        }
      }
      let lines = first.start.line...max(first.start.line, last.end.line)
      cells.append(.prose(Prose(lines: lines, inlineExpressions: expressions, references: references)))
      proseNodes = []
    }

    for node in document.topLevelNodes {
      guard node.kind == .codeBlock, let fence = openingFence(of: node) else {
        proseNodes.append(node)
        continue
      }
      try flushProse()
      let language = node.fenceInfo.split(separator: " ").first.map(String.init) ?? ""
      let code = node.literal.hasSuffix("\n") ? String(node.literal.dropLast()) : node.literal
      let range = node.start.line...max(node.start.line, node.end.line)
      guard language == "swift" else {
        cells.append(.display(DisplayBlock(lines: range, language: language, code: code)))
        continue
      }
      try checkClosed(node, fence: fence)
      let codeLines = code.split(separator: "\n", omittingEmptySubsequences: false)
      let options = try CellOptionsParser(path: path).parse(codeLines, firstLine: node.start.line + 1)
      cells.append(
        .experiment(
          ExperimentBlock(
            index: blockCount, lines: range, code: code, firstCodeLine: node.start.line + 1, options: options)))
      blockCount += 1
    }
    try flushProse()
    return cells
  }

  /// The fence characters (``` or ~~~ and longer) when `node` is a fenced block; nil when indented.
  private func openingFence(of node: MarkdownNode) -> Substring? {
    guard let line = lineText(node.start.line) else { return nil }
    let text = line.drop { $0 == " " }
    guard let mark = text.first, mark == "`" || mark == "~" else { return nil }
    let fence = text.prefix { $0 == mark }
    return fence.count >= 3 ? fence : nil
  }

  private func checkClosed(_ node: MarkdownNode, fence: Substring) throws(NotebookError) {
    let closing = lineText(node.end.line)?.trimmingSpaces ?? ""
    let closed =
      node.end.line > node.start.line && closing.count >= fence.count
      && closing.allSatisfy { $0 == fence.first }
    guard !closed else { return }
    throw NotebookError(
      path: path, location: node.start, message: "this ```swift block is never closed",
      hint: "add a line holding only `\(fence)` after the block's last line")
  }

  private func inlineExpression(_ node: MarkdownNode, index: Int, after blockCount: Int) -> InlineExpression? {
    let literal = node.literal
    guard InlineExpression.isInline(literal) else { return nil }
    let rest = literal.dropFirst(Self.inlinePrefix.count)
    let expression = rest.trimmingSpaces
    let leadingSpaces = rest.prefix { $0 == " " }.count
    let location = SourceLocation(
      line: node.start.line, column: node.start.column + Self.inlinePrefix.count + leadingSpaces)
    let columns = spanColumns(node)
    let spanStart = SourceLocation(line: node.start.line, column: columns.start)
    let spanEnd = SourceLocation(line: node.end.line, column: columns.end)
    return InlineExpression(
      index: index, expression: expression, location: location, spanStart: spanStart, spanEnd: spanEnd,
      afterBlockCount: blockCount)
  }

  /// The columns of the span's opening backtick and just past its closing one, from the
  /// content's range (cmark reports the content, without backticks and the spaces it strips).
  private func spanColumns(_ node: MarkdownNode) -> (start: Int, end: Int) {
    let startBytes = Array((lineText(node.start.line) ?? "").utf8)
    // cmark's inline positions can stray past a line (on continuation lines it does not count
    // stripped indentation); clamp rather than trust them.
    var start = min(max(node.start.column - 1, 0), startBytes.count)  // 0-based index of the content's first byte
    while start > 0, startBytes[start - 1] == UInt8(ascii: " ") { start -= 1 }
    while start > 0, startBytes[start - 1] == UInt8(ascii: "`") { start -= 1 }
    let endBytes = Array((lineText(node.end.line) ?? "").utf8)
    var end = min(max(node.end.column, 0), endBytes.count)  // 0-based index just past the content
    while end < endBytes.count, endBytes[end] == UInt8(ascii: " ") { end += 1 }
    while end < endBytes.count, endBytes[end] == UInt8(ascii: "`") { end += 1 }
    return (start + 1, end + 1)
  }

  private func lineText(_ line: Int) -> Substring? {
    line >= 1 && line <= lines.count ? lines[line - 1] : nil
  }
}
