import SwiftSyntax

/// Whether Swift code may expand a macro whose expansion the compiler runs through its own
/// build of swift-syntax: a freestanding macro (`#stringify(x)`) other than the compiler's
/// built-in ones, or an attached macro (`@Observable`). A frontend compiling code that may is
/// not given `CompilerPreload`.
///
/// Attached macros cannot be told from property wrappers, result builders or global actors by
/// their syntax, so every attribute named with a capital letter counts except `@Sendable` and
/// `@MainActor`; the attributes of the language itself are lower case (`@discardableResult`,
/// `@inline(__always)`, `@escaping`).
enum MacroUses {
  /// The freestanding names the compiler expands itself (each checked in
  /// `CompilerPreloadTests`), and the diagnostics `#warning` and `#error`.
  static let builtinFreestanding: Set<String> = [
    "file", "fileID", "filePath", "line", "column", "function", "dsohandle", "warning", "error",
  ]

  /// The capitalised attributes that are not macros.
  static let capitalisedAttributes: Set<String> = ["Sendable", "MainActor"]

  /// Whether `code` may expand a macro; `tree` is its parse when the caller has one (code that
  /// cannot be parsed counts as expanding one if it has a `#` or `@` at all).
  static func mayExpand(in code: String, tree: SourceFileSyntax? = nil) -> Bool {
    guard code.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "@") }) else { return false }
    guard let tree = tree ?? SwiftCodeShape.parse(code) else { return true }
    var tokens = tree.tokens(viewMode: .sourceAccurate).makeIterator()
    while let token = tokens.next() {
      switch token.tokenKind {
      case .pound:
        guard let name = tokens.next(), builtinFreestanding.contains(name.text) else { return true }
      case .atSign:
        guard let name = tokens.next() else { return true }
        if name.text.first?.isUppercase == true, !capitalisedAttributes.contains(name.text) { return true }
      default:
        continue
      }
    }
    return false
  }
}
