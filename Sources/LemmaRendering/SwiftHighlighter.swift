import Figures
import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Highlights Swift code as HTML from swift-syntax's own classification of its tokens and
/// comments: the parser the compiler uses, so highlighting agrees with what compiles.
public enum SwiftHighlighter {
  /// `code` as escaped HTML with `<span class="hl-…">` around keywords, types, literals,
  /// comments and attributes.
  public static func html(_ code: String) -> String {
    // swift-syntax caps how deep it parses, but not its lookahead: thousands of `[` overflow
    // the stack, and its lookahead for `[` takes twice as long for each level (a 24-deep array
    // literal takes 16 s here). Code nested that deep is shown plain (the compiler still
    // compiles or reports it). Both found by lemma-fuzz.
    let depth = nestingDepth(code)
    guard depth.all <= maximumNesting, depth.squareBrackets <= maximumSquareBrackets else {
      return HTMLText.escape(code)
    }
    let tree = Parser.parse(source: code)
    let bytes = Array(code.utf8)
    var html = ""
    html.reserveCapacity(bytes.count * 2)
    var position = 0
    for range in tree.classifications {
      let start = min(max(range.offset, position), bytes.count)
      let end = min(range.endOffset, bytes.count)
      guard start < end else { continue }
      if start > position { html += text(bytes[position..<start]) }
      let piece = text(bytes[start..<end])
      if let name = cssClass(range.kind) {
        html += "<span class=\"hl-\(name)\">\(piece)</span>"
      } else {
        html += piece
      }
      position = end
    }
    if position < bytes.count { html += text(bytes[position...]) }
    return html
  }

  /// Deeper than this, code is not parsed for highlighting.
  static let maximumNesting = 100
  /// Deeper than this in `[`, code is not parsed for highlighting (16 levels take 0.1 s).
  static let maximumSquareBrackets = 12

  /// The deepest nesting of all brackets together, and of `[` alone, in `code`, counted
  /// without regard to strings or comments (an overestimate, which only costs highlighting).
  static func nestingDepth(_ code: String) -> (all: Int, squareBrackets: Int) {
    var depth = 0
    var squares = 0
    var angles = 0
    var deepest = (all: 0, squareBrackets: 0)
    for byte in code.utf8 {
      switch byte {
      case UInt8(ascii: "("), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "}"): depth = max(0, depth - 1)
      case UInt8(ascii: "["): squares += 1
      case UInt8(ascii: "]"): squares = max(0, squares - 1)
      case UInt8(ascii: "<"): angles += 1
      case UInt8(ascii: ">"): angles = max(0, angles - 1)
      case UInt8(ascii: "\n"): angles = 0
      default: continue
      }
      deepest = (max(deepest.all, depth + squares + angles), max(deepest.squareBrackets, squares))
    }
    return deepest
  }

  private static func text(_ bytes: ArraySlice<UInt8>) -> String {
    HTMLText.escape(String(decoding: bytes, as: UTF8.self))
  }

  private static func cssClass(_ kind: SyntaxClassification) -> String? {
    switch kind {
    case .keyword, .ifConfigDirective: "k"
    case .type: "t"
    case .stringLiteral, .regexLiteral: "s"
    case .integerLiteral, .floatLiteral: "n"
    case .lineComment, .blockComment, .docLineComment, .docBlockComment: "c"
    case .attribute: "a"
    case .dollarIdentifier, .editorPlaceholder: "v"
    default: nil
    }
  }
}
