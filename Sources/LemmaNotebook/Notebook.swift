/// A parsed notebook: front matter, the body as one tree (`document`), and Lemma's parts of
/// it — experiment blocks, inline expressions, cross-references — in document order.
///
/// The notebook is read once (`SourceText`) and parsed once; renderers walk `document`.
public struct Notebook: Sendable {
  /// The path the notebook was read from, as the user gave it (used in every message).
  public var path: String
  /// The whole file after `SourceText`'s normalisation, front matter included.
  public var source: String { lines.text }
  /// The source's lines, found once: for excerpts under errors and the Markdown report's segments.
  public let lines: LineTable
  public var frontMatter: FrontMatter
  /// The body's tree: prose with experiment blocks, inline expressions and references in place.
  public var document: Document
  /// The top-level parts in order: prose runs, experiment blocks, other code blocks.
  public var cells: [Cell]
  /// The experiment blocks, in the order they run.
  public var experiments: [ExperimentBlock]
  /// Every `{swift}` inline expression, in document order.
  public var inlineExpressions: [InlineExpression]
  /// Every `@fig-` / `@tbl-` reference in prose, in document order.
  public var crossReferences: [CrossReference]
  /// Every `$…$` and `$$…$$` formula in prose, in document order.
  public var mathSpans: [MathSpan]
  /// Every `[@key]` citation in prose, in document order (none without a bibliography).
  public var citations: [Citation]

  public init(
    path: String, lines: LineTable, frontMatter: FrontMatter, document: Document, cells: [Cell],
    inlineExpressions: [InlineExpression], crossReferences: [CrossReference], mathSpans: [MathSpan] = [],
    citations: [Citation] = []
  ) {
    self.path = path
    self.lines = lines
    self.frontMatter = frontMatter
    self.document = document
    self.cells = cells
    experiments = cells.compactMap { if case .experiment(let block) = $0 { block } else { nil } }
    self.inlineExpressions = inlineExpressions
    self.crossReferences = crossReferences
    self.mathSpans = mathSpans
    self.citations = citations
  }

  /// The source with the lines of `range` blanked (the front matter), so line numbers in what
  /// is left are the file's.
  static func blankingLines(_ range: ClosedRange<Int>, of source: String) -> String {
    // The text after the range's last line feed, behind one line feed per blanked line.
    var rest = source.utf8.startIndex
    for _ in 0..<range.upperBound {
      guard let newline = source.utf8[rest...].firstIndex(of: UInt8(ascii: "\n")) else {
        rest = source.utf8.endIndex
        break
      }
      rest = source.utf8.index(after: newline)
    }
    return String(repeating: "\n", count: range.count) + source[rest...]
  }

  /// The report's title: the front matter's, else the file name.
  public var title: String { frontMatter.title ?? Self.name(of: path) }

  /// The folder the notebook is in, where its program runs (as a relative path, "." for the
  /// current folder): `data.csv` in a block means the file beside the notebook.
  public var folder: String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// `path` as its program or its prose means it: relative to the notebook's folder unless absolute.
  public func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : folder + "/" + path }

  /// A notebook's name: its file name without `.md` (`notebooks/coin.md` -> `coin`).
  public static func name(of path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
  }
}

/// A top-level part of a notebook.
public enum Cell: Sendable {
  /// Markdown between code blocks: paragraphs, headings, lists, indented code, HTML.
  case prose(Prose)
  /// A fenced `swift` block: compiled and run.
  case experiment(ExperimentBlock)
  /// A fenced block in another language: shown, not run.
  case display(DisplayBlock)
}

/// A run of Markdown between code blocks.
public struct Prose: Sendable {
  public var lines: ClosedRange<Int>
  public var inlineExpressions: [InlineExpression]
  public var references: [CrossReference]

  public init(lines: ClosedRange<Int>, inlineExpressions: [InlineExpression], references: [CrossReference] = []) {
    self.lines = lines
    self.inlineExpressions = inlineExpressions
    self.references = references
  }
}

/// `@fig-label` or `@tbl-label` in prose: becomes a link reading "Figure N" or "Table N". With
/// a notebook beside this one before the label — `@other.md#fig-label` — it points into that
/// notebook's report and reads "Figure N of <its title>".
public struct CrossReference: Sendable, Equatable {
  public var label: String
  /// The other notebook's file name (`other.md`), for a reference into it; nil for this one.
  public var notebook: String?
  /// Where the `@` stands.
  public var location: SourceLocation
  /// Whether the source holds `@label` exactly at `location` (not so after an escape or an
  /// entity earlier in the same text): only then may a renderer edit the source there.
  public var isExact: Bool

  public init(label: String, notebook: String? = nil, location: SourceLocation, isExact: Bool = true) {
    self.label = label
    self.notebook = notebook
    self.location = location
    self.isExact = isExact
  }

