import Figures
import LemmaExecution
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Writes a report's files into an output folder: `<name>.html`, `<name>.md`, the charts
/// the Markdown shows as `<name>/<id>.svg`, and copies of the local files its prose refers to. Each file is written atomically and left untouched
/// when its bytes did not change; chart files no longer produced are removed.
public struct ReportWriter: Sendable {
  public var directory: String
  /// What prose's raw HTML may do in the HTML report.
  public var rawHTML: RawHTML

  public init(directory: String, rawHTML: RawHTML = .filtered) {
    self.directory = directory
    self.rawHTML = rawHTML
  }

  /// Renders and writes `report`, with site navigation when `links` is given, and copies the
  /// files its prose shows or links to (`assets`); returns the paths written.
  @discardableResult
  public func write(_ report: Report, links: SiteLinks? = nil, assets: ProseAssets? = nil) throws -> [String] {
    let figures = directory + "/" + report.name
    var written: [String] = []
    for (id, chart, alt) in report.charts {
      let path = figures + "/" + id + ".svg"
      try AtomicFile.write(ChartRenderer(id: id, altText: alt).svg(chart, standalone: true), to: path)
      written.append(path)
    }
    removeStaleCharts(in: figures, keeping: Set(written))
    written += try assets?.copy(into: directory) ?? []
    let html = directory + "/" + report.name + ".html"
    let markdown = directory + "/" + report.name + ".md"
    try AtomicFile.write(bytes: HTMLRenderer(rawHTML: rawHTML).page(report, links: links), to: html)
    try AtomicFile.write(MarkdownRenderer().render(report, links: links), to: markdown)
    return written + [html, markdown]
  }

  private func removeStaleCharts(in folder: String, keeping: Set<String>) {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for entry in entries where entry.hasSuffix(".svg") && !keeping.contains(folder + "/" + entry) {
      try? FileManager.default.removeItem(atPath: folder + "/" + entry)
    }
    if keeping.isEmpty, (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
      try? FileManager.default.removeItem(atPath: folder)
    }
  }
}
