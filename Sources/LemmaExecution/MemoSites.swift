import SwiftSyntax

/// The `memo(...)` calls of a notebook's blocks, found in their swift-syntax trees, and what
/// the program generator does to them: each memo's closure gets a capture list naming every variable
/// declared with `var` at the top of the program before it, so the compiler rejects a closure
/// that assigns to or mutates one (`'total' is an immutable capture`): a hit restores only
/// the closure's value and the generator passed to it.
public enum MemoSites {
  /// One memo call in a block.
  public struct Site: Equatable, Sendable {
    /// 1-based line and column of `memo` in the block (its `#line` in the program).
    public var line: Int
    public var column: Int
    /// UTF-8 offset in the block's code (with its capture lists) just past the closure's `}`.
    public var closureEnd: Int
  }

  /// A `memo` call that cannot be kept: where and why.
  public struct Problem: Error, Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
  }

  /// Text put into a block's code: at 1-based `line` and `column` of the original, `length` bytes.
  public struct Insertion: Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var length: Int
  }

  /// What `rewrite` found and did in one block.
  struct Rewrite {
    /// The code with a capture list on each memo's closure.
    var code: String
    /// Each insertion: its UTF-8 offset in the original code, and the text put there.
    var insertions: [(offset: Int, text: String)]
    /// The memo calls, with their closures' ends in `code`.
    var sites: [Site]
    /// The first memo call that cannot be kept, if any.
    var problem: Problem?
  }

  /// Whether `code` may hold a memo call (a cheap test before parsing).
  static func mayHaveMemo(_ code: String) -> Bool { code.contains("memo") }

  /// The memo calls of `tree` (the parse of `code`), and `code` with a capture list of
  /// `outerVariables` (less any passed to the memo with `&`) on each memo's closure — the
  /// variables the block declares with `var` before the call count too. Text is only inserted
  /// after a closure's `{` (or `[`), so lines keep their numbers. A call that is not a statement
  /// of the block (inside a function, closure, loop or condition it could run more than once per
  /// render, or not at all) or has no closure is the block's problem.
  static func rewrite(
    _ code: String, tree: SourceFileSyntax, converter: SourceLocationConverter, outerVariables: [String]
  )
    -> Rewrite
  {
    var problem: Problem?
    var insertions: [(offset: Int, text: String)] = []
    var sites: [(site: Site, end: Int)] = []
    for call in memoCalls(tree) {
      let location = call.calledExpression.startLocation(converter: converter)
      func refuse(_ message: String) {
        problem = problem ?? Problem(line: location.line, column: location.column, message: message)
      }
      guard let closure = call.trailingClosure ?? call.arguments.last?.expression.as(ClosureExprSyntax.self) else {
        refuse("memo needs a closure to run: memo(\"name\") { ... }")
        continue
      }
      guard isStatementOfBlock(call) else {
        refuse(
          "memo must be a statement of its block (for example `let result = memo(\"name\") { ... }`), "
            + "not inside a function, closure, loop or condition: it runs once per render")
        continue
      }
      let end = closure.endPositionBeforeTrailingTrivia.utf8Offset
      sites.append((Site(line: location.line, column: location.column, closureEnd: end), end))
      let passed = Set(
        call.arguments.compactMap { $0.expression.as(InOutExprSyntax.self)?.expression.trimmedDescription })
      let declaredHere = variables(in: tree, before: call.positionAfterSkippingLeadingTrivia.utf8Offset)
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
    for insertion in insertions.sorted(by: { $0.offset > $1.offset }) {
      bytes.insert(contentsOf: Array(insertion.text.utf8), at: insertion.offset)
    }
    // Each closure's end moves by what was inserted before it.
    let moved = sites.map { site, end in
      var moved = site
      moved.closureEnd = end + insertions.filter { $0.offset < end }.reduce(0) { $0 + $1.text.utf8.count }
      return moved
    }
    return Rewrite(code: String(decoding: bytes, as: UTF8.self), insertions: insertions, sites: moved, problem: problem)
  }

  /// The names `tree` declares with `var` at its top level before UTF-8 `offset`.
  static func variables(in tree: SourceFileSyntax, before offset: Int) -> [String] {
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
}
