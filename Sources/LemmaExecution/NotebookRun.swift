import LemmaNotebook
import LemmaProtocol
import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// One execution of a notebook, from first compile to final outputs.
///
/// When a failure lands in a block marked `error: true` (or in an inline expression at compile
/// time), that block or expression is recorded as failed and dropped, and the program is
/// generated, compiled and run again without it, so the rest of the notebook still runs.
struct NotebookRun {
  let notebook: Notebook
  /// The program with nothing dropped (generated for the plan), until something is.
  private var program: Program
  /// The compile stage: binaries and type-checks.
  let compiler: ProgramCompiler
  let configuration: RunConfiguration
  /// Receives the program's progress lines as they arrive.
  let progress: (@Sendable (String) -> Void)?

  private var droppedBlocks: [Int: BlockOutput] = [:]
  private var droppedInlines: [Int: Failure] = [:]
  private var compileSeconds = 0.0
  private var runSeconds = 0.0
  /// Data files read by every run so far: a dropped block's failure may depend on them too.
  private var reads: [FileRead] = []

  init(
    notebook: Notebook, program: Program, compiler: ProgramCompiler, configuration: RunConfiguration,
    progress: (@Sendable (String) -> Void)?, headStart: FrontendHeadStart? = nil
  ) {
    self.notebook = notebook
    self.program = program
    self.compiler = compiler
    self.configuration = configuration
    self.progress = progress
    self.headStart = headStart
  }

  /// Frontends started for the first compile before the program was written, until it takes them.
  private var headStart: FrontendHeadStart?

  mutating func outputs() -> NotebookOutputs {
    defer {
      if let headStart { compiler.discard(headStart) }
      headStart = nil
    }
    droppedInlines = ForwardReferenceCheck(notebook: notebook, blocks: program.blocks).failures()
    let attempts = notebook.experiments.count + notebook.inlineExpressions.count + 1
    for _ in 0..<attempts {
      if program.excludedInlines != Set(droppedInlines.keys)
        || !program.excludedBlocks.isSuperset(of: droppedBlocks.keys)
      {
        program = ProgramGenerator().generate(
          notebook, droppingBlocks: Set(droppedBlocks.keys), droppingInlines: Set(droppedInlines.keys))
      }
      let started = monotonicSeconds()
      let compiled = compiler.compile(program, headStart: headStart)
      headStart = nil
      compileSeconds += monotonicSeconds() - started
      switch compiled {
      case .failure(let errors):
        let failures = errors.failures.map(program.authorFailure)
        if dropAllowed(failures) { continue }
        return compileFailure(failures)
      case .success(let binary):
        let early = earlyUses(program)
        if !early.isEmpty {
          if dropAllowed(early) { continue }
          return compileFailure(early)
        }
        StageTimes.mark("compiled")
        let outcome = run(binary)
        if let retry = outcome.retry {
          droppedBlocks[retry.index] = retry
          continue
        }
        return outcome.outputs
      }
    }
    return finish(
      blocks: [], inlines: [:],
      notebookFailures: [
        Failure(kind: .notebook, message: "gave up after dropping every failing block", location: nil)
      ])
  }

  /// Uses of a later block's names in a program that compiled (see `ForwardReferenceCheck`);
  /// type-checks the nested variant only when some block mentions such a name.
  private func earlyUses(_ program: Program) -> [Failure] {
    let check = ForwardReferenceCheck(notebook: notebook, blocks: program.blocks)
    let suspects = check.suspects().filter { !program.excludedBlocks.contains($0.key) }
    guard !suspects.isEmpty else { return [] }
    let nested = ProgramGenerator().generate(
      notebook, droppingBlocks: program.excludedBlocks, droppingInlines: program.excludedInlines, nestingBlocks: true)
    return check.blockFailures(nestedErrors: compiler.typecheck(nested), suspects: suspects)
  }

  /// Drops the allowed failures' blocks and inline expressions; false when some failure is not
  /// allowed (or none was located), so the compile fails as a whole.
  private mutating func dropAllowed(_ failures: [Failure]) -> Bool {
    var blocks: [Int: [Failure]] = [:]
    var inlines: [Int: Failure] = [:]
    for failure in failures {
      switch failure.location?.unit {
      case .block(let index) where allowsErrors(index): blocks[index, default: []].append(failure)
      case .inline(let index): inlines[index] = inlines[index] ?? failure
      default: return false
      }
    }
    guard !blocks.isEmpty || !inlines.isEmpty else { return false }
    for (index, failures) in blocks {
      droppedBlocks[index] = BlockOutput(index: index, state: .failed, failures: failures)
    }
    droppedInlines.merge(inlines) { old, _ in old }
    return true
  }

  private func compileFailure(_ failures: [Failure]) -> NotebookOutputs {
    var perBlock: [Int: [Failure]] = [:]
    var inlines: [Int: Failure] = droppedInlines
    var unlocated: [Failure] = []
    for failure in failures {
      switch failure.location?.unit {
      case .block(let index): perBlock[index, default: []].append(failure)
      case .inline(let index): inlines[index] = inlines[index] ?? failure
      case nil: unlocated.append(failure)
      }
    }
    let blocks = notebook.experiments.map { block -> BlockOutput in
      if !block.options.eval { return BlockOutput(index: block.index, state: .skipped) }
      if let dropped = droppedBlocks[block.index] { return dropped }
      if let failures = perBlock[block.index] {
        return BlockOutput(index: block.index, state: .failed, failures: failures)
      }
      return BlockOutput(index: block.index, state: .notRun)
    }
    return finish(blocks: blocks, inlines: inlines.mapValues { .failure($0) }, notebookFailures: unlocated)
  }

