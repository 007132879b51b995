import Figures
import LemmaNotebook
import LemmaProtocol

/// Everything a notebook's run produced, per block: the value the cache stores and the
/// renderers read.
///
/// Locations are kept relative to blocks and inline expressions (`ProgramLocation`), so a
/// cached result stays right when prose above a block moves it down.
public struct NotebookOutputs: Codable, Equatable, Sendable {
  public var blocks: [BlockOutput]
  /// Inline expression values (or failures) by index.
  public var inlines: [InlineOutput]
  /// Problems that belong to no block, such as a parameter the program could not read.
  public var notebookFailures: [Failure]
  /// Seconds spent compiling and running (0 when nothing ran).
  public var compileSeconds: Double
  public var runSeconds: Double
  /// The data files the program read through the runtime, as they were when read.
  public var reads: [FileRead]

  public init(
    blocks: [BlockOutput], inlines: [InlineOutput], notebookFailures: [Failure] = [],
    compileSeconds: Double = 0, runSeconds: Double = 0, reads: [FileRead] = []
  ) {
    self.blocks = blocks
    self.inlines = inlines
    self.notebookFailures = notebookFailures
    self.compileSeconds = compileSeconds
    self.runSeconds = runSeconds
    self.reads = reads
  }

  /// Failures that fail the render: all but those in blocks marked `error: true`.
  public func unallowedFailures(in notebook: Notebook) -> [Failure] {
    let experiments = notebook.experiments
    let blockFailures = blocks.flatMap { block -> [Failure] in
      let allowed = block.index < experiments.count && experiments[block.index].options.error
      return allowed ? [] : block.failures
    }
    return notebookFailures + blockFailures + inlines.compactMap(\.failure)
  }
}

/// What one experiment block produced.
public struct BlockOutput: Codable, Equatable, Sendable {
  public enum State: String, Codable, Sendable {
    /// It ran to its end.
    case ran
    /// It failed to compile, trapped, or was stopped; see `failures`.
    case failed
    /// An earlier failure kept it from running.
    case notRun
    /// `eval: false`.
    case skipped
  }

  public var index: Int
  public var state: State
  /// Printed text and shown figures, in order.
  public var items: [OutputItem]
  /// What the block wrote to standard error (the crash report excluded).
  public var stderr: String
  public var failures: [Failure]

  public init(index: Int, state: State, items: [OutputItem] = [], stderr: String = "", failures: [Failure] = []) {
    self.index = index
    self.state = state
    self.items = items
    self.stderr = stderr
    self.failures = failures
  }
}

/// One piece of a block's output.
public enum OutputItem: Codable, Equatable, Sendable {
  case text(String)
  case record(Record)
}

/// The value of an inline expression, or why it has none.
public struct InlineOutput: Codable, Equatable, Sendable {
  public var index: Int
  public var text: String?
  public var failure: Failure?

  public init(index: Int, text: String?, failure: Failure? = nil) {
    self.index = index
    self.text = text
    self.failure = failure
  }
}

/// Something that went wrong, with where it happened.
public struct Failure: Codable, Equatable, Sendable {
  public enum Kind: String, Codable, Sendable {
    case compileError = "compile error"
    case crash
    case timeout
    case notebook
    case claim
  }

  public var kind: Kind
  public var message: String
  public var location: ProgramLocation?
  /// More text worth showing: compiler notes, a backtrace.
  public var details: String

  public init(kind: Kind, message: String, location: ProgramLocation?, details: String = "") {
    self.kind = kind
    self.message = message
    self.location = location
    self.details = details
  }
}

extension Failure {
  /// The failure a failed claim stands for, located at its `claim(...)` call.
  public init?(failedClaim claim: Claim) {
    guard !claim.passed else { return nil }
    self.init(kind: .claim, message: "claim failed: \(claim.label): \(claim.evidence)", location: claim.location)
  }
}

extension Claim {
  /// Where the `claim(...)` call stands: the runtime records the virtual file of its block
  /// (`cell-3`, from `#sourceLocation`) and the line in it.
  public var location: ProgramLocation? {
    guard let unit = ProgramLocation.unit(ofFile: file) else { return nil }
    return ProgramLocation(unit: unit, line: line, column: 1)
  }
}

/// A place in the generated program, relative to the block or inline expression it is in.
public struct ProgramLocation: Codable, Equatable, Hashable, Sendable {
  public enum Unit: Codable, Equatable, Hashable, Sendable {
    case block(Int)
    case inline(Int)
  }

  public var unit: Unit
  /// 1-based line within the block's code (or the inline expression).
  public var line: Int
  public var column: Int

  public init(unit: Unit, line: Int, column: Int) {
    self.unit = unit
    self.line = line
    self.column = column
  }

  /// The virtual file name the generated program uses for `unit` in `#sourceLocation`.
  public static func fileName(for unit: Unit) -> String {
    switch unit {
    case .block(let index): "cell-\(index)"
    case .inline(let index): "inline-\(index)"
    }
  }

  /// The unit a virtual file name stands for: `cell-3` is block 3, `inline-2` inline
  /// expression 2 (a directory before the name is ignored).
  public static func unit(ofFile file: String) -> Unit? {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    if name.hasPrefix("cell-"), let index = Int(name.dropFirst(5)) { return .block(index) }
    if name.hasPrefix("inline-"), let index = Int(name.dropFirst(7)) { return .inline(index) }
    return nil
  }

  /// Reads `cell-3:5:10` or `inline-2:1:4` (optionally after a directory) at the start of `text`;
  /// returns the location and what follows it.
  public static func parse(_ text: Substring) -> (ProgramLocation, Substring)? {
    var rest = text
    if let slash = rest.lastIndex(of: "/"), rest[..<slash].allSatisfy({ $0 != " " }) {
      rest = rest[rest.index(after: slash)...]
    }
    let unit: (Int) -> Unit
    if rest.hasPrefix("cell-") {
      unit = Unit.block
      rest = rest.dropFirst(5)
    } else if rest.hasPrefix("inline-") {
      unit = Unit.inline
      rest = rest.dropFirst(7)
    } else {
      return nil
    }
    var numbers: [Int] = []
    while numbers.count < 3 {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard let number = Int(digits) else { break }
      numbers.append(number)
      rest = rest.dropFirst(digits.count)
      guard rest.first == ":" else { break }
      rest = rest.dropFirst()
    }
    guard numbers.count >= 2 else { return nil }
    let location = ProgramLocation(unit: unit(numbers[0]), line: numbers[1], column: numbers.count > 2 ? numbers[2] : 1)
    return (location, rest)
  }
}

extension Notebook {
  /// The notebook line and column of a program location.
  public func sourceLocation(of location: ProgramLocation) -> SourceLocation? {
    switch location.unit {
    case .block(let index):
      guard index < experiments.count else { return nil }
      return SourceLocation(line: experiments[index].firstCodeLine + location.line - 1, column: location.column)
    case .inline(let index):
      let expressions = inlineExpressions
      guard index < expressions.count else { return nil }
      let start = expressions[index].location
      return SourceLocation(line: start.line + location.line - 1, column: start.column + location.column - 1)
    }
  }
}
