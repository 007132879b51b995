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

/// Turns the paths a user gave into notebook files.
enum NotebookPaths {
  /// Files as given; folders as their `.md` files, sorted; nothing given means `notebooks/`.
  static func expand(_ paths: [String]) throws(NotebookRunError) -> [String] {
    let requested = paths.isEmpty ? ["notebooks"] : paths
    var notebooks: [String] = []
    for path in requested {
      guard let status = FileStatus(path: path) else {
        throw NotebookRunError(
          "\(path): no such file or folder", hint: "give the path of a notebook (.md) or a folder of notebooks")
      }
      guard status.isDirectory else {
        notebooks.append(path)
        continue
      }
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      let base = path.hasSuffix("/") ? String(path.dropLast()) : path
      notebooks += entries.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted().map { "\(base)/\($0)" }
    }
    guard !notebooks.isEmpty else {
      throw NotebookRunError(
        "no notebooks found in \(requested.joined(separator: ", "))", hint: "add a .md notebook, or give its path")
    }
    return notebooks
  }
}
