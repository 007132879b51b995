import CCmark

extension DocumentReader {
  /// Appends the footnote definitions after the document's blocks (under the document node):
  /// each one's content parsed by cmark on its own and placed at its lines in the notebook.
  mutating func appendFootnotes(_ definitions: [FootnoteDefinitions.Definition]) {
    guard !definitions.isEmpty, !nodes.isEmpty else { return }
    for definition in definitions {
      let label = store(text: Array(definition.label.utf8))
      let lastLine = definition.lines.last.map { SourceLocation(line: $0.line, column: $0.column) }
      nodes.append(
        node(
          .footnoteDefinition(label: label), parent: 0, start: definition.location,
          last: lastLine ?? definition.location))
      let index = nodes.count - 1
      appendBlocks(of: definition.lines, parent: index)
      nodes[index].end = nodes.count
    }
    nodes[0].end = nodes.count
  }

  /// Parses lines as a document of their own and appends its blocks under `parent`.
  private mutating func appendBlocks(of lines: [(line: Int, bytes: [UInt8], column: Int)], parent: Int) {
    var source: [UInt8] = []
    for (number, line) in lines.enumerated() {
      if number > 0 { source.append(UInt8(ascii: "\n")) }
      source += line.bytes
    }
    let links = linkDefinitions(usedIn: source)
    if !links.isEmpty { source += Array("\n\n".utf8) + links }
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE
    guard
      let root = source.withUnsafeBufferPointer({ buffer in
        buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
      })
    else { return }
    defer { cmark_node_free(root) }
    inlineOrigin = (1, lines.map { ($0.line, $0.column) }, 0)
    footnoteLines = lines
    defer {
      inlineOrigin = nil
      footnoteLines = nil
    }
    appendDescendants(of: root, parent: parent, readsTables: true)
  }
}
