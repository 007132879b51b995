import LemmaExecution
import LemmaRendering
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Finishes a site after its reports are written: the index pages, and no stray files.
public struct SitePublisher: Sendable {
  public var plan: SitePlan
  public var directory: String
  /// Which files each report copied into `directory` (images and files its prose refers to).
  public var assets: AssetRecords?
  /// What `assets` held before this run's reports were written, by notebook name.
  public var copiedBefore: [String: [String]]

  public init(
    plan: SitePlan, directory: String, assets: AssetRecords? = nil, copiedBefore: [String: [String]] = [:]
  ) {
    self.plan = plan
    self.directory = directory
    self.assets = assets
    self.copiedBefore = copiedBefore
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

  /// Writes `index.html` and `index.md`, then removes what Lemma made in the site folder that
  /// neither this run wrote nor a failed notebook's previous report still needs: report files
  /// (`.html`, `.md`, chart `.svg`) and copies of files prose referred to. Returns the paths
  /// removed and the files left alone that Lemma did not make.
  @discardableResult
  public func finish(digests: [ReportDigest], written: Set<String>) throws -> (removed: [String], foreign: [String]) {
    let index = SiteIndexRenderer(title: plan.title, reports: digests)
    let indexHTML = directory + "/index.html"
    let indexMarkdown = directory + "/index.md"
    try AtomicFile.write(index.html(), to: indexHTML)
    try AtomicFile.write(index.markdown(), to: indexMarkdown)
    let failedNames = Set(digests.filter(\.failed).map(\.name))
    let records = [copiedBefore, assets?.all() ?? [:]]
    var keep = Set((written.union([indexHTML, indexMarkdown])).map(SitePlan.canonical))
    for (name, paths) in copiedBefore where failedNames.contains(name) {
      keep.formUnion(paths.map { SitePlan.canonical(directory + "/" + $0) })
    }
    let copied = Set(records.flatMap(\.values).joined().map { SitePlan.canonical(directory + "/" + $0) })
    let result = removeStrays(keeping: keep, copied: copied, failedNames: failedNames)
    assets?.keepOnly(Set(plan.entries.map(\.name)))
    return result
  }

  /// Walks the site folder (dot files aside): removes report files and recorded copies that are
  /// not kept, then folders that this left empty.
  private func removeStrays(keeping keep: Set<String>, copied: Set<String>, failedNames: Set<String>) -> (
    removed: [String], foreign: [String]
  ) {
    let files = FileManager.default
    var removed: [String] = []
    var foreign: [String] = []
    var emptied: Set<String> = []
    func visit(_ folder: String, depth: Int) {
      for entry in ((try? files.contentsOfDirectory(atPath: folder)) ?? []).sorted() where !entry.hasPrefix(".") {
        let path = folder + "/" + entry
        if FileStatus(path: path)?.isDirectory == true {
          visit(path, depth: depth + 1)
          if emptied.contains(path), (try? files.contentsOfDirectory(atPath: path))?.isEmpty == true {
            try? files.removeItem(atPath: path)
            emptied.insert(folder)
          }
          continue
        }
        let canonical = SitePlan.canonical(path)
        if keep.contains(canonical) { continue }
        let stem = String(
          entry.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: "."))
        let chartOwner = folder.split(separator: "/").last.map(String.init) ?? ""
        let isReport = depth == 0 && (entry.hasSuffix(".html") || entry.hasSuffix(".md")) && !failedNames.contains(stem)
        let isChart = depth == 1 && entry.hasSuffix(".svg") && !failedNames.contains(chartOwner)
        if isReport || isChart || copied.contains(canonical) {
          try? files.removeItem(atPath: path)
          removed.append(path)
          emptied.insert(folder)
        } else if !(depth == 0 && failedNames.contains(stem)) && !(depth == 1 && failedNames.contains(chartOwner)) {
          foreign.append(path)
        }
      }
    }
    visit(directory, depth: 0)
    return (removed, foreign)
  }
}
