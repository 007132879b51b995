import LemmaDigest
import LemmaProtocol
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Stored outputs and compiled programs under `.lemma-cache/`, keyed by SHA-256 of what they
/// depend on. A corrupt or partial entry reads as a miss, never as output. With a `remote`,
/// outputs and records of files read that are not here are looked for there (and kept here
/// once fetched), and what is stored here is written through to it; compiled programs and
/// render stamps stay on this machine.
public struct OutputCache: Sendable {
  public var directory: String
  /// The shared cache behind this one, if any.
  public var remote: RemoteCache?

  public init(directory: String, remote: RemoteCache? = nil) {
    self.directory = directory
    self.remote = remote
  }

  /// Whether the file of an entry is here, fetching it from the remote cache when it is not.
  private func isHere(_ path: String, _ kind: RemoteCache.Kind, _ key: String) -> Bool {
    FileManager.default.fileExists(atPath: path) || remote?.fetch(kind, key: key, into: path) == true
  }

  /// The outputs stored under `key`, if a whole, well-formed entry is there.
  public func outputs(for key: String) -> NotebookOutputs? {
    guard isHere(outputsPath(key), .outputs, key), let data = FileManager.default.contents(atPath: outputsPath(key)),
      let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key,
      entry.format == Entry.currentFormat
    else { return nil }
    CachePruner.touch(outputsPath(key))
    return entry.outputs
  }

  /// Whether outputs are stored under `key` (without reading them); marks them used.
  public func hasOutputs(for key: String) -> Bool {
    guard isHere(outputsPath(key), .outputs, key) else { return false }
    CachePruner.touch(outputsPath(key))
    return true
  }

  public func store(_ outputs: NotebookOutputs, for key: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    try AtomicFile.write(encoder.encode(Entry(key: key, outputs: outputs)), to: outputsPath(key))
    remote?.store(.outputs, key: key, file: outputsPath(key))
  }

  /// The folder a program with `key` is compiled in; it holds `program` once compiled.
  public func buildDirectory(for key: String) -> String { directory + "/build/" + key }

  /// Records `files` as what the notebook at `path` last ran with; returns what it ran with
  /// before, if anything was recorded.
  func swapDataFiles(_ files: DataFiles, of path: String) -> DataFiles? {
    let record = directory + "/files/" + CacheKey.make([URL(fileURLWithPath: path).standardizedFileURL.path]) + ".json"
    let earlier = FileManager.default.contents(atPath: record)
      .flatMap { try? JSONDecoder().decode([[String]].self, from: $0) }
      .map { DataFiles(hashes: $0.compactMap { $0.count == 2 ? (path: $0[0], hash: $0[1]) : nil }) }
    if earlier != files || earlier == nil,
      let data = try? JSONEncoder().encode(files.hashes.map { [$0.path, $0.hash] })
    {
      try? AtomicFile.write(data, to: record)
    }
    return earlier
  }

  /// The data files a program with `key` read when it last ran, as they were then.
  func recordedReads(for key: String) -> [FileRead] {
    guard isHere(readsPath(key), .reads, key) else { return [] }
    return FileManager.default.contents(atPath: readsPath(key)).flatMap {
      try? JSONDecoder().decode([FileRead].self, from: $0)
    }
      ?? []
  }

  /// Records the data files a program with `key` read (an empty list too: then a remote cache
  /// is asked only about programs that never ran here).
  func recordReads(_ reads: [FileRead], for key: String) {
    let path = readsPath(key)
    if FileManager.default.fileExists(atPath: path) && reads == recordedReads(for: key) { return }
    guard let data = try? JSONEncoder().encode(reads), (try? AtomicFile.write(data, to: path)) != nil else { return }
    remote?.store(.reads, key: key, file: path)
  }

  /// Where notebook programs keep `memo` results (an absolute path: programs run in their
  /// notebook's folder).
  public var memoDirectory: String {
    URL(fileURLWithPath: directory + "/memo").standardizedFileURL.path
  }

  /// Where the memo result under `key` is kept (the runtime writes it there).
  private func memoPath(_ key: String) -> String { memoDirectory + "/" + key + ".json" }

  /// Whether the memo result under `key` is here, fetching it from the remote cache when not.
  func hasMemo(_ key: String) -> Bool { isHere(memoPath(key), .memo, key) }

  /// Writes the memo results under `keys` that a program stored through to the remote cache.
  func shareMemos(_ keys: [String]) {
    guard let remote else { return }
    for key in keys where FileManager.default.fileExists(atPath: memoPath(key)) {
      remote.store(.memo, key: key, file: memoPath(key))
    }
  }

  private func readsPath(_ key: String) -> String { directory + "/reads/" + key + ".json" }

  private func outputsPath(_ key: String) -> String { directory + "/outputs/" + key + ".json" }

  private struct Entry: Codable {
    static let currentFormat = 2
    var format = Entry.currentFormat
    var key: String
    var outputs: NotebookOutputs
  }
}

/// SHA-256 keys for the cache.
public enum CacheKey {
  /// The hex SHA-256 of the parts, each length-prefixed so no two lists collide.
  public static func make(_ parts: [String]) -> String {
    let digest = SHA256Digest()
    for part in parts {
      digest.update(Array("\(part.utf8.count):".utf8))
      digest.update(Array(part.utf8))
    }
    return digest.finalizeHex()
  }

  /// The hex SHA-256 of a file's bytes ("missing" when it cannot be read).
  public static func ofFile(_ path: String) -> String { SHA256Digest.ofFile(path)?.hex ?? "missing" }
}