  /// How the reference is written, after its `@`: `fig-x` or `other.md#fig-x`.
  public var target: String { notebook.map { $0 + "#" + label } ?? label }

  /// The prefixes that make a block label referenceable, and what a reference reads.
  public static let kinds = ["fig-": "Figure", "tbl-": "Table"]

  /// The references in a run of plain text, with their byte offsets.
  public static func scan(_ text: String) -> [(label: String, notebook: String?, offset: Int)] {
    let bytes = Array(text.utf8)
    var found: [(String, String?, Int)] = []
    var index = 0
    while index < bytes.count {
      defer { index += 1 }
      guard bytes[index] == UInt8(ascii: "@") else { continue }
      if index > 0, isLabelByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ".") { continue }
      var start = index + 1
      var end = start
      while end < bytes.count, isLabelByte(bytes[end]) { end += 1 }
      // `@other.md#fig-x`: a notebook beside this one, then the label.
      var notebook: String?
      let suffix = Array(".md#".utf8)
      if end > start, bytes[end...].starts(with: suffix) {
        notebook = String(decoding: bytes[start..<end], as: UTF8.self) + ".md"
        start = end + suffix.count
        end = start
        while end < bytes.count, isLabelByte(bytes[end]) { end += 1 }
      }
      while end > start, bytes[end - 1] == UInt8(ascii: "-") || bytes[end - 1] == UInt8(ascii: "_") { end -= 1 }
      let label = String(decoding: bytes[start..<end], as: UTF8.self)
      guard kinds.keys.contains(where: { label.hasPrefix($0) && label.count > $0.count }) else { continue }
      found.append((label, notebook, index))
      index = end - 1
    }
    return found
  }

  private static func isLabelByte(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
  }
}

/// A `` `{swift} expr` `` span: evaluated where it stands in the program and replaced by its text.
public struct InlineExpression: Sendable, Equatable {
  /// Whether a code span's text (as cmark gives it) is an inline expression: `{swift}`, a
  /// space, then an expression. A bare `{swift}` is ordinary code, so prose can mention it.
  public static func isInline(_ literal: String) -> Bool {
    literal.hasPrefix(prefix + " ") && literal.dropFirst(prefix.count).contains { $0 != " " }
  }

  /// What an inline expression's code span starts with.
  public static let prefix = "{swift}"

  /// Position among the notebook's inline expressions, from 0.
  public var index: Int
  public var expression: String
  /// Where the expression itself (after `{swift} `) starts.
  public var location: SourceLocation
  /// Where the whole code span, backticks included, starts and ends (end exclusive).
  public var spanStart: SourceLocation
  public var spanEnd: SourceLocation
  /// How many experiment blocks come before it: it runs after them.
  public var afterBlockCount: Int
  /// Whether the source holds the span's backticks exactly at `spanStart`..<`spanEnd`: only
  /// then may a renderer edit the source there.
  public var spanIsExact: Bool

  public init(
    index: Int, expression: String, location: SourceLocation, spanStart: SourceLocation,
    spanEnd: SourceLocation, afterBlockCount: Int, spanIsExact: Bool = true
  ) {
    self.index = index
    self.expression = expression
    self.location = location
    self.spanStart = spanStart
    self.spanEnd = spanEnd
    self.afterBlockCount = afterBlockCount
    self.spanIsExact = spanIsExact
  }
}

/// A fenced `swift` block that Lemma runs.
public struct ExperimentBlock: Sendable, Equatable {
  /// Position among the notebook's experiment blocks, from 0.
  public var index: Int
  /// The lines of the fences themselves, opening to closing.
  public var lines: ClosedRange<Int>
  /// The code between the fences, option lines included, with no trailing newline.
  public var code: String
  /// The notebook line of the code's first line (the one after the opening fence).
  public var firstCodeLine: Int
  public var options: CellOptions

  public init(index: Int, lines: ClosedRange<Int>, code: String, firstCodeLine: Int, options: CellOptions) {
    self.index = index
    self.lines = lines
    self.code = code
    self.firstCodeLine = firstCodeLine
    self.options = options
  }

  /// The code a reader sees: the block without its leading `//|` option lines.
  public var displayCode: String {
    code.split(separator: "\n", omittingEmptySubsequences: false)
      .dropFirst(options.optionLineCount)
      .joined(separator: "\n")
  }
}

/// A fenced block in a language other than Swift: shown as written.
public struct DisplayBlock: Sendable, Equatable {
  public var lines: ClosedRange<Int>
  public var language: String
  public var code: String

  public init(lines: ClosedRange<Int>, language: String, code: String) {
    self.lines = lines
    self.language = language
    self.code = code
  }
}
