import Figures
import LemmaExecution
import LemmaNotebook

/// Renders a `Report` as GitHub-flavoured Markdown: the notebook's own prose, byte for byte,
/// with each block replaced by its code and outputs and each inline expression by its value.
public struct MarkdownRenderer: Sendable {
  public init() {}

  public func render(_ report: Report) -> String {
    var lines = report.notebook.source.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    substituteInlines(report, in: &lines)
    var output = ["# \(MarkdownText.escape(report.title))", ""]
    if let summary = report.summary { output += ["*\(MarkdownText.escape(summary))*", ""] }
    if !report.unallowedFailures.isEmpty {
      output.append("> **This report has \(report.unallowedFailures.count) error(s).**")
      output += report.unallowedFailures.map { "> - " + inlineCode($0.headline) }
      output.append("")
    }
    output += report.notebookFailures.map { failureMarkdown($0) + "\n" }
    let blocksByLine = Dictionary(uniqueKeysWithValues: report.blocks.map { ($0.block.lines.lowerBound, $0) })
    var line = (report.notebook.frontMatter.lines?.upperBound ?? 0) + 1
    while line <= lines.count, lines[line - 1].allSatisfy(\.isWhitespace) { line += 1 }
    while line <= lines.count {
      if let block = blocksByLine[line] {
        output.append(cell(block))
        line = block.block.lines.upperBound + 1
      } else {
        output.append(lines[line - 1])
        line += 1
      }
    }
    while output.last?.isEmpty == true { output.removeLast() }
    output += ["", "---", "", footer(report)]
    return output.joined(separator: "\n") + "\n"
  }

  /// Replaces each inline expression's code span by its value, right to left within a line so
  /// earlier columns stay valid.
  private func substituteInlines(_ report: Report, in lines: inout [String]) {
    let expressions = report.notebook.inlineExpressions
    for expression in expressions.reversed() where expression.spanStart.line == expression.spanEnd.line {
      let index = expression.spanStart.line - 1
      guard index < lines.count, expression.index < report.inlines.count else { continue }
      let bytes = Array(lines[index].utf8)
      let start = max(0, expression.spanStart.column - 1)
      let end = min(bytes.count, expression.spanEnd.column - 1)
      guard start <= end else { continue }
      let replacement: String
      switch report.inlines[expression.index] {
      case .value(let text): replacement = MarkdownText.escape(text)
      case .failed(let failure):
        replacement = "**⚠ `\(expression.expression)`: \(MarkdownText.escape(failure.message))**"
      case .notRun: replacement = "~~`\(expression.expression)`~~"
      }
      lines[index] =
        String(decoding: bytes[..<start], as: UTF8.self) + replacement + String(decoding: bytes[end...], as: UTF8.self)
    }
  }

  private func cell(_ block: BlockReport) -> String {
    var parts: [String] = []
    if block.showsCode { parts.append(fenced(block.block.displayCode, language: "swift")) }
    if block.showsOutput {
      for item in block.items {
        switch item {
        case .text(let text): parts.append(fenced(text.trimmingTrailingNewlines, language: "text"))
        case .record(.figure(let figure)):
          parts.append(figure.markdown())
          if let caption = block.block.options.caption { parts.append("*\(MarkdownText.escape(caption))*") }
        }
      }
      if !block.stderr.isEmpty { parts.append(fenced(block.stderr.trimmingTrailingNewlines, language: "text")) }
    }
    parts += block.failures.map(failureMarkdown)
    switch block.state {
    case .notRun: parts.append("*Not run: an earlier block failed.*")
    case .skipped: parts.append("*Not run (`eval: false`).*")
    case .ran, .failed: break
    }
    return parts.joined(separator: "\n\n")
  }

  private func failureMarkdown(_ failure: LocatedFailure) -> String {
    var text = "> **Error:** " + inlineCode(failure.headline)
    let extra = [failure.excerpt, failure.details.trimmingTrailingNewlines].filter { !$0.isEmpty }.joined(
      separator: "\n")
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
    var parts = ["Rendered by Lemma from `\(report.notebook.path)`", "seed \(report.seed)"]
    if !report.params.isEmpty {
      parts.append("params: " + report.params.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))
    }
    return "<sub>" + parts.joined(separator: " · ") + "</sub>"
  }
}
