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

/// How deeply a piece of Swift nests, counted cheaply before swift-syntax sees it.
///
/// swift-syntax caps how deep it parses, but not its lookahead: thousands of `[` overflow the
/// stack, and its lookahead for `[` takes twice as long for each level (a 24-deep array
/// literal takes 16 s here). Both found by lemma-fuzz. Code deeper than the limits below is
/// not parsed by Lemma (the compiler still compiles or reports it).
public enum SwiftCodeShape {
  /// The deepest nesting of all brackets together that is parsed.
  public static let maximumNesting = 100
  /// The deepest nesting of `[` that is parsed (16 levels take 0.1 s).
  public static let maximumSquareBrackets = 12

  /// The deepest syntax tree that recursive swift-syntax passes (its highlighting classifier)
  /// are given. A chain of postfix operations (`a![x](y)![x](y)…`, found by lemma-fuzz) nests
  /// one level per link without a bracket left open, so the bracket count cannot see it:
  /// 7,500 levels overflowed the stack.
  public static let maximumSyntaxDepth = 1000

  /// Whether `tree` nests deeper than `maximumSyntaxDepth`, walked without recursion and
  /// stopping as soon as it does.
  public static func isTooDeep(_ tree: some SyntaxProtocol) -> Bool {
    var stack: [(node: Syntax, depth: Int)] = [(Syntax(tree), 1)]
    while let (node, depth) = stack.popLast() {
      if depth > maximumSyntaxDepth { return true }
      for child in node.children(viewMode: .all) { stack.append((child, depth + 1)) }
    }
    return false
  }

  /// `code` parsed by swift-syntax, or nil when it is nested past the limits (before parsing,
  /// by its brackets; after, by its tree's depth): the one door Lemma's readers of Swift use.
  public static func parse(_ code: String) -> SourceFileSyntax? {
    guard !isTooDeep(code) else { return nil }
    let tree = Parser.parse(source: code)
    return isTooDeep(tree) ? nil : tree
  }

  /// Whether `code` is nested past the limits.
  public static func isTooDeep(_ code: String) -> Bool {
    let depth = nestingDepth(code)
    return depth.all > maximumNesting || depth.squareBrackets > maximumSquareBrackets
  }

  /// The deepest nesting of all brackets together, and of `[` alone, in `code`, counted
  /// without regard to strings or comments (an overestimate, which only costs a parse).
  public static func nestingDepth(_ code: String) -> (all: Int, squareBrackets: Int) {
    var depth = 0
    var squares = 0
    var angles = 0
    var deepest = (all: 0, squareBrackets: 0)
    for byte in code.utf8 {
      switch byte {
      case UInt8(ascii: "("), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "}"): depth = max(0, depth - 1)
      case UInt8(ascii: "["): squares += 1
      case UInt8(ascii: "]"): squares = max(0, squares - 1)
      case UInt8(ascii: "<"): angles += 1
      case UInt8(ascii: ">"): angles = max(0, angles - 1)
      case UInt8(ascii: "\n"): angles = 0
      default: continue
      }
      deepest = (max(deepest.all, depth + squares + angles), max(deepest.squareBrackets, squares))
    }
    return deepest
  }
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
