/// A TeX formula in prose: `$…$` inline or `$$…$$` display, found by `MathScanner` before
/// cmark read the text around it. Renderers turn `tex` into MathML (HTML report) or keep the
/// source as written (GFM report, which GitHub renders itself).
public struct MathSpan: Sendable, Equatable {
  /// Its place in `Notebook.mathSpans`.
  public var index: Int
  /// The TeX between the delimiters, line breaks kept (container markers such as `> ` are
  /// not part of it).
  public var tex: String
  public var display: Bool
  /// Where the opening `$` stands, and just past the closing one.
  public var start: SourceLocation
  public var end: SourceLocation
  /// Where each line of `tex` starts in the notebook.
  public var lineStarts: [SourceLocation]
  /// Why this is not a formula, when its delimiters are wrong (an unclosed `$$`).
  public var problem: String?

  public init(
    index: Int, tex: String, display: Bool, start: SourceLocation, end: SourceLocation,
    lineStarts: [SourceLocation], problem: String? = nil
  ) {
    self.index = index
    self.tex = tex
    self.display = display
    self.start = start
    self.end = end
    self.lineStarts = lineStarts
    self.problem = problem
  }

  /// The notebook location of a UTF-8 offset into `tex` (for an error inside the formula).
  public func location(ofOffset offset: Int) -> SourceLocation {
    var line = 0
    var lineStart = 0
    for (index, byte) in tex.utf8.prefix(max(0, offset)).enumerated() where byte == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    guard line < lineStarts.count else { return start }
    let origin = lineStarts[line]
    return SourceLocation(line: origin.line, column: origin.column + offset - lineStart)
  }
}
