import Figures

/// The index of a published site, as an HTML page and as Markdown: every report in the site's
/// order with its summary, claims tally and first figure. Links are relative.
public struct SiteIndexRenderer: Sendable {
  public var title: String
  public var reports: [ReportDigest]

  public init(title: String, reports: [ReportDigest]) {
    self.title = title
    self.reports = reports
  }

  private var overview: String {
    let claims = reports.reduce(0) { $0 + $1.claims }
    let held = reports.reduce(0) { $0 + $1.claimsHeld }
    let failed = reports.filter(\.failed).count
    var text = "\(reports.count) \(reports.count == 1 ? "report" : "reports") · \(held) of \(claims) claims hold"
    if failed > 0 { text += " · \(failed) with errors" }
    return text
  }

  public func html() -> String {
    var page = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>\(HTMLText.escape(title))</title>
      <style>
      \(PageStyle.css)</style>
      </head>
      <body>
      <main class="site-index-page">
      <header class="report-header">
      <h1 class="title">\(HTMLText.escape(title))</h1>
      <p class="summary">\(HTMLText.escape(overview))</p>
      </header>
      <ol class="report-list">

      """
    for report in reports {
      page += "<li class=\"report-card\">\n"
      if let thumbnail = report.thumbnail {
        page += "<a class=\"thumbnail\" href=\"\(report.name).html\" tabindex=\"-1\">"
        page +=
          "<img src=\"\(thumbnail.path)\" alt=\"\(HTMLText.escape(thumbnail.alt))\" width=\"192\" height=\"120\"></a>\n"
      }
      page += "<div class=\"card-text\">\n"
      page += "<h2><a href=\"\(report.name).html\">\(HTMLText.escape(report.title))</a></h2>\n"
      if let summary = report.summary { page += "<p class=\"summary\">\(HTMLText.escape(summary))</p>\n" }
      let status = report.failed ? "status-failed" : "status-ok"
      page += "<p class=\"status \(status)\">\(HTMLText.escape(report.tally))"
      page += " · <a href=\"\(report.name).md\">Markdown</a></p>\n"
      page += "</div>\n</li>\n"
    }
    page += "</ol>\n<footer class=\"report-footer\"><p>Published by Lemma \(ReportBuilder.lemmaVersion)</p></footer>\n"
    return page + "</main>\n</body>\n</html>\n"
  }

  public func markdown() -> String {
    var lines = ["# \(MarkdownText.escape(title))", "", overview, ""]
    for report in reports {
      lines += ["## [\(MarkdownText.escape(report.title))](\(report.name).md)", ""]
      if let thumbnail = report.thumbnail {
        lines += ["<img src=\"\(thumbnail.path)\" alt=\"\(HTMLText.escape(thumbnail.alt))\" width=\"240\">", ""]
      }
      if let summary = report.summary { lines += [MarkdownText.escape(summary), ""] }
      lines += ["\(report.failed ? "⚠️ " : "")\(MarkdownText.escape(report.tally)) · [HTML](\(report.name).html)", ""]
    }
    lines += ["---", "", "Published by Lemma \(ReportBuilder.lemmaVersion)"]
    return lines.joined(separator: "\n") + "\n"
  }
}
