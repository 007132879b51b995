import Figures
import LemmaExecution
import LemmaNotebook

/// Renders a `Report` as GitHub-flavoured Markdown: the notebook's own prose, byte for byte
/// (`Notebook.bodySegments()`), with each block replaced by its code and outputs, each inline
/// expression by its value and each `@fig-`/`@tbl-` reference by a link. Charts are images in
/// `<name>/<id>.svg`.
public struct MarkdownRenderer: Sendable {
  public init() {}

  /// The Markdown of `report`; with `links`, a line of links to the site's index and
  /// neighbours above the title and at the end.
  public func render(_ report: Report, links: SiteLinks? = nil) -> String {
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
    let body = report.notebook.bodySegments().map { segment in
      switch segment {
      case .source(let text): text
      case .experiment(let index): cell(report.blocks[index], report: report)
      case .inlineExpression(let index): inlineValue(report.notebook.inlineExpressions[index], report.inlines[index])
      case .crossReference(let index): crossReference(report.notebook.crossReferences[index], report)
      case .citation(let index): citation(report.notebook.citations[index], report.references)
      }
    }.joined()
    // The body without its trailing line feeds, then no empty line before the footer.
    var end = body.utf8.endIndex
    while end > body.utf8.startIndex, body.utf8[body.utf8.index(before: end)] == UInt8(ascii: "\n") {
      end = body.utf8.index(before: end)
    }
    if end > body.utf8.startIndex { output.append(String(body[..<end])) }
    while output.last?.isEmpty == true { output.removeLast() }
    if !report.references.entries.isEmpty {
      output += ["", "## References", ""]
      output += report.references.entries.map { entry in
        "\(entry.number). <a id=\"\(entry.anchor)\"></a>" + ReferenceText.markdown(entry.reference)
      }
    }
    output += ["", "---", "", footer(report)]
    if let links { output += ["", links.markdown] }
    return output.joined(separator: "\n") + "\n"
  }

  /// A reference as a link: `[Figure 2](#fig-x)`, `[Figure 2 of Title](other.md#fig-x)`.
  private func crossReference(_ reference: CrossReference, _ report: Report) -> String {
    guard reference.notebook != nil else {
      return "[\(report.referenceNames[reference.label] ?? reference.label)](#\(reference.label))"
    }
    let name = report.notebookLinks.targets[reference.target]?.name ?? reference.target
    return "[\(MarkdownText.escape(name))](\(reference.target))"
  }

  /// A citation as numbers linking to the References: `\[see [1](#ref-a), p. 3\]`.
  private func citation(_ citation: Citation, _ references: References) -> String {
    let items = citation.items.map { item -> String in
      guard let entry = references.entry(item.key) else { return MarkdownText.escape("@" + item.key) }
      return (item.prefix.isEmpty ? "" : MarkdownText.escape(item.prefix) + " ") + "[\(entry.number)](#\(entry.anchor))"
        + (item.locator.isEmpty ? "" : ", " + MarkdownText.escape(item.locator))
    }
    return "\\[" + items.joined(separator: "; ") + "\\]"
  }

  /// What an inline expression's span becomes: its value, or why it has none.
  private func inlineValue(_ expression: InlineExpression, _ inline: InlineReport) -> String {
    switch inline {
    case .value(let text): MarkdownText.escape(text)
    case .failed(let failure):
      "**⚠ \(inlineCode(expression.expression)): \(MarkdownText.escape(failure.message))**"
    case .notRun: "~~\(inlineCode(expression.expression))~~"
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
    let parts = report.footerParts(code: { shown, _ in "`\(shown)`" }, text: { $0 })
    return "<sub>" + parts.joined(separator: " · ") + "</sub>"
  }
}
