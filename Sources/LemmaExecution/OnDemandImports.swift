import SwiftSyntax

/// The modules a notebook's program imports only when its code may use them, so that the
/// compile of a program that does not loads less: each module is known by the names a block
/// can reach it through.
///
/// - FoundationEssentials (with Synchronization and _FoundationCollections, which it loads):
///   the members it adds to the standard library's types, which a block could call without
///   importing Foundation while a module of the runtime loaded it: `"a,b".components(separatedBy:
///   ",")`, `text.data(using: .utf8)`, `String(contentsOfFile: path, encoding: .utf8)`. The names
///   come from the toolchain's symbol graphs (`swift-symbolgraph-extract -module-name
///   FoundationEssentials`, its `@Swift` extensions), less those that need a Foundation type to
///   be used at all (`sorted(using:)` takes a `SortComparator`).
/// - Learning: its types and function, and the static functions it gives `Float` and `Double`
///   (`Double.erf(x)`).
///
/// The runtime's own modules import FoundationEssentials implementation-only and Learning not
/// at all, so compiling coin.md loads neither: 6% and 1–3% fewer instructions per frontend, and
/// names Learning declares (its `*` on matrices) are no longer candidates in every expression.
/// `OnDemandImportsTests` checks both lists against the symbol graphs.
public enum OnDemandImports {
  /// A module and the names that may reach it.
  struct Module: Sendable {
    /// What the program says to import it.
    let importLines: [String]
    /// Identifiers that may name it wherever they appear: types, functions, members that only
    /// it declares, initialisers' labels.
    let names: Set<String>
    /// Identifiers that may name it only as members (`.erf`): as plain names they are more
    /// often something else (the C library's `erf`).
    let memberNames: Set<String>
    /// Both, looked for in a block's text before its tokens are.
    let allNames: [String]

    init(importLines: [String], names: Set<String>, memberNames: Set<String>) {
      self.importLines = importLines
      self.names = names
      self.memberNames = memberNames
      allNames = Array(names.union(memberNames))
    }
  }

  static let foundationEssentials = Module(
    importLines: ["#if canImport(FoundationEssentials)", "import FoundationEssentials", "#endif"],
    names: [
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
    ],
    memberNames: [])

  static let learning = Module(
    importLines: ["import Learning"],
    names: [
      "Adam", "BLAS", "Gradients", "LearningScalar", "Matrix", "ModularAdditionMLP", "Optimizer", "SGD",
      "ScaleInvariantClassifier", "SparseAutoencoder", "SparseFeatureData", "Tape", "TwoLayerReLUNetwork", "Variable",
      "clipGlobalNorm", "Learning",
    ],
    memberNames: ["gemm", "exp", "log", "erf", "sqrt"])

  /// Every module, in the order a program imports them.
  static let modules = [foundationEssentials, learning]

  /// The modules (indices into `modules`) `code` may use; `tree` is its parse when the caller
  /// has one (code that cannot be parsed may use every module one of whose names is in its text).
  static func used(by code: String, tree: SourceFileSyntax? = nil) -> Set<Int> {
    let mentioned = modules.indices.filter { index in
      modules[index].allNames.contains(where: code.contains)
    }
    guard !mentioned.isEmpty else { return [] }
    guard let tree = tree ?? SwiftCodeShape.parse(code) else { return Set(mentioned) }
    var used: Set<Int> = []
    var afterPeriod = false
    for token in tree.tokens(viewMode: .sourceAccurate) {
      defer { afterPeriod = token.tokenKind == .period }
      guard case .identifier(let name) = token.tokenKind else { continue }
      for index in mentioned
      where modules[index].names.contains(name) || (afterPeriod && modules[index].memberNames.contains(name)) {
        used.insert(index)
      }
    }
    return used
  }

  /// The import lines of the modules `used` names, in order.
  static func lines(for used: Set<Int>) -> [String] {
    modules.indices.filter(used.contains).flatMap { modules[$0].importLines }
  }
}
