import LemmaNotebook

/// GFM's task list items: a list item whose first paragraph starts with `[ ]`, `[x]` or `[X]`
/// and a space shows a disabled checkbox in place of the marker. Found by one pass over the
/// document tree.
enum TaskListItems {
  /// The text nodes that start with a task marker, with whether the box is checked.
  static func find(in document: Document) -> [Int: Bool] {
    var markers: [Int: Bool] = [:]
    for (index, node) in document.nodes.enumerated() where node.kind == .item {
      let paragraph = index + 1
      let text = paragraph + 1
      guard text < node.end, document.nodes[paragraph].kind == .paragraph, text < document.nodes[paragraph].end,
        case .text(let literal) = document.nodes[text].kind
      else { continue }
      let bytes = document.bytes[Int(literal.start)..<Int(literal.end)]
      guard bytes.count >= 4, bytes.first == UInt8(ascii: "["),
        bytes[bytes.startIndex + 2] == UInt8(ascii: "]"),
        [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes[bytes.startIndex + 3])
      else { continue }
      switch bytes[bytes.startIndex + 1] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"): markers[text] = false
      case UInt8(ascii: "x"), UInt8(ascii: "X"): markers[text] = true
      default: continue
      }
    }
    return markers
  }
}
