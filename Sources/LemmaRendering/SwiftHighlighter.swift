import Figures
import LemmaExecution
import SwiftIDEUtils
import SwiftSyntax

/// Highlights Swift code as HTML from swift-syntax's own classification of its tokens and
/// comments: the parser the compiler uses, so highlighting agrees with what compiles.
public enum SwiftHighlighter {
  /// `code` as escaped HTML with `<span class="hl-…">` around keywords, types, literals,
  /// comments and attributes.
  public static func html(_ code: String) -> String {
    // Code nested past what swift-syntax parses quickly is shown plain (`SwiftCodeShape`).
    guard let tree = SwiftCodeShape.parse(code) else { return HTMLText.escape(code) }
    let bytes = Array(code.utf8)
    var html = ""
    html.reserveCapacity(bytes.count * 2)
    var position = 0
    for range in tree.classifications {
      let start = min(max(range.range.lowerBound.utf8Offset, position), bytes.count)
      let end = min(range.range.upperBound.utf8Offset, bytes.count)
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
