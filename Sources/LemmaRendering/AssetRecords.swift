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

/// Which files each report copied into an output folder (`ProseAssets`), kept in the cache so
/// that `publish` can tell a stale copy, which it removes, from a file someone else put there,
/// which it leaves alone. One small JSON list per notebook, so notebooks rendered at the same
/// time never write the same file.
public struct AssetRecords: Sendable {
  let folder: String

  /// The records of the output folder `directory`.
  public init(cache: OutputCache, directory: String) {
    let canonical = URL(fileURLWithPath: directory).standardizedFileURL.path
    folder = cache.directory + "/assets/" + CacheKey.make([canonical])
  }

  /// Records the paths (relative to the output folder) notebook `name`'s report copied.
  public func record(_ paths: [String], for name: String) {
    let file = folder + "/" + name + ".json"
    let sorted = paths.sorted()
    guard read(file) != sorted else { return }
    if sorted.isEmpty {
      try? FileManager.default.removeItem(atPath: file)
    } else if let data = try? JSONEncoder().encode(sorted) {
      try? AtomicFile.write(data, to: file)
    }
  }

  /// Every notebook's recorded copies, by notebook name.
  public func all() -> [String: [String]] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var records: [String: [String]] = [:]
    for file in files where file.hasSuffix(".json") {
      records[String(file.dropLast(5))] = read(folder + "/" + file) ?? []
    }
    return records
  }

  /// Forgets the records of notebooks not named in `names` (no longer in the site).
  public func keepOnly(_ names: Set<String>) {
    for name in all().keys where !names.contains(name) {
      try? FileManager.default.removeItem(atPath: folder + "/" + name + ".json")
    }
  }

  private func read(_ file: String) -> [String]? {
    FileManager.default.contents(atPath: file).flatMap { try? JSONDecoder().decode([String].self, from: $0) }
  }
}
