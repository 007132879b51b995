/// A notebook's Markdown body as one tree of Swift values, parsed once (by `CmarkReader`).
///
/// The tree is flat: `nodes` lists every node in document order (pre-order), and each node
/// knows where its subtree ends and who its parent is. Walking it needs no recursion, so a
/// notebook nested 100,000 levels deep (`>`, lists) costs a loop, never the stack.
/// Lemma's own parts are nodes in place: experiment blocks, `{swift}` inline expressions and
/// `@fig-`/`@tbl-` cross-references. Both renderers walk this tree; neither parses again.
/// Text (literals, URLs, titles) lives in one byte buffer that nodes point into, so a long
/// notebook costs no allocation per node.
public struct Document: Sendable {
  /// Every node in document order; `nodes[0]` is the document itself.
  public var nodes: [Node]
  /// The UTF-8 text of every literal, URL and title, back to back.
  public var bytes: [UInt8]

  public init(nodes: [Node], bytes: [UInt8]) {
    self.nodes = nodes
    self.bytes = bytes
  }

  /// A stretch of `bytes`: one node's literal, URL or title.
  public struct Text: Sendable, Equatable {
    public var start: Int32
    public var end: Int32

    public init(start: Int32, end: Int32) {
      self.start = start
      self.end = end
    }

    public var isEmpty: Bool { start == end }
  }

  /// The text of `text` as a `String`.
  public func string(_ text: Text) -> String {
    String(decoding: bytes[Int(text.start)..<Int(text.end)], as: UTF8.self)
  }

  /// One node: what it is, where its subtree ends, its parent, and where it stands in the file.
  /// Stored in 32-bit fields (48 bytes a node, not 72): a multi-megabyte notebook has
  /// hundreds of thousands of nodes, and every pass over them reads them all.
  public struct Node: Sendable, Equatable {
    public var kind: Kind
    private var storedEnd: Int32
    private var storedParent: Int32
    private var startLine: Int32
    private var startColumn: Int32
    private var lastLine: Int32
    private var lastColumn: Int32

    /// The index just past this node's subtree: its descendants are `index + 1 ..< end`.
    public var end: Int {
      get { Int(storedEnd) }
      set { storedEnd = Int32(newValue) }
    }
    /// The parent's index (-1 for the document).
    public var parent: Int {
      get { Int(storedParent) }
      set { storedParent = Int32(newValue) }
    }
    /// Where the node starts and ends (inclusive) in the notebook, as cmark reports them,
    /// corrected for code spans (which include their backticks here).
    public var start: SourceLocation {
      get { SourceLocation(line: Int(startLine), column: Int(startColumn)) }
      set { (startLine, startColumn) = (Int32(clamping: newValue.line), Int32(clamping: newValue.column)) }
    }
    public var last: SourceLocation {
      get { SourceLocation(line: Int(lastLine), column: Int(lastColumn)) }
      set { (lastLine, lastColumn) = (Int32(clamping: newValue.line), Int32(clamping: newValue.column)) }
    }

    public init(kind: Kind, end: Int, parent: Int, start: SourceLocation, last: SourceLocation) {
      self.kind = kind
      storedEnd = Int32(end)
      storedParent = Int32(parent)
      (startLine, startColumn) = (Int32(clamping: start.line), Int32(clamping: start.column))
      (lastLine, lastColumn) = (Int32(clamping: last.line), Int32(clamping: last.column))
    }
  }

  /// What a node is. Containers (block quote, list, item, paragraph, heading, table, row,
  /// cell, footnote definition, emphasis, strong, strikethrough, link, image) have children;
  /// the rest are leaves.
  public enum Kind: Sendable, Equatable {
    case document
    case blockQuote
    case list(ordered: Bool, start: Int, tight: Bool)
    case item
    case paragraph
    case heading(level: Int)
    case thematicBreak
    /// A code block shown as written: indented, or fenced in a language other than Swift.
    case codeBlock(info: Text, literal: Text, fenced: Bool)
    case htmlBlock(Text)
    case text(Text)
    case softBreak
    case lineBreak
    case code(Text)
    case htmlInline(Text)
    case emphasis
    case strong
    /// GFM's `~~text~~` (or `~text~`).
    case strikethrough
    /// A GFM pipe table: rows, the first of them the header.
    case table
    case tableRow(header: Bool)
    case tableCell(alignment: TableAlignment)
    /// A GFM footnote definition (`[^label]: text`), with its blocks; these stand after the
    /// document's own blocks, in the order written.
    case footnoteDefinition(label: Text)
    case link(url: Text, title: Text)
    case image(url: Text, title: Text)
    /// A fenced `swift` block at the top level: `Notebook.experiments[index]`.
    case experiment(index: Int)
    /// A `` `{swift} expr` `` span: `Notebook.inlineExpressions[index]`.
    case inlineExpression(index: Int)
    /// `@fig-x` or `@tbl-x` in prose: `Notebook.crossReferences[index]`.
    case crossReference(index: Int)
    /// `$…$` or `$$…$$` in prose: `Notebook.mathSpans[index]`.
    case math(index: Int)
    /// `[@key]` in prose: `Notebook.citations[index]`.
    case citation(index: Int)
  }

  /// The indices of `index`'s children, in order.
  public func children(of index: Int) -> [Int] {
    var result: [Int] = []
    var child = index + 1
    while child < nodes[index].end {
      result.append(child)
      child = nodes[child].end
    }
    return result
  }

  /// Visits the subtree of `index` in document order: containers twice (entering, then
  /// leaving), leaves once (entering). Return false on entering a container to skip its
  /// children (it is still left). No recursion: depth costs nothing but the open-node list.
  public func walk(from index: Int = 0, _ visit: (_ index: Int, _ entering: Bool) -> Bool) {
    var open: [Int] = []
    var current = index
    let stop = nodes[index].end
    while current < stop {
      while let top = open.last, nodes[top].end <= current {
        open.removeLast()
        _ = visit(top, false)
      }
      let node = nodes[current]
      if node.end == current + 1 && !node.kind.isContainer {
        _ = visit(current, true)
        current += 1
      } else if visit(current, true) {
        open.append(current)
        current += 1
      } else {
        _ = visit(current, false)
        current = node.end
      }
    }
    while let top = open.popLast() { _ = visit(top, false) }
  }

  /// The text of a node's descendants without markup — text, code, and what `lemmaText`
  /// gives for Lemma's nodes (an inline value, a reference's name, a formula's TeX): a
  /// heading's words.
  public func plainText(of index: Int, lemmaText: (Kind) -> String? = { _ in nil }) -> String {
    var text = ""
    for node in nodes[(index + 1)..<nodes[index].end] {
      switch node.kind {
      case .text(let literal), .code(let literal): text += string(literal)
      case .inlineExpression, .crossReference, .math, .citation: text += lemmaText(node.kind) ?? ""
      default: continue
      }
    }
    return text
  }
}

extension Document.Kind {
  /// Whether this kind of node may have children (and is entered and left when walked).
  public var isContainer: Bool {
    switch self {
    case .document, .blockQuote, .list, .item, .paragraph, .heading, .emphasis, .strong, .strikethrough, .link,
      .image, .table, .tableRow, .tableCell, .footnoteDefinition:
      true
    default: false
    }
  }
}

/// How a table column's cells are aligned, from its delimiter row (`:--`, `:-:`, `--:`).
public enum TableAlignment: Sendable, Equatable {
  case none, left, center, right
}
