import LemmaNotebook

/// GFM's strikethrough: `~~text~~` or `~text~` shows as `<del>text</del>`. Found by one pass
/// over the document tree, which cmark leaves the tildes in as text.
///
/// As in cmark-gfm, a run of one or two tildes is a delimiter; it opens when left-flanking and
/// closes when right-flanking (CommonMark's rules for `*`), and a closer pairs with the nearest
/// opener of the same length. Openers between the two stay text. Runs of three or more are
/// text. Unlike cmark-gfm, a pair never spans a boundary cmark already drew (emphasis, links):
/// both tildes must be in text among the same siblings.
enum Strikethrough {
  /// A run of tildes that becomes a tag: where it stands in its text node.
  struct Delimiter: Equatable {
    var offset: Int
    var length: Int
    var opens: Bool
  }

  /// The delimiters that pair up, by text node index. Tildes inside `links` (extended
  /// autolinks, by text node) belong to the link and pair with nothing.
  static func find(in document: Document, outside links: [Int: [Autolinks.Link]] = [:]) -> [Int: [Delimiter]] {
    var found: [Int: [Delimiter]] = [:]
    let tilde = UInt8(ascii: "~")
    guard document.bytes.contains(tilde) else { return found }
    var checked: Set<Int> = []
    for node in document.nodes {
      guard case .text(let literal) = node.kind, !checked.contains(node.parent),
        document.bytes[Int(literal.start)..<Int(literal.end)].contains(tilde)
      else { continue }
      checked.insert(node.parent)
      pair(document.children(of: node.parent), in: document, outside: links, into: &found)
    }
    return found
  }

  private struct Run {
    var node: Int
    var offset: Int
    var length: Int
    var canOpen: Bool
    var canClose: Bool
  }

  /// Pairs the tilde runs among one container's children.
  private static func pair(
    _ children: [Int], in document: Document, outside links: [Int: [Autolinks.Link]],
    into found: inout [Int: [Delimiter]]
  ) {
    var runs: [Run] = []
    for (position, child) in children.enumerated() {
      guard case .text(let literal) = document.nodes[child].kind else { continue }
      let bytes = document.bytes[Int(literal.start)..<Int(literal.end)]
      var index = bytes.startIndex
      while index < bytes.endIndex {
        guard bytes[index] == UInt8(ascii: "~") else {
          index += 1
          continue
        }
        let start = index
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: "~") { index += 1 }
        let length = index - start
        let offset = start - bytes.startIndex
        guard length <= 2,
          !(links[child] ?? []).contains(where: { offset < $0.offset + $0.length && $0.offset < offset + length })
        else { continue }
        let before = start > bytes.startIndex ? kind(before: start, in: bytes) : edge(children, position - 1, document)
        let after = index < bytes.endIndex ? kind(at: index, in: bytes) : edge(children, position + 1, document)
        // CommonMark's flanking rules, as for `*`.
        let left = after != .space && (after != .punctuation || before != .other)
        let right = before != .space && (before != .punctuation || after != .other)
        runs.append(
          Run(node: child, offset: offset, length: length, canOpen: left, canClose: right))
      }
    }
    var openers: [Run] = []
    for run in runs {
      if run.canClose, let match = openers.lastIndex(where: { $0.length == run.length }) {
        let opener = openers[match]
        found[opener.node, default: []].append(Delimiter(offset: opener.offset, length: opener.length, opens: true))
        found[run.node, default: []].append(Delimiter(offset: run.offset, length: run.length, opens: false))
        openers.removeSubrange(match...)
      } else if run.canOpen {
        openers.append(run)
      }
    }
    for key in found.keys { found[key]?.sort { $0.offset < $1.offset } }
  }

  private enum Neighbour { case space, punctuation, other }

  /// What stands beside a text node: the container's edge counts as space, a line break as
  /// space, and any other node (emphasis, code, a link) as punctuation, its source's first or
  /// last character.
  private static func edge(_ children: [Int], _ position: Int, _ document: Document) -> Neighbour {
    guard children.indices.contains(position) else { return .space }
    switch document.nodes[children[position]].kind {
    case .softBreak, .lineBreak: return .space
    default: return .punctuation
    }
  }

  private static func kind(at index: Int, in bytes: ArraySlice<UInt8>) -> Neighbour {
    var end = index + 1
    while end < bytes.endIndex, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return classify(bytes[index..<end])
  }

  private static func kind(before index: Int, in bytes: ArraySlice<UInt8>) -> Neighbour {
    var start = index - 1
    while start > bytes.startIndex, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return classify(bytes[start..<index])
  }

  private static func classify(_ bytes: ArraySlice<UInt8>) -> Neighbour {
    guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return .space }
    if scalar.properties.isWhitespace { return .space }
    switch scalar.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
      return .punctuation
    default:
      return .other
    }
  }
}
