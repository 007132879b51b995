/// A piece of the notebook's body as written, for renderers that keep the author's Markdown
/// (the GFM report): source text to copy as it is, or a part Lemma puts something in place of.
public enum BodySegment: Sendable, Equatable {
  /// Source text, byte for byte.
  case source(String)
  /// An experiment block, fences included: `Notebook.experiments[index]`.
  case experiment(index: Int)
  /// A `{swift}` code span, backticks included: `Notebook.inlineExpressions[index]`.
  case inlineExpression(index: Int)
  /// `@label` (or `@other.md#label`) in prose: `Notebook.crossReferences[index]`.
  case crossReference(index: Int)
  /// A `[@key]` citation, brackets included: `Notebook.citations[index]`.
  case citation(index: Int)
}

extension Notebook {
  /// The body from its first line that is not blank (after the front matter) to the end, cut
  /// into source text and the parts Lemma replaces. Positions come from the document tree;
  /// an inline span or reference whose position could not be checked against the source
  /// stays as source text rather than risk editing the wrong bytes.
  public func bodySegments() -> [BodySegment] {
    let bytes = Array(source.utf8)
    var replacements: [(start: Int, end: Int, segment: BodySegment)] = []
    for block in experiments {
      guard let start = lines.byteRange(ofLine: block.lines.lowerBound)?.lowerBound,
        let end = lines.byteRange(ofLine: block.lines.upperBound)?.upperBound
      else { continue }
      replacements.append((start, end, .experiment(index: block.index)))
    }
    for inline in inlineExpressions where inline.spanIsExact {
      guard let start = lines.offset(of: inline.spanStart), let end = lines.offset(of: inline.spanEnd), start < end
      else { continue }
      replacements.append((start, end, .inlineExpression(index: inline.index)))
    }
    for (index, reference) in crossReferences.enumerated() where reference.isExact {
      guard let start = lines.offset(of: reference.location) else { continue }
      replacements.append((start, start + 1 + reference.target.utf8.count, .crossReference(index: index)))
    }
    for citation in citations {
      guard let start = lines.offset(of: citation.start), let end = lines.offset(of: citation.end), start < end
      else { continue }
      replacements.append((start, end, .citation(index: citation.index)))
    }
    replacements.sort { $0.start < $1.start }

    // The body starts at the first line after the front matter that holds more than spaces.
    var line = (frontMatter.lines?.upperBound ?? 0) + 1
    while let text = lines.line(line), text.allSatisfy(\.isWhitespace) { line += 1 }
    var position = lines.byteRange(ofLine: line)?.lowerBound ?? bytes.count
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
