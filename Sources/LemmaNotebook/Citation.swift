/// A Pandoc citation in prose — `[@key]`, `[see @key, p. 3]`, `[@a; @b]` — found by
/// `ProseSpanScanner` when the notebook names a `bibliography:`. Renderers number it by the
/// order of first citation and link it to the notebook's References.
public struct Citation: Sendable, Equatable {
  /// One cited work: its key, the text before it and the locator after it.
  public struct Item: Sendable, Equatable {
    public var key: String
    /// Text before the key (`see`), trimmed; often empty.
    public var prefix: String
    /// Text after the key without its leading comma (`p. 3`), trimmed; often empty.
    public var locator: String
    /// Where the `@` stands.
    public var location: SourceLocation

    public init(key: String, prefix: String, locator: String, location: SourceLocation) {
      self.key = key
      self.prefix = prefix
      self.locator = locator
      self.location = location
    }
  }

  /// Its place in `Notebook.citations`.
  public var index: Int
  public var items: [Item]
  /// Where the `[` stands, and just past the `]`.
  public var start: SourceLocation
  public var end: SourceLocation

  public init(index: Int, items: [Item], start: SourceLocation, end: SourceLocation) {
    self.index = index
    self.items = items
    self.start = start
    self.end = end
  }

  /// The items of a citation's text between its brackets, each with the offset of its `@`.
  static func items(of content: ArraySlice<UInt8>) -> [(key: String, prefix: String, locator: String, at: Int)] {
    var items: [(key: String, prefix: String, locator: String, at: Int)] = []
    for part in content.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
      guard
        let at = part.indices.first(where: { index in
          part[index] == UInt8(ascii: "@")
            && (index == part.startIndex || [32, 9, 10, UInt8(ascii: "-")].contains(part[index - 1]))
        })
      else { continue }
      let text = Array(part[(at + 1)...])
      let keyLength = ProseSpanScanner.keyEnd(in: text, from: 0)
      var prefix = part[part.startIndex..<at]
      if prefix.last == UInt8(ascii: "-") { prefix = prefix.dropLast() }
      var locator = text[keyLength...]
      if locator.first == UInt8(ascii: ",") { locator = locator.dropFirst() }
      func trimmed(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }
      items.append((String(decoding: text[..<keyLength], as: UTF8.self), trimmed(prefix), trimmed(locator), at))
    }
    return items
  }
}
