import LemmaExecution
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

/// The local files a notebook's prose shows or links to (`![diagram](img/diagram.png)`,
/// `[the data](data/prices.csv)`), which the report needs beside it in the output folder: the
/// same relative paths, so the links in the HTML and Markdown reports work unchanged.
///
/// Found by one walk over the document tree, and checked: a missing local image, a path that
/// leaves the notebook's folder (`..`, an absolute path, a symbolic link out), or one that would
/// overwrite a report or its charts is an error at its line:col; a missing linked file and a
/// remote image (the page will request that host) are warnings. Links to other notebooks
/// (`other.md`) are page links, and links with a scheme (`https:`, `mailto:`) or to an anchor are
/// left alone.
public struct ProseAssets: Sendable, Equatable {
  /// One file to copy.
  public struct Asset: Sendable, Equatable {
    /// The path relative to the notebook's folder, and to the output folder.
    public var path: String
    /// Where the file is now.
    public var source: String
    /// The file's hex SHA-256, part of the render stamp's key.
    public var sha256: String
  }

  /// A problem that does not stop the render.
  public struct Warning: Sendable, Equatable {
    public var location: SourceLocation
    public var message: String

    /// `path:line:col: warning: message`.
    public func line(path: String) -> String { "\(path):\(location.line):\(location.column): warning: \(message)" }
  }

  /// Files to copy, each once, sorted by path.
  public var assets: [Asset]
  public var warnings: [Warning]

  /// The stamp key's lines: one per file.
  public var keyParts: [String] { assets.map { "asset \($0.path)=\($0.sha256)" } }

  /// Finds and checks the files `notebook`'s prose refers to.
  public static func of(_ notebook: Notebook) throws(NotebookError) -> ProseAssets {
    var finder = Finder(notebook: notebook)
    try finder.scan()
    return ProseAssets(
      assets: finder.found.values.sorted { $0.path < $1.path }, warnings: finder.warnings)
  }

  /// Copies the files into `directory` (making folders as needed), leaving a copy alone when its
  /// bytes are already the same; returns the paths of the copies.
  public func copy(into directory: String) throws -> [String] {
    try assets.map { asset in
      let target = directory + "/" + asset.path
      let same =
        FileManager.default.fileExists(atPath: target)
        && FileStatus(path: target)?.size == FileStatus(path: asset.source)?.size
        && CacheKey.ofFile(target) == asset.sha256
      if !same {
        guard let bytes = readWholeFile(asset.source) else { throw FileError(path: asset.source, code: errno) }
        try AtomicFile.write(Data(bytes), to: target)
      }
      return target
    }
  }
}

/// The walk: each link and image destination classified and checked.
private struct Finder {
  let notebook: Notebook
  var found: [String: ProseAssets.Asset] = [:]
  var warnings: [ProseAssets.Warning] = []
  /// The notebook's folder, with symbolic links resolved: every asset must be inside it.
  let realFolder: String
  /// Names of the notebooks beside this one: their reports and chart folders are Lemma's.
  let notebookNames: Set<String>
  /// The warning each destination checked so far gave (`.some(nil)`: none), by kind and URL.
  var checked: [String: String?] = [:]

