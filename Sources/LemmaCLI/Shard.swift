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

/// `--shard i/n`: the share of the notebooks one of n machines renders. A notebook belongs to
/// shard `hash(path) mod n + 1`, the hash of its path relative to the project root, so every
/// machine agrees without talking to the others, and adding a notebook moves no other one.
struct Shard: Equatable {
  /// 1-based, as CI matrices and Slurm arrays count.
  var index: Int
  var count: Int

  /// Reads `i/n`; nil when it is not that shape with 1 ≤ i ≤ n.
  init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
      (1...count).contains(index)
    else { return nil }
    self.index = index
    self.count = count
  }

  /// Whether the notebook at `path` is in this shard. The path is read relative to the
  /// current folder (the project root), however it was written (`./a.md`, an absolute path).
  func contains(_ path: String) -> Bool {
    let root = FileManager.default.currentDirectoryPath
    let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: root + "/")).standardizedFileURL.path
    let relative = absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : absolute
    let digest = CacheKey.make(["shard", relative])
    let value = UInt64(digest.prefix(16), radix: 16) ?? 0
    return Int(value % UInt64(count)) == index - 1
  }
}
