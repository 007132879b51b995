import LemmaSite
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The project a command runs in: the nearest folder, from the current one upward, that holds
/// `lemma.yml` (as git, cargo and Quarto find theirs), or the current folder when none does.
/// Commands work from the root, so `lemma render intro.md` inside `notebooks/` writes the
/// project's `output/` and uses its `.lemma-cache/`, not new ones beside the notebook.
struct ProjectRoot {
  /// The folder the command was started in, absolute.
  let start: String
  /// The project root, absolute.
  let root: String

  /// Finds the root and makes it the current folder.
  static func enter() -> ProjectRoot {
    let start = FileManager.default.currentDirectoryPath
    let project = ProjectRoot(start: start, root: find(from: start) ?? start)
    if project.root != start { _ = FileManager.default.changeCurrentDirectoryPath(project.root) }
    return project
  }

  /// The nearest folder from `folder` upward that holds `lemma.yml`.
  static func find(from folder: String) -> String? {
    var url = URL(fileURLWithPath: folder).standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent(SiteConfiguration.fileName).path) {
        return url.path
      }
      let parent = url.deletingLastPathComponent()
      if parent.path == url.path { return nil }
      url = parent
    }
  }

  /// `path` as the user meant it from where they started, written relative to the root when it
  /// lies inside it (so reports and messages name `notebooks/intro.md` from anywhere).
  func locate(_ path: String) -> String {
    guard root != start else { return path }
    let absolute =
      path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: start).appendingPathComponent(path)
    let standardized = absolute.standardizedFileURL.path
    let prefix = root.hasSuffix("/") ? root : root + "/"
    if standardized == root { return "." }
    return standardized.hasPrefix(prefix) ? String(standardized.dropFirst(prefix.count)) : standardized
  }
}
