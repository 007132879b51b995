import LemmaNotebook
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

/// The reports of a site in the order it lists them, with what the navigation needs.
public struct SitePlan: Sendable {
  /// One notebook of the site.
  public struct Entry: Sendable, Equatable {
    /// The notebook's path, as found in the notebooks folder.
    public var path: String
    /// The report's file name without extension: the notebook's file name without `.md`.
    public var name: String
    public var title: String
    public var summary: String?
  }

  public var title: String
  public var entries: [Entry]

  /// The notebooks of `configuration.notebooksFolder`: those `order` names first, in that order,
  /// then the rest by file name. Titles come from each notebook's front matter (the file name
  /// when it cannot be parsed). A name in `order` with no notebook is an error at its line.
  public static func make(_ configuration: SiteConfiguration, configurationPath: String = SiteConfiguration.fileName)
    throws(NotebookError) -> SitePlan
  {
    let folder = configuration.notebooksFolder
    let files =
      ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
    let names = files.map(Notebook.name(of:))
    var ordered: [String] = []
    for (name, line) in configuration.order {
      guard names.contains(name) else {
        let suggestion = didYouMean(name, in: names)
        throw NotebookError(
          path: configurationPath, location: SourceLocation(line: line),
          message: "`order` names `\(name)`, but there is no \(folder)/\(name).md",
          hint: suggestion + "list notebooks by file name without .md")
      }
      if !ordered.contains(name) { ordered.append(name) }
    }
    ordered += names.filter { !ordered.contains($0) }
    let entries = ordered.map { name in
      let path = folder + "/" + name + ".md"
      let frontMatter = try? NotebookParser().frontMatter(contentsOf: path)
      return Entry(path: path, name: name, title: frontMatter?.title ?? name, summary: frontMatter?.summary)
    }
    return SitePlan(title: configuration.title, entries: entries)
  }

  /// The navigation of the notebook at `path`, or nil when it is not part of the site.
  public func links(for path: String) -> SiteLinks? {
    let wanted = Self.canonical(path)
    guard let index = entries.firstIndex(where: { Self.canonical($0.path) == wanted }) else { return nil }
    func neighbour(_ at: Int) -> SiteLinks.Neighbour? {
      entries.indices.contains(at) ? SiteLinks.Neighbour(name: entries[at].name, title: entries[at].title) : nil
    }
    return SiteLinks(siteTitle: title, previous: neighbour(index - 1), next: neighbour(index + 1))
  }

  /// Whether `path` is a notebook directly inside `folder`.
  public static func isNotebook(_ path: String, in folder: String) -> Bool {
    URL(fileURLWithPath: canonical(path)).deletingLastPathComponent().path == canonical(folder)
  }

  static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
}
