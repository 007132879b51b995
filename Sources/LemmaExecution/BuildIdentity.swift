import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

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
    var known = BinaryHashes(directory: runtime.directory)
    let engineHash = known.hash(of: engine)
    let runtimeHash = known.hash(of: runtime.libraryPath)
    known.save()
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

/// The SHA-256 of Lemma's own binaries, remembered beside the runtime with each file's device,
/// inode, size and modification time (to the nanosecond): hashing the 12 MB executable and the
/// runtime library took 30 ms of every run. A file whose stat differs in any of these is hashed
/// again, so the hash is always of the content there now (as ccache trusts a file's stat).
/// Where the folder is not writable, nothing is remembered and every run hashes.
struct BinaryHashes {
  static let fileName = "lemma-binary-hashes"

  private let path: String
  /// `stat path` -> hash.
  private var known: [String: String] = [:]
  private var changed = false

  init(directory: String) {
    path = directory + "/" + Self.fileName
    guard let data = FileManager.default.contents(atPath: path) else { return }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      guard let space = line.lastIndex(of: " ") else { continue }
      known[String(line[..<space])] = String(line[line.index(after: space)...])
    }
  }

  /// The hex SHA-256 of the file at `file`.
  mutating func hash(of file: String) -> String {
    guard let stat = Self.fileStat(file) else { return CacheKey.ofFile(file) }
    let key = stat + " " + file
    if let hash = known[key] { return hash }
    let hash = CacheKey.ofFile(file)
    known = known.filter { !$0.key.hasSuffix(" " + file) }
    known[key] = hash
    changed = true
    return hash
  }

  /// Writes what was learnt, atomically; silently not when the folder is read-only.
  func save() {
    guard changed else { return }
    let text = known.keys.sorted().map { "\($0) \(known[$0]!)\n" }.joined()
    try? AtomicFile.write(Data(text.utf8), to: path)
  }

  /// `device:inode:size:seconds.nanoseconds` of a file, or nil when it cannot be read.
  private static func fileStat(_ file: String) -> String? {
    var info = Glibc.stat()
    guard stat(file, &info) == 0 else { return nil }
    return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }
}
