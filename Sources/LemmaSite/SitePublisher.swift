import Foundation
import LemmaExecution
import LemmaRendering

/// Finishes a site after its reports are written: the index pages, and no stray files.
public struct SitePublisher: Sendable {
  public var plan: SitePlan
  public var directory: String

  public init(plan: SitePlan, directory: String) {
    self.plan = plan
    self.directory = directory
  }

  /// The digests of the plan's notebooks in site order; a notebook with no report this run
  /// (it could not be parsed or run) is listed as failed with `failure`.
  public func digests(rendered: [String: ReportDigest], failures: [String: String]) -> [ReportDigest] {
    plan.entries.map { entry in
      rendered[entry.path]
        ?? ReportDigest(
          name: entry.name, title: entry.title, summary: entry.summary,
          tally: failures[entry.path] ?? "not rendered", failed: true)
    }
  }

  /// Writes `index.html` and `index.md`, then removes report files (`.html`, `.md`, chart
  /// `.svg`) of the site folder that neither this run wrote nor a failed notebook's previous
  /// report still needs. Returns the paths removed and the files left alone that Lemma did not make.
  @discardableResult
  public func finish(digests: [ReportDigest], written: Set<String>) throws -> (removed: [String], foreign: [String]) {
    let index = SiteIndexRenderer(title: plan.title, reports: digests)
    let indexHTML = directory + "/index.html"
    let indexMarkdown = directory + "/index.md"
    try AtomicFile.write(index.html(), to: indexHTML)
    try AtomicFile.write(index.markdown(), to: indexMarkdown)
    var keep = Set(written.map(SitePlan.canonical)).union([indexHTML, indexMarkdown].map(SitePlan.canonical))
    let failedNames = Set(digests.filter(\.failed).map(\.name))
    return removeStrays(keeping: &keep, failedNames: failedNames)
  }

  private func removeStrays(keeping keep: inout Set<String>, failedNames: Set<String>) -> (
    removed: [String], foreign: [String]
  ) {
    let files = FileManager.default
    var removed: [String] = []
    var foreign: [String] = []
    func isKept(_ path: String, name: String) -> Bool {
      keep.contains(SitePlan.canonical(path)) || failedNames.contains(name)
    }
    for entry in ((try? files.contentsOfDirectory(atPath: directory)) ?? []).sorted() where !entry.hasPrefix(".") {
      let path = directory + "/" + entry
      var isFolder: ObjCBool = false
      _ = files.fileExists(atPath: path, isDirectory: &isFolder)
      if isFolder.boolValue {
        for chart in ((try? files.contentsOfDirectory(atPath: path)) ?? []).sorted() where !chart.hasPrefix(".") {
          let chartPath = path + "/" + chart
          if !chart.hasSuffix(".svg") {
            foreign.append(chartPath)
          } else if !isKept(chartPath, name: entry) {
            try? files.removeItem(atPath: chartPath)
            removed.append(chartPath)
          }
        }
        if (try? files.contentsOfDirectory(atPath: path))?.isEmpty == true {
          try? files.removeItem(atPath: path)
        }
      } else if entry.hasSuffix(".html") || entry.hasSuffix(".md") {
        let name = String(entry[..<entry.lastIndex(of: ".")!])
        if !isKept(path, name: name) {
          try? files.removeItem(atPath: path)
          removed.append(path)
        }
      } else {
        foreign.append(path)
      }
    }
    return (removed, foreign)
  }
}
