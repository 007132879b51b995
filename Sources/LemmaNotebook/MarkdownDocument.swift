import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A CommonMark document parsed by cmark: the only place Lemma calls cmark.
///
/// Nodes are handed out as `MarkdownNode` values that stay valid while the document lives.
/// Renderers edit the tree (replacing code blocks by rendered cells, inline expressions by their
/// values) and then ask for HTML.
public final class MarkdownDocument {
  private let root: OpaquePointer

  /// Parses `text`; cmark accepts any input, so this never fails.
  public init(_ text: String) {
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE
    var text = text
    root = text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
    }
  }

  deinit { cmark_node_free(root) }

  /// The document's direct children, in order.
  public var topLevelNodes: [MarkdownNode] { children(of: root) }

  /// Every node below `node`, depth first, in document order.
  public func descendants(of node: MarkdownNode) -> [MarkdownNode] {
    var nodes: [MarkdownNode] = []
    let iterator = cmark_iter_new(node.pointer)
    defer { cmark_iter_free(iterator) }
    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
      guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator), current != node.pointer
      else { continue }
      nodes.append(MarkdownNode(current))
    }
    return nodes
  }

  /// Puts raw HTML (or, for Markdown output, raw text) in place of a block node.
  public func replaceBlock(_ node: MarkdownNode, withRaw raw: String) {
    replace(node, with: CMARK_NODE_HTML_BLOCK, literal: raw)
  }

  /// Puts plain text, escaped when rendered, in place of an inline node.
  public func replaceInline(_ node: MarkdownNode, withText text: String) {
    replace(node, with: CMARK_NODE_TEXT, literal: text)
  }

  /// Puts raw HTML in place of an inline node.
  public func replaceInline(_ node: MarkdownNode, withRawHTML html: String) {
    replace(node, with: CMARK_NODE_HTML_INLINE, literal: html)
  }

  /// Changes where a link points.
  public func setURL(of link: MarkdownNode, to url: String) {
    _ = cmark_node_set_url(link.pointer, url)
  }

  /// The text of a node and its descendants, without markup: a heading's words, for its id.
  public func plainText(of node: MarkdownNode) -> String {
    descendants(of: node).filter { $0.kind == .text || $0.kind == .code }.map(\.literal).joined()
  }

  /// The document as HTML; raw HTML in the source passes through (notebook authors are trusted).
  public func html() -> String {
    render(cmark_render_html(root, CMARK_OPT_UNSAFE))
  }

  /// One node (and what is below it) as HTML.
  public func html(of node: MarkdownNode) -> String {
    render(cmark_render_html(node.pointer, CMARK_OPT_UNSAFE))
  }

  private func replace(_ node: MarkdownNode, with type: cmark_node_type, literal: String) {
    guard let replacement = cmark_node_new(type) else { return }
    _ = cmark_node_set_literal(replacement, literal)
    _ = cmark_node_replace(node.pointer, replacement)
    cmark_node_free(node.pointer)
  }

  private func children(of parent: OpaquePointer) -> [MarkdownNode] {
    var nodes: [MarkdownNode] = []
    var child = cmark_node_first_child(parent)
    while let current = child {
      nodes.append(MarkdownNode(current))
      child = cmark_node_next(current)
    }
    return nodes
  }

  private func render(_ buffer: UnsafeMutablePointer<CChar>?) -> String {
    guard let buffer else { return "" }
    defer { free(buffer) }
    return String(cString: buffer)
  }
}

/// A node of a `MarkdownDocument`: its kind, text and source position.
public struct MarkdownNode {
  /// The node kinds Lemma treats specially; everything else is `.other`.
  public enum Kind: Equatable {
    case codeBlock, code, heading, htmlBlock, text, link
    case other(String)
  }

  fileprivate let pointer: OpaquePointer

  fileprivate init(_ pointer: OpaquePointer) { self.pointer = pointer }

  public var kind: Kind {
    switch cmark_node_get_type(pointer) {
    case CMARK_NODE_CODE_BLOCK: .codeBlock
    case CMARK_NODE_CODE: .code
    case CMARK_NODE_HEADING: .heading
    case CMARK_NODE_HTML_BLOCK: .htmlBlock
    case CMARK_NODE_TEXT: .text
    case CMARK_NODE_LINK: .link
    default: .other(String(cString: cmark_node_get_type_string(pointer)))
    }
  }

  /// The text of a code block, code span, HTML or text node.
  public var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
  /// A link's destination.
  public var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
  /// A fenced code block's info string.
  public var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
  public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
  public var start: SourceLocation {
    SourceLocation(line: Int(cmark_node_get_start_line(pointer)), column: Int(cmark_node_get_start_column(pointer)))
  }
  public var end: SourceLocation {
    SourceLocation(line: Int(cmark_node_get_end_line(pointer)), column: Int(cmark_node_get_end_column(pointer)))
  }
}
