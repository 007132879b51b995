import SwiftSyntax

/// The members FoundationEssentials (and Synchronization and _FoundationCollections, which it
/// loads) add to the standard library's types, which a block can call without importing
/// Foundation once any module of the program loads it: `"a,b".components(separatedBy: ",")`,
/// `text.data(using: .utf8)`, `String(contentsOfFile: path, encoding: .utf8)`.
///
/// The runtime's modules keep FoundationEssentials and Dispatch to themselves
/// (`@_implementationOnly`), so a notebook's compile does not load them (26–32M fewer
/// instructions per frontend of coin.md, 6%); a program whose code names one of these members
/// imports FoundationEssentials itself, so it compiles as it did when the runtime loaded it.
/// The names come from the toolchain's symbol graphs (`swift-symbolgraph-extract -module-name
/// FoundationEssentials`, its `@Swift` extensions), less those that need a Foundation type to
/// be used at all (`sorted(using:)` takes a `SortComparator`); `FoundationMembersTests` checks
/// the list against the toolchain.
enum FoundationMembers {
  /// The identifiers that may name such a member, an initialiser's label or a nested type.
  static let names: Set<String> = [
    // StringProtocol
    "capitalized", "components", "data", "lineRange", "paragraphRange", "write",
    // String's initialisers and nested types
    "contentsOf", "contentsOfFile", "usedEncoding", "encoding", "Encoding", "CompareOptions",
    // Array, slices and buffer pointers as bytes
    "copyBytes", "resetBytes", "regions", "firstRange", "lastRange", "withUnsafeBytes",
    // EncodingError and DecodingError as LocalizedError
    "errorDescription", "failureReason", "recoverySuggestion", "helpAnchor",
    // RegexComponent
    "iso8601", "iso8601Components", "iso8601ComponentsWithTimeZone", "iso8601Date", "iso8601DateComponents",
    "iso8601WithTimeZone",
    // Synchronization's AtomicRepresentable conformances
    "AtomicRepresentation", "AtomicOptionalRepresentation", "encodeAtomicRepresentation",
    "decodeAtomicRepresentation", "encodeAtomicOptionalRepresentation", "decodeAtomicOptionalRepresentation",
    // _FoundationCollections
    "initializeAll", "moveInitializeAll",
  ]

  /// What a program that may use one of them imports.
  static let importLines = ["#if canImport(FoundationEssentials)", "import FoundationEssentials", "#endif"]

  /// Whether `code` may name one of the members; `tree` is its parse when the caller has one
  /// (code that cannot be parsed may, if one of the names is in its text at all).
  static func mayUse(in code: String, tree: SourceFileSyntax? = nil) -> Bool {
    if let tree {
      return tree.tokens(viewMode: .sourceAccurate).contains { token in
        if case .identifier(let name) = token.tokenKind { names.contains(name) } else { false }
      }
    }
    guard names.contains(where: { code.contains($0) }) else { return false }
    guard let parsed = SwiftCodeShape.parse(code) else { return true }
    return mayUse(in: code, tree: parsed)
  }
}
