import LemmaExecution
import LemmaNotebook
import LemmaRendering
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One notebook through the named stages (`Stages.swift`): read, parse, execute, report and,
/// when rendering, write — skipping the last three when a render stamp says the report on
/// disk was written from exactly these outputs, prose and navigation.
public struct NotebookPipeline: Sendable {
  /// What a run does with each notebook's report.
  public enum Goal: Sendable {
    /// Write the HTML and Markdown reports into this folder (`render`, `publish`, `preview`).
    case render(into: String)
    /// Write nothing; the claims are what matter (`check`).
    case check
  }

  public let executor: NotebookExecutor
  public let goal: Goal
  /// `-P name=value` overrides of front-matter parameters.
  public let overrides: [String: String]
  /// What prose's raw HTML may do in HTML reports (`raw_html` of lemma.yml).
  public let rawHTML: RawHTML

  public init(executor: NotebookExecutor, goal: Goal, overrides: [String: String], rawHTML: RawHTML = .filtered) {
    self.executor = executor
    self.goal = goal
    self.overrides = overrides
    self.rawHTML = rawHTML
  }

  /// Runs the notebook at `path`. `links` is its site navigation; `progress` receives the
  /// program's progress lines; `declared` the parameter names the notebook declares.
  public func run(
    _ path: String, links: SiteLinks?, progress: @escaping @Sendable (String) -> Void,
    declared: ([String]) -> Void = { _ in }
  ) -> NotebookResult {
    let started = monotonicSeconds()
    do throws(NotebookError) {
      let notebook = try ParseStage(path: path).run(ReadStage().run(path))
      declared(notebook.frontMatter.params.map(\.name))
      let assets = try AssetStage().run(notebook)
      let references = try CitationStage().run(notebook)
      let notebookLinks = try LinkStage().run(notebook)
      let warnings = assets.warnings.map { $0.line(path: path) }
      let plan = try PlanStage(executor: executor, overrides: overrides).run(notebook)
      StageTimes.mark("planned")
      if let stamp = unchangedReport(
        notebook, plan: plan, assets: assets, prose: references.keyParts + notebookLinks.keyParts, links: links)
      {
        return NotebookResult(
          path: path, outcome: .unchanged(stamp), warnings: warnings, seconds: monotonicSeconds() - started)
      }
      // A page to write: its code is highlighted while the notebook compiles and runs.
      let highlights: CodeHighlights? = if case .render = goal { CodeHighlights(notebook) } else { nil }
      let execution = try ExecuteStage(executor: executor, progress: progress).run(notebook, plan)
      StageTimes.mark("executed")
      let report = ReportStage().run(notebook, execution, references, notebookLinks, highlights: highlights)
      var written: [String] = []
      if case .render(let directory) = goal {
        written = try WriteStage(directory: directory, links: links, rawHTML: rawHTML).run(report, assets: assets)
        AssetRecords(cache: executor.settings.cache, directory: directory).record(
          assets.assets.map(\.path), for: report.name)
        stamp(report, execution: execution, assets: assets, links: links, directory: directory, written: written)
      }
      StageTimes.mark("written")
      return NotebookResult(
        path: path, outcome: .reported(report, execution.source), written: written, warnings: warnings,
        changedFiles: execution.changedFiles, seconds: monotonicSeconds() - started)
    } catch {
      return NotebookResult(path: path, outcome: .failed(error), seconds: monotonicSeconds() - started)
    }
  }

  /// The stamp of a report on disk written from exactly these outputs, prose and navigation,
  /// untouched since; nil when the notebook must go through the stages.
  private func unchangedReport(
    _ notebook: Notebook, plan: ExecutionPlan, assets: ProseAssets, prose: [String], links: SiteLinks?
  ) -> RenderStamp? {
    guard case .render(let directory) = goal, let outputsKey = executor.cachedOutputsKey(plan) else { return nil }
    let key = RenderStamp.key(
      outputsKey: outputsKey, notebook: notebook.source, assets: assets, prose: prose, links: links,
      directory: directory, rawHTML: rawHTML)
    return RenderStamp.valid(key, in: executor.settings.cache)
  }

  /// Records what a render without errors wrote, so an unchanged rerun can skip it.
  private func stamp(
    _ report: Report, execution: Execution, assets: ProseAssets, links: SiteLinks?, directory: String,
    written: [String]
  ) {
    guard report.unallowedFailures.isEmpty, !execution.cacheKey.isEmpty else { return }
    let key = RenderStamp.key(
      outputsKey: execution.cacheKey, notebook: report.notebook.source, assets: assets,
      prose: report.references.keyParts + report.notebookLinks.keyParts, links: links, directory: directory,
      rawHTML: rawHTML)
    RenderStamp.save(
      key, in: executor.settings.cache, written: written, digest: ReportDigest(report),
      claimsPassed: report.claims.filter(\.claim.passed).count,
      claimsFailed: report.claims.filter { !$0.claim.passed }.count)
  }
}

/// What became of one notebook.
public struct NotebookResult: Sendable {
  public enum Outcome: Sendable {
    /// Its report on disk is up to date: nothing was run or written.
    case unchanged(RenderStamp)
    /// It ran (or came from the cache) and its report was built (and written, when rendering).
    case reported(Report, Execution.Source)
    /// It could not be read or parsed, its parameters were wrong, or its report not written.
    case failed(NotebookError)
  }

  public var path: String
  public var outcome: Outcome
  /// Every file written.
  public var written: [String] = []
  /// Problems that did not stop the render (a remote image, a missing linked file), as
  /// `path:line:col: warning: message` lines.
  public var warnings: [String] = []
  /// The `files:` data files that changed since the notebook last ran, when it ran again.
  public var changedFiles: [String] = []
  public var seconds: Double
}
