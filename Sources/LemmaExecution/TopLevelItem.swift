import SwiftSyntax

/// One top-level item of a block — a declaration, a variable or a statement — as the program
/// generator lays it out when blocks become globals and functions (see `ProgramGenerator`).
public struct TopLevelItem: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// A function, type, extension, protocol, operator or import: kept at file scope.
    case declaration
    /// A variable declaration whose every binding has a value (or accessors): a global, set
    /// when the block reaches it by reading `names` (the names bound to values).
    case variable(names: [String])
    /// A statement or expression: runs inside a function of the block.
    case statement
  }

  public var kind: Kind
  /// The item's UTF-8 range in the block's code, without leading or trailing comments.
  public var start: Int
  public var end: Int
  /// The 1-based line and column where the item starts.
  public var line: Int
  public var column: Int
  /// An `import`: every file of a program split for a parallel compile repeats it.
  public var isImport = false
  /// Declared `private` or `fileprivate`: seen only in its own file, so a program holding it
  /// is not split into files.
  public var isFilePrivate = false

  /// The item's text in `code` (the block's code it was read from).
  public func text(in code: String) -> String {
    String(decoding: code.utf8.dropFirst(start).prefix(end - start), as: UTF8.self)
  }

  /// The items of `tree`, or nil when a global and a function cannot carry them as `main.swift`
  /// does: code with syntax errors (the compiler should see it as written), a `guard` or `defer`
  /// at top level (their scope is the rest of the program), `#if` or a macro at top level, a
  /// variable without a value (set later), a variable whose value needs `try` (a global's value
  /// cannot throw), and `await` anywhere.
  static func items(of tree: SourceFileSyntax, converter: SourceLocationConverter) -> [TopLevelItem]? {
    guard !tree.hasError, !tree.tokens(viewMode: .sourceAccurate).contains(where: { $0.tokenKind == .keyword(.await) })
    else { return nil }
    var items: [TopLevelItem] = []
    for item in tree.statements {
      let kind: Kind
      switch item.item {
      case .decl(let declaration):
        if let variable = declaration.as(VariableDeclSyntax.self) {
          guard let variableKind = Self.kind(of: variable) else { return nil }
          kind = variableKind
        } else if declaration.is(IfConfigDeclSyntax.self) || declaration.is(MacroExpansionDeclSyntax.self) {
          return nil
        } else {
          kind = .declaration
        }
      case .stmt(let statement):
        if statement.is(GuardStmtSyntax.self) || statement.is(DeferStmtSyntax.self) { return nil }
        kind = .statement
      case .expr:
        kind = .statement
      @unknown default:
        return nil
      }
      let location = item.startLocation(converter: converter)
      var topLevel = TopLevelItem(
        kind: kind, start: item.positionAfterSkippingLeadingTrivia.utf8Offset,
        end: item.endPositionBeforeTrailingTrivia.utf8Offset, line: location.line, column: location.column)
      if case .decl(let declaration) = item.item {
        topLevel.isImport = declaration.is(ImportDeclSyntax.self)
        topLevel.isFilePrivate =
          declaration.asProtocol(WithModifiersSyntax.self)?.modifiers.contains {
            [.keyword(.private), .keyword(.fileprivate)].contains($0.name.tokenKind)
          } ?? false
      }
      items.append(topLevel)
    }
    return items
  }

  /// A variable declaration as a global (or, binding no name, a statement); nil when it cannot
  /// be a global.
  private static func kind(of variable: VariableDeclSyntax) -> Kind? {
    var names: [String] = []
    for binding in variable.bindings {
      if binding.initializer == nil {
        guard binding.accessorBlock != nil else { return nil }
        continue
      }
      if binding.initializer.map(throwsOutside) == true { return nil }
      for token in binding.pattern.tokens(viewMode: .sourceAccurate) {
        if case .identifier = token.tokenKind { names.append(token.text) }
      }
    }
    if variable.modifiers.contains(where: { $0.name.tokenKind == .keyword(.lazy) }) { return nil }
    return names.isEmpty && variable.bindings.allSatisfy({ $0.initializer != nil })
      ? .statement : .variable(names: names)
  }

  /// Whether `node` holds a `try` that would throw out of it (not `try?` or `try!`).
  private static func throwsOutside(_ node: some SyntaxProtocol) -> Bool {
    node.tokens(viewMode: .sourceAccurate).contains { token in
      guard token.tokenKind == .keyword(.try), let tryExpression = token.parent?.as(TryExprSyntax.self) else {
        return false
      }
      return tryExpression.questionOrExclamationMark == nil
    }
  }
}
