import Figures
import LemmaExecution
import LemmaNotebook

/// What a report shows, resolved from a notebook and its outputs: the one model both the HTML
/// and the Markdown renderer format.
public struct Report: Sendable {
  public var notebook: Notebook
  public var title: String
  public var summary: String?
  /// One entry per experiment block, by index.
  public var blocks: [BlockReport]
  /// One entry per inline expression, by index.
  public var inlines: [InlineReport]
  /// One entry per formula (`Notebook.mathSpans`), by index.
  public var math: [MathReport] = []
  /// The works the prose cites, numbered, for citations and the References list.
  public var references = References()
  /// What references into other notebooks read and where they point.
  public var notebookLinks = NotebookLinks()
  /// Failures that belong to no block.
  public var notebookFailures: [LocatedFailure]
  /// Every failure that fails the render, in document order.
  public var unallowedFailures: [LocatedFailure]
  public var params: [(name: String, value: ParamValue)]
  public var seed: UInt64
  /// Identifies the program, seed, parameters and time limit (the same on every machine).
  public var inputsKey: String
  public var swiftVersion: String
  /// What `@fig-x` and `@tbl-x` read ("Figure 2") by label.
  public var referenceNames: [String: String]

  /// Every chart in the report with its file-safe id, in order.
  public var charts: [(id: String, chart: Chart, alt: String?)] {
    blocks.flatMap { block in
      block.items.compactMap { item in
        if case .chart(let chart, let id) = item { (id, chart, block.block.options.alt) } else { nil }
      }
    }
  }

  /// Every claim in the report, in order, with the notebook line of its call.
  public var claims: [(claim: Claim, location: SourceLocation?)] {
    blocks.flatMap { block in
      block.items.compactMap { item in
        if case .claim(let claim, let location) = item { (claim, location) } else { nil }
      }
    }
  }

  /// One sentence on how the claims and blocks fared: "12 of 12 claims hold; 4 blocks ran."
  public var tally: String {
    func count(_ state: BlockOutput.State) -> Int { blocks.filter { $0.state == state }.count }
    let ran = count(.ran)
    var parts: [String] = []
    let claims = self.claims
    if !claims.isEmpty {
      let held = claims.filter(\.claim.passed).count
      parts.append("\(held) of \(claims.count) \(claims.count == 1 ? "claim holds" : "claims hold")")
    }
    parts.append("\(ran) \(ran == 1 ? "block" : "blocks") ran")
    if count(.failed) > 0 {
      parts.append("\(count(.failed)) failed" + (unallowedFailures.isEmpty ? " as allowed" : ""))
    }
    if count(.notRun) > 0 { parts.append("\(count(.notRun)) not run") }
    if count(.skipped) > 0 { parts.append("\(count(.skipped)) not evaluated") }
    return parts.joined(separator: "; ") + "."
  }

  /// The footer's parts — Lemma's version and the notebook, the seed, the parameters, the
  /// compiler, the inputs key — with `code(shown, full)` formatting code (a path, a key shown
  /// shortened) and `text` escaping plain text; each renderer joins them its own way.
  public func footerParts(code: (_ shown: String, _ full: String) -> String, text: (String) -> String) -> [String] {
    var parts = ["Rendered by Lemma \(ReportBuilder.lemmaVersion) from " + code(notebook.path, notebook.path)]
    parts.append("seed \(seed)")
    if !params.isEmpty {
      parts.append("params: " + text(params.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")))
    }
    if !swiftVersion.isEmpty { parts.append(text(swiftVersion)) }
    if !inputsKey.isEmpty { parts.append("inputs " + code(String(inputsKey.prefix(12)), inputsKey)) }
    return parts
  }

  /// The report's file name without extension: the notebook's, without `.md`.
  public var name: String { Notebook.name(of: notebook.path) }
}

/// What one experiment block shows.
public struct BlockReport: Sendable {
  public var block: ExperimentBlock
  public var state: BlockOutput.State
  public var items: [ReportItem]
  /// "Figure 2: caption", "Table 1: caption", the bare caption, or nil.
  public var caption: String?
  public var stderr: String
  public var failures: [LocatedFailure]
  /// The id its HTML section gets: the label when it has one.
  public var anchor: String
  /// Its code highlighted as HTML when that was done ahead (`CodeHighlights`); nil to
  /// highlight it when the page is written.
  public var highlightedCode: String?

  public var showsCode: Bool { block.options.echo }
  public var showsOutput: Bool { block.options.output }
}

/// One thing a block shows, in order.
public enum ReportItem: Sendable {
  case text(String)
  case table(Table)
  /// A chart and its id: its anchor and, in Markdown output, its file name.
  case chart(Chart, id: String)
  /// A checked claim and the notebook line of its `claim(...)` call.
  case claim(Claim, location: SourceLocation?)
}

/// An inline expression's text, or why it has none.
public enum InlineReport: Sendable {
  case value(String)
  case failed(LocatedFailure)
  case notRun
}

/// A formula's MathML, or why it has none.
public enum MathReport: Sendable {
  case mathML(String)
  case failed(LocatedFailure)
}

/// A failure with its notebook location and the source line it points at.
public struct LocatedFailure: Sendable, Equatable {
  public var kind: Failure.Kind
  public var path: String
  public var location: SourceLocation?
  public var message: String
  public var details: String
  /// The notebook line at `location`, for an excerpt with a caret.
  public var sourceLine: String?
  /// The anchor of the block it belongs to, for links from the summary.
  public var anchor: String?

  /// `path:line:col: error: message`, as a compiler would write it.
  public var headline: String {
    NotebookError.headline(path: path, location: location, label: kind == .timeout ? "timeout" : nil, message: message)
  }

  /// The source line with a caret under the column, as compilers show it; empty without one.
  public var excerpt: String {
    guard let location, let sourceLine else { return "" }
    let number = String(location.line)
    let gutter = String(repeating: " ", count: number.count)
    let prefix = sourceLine.utf8.prefix(max(0, location.column - 1))
    let padding = String(decoding: prefix, as: UTF8.self).map { $0 == "\t" ? "\t" : " " }.joined()
    return "\(number) | \(sourceLine)\n\(gutter) | \(padding)^"
  }
}
