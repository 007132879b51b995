import Figures
import LemmaExecution
import LemmaNotebook

/// Renders a `Report` as GitHub-flavoured Markdown: the notebook's own prose, byte for byte,
/// with each block replaced by its code and outputs, each inline expression by its value and
/// each `@fig-`/`@tbl-` reference by a link. Charts are images in `<name>/<id>.svg`.
public struct MarkdownRenderer: Sendable {
  public init() {}

  /// The Markdown of `report`; with `links`, a line of links to the site's index and
  /// neighbours above the title and at the end.
  public func render(_ report: Report, links: SiteLinks? = nil) -> String {
    var lines = report.notebook.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    apply(edits(report), to: &lines)
    var output = links.map { [$0.markdown, ""] } ?? []
    output += ["# \(MarkdownText.escape(report.title))", ""]
    if let summary = report.summary { output += ["*\(MarkdownText.escape(summary))*", ""] }
    if !report.unallowedFailures.isEmpty {
      output.append("> **This report has \(report.unallowedFailures.count) error(s).**")
      output += report.unallowedFailures.map { "> - " + inlineCode($0.headline) }
      output.append("")
    } else {
      output += [report.tally, ""]
    }
    output += report.notebookFailures.map { failureMarkdown($0) + "\n" }
    let blocksByLine = Dictionary(uniqueKeysWithValues: report.blocks.map { ($0.block.lines.lowerBound, $0) })
    var line = (report.notebook.frontMatter.lines?.upperBound ?? 0) + 1
    while line <= lines.count, lines[line - 1].allSatisfy(\.isWhitespace) { line += 1 }
    while line <= lines.count {
      if let block = blocksByLine[line] {
        output.append(cell(block, report: report))
        line = block.block.lines.upperBound + 1
      } else {
        output.append(lines[line - 1])
        line += 1
      }
    }
    while output.last?.isEmpty == true { output.removeLast() }
    output += ["", "---", "", footer(report)]
    if let links { output += ["", links.markdown] }
    return output.joined(separator: "\n") + "\n"
  }

  /// A replacement of bytes `start..<end` (0-based) on one line.
  private struct Edit {
    var line: Int
    var start: Int
    var end: Int
    var text: String
  }

  /// Inline values and cross-reference links, as edits of the source lines.
  private func edits(_ report: Report) -> [Edit] {
    var edits: [Edit] = []
    for expression in report.notebook.inlineExpressions
    where expression.spanStart.line == expression.spanEnd.line && expression.index < report.inlines.count {
      let replacement: String
      switch report.inlines[expression.index] {
      case .value(let text): replacement = MarkdownText.escape(text)
      case .failed(let failure):
        replacement = "**⚠ \(inlineCode(expression.expression)): \(MarkdownText.escape(failure.message))**"
      case .notRun: replacement = "~~\(inlineCode(expression.expression))~~"
      }
      edits.append(
        Edit(
          line: expression.spanStart.line, start: expression.spanStart.column - 1, end: expression.spanEnd.column - 1,
          text: replacement))
    }
    for reference in report.notebook.crossReferences {
      let name = report.referenceNames[reference.label] ?? reference.label
      let start = reference.location.column - 1
      edits.append(
        Edit(
          line: reference.location.line, start: start, end: start + 1 + reference.label.utf8.count,
          text: "[\(name)](#\(reference.label))"))
    }
    return edits
  }

  /// Applies edits right to left within each line, so earlier columns stay valid.
  private func apply(_ edits: [Edit], to lines: inout [String]) {
    for edit in edits.sorted(by: { ($0.line, $0.start) > ($1.line, $1.start) }) {
      guard edit.line >= 1, edit.line <= lines.count else { continue }
      let bytes = Array(lines[edit.line - 1].utf8)
      guard edit.start >= 0, edit.start <= edit.end, edit.end <= bytes.count else { continue }
      lines[edit.line - 1] =
        String(decoding: bytes[..<edit.start], as: UTF8.self) + edit.text
        + String(decoding: bytes[edit.end...], as: UTF8.self)
    }
  }

  private func cell(_ block: BlockReport, report: Report) -> String {
    var parts: [String] = []
    if block.block.options.label != nil { parts.append("<a id=\"\(block.anchor)\"></a>") }
    if block.showsCode { parts.append(fenced(block.block.displayCode, language: "swift")) }
    if block.showsOutput {
      for item in block.items {
        switch item {
        case .text(let text): parts.append(fenced(text.trimmingTrailingNewlines, language: "text"))
        case .table(let table): parts.append(table.markdown())
        case .chart(let chart, let id):
          let alt = block.block.options.alt ?? block.caption ?? chart.title ?? "Chart \(id)"
          parts.append("![\(MarkdownText.escape(alt))](\(report.name)/\(id).svg)")
        case .claim(let claim, _):
          let line =
            "- \(claim.passed ? "✅" : "❌") **\(MarkdownText.escape(claim.label))**: \(MarkdownText.escape(claim.evidence))"
          // Consecutive claims form one list.
          if let last = parts.last, last.hasPrefix("- ✅") || last.hasPrefix("- ❌") {
            parts[parts.count - 1] = last + "\n" + line
          } else {
            parts.append(line)
          }
        }
      }
      if let caption = block.caption, !block.items.isEmpty { parts.append("*\(MarkdownText.escape(caption))*") }
      if !block.stderr.isEmpty { parts.append(fenced(block.stderr.trimmingTrailingNewlines, language: "text")) }
    }
    parts += block.failures.filter { $0.kind != .claim || !block.showsOutput }.map(failureMarkdown)
    switch block.state {
    case .notRun: parts.append("*Not run: an earlier block failed.*")
    case .skipped: parts.append("*Not run (`eval: false`).*")
    case .ran, .failed: break
    }
    return parts.joined(separator: "\n\n")
  }

  private func failureMarkdown(_ failure: LocatedFailure) -> String {
    var text = "> **Error:** " + inlineCode(failure.headline)
    let extra = [failure.excerpt, failure.details.trimmingTrailingNewlines].filter { !$0.isEmpty }
      .joined(separator: "\n")
    if !extra.isEmpty {
      text +=
        "\n>\n"
        + fenced(extra, language: "text").split(separator: "\n", omittingEmptySubsequences: false)
        .map { "> " + $0 }.joined(separator: "\n")
    }
    return text
  }

  /// A fenced code block whose fence is longer than any backtick run inside.
  private func fenced(_ code: String, language: String) -> String {
    let fence = String(repeating: "`", count: max(3, longestBacktickRun(code) + 1))
    return "\(fence)\(language)\n\(code)\n\(fence)"
  }

  /// A code span that shows `text` literally, whatever backticks it holds.
  private func inlineCode(_ text: String) -> String {
    let ticks = String(repeating: "`", count: longestBacktickRun(text) + 1)
    let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
    return ticks + padding + text + padding + ticks
  }

  private func longestBacktickRun(_ text: String) -> Int {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    return longest
  }

  private func footer(_ report: Report) -> String {
    var parts = [
      "Rendered by Lemma \(ReportBuilder.lemmaVersion) from `\(report.notebook.path)`", "seed \(report.seed)",
    ]
    if !report.params.isEmpty {
      parts.append("params: " + report.params.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))
    }
    if !report.swiftVersion.isEmpty { parts.append(report.swiftVersion) }
    if !report.inputsKey.isEmpty { parts.append("inputs `\(report.inputsKey.prefix(12))`") }
    return "<sub>" + parts.joined(separator: " · ") + "</sub>"
  }
}
