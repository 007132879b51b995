import Foundation

/// What names the engine and runtime in cache keys: content only, never paths or times, so two
/// clones of the same sources at different paths, or two machines, share cache entries.
///
/// `make` writes `lemma-build-identity` beside the runtime after each build
/// (`scripts/build-identity.sh`): the SHA-256 of the sources, with the SHA-256 of the `lemma`
/// executable and runtime library built from them. When both still match what is there, the
/// identity is the sources' hash, the same in every clone (the binaries themselves are not:
/// they hold their build paths). Otherwise, after a build by other means, it is the hash of
/// the two binaries: still content, and still changed by any rebuild.
public enum BuildIdentity {
  public static let fileName = "lemma-build-identity"

  /// The identity of the engine at `engine` with the runtime library of `runtime`.
  public static func of(runtime: RuntimeLibrary, engine: String) -> String {
    let engineHash = CacheKey.ofFile(engine)
    let runtimeHash = CacheKey.ofFile(runtime.libraryPath)
    let recorded = recordedHashes(in: runtime.directory)
    if let sources = recorded["sources"], recorded["lemma"] == engineHash, recorded["runtime"] == runtimeHash {
      return "sources \(sources)"
    }
    return "binaries \(engineHash) \(runtimeHash)"
  }

  /// The `name hash` lines of the identity file in `directory`.
  static func recordedHashes(in directory: String) -> [String: String] {
    guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else { return [:] }
    var hashes: [String: String] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2 { hashes[String(parts[0])] = String(parts[1]) }
    }
    return hashes
  }
}
