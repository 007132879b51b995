import Figures
import LemmaExecution
import LemmaMath
import LemmaNotebook

/// Resolves a notebook's outputs into a `Report`: program locations become notebook lines,
/// labelled blocks get figure and table numbers, charts get stable ids.
public struct ReportBuilder: Sendable {
  /// Lemma's version, shown in report footers.
  public static let lemmaVersion = "0.1.0"

  public init() {}

  public func build(
    _ notebook: Notebook, _ execution: Execution, references: References = References(),
    notebookLinks: NotebookLinks = NotebookLinks(), highlightedCode: [Int: String] = [:]
  ) -> Report {
    func sourceLine(_ number: Int) -> String? { notebook.lines.line(number).map(String.init) }
    let outputs = execution.outputs
    let experiments = notebook.experiments
    let numbering = Numbering(experiments)

    func locate(_ failure: Failure, anchor: String?) -> LocatedFailure {
      let location = failure.location.flatMap(notebook.sourceLocation(of:))
      return LocatedFailure(
        kind: failure.kind, path: notebook.path, location: location, message: failure.message,
        details: failure.details, sourceLine: location.flatMap { sourceLine($0.line) }, anchor: anchor)
    }

    var chartIDs = ChartIDs(labels: Set(experiments.compactMap(\.options.label)))
    let blocks = experiments.map { block -> BlockReport in
      let anchor = block.options.label ?? "cell-\(block.index + 1)"
      let output = outputs.blocks.first { $0.index == block.index } ?? BlockOutput(index: block.index, state: .notRun)
      let chartCount = output.items.filter { if case .record(.figure(.chart)) = $0 { true } else { false } }.count
      let items = output.items.map { item -> ReportItem in
        switch item {
        case .text(let text): return .text(text)
        case .record(.figure(.table(let table))): return .table(table)
        case .record(.figure(.chart(let chart))):
          return .chart(chart, id: chartIDs.next(label: block.options.label, chartsInBlock: chartCount))
        case .record(.claim(let claim)):
          let location = claim.location.flatMap(notebook.sourceLocation(of:))
          return .claim(claim, location: location)
        }
      }
      return BlockReport(
        block: block, state: output.state, items: items, caption: numbering.caption(of: block), stderr: output.stderr,
        failures: output.failures.map { locate($0, anchor: anchor) }, anchor: anchor,
        highlightedCode: highlightedCode[block.index])
    }
    let inlines = notebook.inlineExpressions.map { expression -> InlineReport in
      let output = outputs.inlines.first { $0.index == expression.index }
      if let text = output?.text { return .value(text) }
      if let failure = output?.failure { return .failed(locate(failure, anchor: "inline-\(expression.index + 1)")) }
      return .notRun
    }
    // A formula written twice is converted once.
    var converted: [String: String] = [:]
    let math = notebook.mathSpans.map { span -> MathReport in
      let key = (span.display ? "$$" : "$") + span.tex
      if span.problem == nil, let xml = converted[key] { return .mathML(xml) }
      let report = MathReport(span, notebook: notebook)
      if case .mathML(let xml) = report { converted[key] = xml }
      return report
    }
    let notebookFailures = outputs.notebookFailures.map { locate($0, anchor: nil) }
    var unallowed = notebookFailures
    for report in blocks where !report.block.options.error { unallowed += report.failures }
    for case .failed(let failure) in inlines { unallowed.append(failure) }
    for case .failed(let failure) in math { unallowed.append(failure) }
    unallowed.sort {
      ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
    }
    return Report(
      notebook: notebook, title: notebook.title, summary: notebook.frontMatter.summary, blocks: blocks,
      inlines: inlines, math: math, references: references, notebookLinks: notebookLinks,
      notebookFailures: notebookFailures,
      unallowedFailures: unallowed,
      params: execution.params,
      seed: notebook.frontMatter.seed, inputsKey: execution.inputsKey, swiftVersion: execution.swiftVersion,
      referenceNames: numbering.names)
  }
}

/// Numbers labelled blocks in document order: `fig-` labels as figures, `tbl-` as tables.
struct Numbering {
  /// "Figure 2" or "Table 1" by label.
  private(set) var names: [String: String] = [:]

  init(_ blocks: [ExperimentBlock]) {
    var counts: [String: Int] = [:]
    for block in blocks {
      guard let label = block.options.label,
        let (prefix, word) = CrossReference.kinds.first(where: { label.hasPrefix($0.key) })
      else { continue }
      counts[prefix, default: 0] += 1
      names[label] = "\(word) \(counts[prefix]!)"
    }
  }

  /// The caption under a block's figures: numbered when its label is a figure or table label.
  func caption(of block: ExperimentBlock) -> String? {
    let name = block.options.label.flatMap { names[$0] }
    switch (name, block.options.caption) {
    case (let name?, let caption?): return "\(name): \(caption)"
    case (let name?, nil): return name
    case (nil, let caption): return caption
    }
  }
}

/// Stable, unique ids for charts: the block's label (with `-2`, `-3` for further charts in the
/// same block), or `fig-N` for the N-th chart of the report.
struct ChartIDs {
  let labels: Set<String>
  private var used: Set<String> = []
  private var count = 0
  private var perLabel: [String: Int] = [:]

  init(labels: Set<String>) { self.labels = labels }

  mutating func next(label: String?, chartsInBlock: Int) -> String {
    count += 1
    var id: String
    if let label {
      perLabel[label, default: 0] += 1
      let index = perLabel[label]!
      id = chartsInBlock > 1 && index > 1 ? "\(label)-\(index)" : label
    } else {
      id = "fig-\(count)"
    }
    while used.contains(id) || (label == nil && labels.contains(id)) { id += "-chart" }
    used.insert(id)
    return id
  }
}

extension MathReport {
  /// A formula converted to MathML; a TeX error located at its notebook line and column.
  init(_ span: MathSpan, notebook: Notebook) {
    func failure(_ location: SourceLocation, _ message: String, _ hint: String) -> LocatedFailure {
      LocatedFailure(
        kind: .notebook, path: notebook.path, location: location, message: message, details: hint,
        sourceLine: notebook.lines.line(location.line).map(String.init), anchor: "math-\(span.index + 1)")
    }
    if let problem = span.problem {
      self = .failed(
        failure(
          span.start, problem,
          "close it with `$$` (a line in it that starts with `- `, `+ `, `#` or `>` ends the paragraph: "
            + "start that line with `{}`), or write `\\$\\$` for two dollar signs"))
      return
    }
    do {
      self = .mathML(try TeXMath.mathML(span.tex, display: span.display))
    } catch {
      self = .failed(failure(span.location(ofOffset: error.offset), error.message, error.hint))
    }
  }
}
