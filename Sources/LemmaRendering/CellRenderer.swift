import Figures
import LemmaExecution
import LemmaNotebook

/// One experiment block as HTML: folded code, outputs with figures and captions, failures.
struct CellRenderer {
  let block: BlockReport

  func html() -> String {
    var html = "<section class=\"cell cell-\(block.state.rawValue)\" id=\"\(HTMLText.escape(block.anchor))\">\n"
    html += "<details class=\"code\"\(block.showsCode ? " open" : "")><summary>Code</summary>\n"
    html +=
      "<pre class=\"code\"><code class=\"language-swift\">\(block.highlightedCode ?? SwiftHighlighter.html(block.block.displayCode))</code></pre>\n"
    html += "</details>\n"
    if block.showsOutput { html += outputs() }
    // A failed claim shows as its own red line among the outputs, not again as a failure box.
    for failure in block.failures where failure.kind != .claim || !block.showsOutput {
      html += Self.failureHTML(failure, allowed: block.block.options.error)
    }
    switch block.state {
    case .notRun: html += "<p class=\"note\">Not run: an earlier block failed.</p>\n"
    case .skipped: html += "<p class=\"note\">Not run (<code>eval: false</code>).</p>\n"
    case .ran, .failed: break
    }
    return html + "</section>\n"
  }

  private func outputs() -> String {
    var html = ""
    var captioned = false
    var inClaimList = false
    for item in block.items {
      if case .claim = item {
        if !inClaimList { html += "<ul class=\"claims\">\n" }
        inClaimList = true
      } else if inClaimList {
        html += "</ul>\n"
        inClaimList = false
      }
      switch item {
      case .claim(let claim, let location):
        html += Self.claimHTML(claim, location: location)
      case .text(let text):
        html +=
          "<pre class=\"stdout\"\(Self.scrollStyle(text))><samp>\(HTMLText.escape(text.trimmingTrailingNewlines))</samp></pre>\n"
      case .table(var table):
        if !captioned, let caption = block.caption {
          table.caption = table.caption.map { "\(caption). \($0)" } ?? caption
          captioned = true
        }
        html += "<div class=\"table-wrap\">\n\(table.html())\n</div>\n"
      case .chart(let chart, let id):
        html += "<figure class=\"figure\">\n"
        html += ChartRenderer(id: id, altText: block.block.options.alt).svg(chart)
        if !captioned, let caption = block.caption {
          html += "<figcaption>\(HTMLText.escape(caption))</figcaption>\n"
          captioned = true
        }
        html += "<details class=\"data\"><summary>Data</summary>\n\(chart.dataTable().html())\n</details>\n"
        html += "</figure>\n"
      }
    }
    if inClaimList { html += "</ul>\n" }
    if !block.stderr.isEmpty {
      html += "<pre class=\"stderr\"><samp>\(HTMLText.escape(block.stderr.trimmingTrailingNewlines))</samp></pre>\n"
    }
    if !captioned, let caption = block.caption, !block.items.isEmpty {
      html += "<p class=\"caption\">\(HTMLText.escape(caption))</p>\n"
    }
    return html
  }

  /// Long printed output (up to 2,200 kept lines) scrolls in a box of about 40 lines instead
  /// of making the page thousands of lines long; short output is left as it was.
  static func scrollStyle(_ text: String) -> String {
    var lines = 0
    for byte in text.utf8 where byte == UInt8(ascii: "\n") {
      lines += 1
      if lines > 100 { return " style=\"max-height: 40em; overflow: auto\"" }
    }
    return ""
  }

  static func claimHTML(_ claim: Claim, location: SourceLocation?) -> String {
    let mark = claim.passed ? "✓" : "✗"
    let state = claim.passed ? "pass" : "fail"
    let line = location.map { " <span class=\"claim-line\">line \($0.line)</span>" } ?? ""
    return
      "<li class=\"claim claim-\(state)\"><span class=\"claim-mark\" aria-label=\"\(claim.passed ? "holds" : "fails")\">"
      + "\(mark)</span> <strong>\(HTMLText.escape(claim.label))</strong>: \(HTMLText.escape(claim.evidence))\(line)</li>\n"
  }

  static func failureHTML(_ failure: LocatedFailure, allowed: Bool) -> String {
    var html = "<div class=\"failure\(allowed ? " failure-allowed" : "")\" role=\"alert\">\n"
    html += "<p><strong>\(HTMLText.escape(failure.headline))</strong></p>\n"
    let extra = [failure.excerpt, failure.details.trimmingTrailingNewlines].filter { !$0.isEmpty }
      .joined(separator: "\n")
    if !extra.isEmpty { html += "<pre>\(HTMLText.escape(extra))</pre>\n" }
    if allowed {
      html += "<p class=\"note\">This block may fail (<code>error: true</code>); later blocks ran without it.</p>\n"
    }
    return html + "</div>\n"
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var text = Substring(self)
    while text.hasSuffix("\n") { text = text.dropLast() }
    return String(text)
  }
}
