import Foundation
import LemmaExecution
import LemmaNotebook
import LemmaRendering
import LemmaSite

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

  /// What a session does with each notebook's report.
  enum Goal {
    /// Write the HTML and Markdown reports into this folder (`render`, `publish`, `preview`).
    case render(into: String)
    /// Write nothing; list every claim with its line (`check`).
    case check

    var outputDirectory: String? {
      if case .render(let directory) = self { directory } else { nil }
    }
  }

  let settings: ExecutionSettings
  let goal: Goal
  let overrides: [String: String]
  let jobs: Int
  /// The site the notebooks belong to, for the navigation of their reports.
  var plan: SitePlan?

  func render(_ paths: [String]) -> Summary {
    let state = SharedState(total: paths.count, overrideNames: Set(overrides.keys))
    let executor = NotebookExecutor(settings: settings)
    let workers = max(1, min(jobs, paths.count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var index = worker
      while index < paths.count {
        let line = renderOne(paths[index], executor: executor, state: state)
        state.report(line)
        index += workers
      }
    }
    return state.summary
  }

  private func renderOne(_ path: String, executor: NotebookExecutor, state: SharedState) -> ProgressLine {
    let started = Date()
    let links = plan?.links(for: path)
    let notebook: Notebook
    let execution: Execution
    do throws(NotebookError) {
      notebook = try NotebookParser().parse(contentsOf: path)
      state.declared(notebook.frontMatter.params.map(\.name))
      if let unchanged = try unchangedReport(notebook, links: links, executor: executor) { return unchanged }
      execution = try executor.execute(notebook, overrides: overrides) { state.progress(path, $0) }
    } catch {
      let place = error.location.map { "\(path):\($0.line)" } ?? path
      return ProgressLine(
        path: path, failures: [error.description], status: "FAILED", headline: "\(place): \(error.message)")
    }
    let report = ReportBuilder().build(notebook, execution)
    var written: [String] = []
    do {
      if let outputDirectory = goal.outputDirectory {
        written = try ReportWriter(directory: outputDirectory).write(report, links: links)
      }
    } catch {
      let message = "cannot write the report: \(error)"
      return ProgressLine(
        path: path, failures: ["\(path): error: \(message)"], status: "FAILED", headline: "\(path): \(message)")
    }
    if let outputDirectory = goal.outputDirectory, report.unallowedFailures.isEmpty,
      let outputsKey = execution.cacheKey.nonEmpty
    {
      let key = RenderStamp.key(
        outputsKey: outputsKey, notebook: notebook.source, links: links, directory: outputDirectory)
      RenderStamp.save(
        key, in: settings.cache, written: written, digest: ReportDigest(report),
        claimsPassed: report.claims.filter(\.claim.passed).count,
        claimsFailed: report.claims.filter { !$0.claim.passed }.count)
    }
    let failures = report.unallowedFailures.map { failure in
      failure.excerpt.isEmpty ? failure.headline : failure.headline + "\n" + failure.excerpt
    }
    let seconds = Date().timeIntervalSince(started)
    let ran = report.blocks.filter { $0.state == .ran }.count
    var status =
      execution.source == .cached
      ? "cached" : "ran \(ran) block\(ran == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s"
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
    return ProgressLine(
      path: path, failures: failures, status: status, headline: headline, details: details,
      claimsPassed: claims.filter(\.claim.passed).count, claimsFailed: claims.filter { !$0.claim.passed }.count,
      digest: ReportDigest(report), written: written)
  }
}

extension RenderSession {
  /// When the notebook's outputs are cached and its report was written from exactly these
  /// outputs, prose and navigation and is untouched since, the line saying so (nothing to do).
  fileprivate func unchangedReport(_ notebook: Notebook, links: SiteLinks?, executor: NotebookExecutor)
    throws(NotebookError)
    -> ProgressLine?
  {
    guard let outputDirectory = goal.outputDirectory,
      let outputsKey = try executor.cachedOutputsKey(notebook, overrides: overrides)
    else {
      return nil
    }
    let key = RenderStamp.key(
      outputsKey: outputsKey, notebook: notebook.source, links: links,
      directory: outputDirectory)
    guard let stamp = RenderStamp.valid(key, in: settings.cache) else { return nil }
    return ProgressLine(
      path: notebook.path, failures: [], status: "cached", claimsPassed: stamp.claimsPassed,
      claimsFailed: stamp.claimsFailed, digest: stamp.digest, written: stamp.files.map(\.path))
  }
}

extension String {
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

/// One notebook's line of progress, and the errors printed under it.
struct ProgressLine {
  var path: String
  var failures: [String]
  var status: String
  /// `path:line: message` of the first failure.
  var headline: String?
  /// Lines printed under the progress line (the claims, for `check`).
  var details: [String] = []
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
  private let lock = NSLock()
  private let total: Int
  private let overrideNames: Set<String>
  private var finished = 0
  private var declaredNames: Set<String> = []
  private(set) var summaryValue = RenderSession.Summary()

  init(total: Int, overrideNames: Set<String>) {
    self.total = total
    self.overrideNames = overrideNames
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
    for failure in line.failures { FileHandle.standardError.write(Data((failure + "\n").utf8)) }
    fflush(stdout)
  }
}
