/// One entry of a BibTeX file: `@article{key, title = {…}, …}`.
public struct BibTeXEntry: Sendable, Equatable {
  /// The entry type, lower case (`article`, `book`, `inproceedings`, `misc`, `online`, …).
  public var type: String
  public var key: String
  /// Field values by lower-case name, as written in TeX (braces and accents not yet resolved,
  /// `@string` macros and `#` joins resolved).
  public var fields: [String: String]
  /// The line of the file the entry starts on.
  public var line: Int

  public init(type: String, key: String, fields: [String: String], line: Int) {
    self.type = type
    self.key = key
    self.fields = fields
    self.line = line
  }
}

/// A BibTeX file that cannot be read: what is wrong and where.
public struct BibTeXError: Error, Sendable, Equatable {
  public var line: Int
  public var column: Int
  public var message: String
  public var hint: String
}
