/// A problem in a formula: what is wrong, where (a UTF-8 byte offset into the TeX source),
/// and what to do about it.
public struct TeXError: Error, Sendable, Equatable {
  /// The UTF-8 offset of what is wrong, from the start of the formula's TeX.
  public var offset: Int
  public var message: String
  public var hint: String

  public init(offset: Int, message: String, hint: String) {
    self.offset = offset
    self.message = message
    self.hint = hint
  }
}
