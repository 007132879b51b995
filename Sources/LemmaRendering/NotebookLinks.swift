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

/// What the references into other notebooks read and where they point: `@other.md#fig-x` reads
/// "Figure 2 of <other's title>" and links to that figure on other's page. Links written as
/// Markdown (`[see](other.md#fig-x)`) are checked the same way.
///
/// Resolved once per render (the `link` stage) by reading and parsing each notebook referred
/// to (nothing of it runs). A reference to a notebook that is not beside this one, or to a label
/// it does not have, is an error at the reference's line. The names resolved are part of the
/// render stamp, so a report is rendered again when the numbering it quotes changes.
public struct NotebookLinks: Sendable, Equatable {
  /// One resolved target: "Figure 2 of Title" and the page anchor (`other.html#fig-x`).
  public struct Target: Sendable, Equatable {
    public var name: String
    public var page: String
  }

  /// Targets by how they are written (`other.md#fig-x`).
  public var targets: [String: Target] = [:]

  public init() {}

  /// The render stamp key's lines: each target with what it reads.
  public var keyParts: [String] { targets.keys.sorted().map { "link \($0)=\(targets[$0]!.name)" } }

  /// Reads the notebooks `notebook` refers into and resolves every reference and link.
  public static func resolve(_ notebook: Notebook) throws(NotebookError) -> NotebookLinks {
    var links = NotebookLinks()
    var others: [String: (title: String, names: [String: String], labels: [String])] = [:]
    func other(_ file: String, at location: SourceLocation) throws(NotebookError) -> (
      title: String, names: [String: String], labels: [String]
    ) {
      if let known = others[file] { return known }
      let path = notebook.resolve(file)
      guard file != Notebook.name(of: notebook.path) + ".md" else {
        throw NotebookError(
          path: notebook.path, location: location, message: "`\(file)` is this notebook",
          hint: "refer to its own blocks without the notebook's name, as in `@fig-x`")
      }
      let parsed: Notebook
      do throws(NotebookError) {
        parsed = try NotebookParser().parse(SourceText(contentsOf: path), path: path)
      } catch {
        let reason =
          FileManager.default.fileExists(atPath: path)
          ? "it has an error (\(error.headline))" : "there is no such notebook beside this one"
        throw NotebookError(
          path: notebook.path, location: location, message: "cannot refer into `\(file)`: \(reason)",
          hint: "name a notebook in the same folder, as in `@other.md#fig-x`")
      }
      let numbering = Numbering(parsed.experiments)
      let found = (parsed.title, numbering.names, parsed.experiments.compactMap(\.options.label))
      others[file] = found
      return found
    }
    func resolve(_ file: String, _ label: String, at location: SourceLocation) throws(NotebookError) {
      let key = file + "#" + label
      guard links.targets[key] == nil else { return }
      let target = try other(file, at: location)
      guard let name = target.names[label] else {
        throw NotebookError(
          path: notebook.path, location: location, message: "`\(file)` has no block labelled `\(label)`",
          hint: didYouMean(label, in: target.labels.sorted(), prefix: "@\(file)#")
            + "label a block there with `//| label: \(label)`")
      }
      links.targets[key] = Target(name: name + " of " + target.title, page: String(file.dropLast(3)) + ".html#" + label)
    }
    for reference in notebook.crossReferences {
      guard let file = reference.notebook else { continue }
      try resolve(file, reference.label, at: reference.location)
    }
    // Markdown links to a figure or table of a notebook beside this one.
    for node in notebook.document.nodes {
      guard case .link(let url, _) = node.kind else { continue }
      let parts = notebook.document.string(url).split(separator: "#", maxSplits: 1).map(String.init)
      guard parts.count == 2, parts[0].hasSuffix(".md"), !parts[0].contains("/") || parts[0].hasPrefix("./"),
        CrossReference.kinds.keys.contains(where: { parts[1].hasPrefix($0) }),
        FileManager.default.fileExists(atPath: notebook.resolve(parts[0]))
      else { continue }
      let file = parts[0].hasPrefix("./") ? String(parts[0].dropFirst(2)) : parts[0]
      if file == Notebook.name(of: notebook.path) + ".md" { continue }
      try resolve(file, parts[1], at: node.start)
    }
    return links
  }
}
