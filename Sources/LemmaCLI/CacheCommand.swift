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

/// `lemma cache prune`: keep the local cache under a size.
struct CacheCommand: LemmaSubcommand {
  static let spec = CommandSpec(
    name: "cache",
    abstract: "Keep the local cache under a size (`lemma cache prune`).",
    discussion: """
      `lemma cache prune` removes the least recently used outputs, compiled programs and render \
      stamps from the cache until it holds at most --max-size. A cache hit or a reused program \
      counts as a use. Entries used in the last ten minutes are kept whatever the size, so a \
      render running at the same time keeps what it needs; removing an entry only means that \
      notebook runs again next time. Several lemma processes may share one cache: every file \
      is written whole under a temporary name and renamed into place.

      Examples:
        lemma cache prune                      keep the cache under 1 GB
        lemma cache prune --max-size 200M
      """,
    arguments: (name: "action", help: "What to do: `prune`.", repeats: false),
    options: [
      OptionSpec(
        long: "max-size", valueName: "size",
        help: "The most the cache may hold, in bytes or with K, M or G (default: 1G)."),
      OptionSpec(
        long: "cache", valueName: "cache", help: "The cache folder (default: .lemma-cache at the project root)."),
    ])

  var limit: Int
  var cache: String?

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    guard parsed.positionals == ["prune"] else {
      throw UsageError(message: "say what to do with the cache: `lemma cache prune`", command: "cache")
    }
    limit = try parsed.value("max-size", expecting: "a size such as 500M or 2G") { CachePruner.bytes($0) } ?? 1 << 30
    cache = parsed.value("cache")
  }

  func run() throws {
    let project = ProjectRoot.enter()
    let directory = cache.map(project.locate) ?? ".lemma-cache"
    let result = CachePruner(cache: OutputCache(directory: directory)).prune(toBytes: limit)
    let after = CachePruner.describe(result.bytesAfter)
    print(
      "\(directory): \(CachePruner.describe(result.bytesBefore)); removed \(result.entriesRemoved) "
        + "least recently used entr\(result.entriesRemoved == 1 ? "y" : "ies"); now \(after) "
        + "(limit \(CachePruner.describe(limit)))")
    if result.bytesAfter > limit {
      print("  the rest was used in the last ten minutes and stays")
    }
  }
}
