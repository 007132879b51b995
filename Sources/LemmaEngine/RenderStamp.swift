import LemmaExecution
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

/// A record, kept in the cache, that a report was written from given outputs, prose and
/// navigation, and which files it wrote (with their sizes and modification times). When the
/// same inputs come again and the files are untouched, rendering is skipped: decoding cached
/// outputs and drawing charts is most of a re-render's time.
public struct RenderStamp: Codable, Sendable {
  public struct WrittenFile: Codable, Equatable, Sendable {
    public var path: String
    public var size: Int
    public var modified: Double
  }

  public var files: [WrittenFile]
  public var digest: ReportDigest
  public var claimsPassed: Int
  public var claimsFailed: Int

  /// The stamp's key: everything the written files depend on (`prose`: what the prose quotes
  /// from other files — bibliography hashes, other notebooks' numbering).
  static func key(
    outputsKey: String, notebook source: String, assets: ProseAssets, prose: [String], links: SiteLinks?,
    directory: String, rawHTML: RawHTML
  ) -> String {
    CacheKey.make(
      [
        "render-stamp-1", outputsKey, source, links?.fingerprint ?? "",
        URL(fileURLWithPath: directory).standardizedFileURL.path,
      ] + (rawHTML == .filtered ? [] : ["raw-html=\(rawHTML.rawValue)"]) + assets.keyParts + prose)
  }

  static func path(_ key: String, in cache: OutputCache) -> String { cache.directory + "/reports/" + key + ".json" }

  /// The stamp under `key`, if its files are all still there exactly as written.
  static func valid(_ key: String, in cache: OutputCache) -> RenderStamp? {
    guard let data = FileManager.default.contents(atPath: path(key, in: cache)),
      let stamp = try? JSONDecoder().decode(RenderStamp.self, from: data),
      stamp.files.allSatisfy({ WrittenFile(current: $0.path) == $0 })
    else { return nil }
    CachePruner.touch(path(key, in: cache))
    return stamp
  }

  /// Records what a render wrote.
  static func save(
    _ key: String, in cache: OutputCache, written: [String], digest: ReportDigest, claimsPassed: Int, claimsFailed: Int
  ) {
    let files = written.compactMap { WrittenFile(current: $0) }
    guard files.count == written.count else { return }
    let stamp = RenderStamp(files: files, digest: digest, claimsPassed: claimsPassed, claimsFailed: claimsFailed)
    if let data = try? JSONEncoder().encode(stamp) { try? AtomicFile.write(data, to: path(key, in: cache)) }
  }
}

extension RenderStamp.WrittenFile {
  /// The file at `path` as it is now, or nil when it is missing.
  init?(current path: String) {
    guard let status = FileStatus(path: path) else { return nil }
    self.init(path: path, size: status.size, modified: status.modified)
  }
}
