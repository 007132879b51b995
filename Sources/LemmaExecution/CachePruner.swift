import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Keeps a cache folder under a size: removes the least recently used outputs, compiled
/// programs and render stamps until the rest fits. Using an entry (a cache hit, a reused
/// program) touches it, so "least recently used" is its modification time. Entries used in the
/// last `recentSeconds` are never removed, so a render running beside the prune keeps its files.
public struct CachePruner: Sendable {
  public let cache: OutputCache
  /// Entries used more recently than this many seconds ago stay, whatever the size.
  public var recentSeconds: Double = 600

  public init(cache: OutputCache) { self.cache = cache }

  /// One removable entry: a file, or a program's build folder.
  struct Entry {
    var path: String
    var bytes: Int
    var used: Date
  }

  /// What a prune found and did.
  public struct Result: Equatable, Sendable {
    public var bytesBefore: Int
    public var bytesAfter: Int
    public var entriesRemoved: Int
  }

  /// Removes least recently used entries until the cache holds at most `limit` bytes (or only
  /// recent entries are left).
  public func prune(toBytes limit: Int, now: Date = Date()) -> Result {
    let entries = removableEntries()
    let total = Self.size(of: cache.directory)
    var size = total
    var removed = 0
    for entry in entries.sorted(by: { $0.used < $1.used }) where size > limit {
      guard now.timeIntervalSince(entry.used) >= recentSeconds else { break }
      guard (try? FileManager.default.removeItem(atPath: entry.path)) != nil else { continue }
      size -= entry.bytes
      removed += 1
    }
    return Result(bytesBefore: total, bytesAfter: size, entriesRemoved: removed)
  }

  /// Outputs, render stamps, records of files read, memo results, and build folders (the
  /// scratch folders of compiles in progress are left alone).
  func removableEntries() -> [Entry] {
    let files = FileManager.default
    var entries: [Entry] = []
    for folder in ["outputs", "reports", "reads", "memo"] {
      let path = cache.directory + "/" + folder
      for name in (try? files.contentsOfDirectory(atPath: path)) ?? [] where name.hasSuffix(".json") {
        let file = path + "/" + name
        guard let status = FileStatus(path: file) else { continue }
        entries.append(Entry(path: file, bytes: status.size, used: status.modificationDate))
      }
    }
    let builds = cache.directory + "/build"
    for name in (try? files.contentsOfDirectory(atPath: builds)) ?? []
    where !name.hasPrefix(".") && !name.hasSuffix(".tmp") {
      let folder = builds + "/" + name
      let program = folder + "/program"
      let used = (FileStatus(path: program) ?? FileStatus(path: folder))?.modificationDate ?? .distantPast
      entries.append(Entry(path: folder, bytes: Self.size(of: folder), used: used))
    }
    return entries
  }

  /// The bytes of the regular files under `path`.
  static func size(of path: String) -> Int {
    // Not following symbolic links, as a directory enumerator does not.
    var status = stat()
    guard lstat(path, &status) == 0 else { return 0 }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return Int(status.st_size)
    case S_IFDIR:
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.reduce(0) { $0 + size(of: path + "/" + $1) }
    default: return 0
    }
  }

  /// Marks the entry at `path` as used now.
  public static func touch(_ path: String) {
    _ = utimes(path, nil)
  }

  /// Reads a size such as `500M`, `2G`, `750K` or `1000000` (bytes; K, M, G are powers of 1024).
  public static func bytes(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
    var number = text.uppercased()
    if number.hasSuffix("B") { number.removeLast() }
    var scale = 1
    if let last = number.last, let unit = units[last] {
      scale = unit
      number.removeLast()
    }
    guard let value = Double(number), value >= 0, value.isFinite else { return nil }
    return Int(value * Double(scale))
  }

  /// `1.2 GB`, `340 MB`, `12 KB`, `512 B`.
  public static func describe(_ bytes: Int) -> String {
    let units = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)]
    for (name, size) in units where bytes >= size {
      return cFormat("%.1f", Double(bytes) / Double(size)) + " " + name
    }
    return "\(bytes) B"
  }
}
