import LemmaNotebook

/// What the HTML report adds to cmark's tree, found by passes over the document before it is
/// written: GitHub alerts, task list markers, extended autolinks, strikethrough delimiters and
/// footnote references. On a long document the passes run two at a time.
struct ProseMarks {
  /// GitHub-style alerts, by the index of their blockquote.
  let alerts: [Int: Alert]
  /// Text nodes that start with a task list marker, and whether it is checked.
  let taskMarkers: [Int: Bool]
  /// GFM's extended autolinks, by text node.
  let autolinks: [Int: [Autolinks.Link]]
  /// Tilde runs that open or close a strikethrough, by text node.
  let strikes: [Int: [Strikethrough.Delimiter]]
  /// Footnote references, by text node, and the notes they number.
  let footnotes: Footnotes.Found
  /// Whether each node is a text node with a mark of the above (most text has none, and is
  /// written without a look-up).
  let isMarked: [Bool]

  init(_ document: Document, parallel: Bool) {
    let links = Concurrent.both(
      parallel,
      {
        let autolinks = Autolinks.find(in: document)
        return (autolinks, Strikethrough.find(in: document, outside: autolinks))
      },
      { (Alert.find(in: document), TaskListItems.find(in: document), Footnotes.find(in: document)) })
    (autolinks, strikes) = links.0
    (alerts, taskMarkers, footnotes) = links.1
    var isMarked = [Bool](repeating: false, count: document.nodes.count)
    for index in taskMarkers.keys { isMarked[index] = true }
    for index in autolinks.keys { isMarked[index] = true }
    for index in strikes.keys { isMarked[index] = true }
    for index in footnotes.references.keys { isMarked[index] = true }
    self.isMarked = isMarked
  }
}
