import LemmaNotebook

/// The Swift program generated from a notebook, and what it leaves out.
public struct Program: Equatable, Sendable {
  /// `main.swift`'s text.
  public var source: String
  /// Blocks left out: `eval: false`, or dropped after a compile error they were allowed to have.
  public var excludedBlocks: Set<Int>
  /// Inline expressions left out after a compile error.
  public var excludedInlines: Set<Int>
  /// Where each block's code starts in `source`, as a UTF-8 offset, by block.
  public var blockOffsets: [Int: Int] = [:]
  /// Each block read for memos (its code as the program holds it, with capture lists on memo
  /// closures), by block; empty when no block calls `memo`.
  public var memoBlocks: [Int: MemoSites.Block] = [:]

  /// A compile failure as the author's code has it: a column after text the generator inserted
  /// on that line moves back by its length, and a change of a variable that a memo closure's
  /// inserted capture list holds constant says what to do instead.
  public func authorFailure(_ failure: Failure) -> Failure {
    guard let location = failure.location, case .block(let index) = location.unit,
      let inserted = memoBlocks[index]?.insertions, !inserted.isEmpty
    else { return failure }
    var moved = failure
    for insertion in inserted where insertion.line == location.line && insertion.column <= location.column {
      moved.location?.column = max(insertion.column, location.column - insertion.length)
    }
    if failure.message.hasSuffix("is an immutable capture") {
      moved.message +=
        "; a memo's closure may not change variables declared outside it (a stored result "
        + "brings back only its value): return what it computes, and for random draws pass the "
        + "generator, `memo(\"name\", &rng) { rng in ... }`"
    }
    return moved
  }
}

/// Writes one Swift program for a notebook: its blocks in order, inline expressions between
/// them, each wrapped in `#sourceLocation` naming a virtual file per block.
///
/// Lines are counted from each block's first line, so prose edits that move a block leave the
/// program text, and with it the cache key, unchanged.
public struct ProgramGenerator: Sendable {
  public init() {}

  /// With `nestingBlocks`, each block opens a `do {` scope that closes at the end of the
  /// program, so a block sees what earlier blocks declare but not what later ones do: the
  /// variant `ForwardReferenceCheck` type-checks to find uses of later blocks' names.
  public func generate(
    _ notebook: Notebook, droppingBlocks dropped: Set<Int> = [], droppingInlines droppedInlines: Set<Int> = [],
    nestingBlocks: Bool = false
  ) -> Program {
    let experiments = notebook.experiments
    let skipped = Set(experiments.filter { !$0.options.eval }.map(\.index))
    let excluded = skipped.union(dropped)
    let inlines = notebook.inlineExpressions
    let memoBlocks = memoReadyBlocks(experiments.filter { !excluded.contains($0.index) })
    var lines: [String] = []
    // The UTF-8 offset where the next line starts (lines are joined with "\n").
    var offset = 0
    var offsets: [Int: Int] = [:]
    func append(_ line: String) {
      lines.append(line)
      offset += line.utf8.count + 1
    }
    for line in prelude(notebook.frontMatter.params) { append(line) }
    for block in experiments {
      for line in inlineLines(
        inlines.filter { $0.afterBlockCount == block.index && !droppedInlines.contains($0.index) })
      {
        append(line)
      }
      guard !excluded.contains(block.index) else { continue }
      if nestingBlocks { append("do {") }
      append("LemmaSession.begin(\(block.index))")
      append("#sourceLocation(file: \"\(ProgramLocation.fileName(for: .block(block.index)))\", line: 1)")
      offsets[block.index] = offset
      append(memoBlocks[block.index]?.code ?? block.code)
      append("#sourceLocation()")
    }
    for line in inlineLines(
      inlines.filter { $0.afterBlockCount == experiments.count && !droppedInlines.contains($0.index) })
    {
      append(line)
    }
    append("LemmaSession.end()")
    if nestingBlocks { lines += Array(repeating: "}", count: experiments.count - excluded.count) }
    return Program(
      source: lines.joined(separator: "\n") + "\n", excludedBlocks: excluded, excludedInlines: droppedInlines,
      blockOffsets: offsets, memoBlocks: memoBlocks)
  }

  /// Every block read for memos when any block calls `memo` (each parsed once): each memo's
  /// closure captures the top-level `var`s of the blocks before it (and `rng`) as constants.
  private func memoReadyBlocks(_ blocks: [ExperimentBlock]) -> [Int: MemoSites.Block] {
    guard blocks.contains(where: { MemoSites.mayHaveMemo($0.code) }) else { return [:] }
    var read: [Int: MemoSites.Block] = [:]
    var outer = ["rng"]
    for block in blocks {
      let analysed = MemoSites.analyse(block.code, outerVariables: outer)
      read[block.index] = analysed
      outer += analysed.variables
    }
    return read
  }

  private func prelude(_ params: [Param]) -> [String] {
    var lines = [
      "// Generated by Lemma from a notebook. Blocks run in order as one program.",
      "import LemmaRuntime",
      "LemmaSession.start()",
      "/// The notebook's parameters, from its front matter and `-P name=value`.",
      "struct NotebookParams {",
    ]
    lines += params.map { "  let \($0.name): \($0.value.swiftType)" }
    lines.append("}")
    let arguments = params.map { "\($0.name): LemmaSession.param(\"\($0.name)\")" }.joined(separator: ", ")
    lines.append("let params = NotebookParams(\(arguments))")
    lines.append("let seed: UInt64 = LemmaSession.seed")
    lines.append("var rng = Xoshiro256StarStar(seed: seed)")
    return lines
  }

  private func inlineLines(_ inlines: [InlineExpression]) -> [String] {
    inlines.flatMap { inline in
      [
        "LemmaSession.inline(\(inline.index)) {",
        "#sourceLocation(file: \"\(ProgramLocation.fileName(for: .inline(inline.index)))\", line: 1)",
        inline.expression, "#sourceLocation()", "}",
      ]
    }
  }
}
