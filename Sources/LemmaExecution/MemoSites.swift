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

  /// What one block's code says about memos, read from one parse.
  public struct Block: Equatable, Sendable {
    /// The code with a capture list on each memo's closure.
    public var code: String
    /// What was put into the code, so compile errors can be put back at the author's columns.
    public var insertions: [Insertion]
    /// The memo calls, with their closures' ends in `code`.
    public var sites: [Site]
    /// The first memo call that cannot be kept, if any.
    public var problem: Problem?
    /// The names the block declares with `var` at its top level.
    public var variables: [String]
    /// The text of every top-level declaration a call could reach from anywhere in the program:
    /// functions, types, extensions, protocols, operators (the whole code when it cannot be parsed).
    public var declarations: [String]
  }

  /// Whether `code` may hold a memo call (a cheap test before parsing).
  static func mayHaveMemo(_ code: String) -> Bool { code.contains("memo") }

  /// Reads `code` once: its memo calls and declarations, and the code with a capture list of
  /// `outerVariables` (less any passed to the memo with `&`) on each memo's closure — the
  /// variables the block declares with `var` before the call count too. Text is only inserted
  /// after a closure's `{` (or `[`), so lines keep their numbers. A call that is not a statement
  /// of the block (inside a function, closure, loop or condition it could run more than once per
  /// render, or not at all) or has no closure is the block's problem.
  static func analyse(_ code: String, outerVariables: [String]) -> Block {
    guard let tree = parse(code) else {
      return Block(code: code, insertions: [], sites: [], problem: nil, variables: [], declarations: [code])
    }
    var block = Block(
      code: code, insertions: [], sites: [], problem: nil, variables: variables(in: tree, before: Int.max),
      declarations: tree.statements.compactMap { item -> String? in
        guard case .decl(let declaration) = item.item, !declaration.is(VariableDeclSyntax.self) else { return nil }
        return declaration.trimmedDescription
      })
    guard mayHaveMemo(code) else { return block }
    let converter = SourceLocationConverter(fileName: "", tree: tree)
    var insertions: [(offset: Int, text: String)] = []
    var sites: [(site: Site, end: Int)] = []
    for call in memoCalls(tree) {
      let location = call.calledExpression.startLocation(converter: converter)
      func refuse(_ message: String) {
        block.problem = block.problem ?? Problem(line: location.line, column: location.column, message: message)
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
    // Each closure's end moves by what was inserted before it.
    block.sites = sites.map { site, end in
      var moved = site
      moved.closureEnd = end + insertions.filter { $0.offset < end }.reduce(0) { $0 + $1.text.utf8.count }
      return moved
    }
    block.insertions = insertions.map { insertion in
      let location = converter.location(for: AbsolutePosition(utf8Offset: insertion.offset))
      return Insertion(line: location.line, column: location.column, length: insertion.text.utf8.count)
    }
    var bytes = Array(code.utf8)
    for insertion in insertions.sorted(by: { $0.offset > $1.offset }) {
      bytes.insert(contentsOf: Array(insertion.text.utf8), at: insertion.offset)
    }
    block.code = String(decoding: bytes, as: UTF8.self)
    return block
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
