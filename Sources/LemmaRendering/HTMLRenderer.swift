import Figures
import LemmaExecution
import LemmaNotebook

/// Renders a `Report` as one self-contained HTML page: inline CSS, no script, no request to
/// any other host.
public struct HTMLRenderer: Sendable {
  public init() {}

  public func render(_ report: Report) -> String {
    var page = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>\(HTMLText.escape(report.title))</title>
      <style>
      \(PageStyle.css)</style>
      </head>
      <body>
      <main>

      """
    page += header(report)
    page += body(report)
    page += footer(report)
    page += "</main>\n</body>\n</html>\n"
    return page
  }

  private func header(_ report: Report) -> String {
    var html = "<header class=\"report-header\">\n<h1 class=\"title\">\(HTMLText.escape(report.title))</h1>\n"
    if let summary = report.summary { html += "<p class=\"summary\">\(HTMLText.escape(summary))</p>\n" }
    let failures = report.unallowedFailures
    if failures.isEmpty {
      html += "<p class=\"status status-ok\">\(HTMLText.escape(report.tally))</p>\n"
    } else {
      html += "<div class=\"status status-failed\" role=\"alert\"><p><strong>This report has \(failures.count) "
      html += failures.count == 1 ? "error" : "errors"
      html += ".</strong></p>\n<ul>\n"
      for failure in failures {
        let text = HTMLText.escape(failure.headline)
        html += failure.anchor.map { "<li><a href=\"#\($0)\">\(text)</a></li>\n" } ?? "<li>\(text)</li>\n"
      }
      html += "</ul></div>\n"
    }
    return html + "</header>\n"
  }

  /// The report's content between header and footer: notebook-level failures, then the
  /// prose with cells and inline values in place.
  func body(_ report: Report) -> String {
    let document = MarkdownDocument(report.notebook.body)
    let blocksByLine = Dictionary(uniqueKeysWithValues: report.blocks.map { ($0.block.lines.lowerBound, $0) })
    var inlineIndex = 0
    for node in document.topLevelNodes {
      if node.kind == .codeBlock {
        if let block = blocksByLine[node.start.line] { document.replaceBlock(node, withRaw: cell(block)) }
        continue
      }
      for code in document.descendants(of: node) where code.kind == .code && InlineExpression.isInline(code.literal) {
        guard inlineIndex < report.inlines.count else { break }
        replaceInline(code, with: report.inlines[inlineIndex], in: document)
        inlineIndex += 1
      }
    }
    var html = report.notebookFailures.map { failureHTML($0) }.joined()
    html += document.html()
    return html
  }

  private func replaceInline(_ node: MarkdownNode, with inline: InlineReport, in document: MarkdownDocument) {
    switch inline {
    case .value(let text):
      document.replaceInline(node, withText: text)
    case .failed(let failure):
      document.replaceInline(
        node,
        withRawHTML:
          "<span class=\"inline-error\" id=\"\(failure.anchor ?? "")\" title=\"\(HTMLText.escape(failure.headline))\">"
          + "\(HTMLText.escape(node.literal)) ⚠ \(HTMLText.escape(failure.message))</span>")
    case .notRun:
      document.replaceInline(
        node,
        withRawHTML: "<span class=\"inline-missing\" title=\"not evaluated: an earlier block failed\">"
          + "\(HTMLText.escape(node.literal))</span>")
    }
  }

  private func cell(_ block: BlockReport) -> String {
    var html = "<section class=\"cell cell-\(block.state.rawValue)\" id=\"\(HTMLText.escape(block.anchor))\">\n"
    if block.showsCode {
      html +=
        "<pre class=\"code\"><code class=\"language-swift\">\(HTMLText.escape(block.block.displayCode))</code></pre>\n"
    }
    if block.showsOutput { html += outputs(block) }
    for failure in block.failures {
      html += failureHTML(failure, allowed: block.block.options.error)
    }
    switch block.state {
    case .notRun: html += "<p class=\"note\">Not run: an earlier block failed.</p>\n"
    case .skipped: html += "<p class=\"note\">Not run (<code>eval: false</code>).</p>\n"
    case .ran, .failed: break
    }
    return html + "</section>\n"
  }

  private func outputs(_ block: BlockReport) -> String {
    var html = ""
    for item in block.items {
      switch item {
      case .text(let text):
        html += "<pre class=\"stdout\"><samp>\(HTMLText.escape(text.trimmingTrailingNewlines))</samp></pre>\n"
      case .record(.figure(let figure)):
        html += "<figure class=\"figure\">\n\(figure.html())\n"
        if let caption = block.block.options.caption {
          html += "<figcaption>\(HTMLText.escape(caption))</figcaption>\n"
        }
        html += "</figure>\n"
      }
    }
    if !block.stderr.isEmpty {
      html += "<pre class=\"stderr\"><samp>\(HTMLText.escape(block.stderr.trimmingTrailingNewlines))</samp></pre>\n"
    }
    return html
  }

  private func failureHTML(_ failure: LocatedFailure, allowed: Bool = false) -> String {
    var html = "<div class=\"failure\(allowed ? " failure-allowed" : "")\" role=\"alert\">\n"
    html += "<p><strong>\(HTMLText.escape(failure.headline))</strong></p>\n"
    let excerpt = failure.excerpt
    let extra = [excerpt, failure.details.trimmingTrailingNewlines].filter { !$0.isEmpty }.joined(separator: "\n")
    if !extra.isEmpty { html += "<pre>\(HTMLText.escape(extra))</pre>\n" }
    if allowed {
      html += "<p class=\"note\">This block may fail (<code>error: true</code>); later blocks ran without it.</p>\n"
    }
    return html + "</div>\n"
  }

  private func footer(_ report: Report) -> String {
    var parts = ["Rendered by Lemma from <code>\(HTMLText.escape(report.notebook.path))</code>", "seed \(report.seed)"]
    if !report.params.isEmpty {
      let params = report.params.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
      parts.append("params: \(HTMLText.escape(params))")
    }
    return "<footer class=\"report-footer\"><p>\(parts.joined(separator: " · "))</p></footer>\n"
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var text = Substring(self)
    while text.hasSuffix("\n") { text = text.dropLast() }
    return String(text)
  }
}
