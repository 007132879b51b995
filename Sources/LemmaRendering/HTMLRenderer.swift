import Figures
import LemmaExecution
import LemmaNotebook

/// Renders a `Report` as one self-contained HTML page: inline CSS and SVG, no script, no
/// request to any other host.
public struct HTMLRenderer: Sendable {
  /// What prose's raw HTML and link targets may do (safe by default).
  public var rawHTML: RawHTML

  public init(rawHTML: RawHTML = .filtered) { self.rawHTML = rawHTML }

  /// The page of `report`; with `links`, a navigation bar to the site's index and neighbours
  /// above the title and below the footer.
  public func render(_ report: Report, links: SiteLinks? = nil) -> String {
    String(decoding: page(report, links: links), as: UTF8.self)
  }

  /// `render`'s page as UTF-8 bytes, as it is written to disk (a multi-megabyte report is
  /// not copied into a `String` and back).
  public func page(_ report: Report, links: SiteLinks? = nil) -> [UInt8] {
    let body = BodyRenderer(report: report, rawHTML: rawHTML).render()
    let head = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>\(HTMLText.escape(report.title))</title>
      <style>
      \(PageStyle.css)\(body.hasAlerts ? PageStyle.alertCSS : "")\(body.hasTables ? PageStyle.tableCSS : "")\(body.hasFootnotes ? PageStyle.footnoteCSS : "")\(body.hasMath ? PageStyle.mathCSS : "")\(body.hasReferences ? PageStyle.referenceCSS : "")</style>
      </head>
      <body>
      <main>

      """
    let navigation = links?.html ?? ""
    var page: [UInt8] = []
    page.reserveCapacity(head.utf8.count + body.html.count + 16_384)
    page += head.utf8
    page += navigation.utf8
    page += header(report, headings: body.headings).utf8
    page += body.html
    page += footer(report).utf8
    page += navigation.utf8
    page += "</main>\n</body>\n</html>\n".utf8
    return page
  }

  /// The report's content between header and footer: notebook-level failures, then the
  /// prose with cells and inline values in place.
  func body(_ report: Report) -> String {
    String(decoding: BodyRenderer(report: report, rawHTML: rawHTML).render().html, as: UTF8.self)
  }

  private func header(_ report: Report, headings: [Heading]) -> String {
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
    let contents = headings.filter { $0.level == 2 || $0.level == 3 }
    if contents.count >= 2 {
      html += "<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ul>\n"
      for heading in contents {
        html +=
          "<li class=\"toc-\(heading.level)\"><a href=\"#\(heading.id)\">\(HTMLText.escape(heading.text))</a></li>\n"
      }
      html += "</ul>\n</nav>\n"
    }
    return html + "</header>\n"
  }

  private func footer(_ report: Report) -> String {
    let parts = report.footerParts(
      code: { shown, full in
        let title = shown == full ? "" : " title=\"\(HTMLText.escape(full))\""
        return "<code\(title)>\(HTMLText.escape(shown))</code>"
      }, text: HTMLText.escape)
    return "<footer class=\"report-footer\"><p>\(parts.joined(separator: " · "))</p></footer>\n"
  }
}
