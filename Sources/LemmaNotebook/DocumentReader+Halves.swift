import CCmark

extension DocumentReader {
  /// Appends the document's top-level `blocks` in two halves copied at the same time: this
  /// reader takes the first, a second reader the rest into nodes and text of its own, which
  /// are then put after this reader's with every index and offset moved along. cmark's tree
  /// is only read (each half reads its own blocks); what cmark allocates while a block is
  /// read comes from `arena` for the first half and from an arena of the second's own.
  mutating func appendInHalves(_ blocks: [OpaquePointer], arena: CmarkArena) {
    let split = Self.middle(of: blocks)
    var second = DocumentReader(continuing: self)
    let (_, rest) = Concurrent.both(
      true,
      { arena.whileActive { for block in blocks[..<split] { appendTree(block, parent: 0) } } },
      { () -> DocumentReader in
        CmarkArena().whileActive { for block in blocks[split...] { second.appendTree(block, parent: 0) } }
        return second
      })
    append(rest)
  }

  /// A reader for the blocks after this one's: the same source and settings, nothing read
  /// yet but a stand-in for the document node, so its indices are those it would have as the
  /// document's only reader, less this reader's nodes.
  init(continuing first: DocumentReader) {
    self.init(lines: first.lines, readsCitations: first.readsCitations)
    bodyRead = first.bodyRead
    linkDefinitionsByLabel = first.linkDefinitionsByLabel
    mayHaveSpans = first.mayHaveSpans
    nodes = [first.nodes[0]]
  }

  /// Where the second half starts: at the block nearest the middle line of the body.
  private static func middle(of blocks: [OpaquePointer]) -> Int {
    let last = Int(cmark_node_get_end_line(blocks[blocks.count - 1]))
    let middle = blocks.firstIndex { Int(cmark_node_get_start_line($0)) * 2 >= last } ?? blocks.count - 1
    return max(1, middle)
  }

  /// Puts what `second` read (continuing this reader) after what this one read.
  private mutating func append(_ second: DocumentReader) {
    let shift = Shift(
      node: nodes.count - 1, text: Int32(bytes.count), fence: fences.count, inline: inlines.count,
      reference: references.count, math: maths.count, citation: citations.count)
    nodes.reserveCapacity(nodes.count + second.nodes.count - 1)
    for var node in second.nodes.dropFirst() {
      node.end += shift.node
      if node.parent > 0 { node.parent += shift.node }
      node.kind = shift.moving(node.kind)
      nodes.append(node)
    }
    let inlines = second.inlines.map { inline in
      var inline = inline
      inline.index += shift.inline
      inline.afterBlockCount += shift.fence
      return inline
    }
    appendRead(bytes: second.bytes, fences: second.fences, inlines: inlines, references: second.references)
    for var math in second.maths {
      math.index += shift.math
      maths.append(math)
    }
    for var citation in second.citations {
      citation.index += shift.citation
      citations.append(citation)
    }
  }
}

/// How far the second half's indices and text offsets move when put after the first's.
private struct Shift {
  var node: Int
  var text: Int32
  var fence: Int
  var inline: Int
  var reference: Int
  var math: Int
  var citation: Int

  func moving(_ kind: Document.Kind) -> Document.Kind {
    switch kind {
    case .document, .blockQuote, .list, .item, .paragraph, .heading, .thematicBreak, .softBreak, .lineBreak,
      .emphasis, .strong, .strikethrough, .table, .tableRow, .tableCell:
      kind
    case .codeBlock(let info, let literal, let fenced):
      .codeBlock(info: moving(info), literal: moving(literal), fenced: fenced)
    case .htmlBlock(let text): .htmlBlock(moving(text))
    case .text(let text): .text(moving(text))
    case .code(let text): .code(moving(text))
    case .htmlInline(let text): .htmlInline(moving(text))
    case .footnoteDefinition(let label): .footnoteDefinition(label: moving(label))
    case .link(let url, let title): .link(url: moving(url), title: moving(title))
    case .image(let url, let title): .image(url: moving(url), title: moving(title))
    case .experiment(let index): .experiment(index: index + fence)
    case .inlineExpression(let index): .inlineExpression(index: index + inline)
    case .crossReference(let index): .crossReference(index: index + reference)
    case .math(let index): .math(index: index + math)
    case .citation(let index): .citation(index: index + citation)
    }
  }

  func moving(_ text: Document.Text) -> Document.Text {
    Document.Text(start: text.start + self.text, end: text.end + self.text)
  }
}
