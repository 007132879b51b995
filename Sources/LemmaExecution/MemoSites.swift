import LemmaNotebook
import SwiftParser
import SwiftSyntax

/// The `memo(...)` calls of a notebook's blocks, read with swift-syntax, and what the program
/// generator does to them: each memo's closure gets a capture list naming every variable
/// declared with `var` at the top of the program before it, so the compiler rejects a closure
/// that assigns to or mutates one (`'total' is an immutable capture`): a hit restores only
/// the closure's value and the generator passed to it.
public enum MemoSites {
  /// One memo call in a block.
  public struct Site: Equatable, Sendable {
    /// 1-based line and column of `memo` in the block (its `#line` in the program).
    public var line: Int
    public var column: Int
    /// UTF-8 offset in the (rewritten) block just past the closure's `}`.
    public var closureEnd: Int
  }

  /// A `memo` call that cannot be kept: where and why.
  public struct Problem: Error, Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
  }

  /// Whether `code` may hold a memo call (a cheap test before parsing).
  static func mayHaveMemo(_ code: String) -> Bool { code.contains("memo") }

  /// The memo calls of `code`, after the rewrite. Throws for a call that is not a statement of
  /// the block (inside a function, closure, loop or condition it could run more than once per
  /// render, or not at all) or has no closure.
  public static func sites(in code: String) throws(Problem) -> [Site] {
    guard mayHaveMemo(code), let tree = parse(code) else { return [] }
    let converter = SourceLocationConverter(fileName: "", tree: tree)
    var sites: [Site] = []
    for call in memoCalls(tree) {
      let location = call.calledExpression.startLocation(converter: converter)
      guard let closure = call.trailingClosure ?? call.arguments.last?.expression.as(ClosureExprSyntax.self) else {
        throw Problem(
          line: location.line, column: location.column,
          message: "memo needs a closure to run: memo(\"name\") { ... }")
      }
      guard isStatementOfBlock(call) else {
        throw Problem(
          line: location.line, column: location.column,
          message: "memo must be a statement of its block (for example `let result = memo(\"name\") { ... }`), "
            + "not inside a function, closure, loop or condition: it runs once per render")
      }
      sites.append(
        Site(
          line: location.line, column: location.column, closureEnd: closure.endPositionBeforeTrailingTrivia.utf8Offset))
    }
    return sites
  }

  /// Text put into a block's code: at 1-based `line` and `column` of the original, `length` bytes.
  public struct Insertion: Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var length: Int
  }

  /// `code` with a capture list of `outerVariables` (less any passed to the memo with `&`) on
  /// each memo's closure; the variables `code` declares with `var` before each call count too.
  /// Text is only inserted after a closure's `{` (or `[`), so lines keep their numbers; the
  /// insertions are returned so compile errors can be put back at the author's columns.
  static func rewrite(_ code: String, outerVariables: [String]) -> (code: String, insertions: [Insertion]) {
    guard mayHaveMemo(code), let tree = parse(code) else { return (code, []) }
    let calls = memoCalls(tree)
    guard !calls.isEmpty else { return (code, []) }
    var insertions: [(offset: Int, text: String)] = []
    for call in calls where isStatementOfBlock(call) {
      guard let closure = call.trailingClosure ?? call.arguments.last?.expression.as(ClosureExprSyntax.self) else {
        continue
      }
      let passed = Set(
        call.arguments.compactMap { $0.expression.as(InOutExprSyntax.self)?.expression.trimmedDescription })
      let before = call.positionAfterSkippingLeadingTrivia.utf8Offset
      let declaredHere = variables(in: tree, before: before)
      let existing = Set(closure.signature?.capture?.items.map { $0.name.text } ?? [])
      var names: [String] = []
      for name in outerVariables + declaredHere where !passed.contains(name) && !existing.contains(name) {
        if !names.contains(name) { names.append(name) }
      }
      guard !names.isEmpty else { continue }
      let list = names.map { $0.hasPrefix("`") || isKeyword($0) ? "`\($0)`" : $0 }.joined(separator: ", ")
      if let capture = closure.signature?.capture {
        let empty = capture.items.isEmpty
        insertions.append((capture.leftSquare.endPositionBeforeTrailingTrivia.utf8Offset, list + (empty ? "" : ", ")))
      } else if closure.signature != nil {
        insertions.append((closure.leftBrace.endPositionBeforeTrailingTrivia.utf8Offset, " [\(list)]"))
      } else {
        insertions.append((closure.leftBrace.endPositionBeforeTrailingTrivia.utf8Offset, " [\(list)] in"))
      }
    }
    var bytes = Array(code.utf8)
    let converter = SourceLocationConverter(fileName: "", tree: tree)
    let placed = insertions.map { insertion in
      let location = converter.location(for: AbsolutePosition(utf8Offset: insertion.offset))
      return Insertion(line: location.line, column: location.column, length: insertion.text.utf8.count)
    }
    for insertion in insertions.sorted(by: { $0.offset > $1.offset }) {
      bytes.insert(contentsOf: Array(insertion.text.utf8), at: insertion.offset)
    }
    return (String(decoding: bytes, as: UTF8.self), placed)
  }

  /// The names `code` declares with `var` at its top level.
  static func variables(in code: String) -> [String] {
    guard let tree = parse(code) else { return [] }
    return variables(in: tree, before: Int.max)
  }

  /// The text of every declaration at the top level of `code` that a call could reach from
  /// anywhere in the program: functions, types, extensions, protocols, operators.
  static func declarations(in code: String) -> [String] {
    guard let tree = parse(code) else { return [code] }
    return tree.statements.compactMap { item -> String? in
      guard case .decl(let declaration) = item.item, !declaration.is(VariableDeclSyntax.self) else { return nil }
      return declaration.trimmedDescription
    }
  }

  private static func variables(in tree: SourceFileSyntax, before offset: Int) -> [String] {
    var names: [String] = []
    for item in tree.statements where item.position.utf8Offset < offset {
      guard case .decl(let declaration) = item.item, let variable = declaration.as(VariableDeclSyntax.self),
        variable.bindingSpecifier.tokenKind == .keyword(.var)
      else { continue }
      for binding in variable.bindings {
        for token in binding.pattern.tokens(viewMode: .sourceAccurate) {
          if case .identifier(let name) = token.tokenKind { names.append(name) }
        }
      }
    }
    return names
  }

  /// Every call of a function named `memo` in the tree.
  private static func memoCalls(_ tree: SourceFileSyntax) -> [FunctionCallExprSyntax] {
    final class Finder: SyntaxVisitor {
      var calls: [FunctionCallExprSyntax] = []
      override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
        if node.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text == "memo" { calls.append(node) }
        return .visitChildren
      }
    }
    let finder = Finder(viewMode: .sourceAccurate)
    finder.walk(tree)
    return finder.calls
  }

  /// Whether the call is a statement of the block, or the value of one (`let x = try memo…`,
  /// `x = memo…`): nothing between it and the top level but such wrappers.
  private static func isStatementOfBlock(_ call: FunctionCallExprSyntax) -> Bool {
    var node = Syntax(call)
    while let parent = node.parent {
      if parent.is(CodeBlockItemSyntax.self) { return parent.parent?.parent?.is(SourceFileSyntax.self) == true }
      let allowed =
        parent.is(TryExprSyntax.self) || parent.is(AwaitExprSyntax.self) || parent.is(InitializerClauseSyntax.self)
        || parent.is(PatternBindingSyntax.self) || parent.is(PatternBindingListSyntax.self)
        || parent.is(VariableDeclSyntax.self) || parent.is(InfixOperatorExprSyntax.self)
        || parent.is(ExprListSyntax.self) || parent.is(SequenceExprSyntax.self)
      guard allowed else { return false }
      node = parent
    }
    return false
  }

  private static func isKeyword(_ name: String) -> Bool {
    ["default", "class", "struct", "func", "let", "var", "in", "is", "as", "self", "Type"].contains(name)
  }

  private static func parse(_ code: String) -> SourceFileSyntax? {
    guard !SwiftCodeShape.isTooDeep(code) else { return nil }
    let tree = Parser.parse(source: code)
    return SwiftCodeShape.isTooDeep(tree) ? nil : tree
  }
}
