import LemmaNotebook
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The files a notebook's `files:` patterns name, with the SHA-256 of each: part of its cache
/// key, so an edited data file re-runs the notebook, and kept per notebook so a render can say
/// which file changed.
public struct DataFiles: Equatable, Sendable {
  /// Path relative to the notebook's folder, and the file's hex SHA-256, sorted by path.
  public var hashes: [(path: String, hash: String)]

  public static func == (a: DataFiles, b: DataFiles) -> Bool {
    a.hashes.map(\.path) == b.hashes.map(\.path) && a.hashes.map(\.hash) == b.hashes.map(\.hash)
  }

  /// Expands and hashes `notebook`'s patterns. A pattern that matches no file is an error at
  /// its line.
  public static func of(_ notebook: Notebook) throws(NotebookError) -> DataFiles {
    var found: [String: String] = [:]
    for entry in notebook.frontMatter.files {
      let matches = expand(entry.pattern, in: notebook.folder)
      guard !matches.isEmpty else {
        throw NotebookError(
          path: notebook.path, location: entry.location, message: "`files` pattern `\(entry.pattern)` matches no file",
          hint: "patterns are relative to the notebook's folder (\(notebook.folder)/), for example `data/*.csv`")
      }
      for path in matches { found[path] = CacheKey.ofFile(notebook.resolve(path)) }
    }
    return DataFiles(hashes: found.sorted { $0.key < $1.key }.map { (path: $0.key, hash: $0.value) })
  }

  /// The regular files `pattern` matches in `folder`, as paths relative to it.
  static func expand(_ pattern: String, in folder: String) -> [String] {
    var matches = glob_t()
    defer { globfree(&matches) }
    // The folder is a path, not a pattern: its own `*`, `?`, `[` and backslash are escaped.
    let literalFolder = folder.reduce(into: "") { escaped, character in
      if "*?[\\".contains(character) { escaped.append("\\") }
      escaped.append(character)
    }
    guard glob(literalFolder + "/" + pattern, 0, nil, &matches) == 0 else { return [] }
    let prefix = folder + "/"
    return (0..<Int(matches.gl_pathc)).compactMap { index in
      guard let pointer = matches.gl_pathv[index] else { return nil }
      let path = String(cString: pointer)
      guard let status = FileStatus(path: path), !status.isDirectory else { return nil }
      return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
  }

  /// The lines the cache key gets: one per file.
  var keyParts: [String] { hashes.map { "file \($0.path)=\($0.hash)" } }

  /// The paths whose hash differs from `earlier`'s (new, changed or gone), sorted.
  public func changed(since earlier: DataFiles) -> [String] {
    let before = Dictionary(earlier.hashes.map { ($0.path, $0.hash) }, uniquingKeysWith: { $1 })
    let now = Dictionary(hashes.map { ($0.path, $0.hash) }, uniquingKeysWith: { $1 })
    return Set(before.keys).union(now.keys).filter { before[$0] != now[$0] }.sorted()
  }
}