  private struct RunOutcome {
    var outputs: NotebookOutputs
    /// A failed block allowed to fail: drop it and run again.
    var retry: BlockOutput?
  }

  private mutating func run(_ binary: String) -> RunOutcome {
    let result: ProcessRunner.Result
    var decoder = OutputDecoder(nonce: configuration.nonce)
    do {
      result = try ProcessRunner().run(
        binary, arguments: [WireFormat.encode(configuration)], environment: Self.environment,
        workingDirectory: notebook.folder, timeout: notebook.frontMatter.timeout, progress: progress
      ) { stream, bytes in
        if stream == 0 { decoder.feed(stdout: bytes) } else { decoder.feed(stderr: bytes) }
      }
    } catch {
      return RunOutcome(
        outputs: finish(
          blocks: [], inlines: [:], notebookFailures: [Failure(kind: .notebook, message: "\(error)", location: nil)]))
    }
    StageTimes.mark("program ended")
    runSeconds += result.seconds
    let decoded = decoder.finish()
    reads += decoded.reads.filter { !reads.contains($0) }
    let last = decoded.begun.last
    var failure: Failure?
    var inlineFailures: [Int: InlineResult] = [:]
    var notebookFailures: [Failure] = []
    var lastBlockStderr = last.flatMap { decoded.stderr[$0] } ?? ""
    if !decoded.finished {
      let stopped =
        CrashReport.loaderFailure(decoded.startupStderr)
        ?? stopFailure(result, stderr: &lastBlockStderr, lastBlock: last)
      switch stopped.location?.unit {
      case .inline(let index): inlineFailures[index] = .failure(stopped)
      case .block: failure = stopped
      case nil:
        if last == nil { notebookFailures.append(stopped) } else { failure = stopped }
      }
    }
    var blocks: [BlockOutput] = []
    for block in notebook.experiments {
      let index = block.index
      if !block.options.eval {
        blocks.append(BlockOutput(index: index, state: .skipped))
      } else if let dropped = droppedBlocks[index] {
        blocks.append(dropped)
      } else if decoded.begun.contains(index) {
        let failed = index == last ? failure : nil
        var output = BlockOutput(
          index: index, state: failed == nil ? .ran : .failed, items: decoded.items[index] ?? [],
          stderr: index == last ? lastBlockStderr : decoded.stderr[index] ?? "")
        output.failures = output.items.compactMap { item in
          if case .record(.claim(let claim)) = item { Failure(failedClaim: claim) } else { nil }
        }
        if let failed {
          output.failures.append(failed)
          if block.options.error { return RunOutcome(outputs: NotebookOutputs(blocks: [], inlines: []), retry: output) }
        }
        blocks.append(output)
      } else {
        blocks.append(BlockOutput(index: index, state: .notRun))
      }
    }
    var inlines = inlineFailures
    for (index, text) in decoded.inlines { inlines[index] = .text(text) }
    for (index, failure) in droppedInlines { inlines[index] = .failure(failure) }
    return RunOutcome(outputs: finish(blocks: blocks, inlines: inlines, notebookFailures: notebookFailures))
  }

  /// Why the program stopped before its end: a time-out, a trap or crash, or an early exit.
  private func stopFailure(_ result: ProcessRunner.Result, stderr: inout String, lastBlock: Int?) -> Failure {
    let blockStart = lastBlock.map { ProgramLocation(unit: .block($0), line: 1, column: 1) }
    switch result.termination {
    case .timedOut:
      let limit = notebook.frontMatter.timeout
      let seconds = limit == limit.rounded() ? String(Int(limit)) : String(limit)
      return Failure(
        kind: .timeout,
        message:
          "stopped after \(seconds) s, the notebook's time limit; set a larger `timeout:` in the front matter if the work needs it",
        location: blockStart)
    case .exited(0):
      return Failure(
        kind: .crash, message: "the program exited before the notebook finished (was `exit()` called?)",
        location: blockStart)
    case .exited(let code):
      return crash(splitting: &stderr, otherwise: "the program exited with status \(code)", at: blockStart)
    case .signaled(let signal):
      return crash(splitting: &stderr, otherwise: "the program was killed by signal \(signal)", at: blockStart)
    }
  }

  /// A crash read from the runtime's report in `stderr` (which keeps only the user's text), or
  /// `fallback` at `location` when there is no report.
  private func crash(splitting stderr: inout String, otherwise fallback: String, at location: ProgramLocation?)
    -> Failure
  {
    let split = CrashReport.split(stderr)
    stderr = split.userText
    return Failure(
      kind: .crash, message: split.report?.message ?? fallback, location: split.report?.location ?? location)
  }

  private enum InlineResult {
    case text(String)
    case failure(Failure)
  }

  private func finish(blocks: [BlockOutput], inlines: [Int: InlineResult], notebookFailures: [Failure])
    -> NotebookOutputs
  {
    let inlineOutputs = notebook.inlineExpressions.map { expression -> InlineOutput in
      switch inlines[expression.index] {
      case .text(let text): InlineOutput(index: expression.index, text: text)
      case .failure(let failure): InlineOutput(index: expression.index, text: nil, failure: failure)
      case nil: InlineOutput(index: expression.index, text: nil)
      }
    }
    return NotebookOutputs(
      blocks: blocks, inlines: inlineOutputs, notebookFailures: notebookFailures,
      compileSeconds: compileSeconds, runSeconds: runSeconds, reads: reads)
  }

  private func allowsErrors(_ index: Int) -> Bool {
    index < notebook.experiments.count && notebook.experiments[index].options.error
  }

  /// Crash reports that name notebook lines and stay short; the same OpenBLAS kernels everywhere.
  private static let environment =
    [
      "SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,sanitize=yes"
    ].merging(BLASCore.environment) { first, _ in first }
}
