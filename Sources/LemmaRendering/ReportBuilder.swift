import LemmaExecution
import LemmaNotebook

/// Resolves a notebook's outputs into a `Report`: program locations become notebook lines.
public struct ReportBuilder: Sendable {
  public init() {}

  public func build(_ notebook: Notebook, _ execution: Execution) -> Report {
    let lines = notebook.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let outputs = execution.outputs
    let experiments = notebook.experiments

    func locate(_ failure: Failure, anchor: String?) -> LocatedFailure {
      let location = failure.location.flatMap(notebook.sourceLocation(of:))
      let sourceLine = location.flatMap { $0.line <= lines.count ? lines[$0.line - 1] : nil }
      return LocatedFailure(
        kind: failure.kind, path: notebook.path, location: location, message: failure.message,
        details: failure.details, sourceLine: sourceLine.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 },
        anchor: anchor)
    }

    let blocks = experiments.map { block -> BlockReport in
      let anchor = block.options.label ?? "cell-\(block.index + 1)"
      let output = outputs.blocks.first { $0.index == block.index } ?? BlockOutput(index: block.index, state: .notRun)
      return BlockReport(
        block: block, state: output.state, items: output.items, stderr: output.stderr,
        failures: output.failures.map { locate($0, anchor: anchor) }, anchor: anchor)
    }
    let inlines = notebook.inlineExpressions.map { expression -> InlineReport in
      let output = outputs.inlines.first { $0.index == expression.index }
      if let text = output?.text { return .value(text) }
      if let failure = output?.failure { return .failed(locate(failure, anchor: "inline-\(expression.index + 1)")) }
      return .notRun
    }
    let notebookFailures = outputs.notebookFailures.map { locate($0, anchor: nil) }
    var unallowed = notebookFailures
    for report in blocks where !report.block.options.error { unallowed += report.failures }
    for case .failed(let failure) in inlines { unallowed.append(failure) }
    unallowed.sort {
      ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
    }
    return Report(
      notebook: notebook, title: notebook.title, summary: notebook.frontMatter.summary, blocks: blocks,
      inlines: inlines, notebookFailures: notebookFailures, unallowedFailures: unallowed,
      params: execution.params, seed: notebook.frontMatter.seed, outputsKey: execution.cacheKey)
  }
}
