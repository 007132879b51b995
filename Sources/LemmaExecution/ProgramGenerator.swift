import LemmaNotebook

/// The Swift program generated from a notebook, and what it leaves out.
public struct Program: Equatable, Sendable {
  /// `main.swift`'s text.
  public var source: String
  /// Blocks left out: `eval: false`, or dropped after a compile error they were allowed to have.
  public var excludedBlocks: Set<Int>
  /// Inline expressions left out after a compile error.
  public var excludedInlines: Set<Int>
  /// How the program starts: `main.swift`'s top-level code, or a `@main` type (compiled with
  /// `-parse-as-library`).
  public var entry: Entry = .topLevelCode
  /// Where each piece of each block's code (its text as `blocks` holds it) is in `source`, by
  /// block: UTF-8 ranges in the block's code and where each starts in `source`.
  public var pieces: [Int: [Piece]] = [:]
  /// Each block as read by swift-syntax (its code with capture lists on memo closures, its
  /// memo calls, its top-level items), by block; blocks left out are not read.
  public var blocks: [Int: BlockSyntax] = [:]

  /// UTF-8 offsets in `source`, each at the start of a line where a block's part of the
  /// program begins: where the program may be cut into files compiled in parallel. Empty for
  /// `main.swift`'s layout and for a program with a `private` declaration.
  public var splitPoints: [Int] = []
  /// The imports every file after the first repeats (imports hold in their own file only).
  public var splitImports: [String] = []
  /// The UTF-8 offset in `source` where the runner starts: the inline expressions after the last
  /// block and the `@main` type that calls every step. Nil when `source` has none.
  public var runnerStart: Int?

  /// `source` cut at `count - 1` of `splitPoints` (fewer files when there are fewer points),
  /// into files of about equal size; files after the first open with `splitImports`.
  ///
  /// The runner goes into the first file (after `splitImports`), which already holds the
  /// prelude, and counts there when the cuts are placed: left at the end it made the last file
  /// the one every compile waited for (coin.md's frontends: 462M and 574M instructions with the
  /// runner last, 489M and 550M with it first, callgrind).
  public func files(_ count: Int) -> [String] {
    let count = max(1, min(count, splitPoints.count + 1))
    guard count > 1 else { return [source] }
    let bytes = Array(source.utf8)
    let bodyEnd = runnerStart ?? bytes.count
    let runner = String(decoding: bytes[bodyEnd...], as: UTF8.self)
    let moved = bytes.count - bodyEnd
    let cuts =
      [0] + Self.evenCuts(splitPoints.map { $0 + moved }, total: bytes.count, files: count).map { $0 - moved }
      + [bodyEnd]
    let imports = (["import LemmaRuntime"] + splitImports).joined(separator: "\n") + "\n"
    return (0..<count).map { part in
      let text = String(decoding: bytes[cuts[part]..<cuts[part + 1]], as: UTF8.self)
      if part > 0 { return imports + text }
      return runner.isEmpty ? text : text + imports + runner
    }
  }

  /// `files - 1` of `points` (ascending offsets in a text of `total` bytes), each the point
  /// nearest its share of the text (`total * k / files`) that leaves a point for each cut after
  /// it: a file's compile time follows its size more than its count of blocks.
  static func evenCuts(_ points: [Int], total: Int, files: Int) -> [Int] {
    var cuts: [Int] = []
    var first = 0
    for part in 1..<files {
      let target = total * part / files
      let last = points.count - (files - part)
      let best = (first...last).min { abs(points[$0] - target) < abs(points[$1] - target) } ?? first
      cuts.append(points[best])
      first = best + 1
    }
    return cuts
  }

  public enum Entry: Equatable, Sendable {
    case topLevelCode
    case mainType
  }

  /// A piece of a block's code copied into the program as it is.
  public struct Piece: Equatable, Sendable {
    /// The piece's UTF-8 range in the block's code.
    public var start: Int
    public var end: Int
    /// Where the piece starts in `source`.
    public var sourceOffset: Int
  }

  /// The UTF-8 offset in `source` of `offset` in block `index`'s code, when that part of the
  /// code is in the program.
  public func sourceOffset(block index: Int, codeOffset offset: Int) -> Int? {
    guard let piece = pieces[index]?.first(where: { $0.start <= offset && offset <= $0.end }) else { return nil }
    return piece.sourceOffset + offset - piece.start
  }

