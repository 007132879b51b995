import Dispatch
import LemmaEngine
import LemmaExecution
import LemmaNotebook
import LemmaRendering
import LemmaSite
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Runs a list of notebooks on a few threads, printing one progress line per notebook as it
/// finishes, and writes their reports (`render`) or lists their claims (`check`). A notebook
/// that fails never stops the others.
struct RenderSession {
  /// What happened to the notebooks of one run.
  struct Summary {
    var rendered = 0
    var failed = 0
    var claimsPassed = 0
    var claimsFailed = 0
    /// `-P` names that no notebook declares.
    var unknownParams: Set<String> = []
    /// What each rendered notebook's report says, by notebook path, for a site's index.
    var digests: [String: ReportDigest] = [:]
    /// Every file the reports were written to.
    var written: Set<String> = []
    /// The first error of each notebook that failed, by path.
    var failures: [String: String] = [:]
  }

  let settings: ExecutionSettings
  let goal: NotebookPipeline.Goal
  let overrides: [String: String]
  let jobs: Int
  /// The site the notebooks belong to, for the navigation of their reports.
  var plan: SitePlan?
  /// What prose's raw HTML may do in the reports written.
  var rawHTML = RawHTML.filtered
  /// Whether to print failing claims and errors as GitHub Actions annotations too.
  var annotate = false
  /// Whether to print every warning, not only each notebook's first `warningLimit`.
  var allWarnings = false

  /// How many warnings of one notebook are printed before the rest are counted: a notebook
  /// with hundreds of broken links should not bury its progress line.
  static let warningLimit = 20

  func render(_ paths: [String]) -> Summary {
    let state = SharedState(
      total: paths.count, overrideNames: Set(overrides.keys), annotate: annotate,
      warningLimit: allWarnings ? nil : Self.warningLimit)
    let workers = max(1, min(jobs, paths.count))
    // The cores `jobs` allows that no other notebook is using go to each compile.
    var settings = settings
    settings.compileCores = max(1, min(jobs, ProcessInfo.processInfo.activeProcessorCount) / workers)
    let executor = NotebookExecutor(settings: settings)
    // With a worker per notebook the order changes nothing (and a lone large notebook is not
    // read twice).
    let queue = WorkQueue(paths.count > workers ? Self.longestFirst(paths) : paths)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let path = queue.next() {
        state.report(renderOne(path, executor: executor, state: state))
      }
    }
    return state.summary
  }

  /// `paths` with the notebooks that declare the longest time limit first (the others keep
  /// their order), so that a long notebook does not start last and run alone while the other
  /// workers idle. The limit is what a fresh checkout knows of a notebook's cost; a notebook
  /// that cannot be read sorts as the default and fails when it runs.
  static func longestFirst(_ paths: [String]) -> [String] {
    let limits = paths.map { path in
      (try? NotebookParser().frontMatter(contentsOf: path).timeout) ?? FrontMatter.defaultTimeout
    }
    return paths.indices.sorted { limits[$0] != limits[$1] ? limits[$0] > limits[$1] : $0 < $1 }.map { paths[$0] }
  }

  /// Runs one notebook through the pipeline and turns what became of it into its line.
  private func renderOne(_ path: String, executor: NotebookExecutor, state: SharedState) -> ProgressLine {
    let pipeline = NotebookPipeline(executor: executor, goal: goal, overrides: overrides, rawHTML: rawHTML)
    let result = pipeline.run(
      path, links: plan?.links(for: path), progress: { state.progress(path, $0) }, declared: state.declared)
    switch result.outcome {
    case .failed(let error):
      let place = error.location.map { "\(path):\($0.line)" } ?? path
      return ProgressLine(
        path: path, failures: [error.description], status: "FAILED", headline: "\(place): \(error.message)",
        annotations: [WorkflowAnnotation(path: path, location: error.location, title: "Lemma", message: error.message)])
    case .unchanged(let stamp):
      return ProgressLine(
        path: path, failures: [], status: "cached", warnings: result.warnings, claimsPassed: stamp.claimsPassed,
        claimsFailed: stamp.claimsFailed, digest: stamp.digest, written: stamp.files.map(\.path))
    case .reported(let report, let source):
      var line = line(for: report, source: source, result: result)
      line.warnings = result.warnings
      return line
    }
  }

  private func line(for report: Report, source: Execution.Source, result: NotebookResult) -> ProgressLine {
    let path = result.path
    let failures = report.unallowedFailures.map { failure in
      failure.excerpt.isEmpty ? failure.headline : failure.headline + "\n" + failure.excerpt
    }
    let ran = report.blocks.filter { $0.state == .ran }.count
    var status =
      source == .cached
      ? "cached" : "ran \(ran) block\(ran == 1 ? "" : "s") in \(cFormat("%.2f", result.seconds)) s"
    if !result.changedFiles.isEmpty {
      status += " (changed: \(result.changedFiles.joined(separator: ", ")))"
    }
    let headline = report.unallowedFailures.first.map { failure in
      (failure.location.map { "\(failure.path):\($0.line)" } ?? failure.path) + ": " + failure.message
    }
    let claims = report.claims
    var details: [String] = []
    if case .check = goal {
      status = "\(claims.filter(\.claim.passed).count) of \(claims.count) claims hold"
      details = claims.map { claim, location in
        let place = location.map { "\(path):\($0.line)" } ?? path
        return "  \(claim.passed ? "PASS" : "FAIL") \(place): \(claim.label): \(claim.evidence)"
      }
    }
    // A failed claim is usually an unallowed failure too: annotate it once, as a claim.
    let annotations =
      report.unallowedFailures.filter { $0.kind != .claim }.map { failure in
        WorkflowAnnotation(path: path, location: failure.location, title: "Lemma", message: failure.message)
      }
      + claims.filter { !$0.claim.passed }.map { claim, location in
        WorkflowAnnotation(
          path: path, location: location, title: "Claim failed", message: "\(claim.label): \(claim.evidence)")
      }
    return ProgressLine(
      path: path, failures: failures, status: status, headline: headline, details: details,
      annotations: annotations,
      claimsPassed: claims.filter(\.claim.passed).count, claimsFailed: claims.filter { !$0.claim.passed }.count,
      digest: ReportDigest(report), written: result.written)
  }
}

