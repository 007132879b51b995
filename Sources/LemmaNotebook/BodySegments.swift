/// A piece of the notebook's body as written, for renderers that keep the author's Markdown
/// (the GFM report): source text to copy as it is, or a part Lemma puts something in place of.
public enum BodySegment: Sendable, Equatable {
  /// Source text, byte for byte.
  case source(String)
  /// An experiment block, fences included: `Notebook.experiments[index]`.
  case experiment(index: Int)
  /// A `{swift}` code span, backticks included: `Notebook.inlineExpressions[index]`.
  case inlineExpression(index: Int)
  /// `@label` in prose.
  case crossReference(label: String)
}

extension Notebook {
  /// The body from its first line that is not blank (after the front matter) to the end, cut
  /// into source text and the parts Lemma replaces. Positions come from the document tree;
  /// an inline span or reference whose position could not be checked against the source
  /// stays as source text rather than risk editing the wrong bytes.
  public func bodySegments() -> [BodySegment] {
    let bytes = Array(source.utf8)
    var lineStarts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
    func offset(_ location: SourceLocation) -> Int? {
      guard location.line >= 1, location.line <= lineStarts.count else { return nil }
      let lineStart = lineStarts[location.line - 1]
      let lineEnd = location.line < lineStarts.count ? lineStarts[location.line] - 1 : bytes.count
      let offset = lineStart + location.column - 1
      return offset >= lineStart && offset <= lineEnd ? offset : nil
    }
    func lineEnd(_ line: Int) -> Int {
      line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    }

    var replacements: [(start: Int, end: Int, segment: BodySegment)] = []
    for block in experiments {
      guard let start = offset(SourceLocation(line: block.lines.lowerBound)) else { continue }
      replacements.append((start, lineEnd(block.lines.upperBound), .experiment(index: block.index)))
    }
    for inline in inlineExpressions where inline.spanIsExact {
      guard let start = offset(inline.spanStart), let end = offset(inline.spanEnd), start < end else { continue }
      replacements.append((start, end, .inlineExpression(index: inline.index)))
    }
    for reference in crossReferences where reference.isExact {
      guard let start = offset(reference.location) else { continue }
      replacements.append((start, start + 1 + reference.label.utf8.count, .crossReference(label: reference.label)))
    }
    replacements.sort { $0.start < $1.start }

    // The body starts at the first line after the front matter that holds more than spaces.
    var line = (frontMatter.lines?.upperBound ?? 0) + 1
    while line <= lineStarts.count {
      let text = String(decoding: bytes[lineStarts[line - 1]..<lineEnd(line)], as: UTF8.self)
      guard text.allSatisfy(\.isWhitespace) else { break }
      line += 1
    }
    var position = line <= lineStarts.count ? lineStarts[line - 1] : bytes.count
    var segments: [BodySegment] = []
    for replacement in replacements where replacement.start >= position {
      if replacement.start > position {
        segments.append(.source(String(decoding: bytes[position..<replacement.start], as: UTF8.self)))
      }
      segments.append(replacement.segment)
      position = replacement.end
    }
    if position < bytes.count { segments.append(.source(String(decoding: bytes[position...], as: UTF8.self))) }
    return segments
  }
}