  /// A compile failure as the author's code has it: a column after text the generator inserted
  /// on that line moves back by its length, and a change of a variable that a memo closure's
  /// inserted capture list holds constant says what to do instead.
  public func authorFailure(_ failure: Failure) -> Failure {
    guard let location = failure.location, case .block(let index) = location.unit,
      let inserted = blocks[index]?.insertions, !inserted.isEmpty
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
/// them, with `#sourceLocation` naming a virtual file per block and per inline expression.
///
/// Two layouts. Where every block allows it, each block's top-level variables become globals
/// (set in order: a global's value is computed when the program first reads it, and the
/// program reads each where its block declares it), its statements become functions, its
/// other declarations stay at file scope, and a `@main` type calls one function per block.
/// Otherwise (a block with a top-level `guard`, a variable without a value, syntax errors...)
/// the blocks follow each other as `main.swift`'s top-level code. The first is linear in the
/// notebook's size for the compiler; in the second every top-level statement is a scope nested
/// in the one before it, and a 1,000-block program took 23 s to type-check instead of 5.
///
/// Items are copied at their own lines and columns, and lines are counted from each block's
/// first line, so prose edits that move a block leave the program text, and with it the cache
/// key, unchanged.
public struct ProgramGenerator: Sendable {
  public init() {}

  /// With `nestingBlocks` (always `main.swift`'s layout), each block opens a `do {` scope that
  /// closes at the end of the program, so a block sees what earlier blocks declare but not
  /// what later ones do: the variant `ForwardReferenceCheck` type-checks to find uses of later
  /// blocks' names.
  public func generate(
    _ notebook: Notebook, droppingBlocks dropped: Set<Int> = [], droppingInlines droppedInlines: Set<Int> = [],
    nestingBlocks: Bool = false
  ) -> Program {
    generate(
      notebook, droppingBlocks: dropped, droppingInlines: droppedInlines, nestingBlocks: nestingBlocks, keyOnly: false)
  }

  /// What cache keys are made from: the program in `main.swift`'s layout with every block's
  /// code as written. The program is a function of it (and of Lemma's build, which keys
  /// include), and it is written without reading any block with swift-syntax, so a render
  /// that finds its outputs cached never parses Swift.
  public func keySource(_ notebook: Notebook) -> String {
    generate(notebook, droppingBlocks: [], droppingInlines: [], nestingBlocks: false, keyOnly: true).source
  }

  private func generate(
    _ notebook: Notebook, droppingBlocks dropped: Set<Int>, droppingInlines droppedInlines: Set<Int>,
    nestingBlocks: Bool, keyOnly: Bool
  ) -> Program {
    let skipped = Set(notebook.experiments.filter { !$0.options.eval }.map(\.index))
    let excluded = skipped.union(dropped)
    let included = notebook.experiments.filter { !excluded.contains($0.index) }
    let blocks = keyOnly ? [:] : readBlocks(included)
    let inlines = notebook.inlineExpressions.filter { !droppedInlines.contains($0.index) }
    var writer = ProgramWriter()
    let entry: Program.Entry =
      !nestingBlocks && !keyOnly && included.allSatisfy({ blocks[$0.index]?.items != nil }) ? .mainType : .topLevelCode
    let onDemand =
      keyOnly
      ? []
      : OnDemandImports.lines(
        for: included.reduce(into: Set<Int>()) { $0.formUnion(blocks[$1.index]?.onDemandImports ?? []) }
          .union(inlines.flatMap { OnDemandImports.used(by: $0.expression) }))
    writer.append(prelude(notebook.frontMatter.params, entry: entry, importing: onDemand))
    if entry == .mainType {
      writeAsGlobalsAndFunctions(notebook.experiments, excluded, inlines, blocks, into: &writer)
    } else {
      writeAsTopLevelCode(notebook.experiments, excluded, inlines, blocks, nestingBlocks, into: &writer)
    }
    var program = Program(
      source: writer.text, excludedBlocks: excluded, excludedInlines: droppedInlines, entry: entry,
      pieces: writer.pieces, blocks: blocks)
    let items = included.flatMap { blocks[$0.index]?.items ?? [] }
    if entry == .mainType, !items.contains(where: \.isFilePrivate) {
      program.splitPoints = writer.splitPoints
      program.runnerStart = writer.runnerStart
      program.splitImports =
        (onDemand.isEmpty ? [] : [onDemand.joined(separator: "\n")])
        + included.compactMap { blocks[$0.index] }.flatMap { block in
          (block.items ?? []).filter(\.isImport).map { $0.text(in: block.code) }
        }
    }
    return program
  }

  /// Every block read with swift-syntax, in order: each memo's closure captures the top-level
  /// `var`s of the blocks before it (and `rng`) as constants.
  private func readBlocks(_ blocks: [ExperimentBlock]) -> [Int: BlockSyntax] {
    var read: [Int: BlockSyntax] = [:]
    var outer = ["rng"]
    for block in blocks {
      let syntax = BlockSyntax.read(block.code, outerVariables: outer)
      read[block.index] = syntax
      outer += syntax.variables
    }
    return read
  }

  private func writeAsTopLevelCode(
    _ experiments: [ExperimentBlock], _ excluded: Set<Int>, _ inlines: [InlineExpression],
    _ blocks: [Int: BlockSyntax], _ nestingBlocks: Bool, into writer: inout ProgramWriter
  ) {
    for block in experiments {
      writer.append(inlineLines(inlines.filter { $0.afterBlockCount == block.index }))
      guard !excluded.contains(block.index) else { continue }
      if nestingBlocks { writer.append(["do {"]) }
      writer.append(["LemmaSession.begin(\(block.index))", sourceLocation(.block(block.index), line: 1)])
      let code = blocks[block.index]?.code ?? block.code
      writer.appendPiece(of: block.index, text: code, start: 0, end: code.utf8.count, column: 1)
      writer.append(["#sourceLocation()"])
    }
    writer.append(inlineLines(inlines.filter { $0.afterBlockCount == experiments.count }))
    writer.append(["LemmaSession.end()"])
    if nestingBlocks { writer.append(Array(repeating: "}", count: experiments.count - excluded.count)) }
  }

  /// Each block is one step function: the inline expressions before it, `begin`, then in the
  /// block's order a read of each global it declares and its statements — the first run of
  /// statements written inside the step, later runs as functions it calls. Text follows the
  /// block's order (a memo's key is the program up to its closure): the block's items before
  /// its first statement, the step in their place, then the rest.
  private func writeAsGlobalsAndFunctions(
    _ experiments: [ExperimentBlock], _ excluded: Set<Int>, _ inlines: [InlineExpression],
    _ blocks: [Int: BlockSyntax], into writer: inout ProgramWriter
  ) {
    var steps: [String] = []
    for position in 0...experiments.count {
      if position == experiments.count { writer.markRunnerStart() }
      let name = "__lemmaStep\(position)"
      let head = inlineLines(inlines.filter { $0.afterBlockCount == position })
      guard position < experiments.count, !excluded.contains(experiments[position].index),
        let syntax = blocks[experiments[position].index], let items = syntax.items
      else {
        guard !head.isEmpty else { continue }
        writer.append(["func \(name)() throws {"] + head + ["}"])
        steps.append("try \(name)()")
        continue
      }
      let index = experiments[position].index
      if position > 0 { writer.markSplitPoint() }
      let runs = Self.statementRuns(items)
      // What the step does after its first run of statements (or after `begin`, with none).
      var body: [String] = []
      for (offset, item) in items.enumerated() {
        if case .variable(let names) = item.kind { body += names.map { "_ = \($0)" } }
        if let run = runs.first(where: { $0.lowerBound == offset }), run != runs.first {
          body.append("try __lemmaBlock\(index)_\(offset)()")
        }
      }
      let opening = ["func \(name)() throws {"] + head + ["LemmaSession.begin(\(index))"]
      var offset = 0
      while offset < items.count {
        guard let run = runs.first(where: { $0.lowerBound == offset }) else {
          writer.appendItem(items[offset], of: index, code: syntax.code)
          offset += 1
          continue
        }
        if run == runs.first {
          // The step itself: reads of the globals declared before this run, then the run.
          writer.append(opening + items[..<offset].flatMap(Self.reads))
          for item in items[run] { writer.appendItem(item, of: index, code: syntax.code) }
          writer.append(Array(body.dropFirst(items[..<offset].flatMap(Self.reads).count)) + ["}"])
        } else {
          writer.append(["func __lemmaBlock\(index)_\(offset)() throws {"])
          for item in items[run] { writer.appendItem(item, of: index, code: syntax.code) }
          writer.append(["}"])
        }
        offset = run.upperBound
      }
      if runs.isEmpty { writer.append(opening + body + ["}"]) }
      steps.append("try \(name)()")
    }
    writer.append(
      ["@main enum __LemmaNotebook {", "static func main() throws {", "LemmaSession.start()"] + preludeTouches
        + steps + ["LemmaSession.end()", "}", "}"])
  }

  /// The index ranges of `items` that are runs of consecutive statements.
  private static func statementRuns(_ items: [TopLevelItem]) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    for (offset, item) in items.enumerated() where item.kind == .statement {
      if let last = runs.last, last.upperBound == offset {
        runs[runs.count - 1] = last.lowerBound..<offset + 1
      } else {
        runs.append(offset..<offset + 1)
      }
    }
    return runs
  }

  /// The lines that set a global item's names by reading them.
  private static func reads(_ item: TopLevelItem) -> [String] {
    if case .variable(let names) = item.kind { names.map { "_ = \($0)" } } else { [] }
  }

  private func sourceLocation(_ unit: ProgramLocation.Unit, line: Int) -> String {
    "#sourceLocation(file: \"\(ProgramLocation.fileName(for: unit))\", line: \(line))"
  }

  /// The imports, parameters, seed and generator; in `main.swift`'s top-level code the
  /// session starts first (the parameters are read from it). `imports` are the lines of the
  /// modules imported on demand (`OnDemandImports`).
  private func prelude(_ params: [Param], entry: Program.Entry, importing imports: [String]) -> [String] {
    var lines = [
      "// Generated by Lemma from a notebook. Blocks run in order as one program.",
      "import LemmaRuntime",
    ]
    lines += imports
    if entry == .topLevelCode { lines.append("LemmaSession.start()") }
    lines += [
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

  /// Read right after the session starts, so the parameters are checked before any block runs.
  private let preludeTouches = ["_ = params", "_ = seed", "_ = rng"]

  private func inlineLines(_ inlines: [InlineExpression]) -> [String] {
    inlines.flatMap { inline in
      [
        "LemmaSession.inline(\(inline.index)) {", sourceLocation(.inline(inline.index), line: 1), inline.expression,
        "#sourceLocation()", "}",
      ]
    }
  }
}

/// The program's text as it is written, with where each piece of block code landed.
private struct ProgramWriter {
  private var lines: [String] = []
  /// The UTF-8 offset where the next line starts (lines are joined with "\n").
  private var offset = 0
  private(set) var pieces: [Int: [Program.Piece]] = [:]
  private(set) var splitPoints: [Int] = []

  var text: String { lines.joined(separator: "\n") + "\n" }

  /// Marks where the next line starts as a place the program may be cut into files.
  mutating func markSplitPoint() { splitPoints.append(offset) }

  /// Where the runner (the last inline expressions and the `@main` type) starts, once marked.
  private(set) var runnerStart: Int?

  /// Marks where the next line starts as the start of the runner.
  mutating func markRunnerStart() { runnerStart = offset }

  mutating func append(_ newLines: [String]) {
    for line in newLines {
      lines.append(line)
      offset += line.utf8.count + 1
    }
  }

  /// `text`, bytes `start..<end` of the block's code, at the start of a line after `column - 1` spaces.
  mutating func appendPiece(of block: Int, text: String, start: Int, end: Int, column: Int) {
    let padding = String(repeating: " ", count: column - 1)
    pieces[block, default: []].append(Program.Piece(start: start, end: end, sourceOffset: offset + padding.utf8.count))
    append([padding + text])
  }

  /// A top-level item at its own line and column in its block's virtual file.
  mutating func appendItem(_ item: TopLevelItem, of block: Int, code: String) {
    append(["#sourceLocation(file: \"\(ProgramLocation.fileName(for: .block(block)))\", line: \(item.line))"])
    appendPiece(of: block, text: item.text(in: code), start: item.start, end: item.end, column: item.column)
    append(["#sourceLocation()"])
  }
}
