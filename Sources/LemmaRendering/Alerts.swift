import LemmaNotebook

/// GitHub's alerts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` is a callout with a visible title. Found by one pass over the
/// document tree; the Markdown report keeps the author's text, which code hosts render alike.
struct Alert: Equatable {
  enum Kind: String, CaseIterable {
    case note, tip, important, warning, caution

    /// The title shown above the callout.
    var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
  }

  var kind: Kind
  /// The nodes of the `[!KIND]` marker and the line break after it, which are not written.
  var marker: Range<Int>
  /// The first paragraph, and whether the marker is all it holds (then it is not written).
  var paragraph: Int
  var paragraphIsMarker: Bool

  /// The alerts of `document`, by the index of their blockquote.
  static func find(in document: Document) -> [Int: Alert] {
    var alerts: [Int: Alert] = [:]
    for (index, node) in document.nodes.enumerated() where node.kind == .blockQuote {
      let paragraph = index + 1
      guard paragraph < node.end, document.nodes[paragraph].kind == .paragraph else { continue }
      var text = ""
      var cursor = paragraph + 1
      let end = document.nodes[paragraph].end
      while cursor < end, case .text(let literal) = document.nodes[cursor].kind, text.count <= 12 {
        text += document.string(literal)
        cursor += 1
      }
      let marker = text.trimmingTrailingSpaces()
      guard marker.hasPrefix("[!"), marker.hasSuffix("]"),
        let kind = Kind(rawValue: marker.dropFirst(2).dropLast().lowercased())
      else { continue }
      let atLineEnd = cursor == end || [.softBreak, .lineBreak].contains(document.nodes[cursor].kind)
      guard atLineEnd else { continue }
      let markerEnd = cursor < end ? cursor + 1 : cursor
      alerts[index] = Alert(
        kind: kind, marker: (paragraph + 1)..<markerEnd, paragraph: paragraph, paragraphIsMarker: markerEnd == end)
    }
    return alerts
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " || text.last == "\t" { text.removeLast() }
    return text
  }
}