/// The paths still to run, handed out one at a time to whichever worker is free.
private final class WorkQueue: @unchecked Sendable {
  private let lock = Lock()
  private var remaining: ArraySlice<String>

  init(_ paths: [String]) { remaining = paths[...] }

  func next() -> String? {
    lock.lock()
    defer { lock.unlock() }
    return remaining.popFirst()
  }
}

/// One notebook's line of progress, and the errors printed under it.
struct ProgressLine {
  var path: String
  var failures: [String]
  var status: String
  /// `path:line:col: warning: message` lines, printed to standard error under the line.
  var warnings: [String] = []
  /// `path:line: message` of the first failure.
  var headline: String?
  /// Lines printed under the progress line (the claims, for `check`).
  var details: [String] = []
  /// The notebook's failing claims and errors, for a CI job.
  var annotations: [WorkflowAnnotation] = []
  var claimsPassed = 0
  var claimsFailed = 0
  /// The report's digest, when a report was built.
  var digest: ReportDigest?
  var written: [String] = []

  func text(number: Int, total: Int) -> String {
    let counter = "[\(number)/\(total)]"
    guard !failures.isEmpty else { return "\(counter) \(path)  \(status)" }
    return "\(counter) FAILED: \(headline ?? path)"
  }
}

/// Progress and results shared by the render threads.
private final class SharedState: @unchecked Sendable {
  private let lock = Lock()
  private let total: Int
  private let overrideNames: Set<String>
  private let annotate: Bool
  private let warningLimit: Int?
  private var finished = 0
  private var declaredNames: Set<String> = []
  private(set) var summaryValue = RenderSession.Summary()

  init(total: Int, overrideNames: Set<String>, annotate: Bool, warningLimit: Int?) {
    self.total = total
    self.overrideNames = overrideNames
    self.annotate = annotate
    self.warningLimit = warningLimit
  }

  var summary: RenderSession.Summary {
    lock.lock()
    defer { lock.unlock() }
    var summary = summaryValue
    summary.unknownParams = overrideNames.subtracting(declaredNames)
    return summary
  }

  func declared(_ names: [String]) {
    lock.lock()
    declaredNames.formUnion(names)
    lock.unlock()
  }

  /// Prints a progress line a running notebook reported, indented under the numbered lines.
  func progress(_ path: String, _ text: String) {
    lock.lock()
    defer { lock.unlock() }
    print("      \(path)  \(text)")
    fflush(stdout)
  }

  func report(_ line: ProgressLine) {
    lock.lock()
    defer { lock.unlock() }
    finished += 1
    if line.failures.isEmpty { summaryValue.rendered += 1 } else { summaryValue.failed += 1 }
    summaryValue.claimsPassed += line.claimsPassed
    summaryValue.claimsFailed += line.claimsFailed
    if let digest = line.digest { summaryValue.digests[line.path] = digest }
    if !line.failures.isEmpty { summaryValue.failures[line.path] = line.headline ?? line.failures[0] }
    summaryValue.written.formUnion(line.written)
    print(line.text(number: finished, total: total))
    for detail in line.details { print(detail) }
    if annotate { for annotation in line.annotations { print(annotation.command) } }
    let shown = warningLimit.map { Array(line.warnings.prefix($0)) } ?? line.warnings
    for text in shown { writeStandardError(text + "\n") }
    if shown.count < line.warnings.count {
      let more = line.warnings.count - shown.count
      let text =
        "\(line.path): warning: \(more) more warning\(more == 1 ? "" : "s") like these "
        + "(\(line.warnings.count) in all); --all-warnings prints every one\n"
      writeStandardError(text)
    }
    for text in line.failures { writeStandardError(text + "\n") }
    fflush(stdout)
  }
}
