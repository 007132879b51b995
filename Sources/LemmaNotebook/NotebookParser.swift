#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Turns a notebook file's bytes into a `Notebook`, or a `NotebookError` naming the line at fault.
public struct NotebookParser {
  /// Bodies this long are read in two halves at the same time (tests set it to compare).
  var parallelBytes = DocumentReader.parallelBytes

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
    let lines = LineTable(source)
    guard let fence = try frontMatterLines(lines, path: path) else { return FrontMatter() }
    return try frontMatter(lines, fence: fence, path: path)
  }

  /// Parses text that came through the one door (`SourceText`).
  public func parse(_ text: SourceText, path: String) throws(NotebookError) -> Notebook {
    let source = text.text
    let lines = LineTable(source)
    var frontMatter = FrontMatter()
    var body = source
    if let fence = try frontMatterLines(lines, path: path) {
      frontMatter = try self.frontMatter(lines, fence: fence, path: path)
      body = Notebook.blankingLines(fence, of: source)
    }
    var reader = DocumentReader(lines: lines, readsCitations: !frontMatter.bibliography.isEmpty)
    let document = reader.read(body, parallelBytes: parallelBytes)
    var experiments: [ExperimentBlock] = []
    for (index, fence) in reader.fences.enumerated() {
      guard fence.closed else {
        throw NotebookError(
          path: path, location: fence.start, message: "this ```swift block is never closed",
          hint: "add a line holding only `\(fence.marks)` after the block's last line")
      }
      let codeLines = fence.code.split(separator: "\n", omittingEmptySubsequences: false)
      let firstCodeLine = fence.lines.lowerBound + 1
      let options = try CellOptionsParser(path: path).parse(codeLines, firstLine: firstCodeLine)
      experiments.append(
        ExperimentBlock(
          index: index, lines: fence.lines, code: fence.code, firstCodeLine: firstCodeLine, options: options))
    }
    let notebook = Notebook(
      path: path, lines: lines, frontMatter: frontMatter, document: document,
      cells: Self.cells(document, experiments: experiments, reader: reader),
      inlineExpressions: reader.inlines, crossReferences: reader.references,
      mathSpans: reader.maths, citations: reader.citations)
    try checkLabels(notebook)
    return notebook
  }

  /// The document's top-level parts: experiment blocks, other code blocks, and prose between.
  private static func cells(_ document: Document, experiments: [ExperimentBlock], reader: DocumentReader) -> [Cell] {
    var cells: [Cell] = []
    var prose: [Int] = []
    func flushProse() {
      guard let first = prose.first, let last = prose.last else { return }
      var inlines: [InlineExpression] = []
      var references: [CrossReference] = []
      for node in document.nodes[first..<document.nodes[last].end] {
        switch node.kind {
        case .inlineExpression(let index): inlines.append(reader.inlines[index])
        case .crossReference(let index): references.append(reader.references[index])
        default: continue
        }
      }
      let start = document.nodes[first].start.line
      cells.append(
        .prose(
          Prose(
            lines: start...max(start, document.nodes[last].last.line), inlineExpressions: inlines,
            references: references)))
      prose = []
    }
    for child in document.children(of: 0) {
      let node = document.nodes[child]
      switch node.kind {
      case .experiment(let index):
        flushProse()
        cells.append(.experiment(experiments[index]))
      case .codeBlock(let info, let literal, fenced: true):
        flushProse()
        let language = document.string(info).split(separator: " ").first.map(String.init) ?? ""
        let text = document.string(literal)
        let code = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines = node.start.line...max(node.start.line, node.last.line)
        cells.append(.display(DisplayBlock(lines: lines, language: language, code: code)))
      default:
        prose.append(child)
      }
    }
    flushProse()
    return cells
  }

  private func frontMatter(_ lines: LineTable, fence: ClosedRange<Int>, path: String) throws(NotebookError)
    -> FrontMatter
  {
    let yaml = (fence.lowerBound..<(fence.upperBound - 1)).compactMap { lines.line($0 + 1) }.joined(separator: "\n")
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
    // References into other notebooks are checked against them when the report is built.
    for reference in notebook.crossReferences where reference.notebook == nil && labels[reference.label] == nil {
      throw NotebookError(
        path: notebook.path, location: reference.location, message: "no block is labelled `\(reference.label)`",
        hint: didYouMean(reference.label, in: Array(labels.keys).sorted(), prefix: "@")
          + "label a block with `//| label: \(reference.label)`")
    }
  }

  /// The lines of a leading `---` ... `---` block (1-based), or nil when the notebook has none.
  private func frontMatterLines(_ lines: LineTable, path: String) throws(NotebookError) -> ClosedRange<Int>? {
    guard lines.line(1)?.trimmingSpaces == "---" else { return nil }
    guard let close = (1..<lines.count).first(where: { ["---", "..."].contains(lines.line($0 + 1)?.trimmingSpaces) })
    else {
      throw NotebookError(
        path: path, location: SourceLocation(line: 1), message: "front matter opened here is never closed",
        hint: "end the front matter with a line holding only `---`")
    }
    return 1...(close + 1)
  }
}
