import LemmaNotebook

/// Finds inline expressions and blocks that use a name declared only in a later block.
///
/// Swift compiles such a use without complaint (top-level variables of `main.swift` are
/// zero-initialised globals) and it would silently read 0, so Lemma reports it instead.
/// Declarations and uses are read with swift-syntax (`SwiftNames`). Inline expressions are
/// checked from those alone. For blocks, a name that a later block
/// declares is only a suspect (it may be a local of the same name); the compiler settles it:
/// in a variant of the program where each block is a scope nested in the one before, a
/// genuine early use is "cannot find 'name' in scope".
struct ForwardReferenceCheck {
  let notebook: Notebook
  /// Blocks already read by the program generator; others are read here.
  var blocks: [Int: BlockSyntax] = [:]

  private func declared(_ block: ExperimentBlock) -> [String: Int] {
    blocks[block.index]?.declared ?? SwiftNames.declared(in: block.code)
  }

  /// For each block, the names it mentions that no block up to it declares at top level but a
  /// later block does, with the notebook line of that declaration.
  func suspects() -> [Int: [String: Int]] {
    let declarations = firstDeclarations()
    var suspects: [Int: [String: Int]] = [:]
    for (position, block) in notebook.experiments.enumerated() {
      for name in (blocks[block.index]?.uses ?? SwiftNames.used(in: block.code)).map(\.name) {
        if let line = laterDeclaration(of: name, afterBlocks: position + 1, declarations) {
          suspects[block.index, default: [:]][name] = line
        }
      }
    }
    return suspects
  }

  /// The notebook line declaring `name` in the first of the blocks after the first `count`,
  /// when none of those `count` blocks declares it; nil otherwise. `declarations` is each
  /// name's first declaration: its block's position and its line in the block.
  private func laterDeclaration(of name: String, afterBlocks count: Int, _ declarations: [String: (Int, Int)]) -> Int? {
    guard let (position, line) = declarations[name], position >= count else { return nil }
    return notebook.experiments[position].firstCodeLine + line - 1
  }

  /// Each name's first top-level declaration in the notebook: its block's position and its
  /// line in that block.
  private func firstDeclarations() -> [String: (Int, Int)] {
    var first: [String: (Int, Int)] = [:]
    for (position, block) in notebook.experiments.enumerated() {
      for (name, line) in declared(block) where first[name] == nil { first[name] = (position, line) }
    }
    return first
  }

  /// The failures among `nestedErrors` (the errors of the nested variant) that are genuine
  /// uses of a later block's name, reworded to say what is wrong.
  func blockFailures(nestedErrors: [Failure], suspects: [Int: [String: Int]]) -> [Failure] {
    nestedErrors.compactMap { failure in
      guard case .block(let index)? = failure.location?.unit,
        let match = failure.message.firstMatch(of: #/^cannot find '(\w+)' in scope/#),
        let line = suspects[index]?[String(match.1)]
      else { return nil }
      return Failure(
        kind: .compileError,
        message: "`\(match.1)` is declared at line \(line), in a later block: blocks run in order, and here it "
          + "would silently read as 0; move its declaration above this use",
        location: failure.location)
    }
  }

  /// A compile-time failure for each inline expression that uses a name too early.
  func failures() -> [Int: Failure] {
    let declarations = firstDeclarations()
    var failures: [Int: Failure] = [:]
    for inline in notebook.inlineExpressions {
      for use in SwiftNames.used(in: inline.expression) {
        let (name, column) = (use.name, use.column)
        guard let line = laterDeclaration(of: name, afterBlocks: inline.afterBlockCount, declarations) else { continue }
        failures[inline.index] = Failure(
          kind: .compileError,
          message: "`\(name)` is declared at line \(line), in a block after this expression; "
            + "move the expression below that block",
          location: ProgramLocation(unit: .inline(inline.index), line: 1, column: column))
        break
      }
    }
    return failures
  }
}
