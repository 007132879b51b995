/// A position in a notebook file: 1-based line and column (columns count UTF-8 bytes, as cmark does).
public struct SourceLocation: Hashable, Codable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int = 1) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }
}
