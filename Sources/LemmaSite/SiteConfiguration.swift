import LemmaNotebook
import LemmaRemote
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

/// The optional `lemma.yml` at the project root:
///
/// ```yaml
/// title: Quantitative arguments      # the site's name, on the index and every page
/// notebooks: notebooks               # the folder of notebooks
/// output: output                     # where reports and the site go
/// order: [getting-started, charts]   # notebooks listed first, in this order; the rest follow by name
/// raw_html: true                     # let prose's raw HTML through unfiltered (default: false)
/// cache: https://cache.example.org/lemma   # a shared cache (bazel-remote's HTTP layout)
/// ```
public struct SiteConfiguration: Sendable, Equatable {
  public var title = "Lemma reports"
  public var notebooksFolder = "notebooks"
  public var output = "output"
  /// Notebook names (file names without `.md`) in the order the site lists them, with the line
  /// of `lemma.yml` that names each, for errors.
  public var order: [(name: String, line: Int)] = []
  /// What prose's raw HTML may do in HTML reports: filtered unless `raw_html: true`.
  public var rawHTML = RawHTML.filtered
  /// The shared cache's URL (`cache:`), checked to be an http(s) URL without credentials.
  public var remoteCache: String?

  public static let fileName = "lemma.yml"
  static let knownKeys = ["title", "notebooks", "output", "order", "raw_html", "cache"]

  public init() {}

  public static func == (a: SiteConfiguration, b: SiteConfiguration) -> Bool {
    a.title == b.title && a.notebooksFolder == b.notebooksFolder && a.output == b.output
      && a.order.map(\.name) == b.order.map(\.name) && a.rawHTML == b.rawHTML
      && a.remoteCache == b.remoteCache
  }

  /// Reads `path` (default `lemma.yml`); a missing file means the defaults.
  public static func load(from path: String = fileName) throws(NotebookError) -> SiteConfiguration {
    guard let data = FileManager.default.contents(atPath: path) else { return SiteConfiguration() }
    return try parse(SourceText(bytes: data, path: path, what: "file").text, path: path)
  }

  /// Parses the text of a `lemma.yml`; errors name `path` and the line.
  public static func parse(_ text: String, path: String) throws(NotebookError) -> SiteConfiguration {
    var configuration = SiteConfiguration()
    let root: YAMLNode?
    do throws(YAMLProblem) {
      root = try YAMLReader.read(text)
    } catch let problem {
      throw NotebookError(
        path: path, location: problem.location, message: "not valid YAML: \(problem.problem)",
        hint: "lemma.yml holds `key: value` lines, for example `title: My reports`")
    }
    guard let root else { return configuration }
    guard let mapping = root.pairs else {
      throw NotebookError(
        path: path, location: root.location, message: "lemma.yml must be `key: value` lines",
        hint: "known keys: " + knownKeys.joined(separator: ", "))
    }
    for (keyNode, value) in mapping {
      let key = keyNode.text ?? ""
      switch key {
      case "title": configuration.title = try scalarText(value, key, path)
      case "notebooks": configuration.notebooksFolder = try scalarText(value, key, path)
      case "output": configuration.output = try scalarText(value, key, path)
      case "raw_html":
        guard let allowed = value.bool else {
          throw NotebookError(
            path: path, location: value.location, message: "`raw_html` must be true or false",
            hint: "`raw_html: true` lets prose's raw HTML (scripts included) into the HTML reports unfiltered")
        }
        configuration.rawHTML = allowed ? .allowed : .filtered
      case "cache":
        let url = try scalarText(value, key, path)
        do throws(RemoteEndpointError) {
          _ = try RemoteEndpoint(url, environment: [:])
        } catch {
          throw NotebookError(path: path, location: value.location, message: error.message, hint: error.hint)
        }
        configuration.remoteCache = url
      case "order":
        guard let sequence = value.items else {
          throw NotebookError(
            path: path, location: value.location, message: "`order` must be a list of notebook names",
            hint: "for example `order: [getting-started, belief-martingale]`")
        }
        configuration.order = try sequence.map { item throws(NotebookError) in
          let name = try scalarText(item, "order", path)
          return (Notebook.name(of: name), item.location.line)
        }
      default:
        let suggestion = didYouMean(key, in: knownKeys)
        throw NotebookError(
          path: path, location: keyNode.location, message: "unknown key `\(key)`",
          hint: suggestion + "known keys: " + knownKeys.joined(separator: ", "))
      }
    }
    return configuration
  }

  private static func scalarText(_ node: YAMLNode, _ key: String, _ path: String) throws(NotebookError) -> String {
    guard let string = node.text, !string.isEmpty else {
      throw NotebookError(
        path: path, location: node.location, message: "`\(key)` must be a non-empty piece of text",
        hint: "for example `\(key): \(example[key] ?? key)`")
    }
    return string
  }

  private static let example = [
    "title": "My reports", "order": "getting-started", "cache": "http://127.0.0.1:8080/lemma",
  ]
}
