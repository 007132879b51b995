import LemmaExecution

/// Writes a report's files into an output folder: `<name>.html` and `<name>.md`, each
/// atomically, each left untouched when its bytes did not change.
public struct ReportWriter: Sendable {
  public var directory: String

  public init(directory: String) { self.directory = directory }

  /// Renders and writes `report`; returns the paths written.
  @discardableResult
  public func write(_ report: Report) throws -> [String] {
    let html = directory + "/" + report.name + ".html"
    let markdown = directory + "/" + report.name + ".md"
    try AtomicFile.write(HTMLRenderer().render(report), to: html)
    try AtomicFile.write(MarkdownRenderer().render(report), to: markdown)
    return [html, markdown]
  }
}
