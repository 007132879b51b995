import LemmaCitations
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

/// The works a notebook cites, from its `bibliography:` files: numbered in the order of first
/// citation, each with its formatted reference and an anchor in the References list.
///
/// Resolved once per render (the `cite` stage). A `.bib` file that cannot be read or parsed,
/// and a citation of a key no file has, are errors naming the line.
public struct References: Sendable, Equatable {
  /// One cited work.
  public struct Entry: Sendable, Equatable {
    public var number: Int
    public var key: String
    /// Its id in the report (`ref-` and the key, with characters unsafe in URLs replaced).
    public var anchor: String
    public var reference: FormattedReference
  }

  /// The cited works, by number.
  public var entries: [Entry] = []
  /// Each cited key's entry index.
  public var byKey: [String: Int] = [:]
  /// The render stamp key's lines: one per bibliography file, with its hash.
  public var keyParts: [String] = []

  public init() {}

  /// The entry `key` has, if cited.
  public func entry(_ key: String) -> Entry? { byKey[key].map { entries[$0] } }

  /// Reads the notebook's bibliography files and numbers the works its citations name.
  public static func resolve(_ notebook: Notebook) throws(NotebookError) -> References {
    var references = References()
    guard !notebook.frontMatter.bibliography.isEmpty else { return references }
    var library: [String: BibTeXEntry] = [:]
    for file in notebook.frontMatter.bibliography {
      let path = notebook.resolve(file.pattern)
      guard let data = FileManager.default.contents(atPath: path) else {
        let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "there is no such file"
        throw NotebookError(
          path: notebook.path, location: file.location,
          message: "cannot read the bibliography `\(file.pattern)`: \(reason)",
          hint: "the path is relative to the notebook's folder (\(notebook.folder))")
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw NotebookError(
          path: path, location: SourceLocation(line: 1), message: "the bibliography is not UTF-8 text",
          hint: "save it as UTF-8")
      }
      var parser = BibTeXParser(text)
      do {
        for entry in try parser.parse() where library[entry.key] == nil { library[entry.key] = entry }
      } catch {
        throw NotebookError(
          path: path, location: SourceLocation(line: error.line, column: error.column), message: error.message,
          hint: error.hint.isEmpty ? nil : error.hint)
      }
      references.keyParts.append("bibliography \(file.pattern)=\(CacheKey.ofFile(path))")
    }
    var anchors: Set<String> = []
    for citation in notebook.citations {
      for item in citation.items where references.byKey[item.key] == nil {
        guard let entry = library[item.key] else {
          let names = notebook.frontMatter.bibliography.map { "`\($0.pattern)`" }.joined(separator: ", ")
          throw NotebookError(
            path: notebook.path, location: item.location, message: "no entry `\(item.key)` in \(names)",
            hint: didYouMean(item.key, in: Array(library.keys).sorted(), prefix: "@")
              + "cite a key the bibliography defines, as in `[@\(library.keys.sorted().first ?? "key")]`")
        }
        var anchor =
          "ref-"
          + String(item.key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        while !anchors.insert(anchor).inserted { anchor += "-" }
        references.byKey[item.key] = references.entries.count
        references.entries.append(
          Entry(
            number: references.entries.count + 1, key: item.key, anchor: anchor, reference: FormattedReference(entry)))
      }
    }
    return references
  }
}