  init(notebook: Notebook) {
    self.notebook = notebook
    realFolder = URL(fileURLWithPath: notebook.folder).standardizedFileURL.resolvingSymlinksInPath().path
    let files = (try? FileManager.default.contentsOfDirectory(atPath: notebook.folder)) ?? []
    notebookNames = Set(
      files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) } + ["index", Notebook.name(of: notebook.path)])
  }

  mutating func scan() throws(NotebookError) {
    let document = notebook.document
    for node in document.nodes {
      switch node.kind {
      case .image(let url, _): try check(document.string(url), image: true, at: node.start)
      case .link(let url, _): try check(document.string(url), image: false, at: node.start)
      default: continue
      }
    }
  }

  private func error(_ message: String, _ location: SourceLocation, hint: String) -> NotebookError {
    NotebookError(path: notebook.path, location: location, message: message, hint: hint)
  }

  /// Checks a destination, once per destination: a repeated one gives its warning again, at
  /// its own place, without touching the file system again.
  private mutating func check(_ url: String, image: Bool, at location: SourceLocation) throws(NotebookError) {
    let key = (image ? "image " : "link ") + url
    if let warning = checked[key] {
      if let warning { warnings.append(.init(location: location, message: warning)) }
      return
    }
    let before = warnings.count
    try checkFirst(url, image: image, at: location)
    checked[key] = warnings.count > before ? warnings.last?.message : .some(nil)
  }

  private mutating func checkFirst(_ url: String, image: Bool, at location: SourceLocation) throws(NotebookError) {
    guard !url.isEmpty, !url.hasPrefix("#") else { return }
    let what = image ? "image" : "linked file"
    if let scheme = Self.scheme(of: url) {
      if image, scheme == "http" || scheme == "https" {
        let host = URL(string: url)?.host ?? url
        warnings.append(
          .init(
            location: location,
            message: "remote image `\(url)`: the page will request \(host) when it is opened; "
              + "put the file beside the notebook to keep the report offline"))
      }
      return
    }
    if url.hasPrefix("//") || (url.hasPrefix("/") && image) {
      throw error(
        "the \(what) `\(url)` is not a path relative to the notebook's folder", location,
        hint: "write the path from the notebook's folder, for example `img/diagram.png`")
    }
    guard !url.hasPrefix("/"), BodyRenderer.reportPage(forNotebookLink: url, from: notebook.path) == nil else {
      return
    }
    let path = Self.fileName(url)
    guard let relative = Self.normalized(path) else {
      throw error(
        "the \(what) `\(url)` is outside the notebook's folder", location,
        hint: "only files in the notebook's folder are published with its report; copy the file there")
    }
    guard !relative.isEmpty else { return }
    let source = notebook.resolve(relative)
    if FileStatus(path: source)?.isDirectory == true {
      warnings.append(
        .init(location: location, message: "`\(url)` is a folder: only files are copied with the report"))
      return
    }
    guard FileManager.default.fileExists(atPath: source) else {
      let missing = "there is no \(what) `\(url)` in the notebook's folder"
      guard image else {
        warnings.append(.init(location: location, message: missing + ": the link will be broken"))
        return
      }
      throw error(missing, location, hint: "paths are relative to the notebook's folder, \(realFolder)")
    }
    let real = URL(fileURLWithPath: source).standardizedFileURL.resolvingSymlinksInPath().path
    guard real.hasPrefix(realFolder + "/") else {
      throw error(
        "the \(what) `\(url)` leads outside the notebook's folder (to \(real))", location,
        hint: "only files in the notebook's folder are published with its report; copy the file there")
    }
    let first = relative.split(separator: "/").first.map(String.init) ?? relative
    let reportFile =
      !relative.contains("/") && (relative.hasSuffix(".html") || relative.hasSuffix(".md"))
      && notebookNames.contains(PathText.deletingPathExtension(relative))
    if reportFile || (relative.contains("/") && notebookNames.contains(first)) {
      throw error(
        "the \(what) `\(url)` would be copied over a report or its charts (`\(relative)` in the output)", location,
        hint: "move it to a folder not named after a notebook, such as `img/` or `files/`")
    }
    if found[relative] == nil {
      found[relative] = .init(path: relative, source: source, sha256: CacheKey.ofFile(source))
    }
  }

  /// A URL's scheme (`https`, `mailto`, `data`), lowercased, if it has one.
  static func scheme(of url: String) -> String? {
    guard let colon = url.firstIndex(of: ":") else { return nil }
    let scheme = url[..<colon]
    guard let first = scheme.first, first.isLetter,
      scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
    else { return nil }
    return scheme.lowercased()
  }

  /// The file a relative URL names: without its query or fragment, percent-decoded.
  static func fileName(_ url: String) -> String {
    let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
    let path = String(url[..<end])
    return path.removingPercentEscapes ?? path
  }

  /// `path` with `.` and `..` worked out; nil when it climbs above its start. Empty for the folder itself.
  static func normalized(_ path: String) -> String? {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }
}
