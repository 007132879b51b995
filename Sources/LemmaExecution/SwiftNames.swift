import SwiftParser
import SwiftSyntax

/// What a piece of Swift declares and uses, read with swift-syntax (the compiler's own
/// grammar: comments, raw and multi-line strings, interpolations and labels are told apart).
public enum SwiftNames {
  /// The names `code` declares at its top level (variables, including each name of a tuple
  /// pattern, functions, types, type aliases, protocols), with the 1-based line of each first
  /// declaration. Empty for code too deeply nested to parse safely.
  static func declared(in code: String) -> [String: Int] {
    guard let tree = parse(code) else { return [:] }
    return declared(in: tree, converter: SourceLocationConverter(fileName: "", tree: tree))
  }

  /// `declared(in:)` of a parsed `tree`.
  static func declared(in tree: SourceFileSyntax, converter: SourceLocationConverter) -> [String: Int] {
    var names: [String: Int] = [:]
    func add(_ token: TokenSyntax) {
      let name = token.identifierName
      if names[name] == nil { names[name] = token.startLocation(converter: converter).line }
    }
    for item in tree.statements {
      guard case .decl(let declaration) = item.item else { continue }
      switch declaration.as(DeclSyntaxEnum.self) {
      case .variableDecl(let variable):
        for binding in variable.bindings {
          for token in binding.pattern.tokens(viewMode: .sourceAccurate) where token.tokenKind.isIdentifier {
            add(token)
          }
        }
      case .functionDecl(let function): add(function.name)
      case .structDecl(let type): add(type.name)
      case .classDecl(let type): add(type.name)
      case .enumDecl(let type): add(type.name)
      case .actorDecl(let type): add(type.name)
      case .protocolDecl(let type): add(type.name)
      case .typeAliasDecl(let alias): add(alias.name)
      default: continue
      }
    }
    return names
  }

  /// The names `code` refers to unqualified — in expressions and as types, not as members
  /// (`a.b` uses `a` only), labels, or text in strings and comments — with 1-based columns
  /// on the first line (and lines after it counted on).
  static func used(in code: String) -> [Use] {
    guard let tree = parse(code) else { return [] }
    return used(in: tree, converter: SourceLocationConverter(fileName: "", tree: tree))
  }

  /// A name used, and where: 1-based line and column.
  public struct Use: Equatable, Sendable {
    public var name: String
    public var line: Int
    public var column: Int
  }

  /// `used(in:)` of a parsed `tree`.
  static func used(in tree: SourceFileSyntax, converter: SourceLocationConverter) -> [Use] {
    var uses: [Use] = []
    for token in tree.tokens(viewMode: .sourceAccurate) where token.tokenKind.isIdentifier {
      guard let parent = token.parent else { continue }
      let isReference: Bool
      if let reference = parent.as(DeclReferenceExprSyntax.self), reference.baseName.id == token.id {
        // `x` in `x.y` is a use; `y` (the member) is not.
        isReference = reference.parent?.as(MemberAccessExprSyntax.self)?.declName.id != reference.id
      } else if let type = parent.as(IdentifierTypeSyntax.self), type.name.id == token.id {
        isReference =
          type.parent?.as(MemberTypeSyntax.self) == nil
          || type.parent?.as(MemberTypeSyntax.self)?.baseType.id == type.id
      } else {
        isReference = false
      }
      guard isReference else { continue }
      let location = token.startLocation(converter: converter)
      uses.append(Use(name: token.identifierName, line: location.line, column: location.column))
    }
    return uses
  }

  /// The parsed code, or nil when it is nested deeper than swift-syntax handles quickly.
  private static func parse(_ code: String) -> SourceFileSyntax? { SwiftCodeShape.parse(code) }
}

extension TokenKind {
  fileprivate var isIdentifier: Bool {
    if case .identifier = self { true } else { false }
  }
}

extension TokenSyntax {
  /// The name without backticks (`` `default` `` is `default`).
  fileprivate var identifierName: String {
    let text = self.text
    return text.hasPrefix("`") && text.hasSuffix("`") && text.count >= 2 ? String(text.dropFirst().dropLast()) : text
  }
}
