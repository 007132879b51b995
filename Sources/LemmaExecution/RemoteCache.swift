import LemmaDigest
import LemmaRemote
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The shared cache over HTTP, behind the local one: a result is one blob under
/// `cas/<its sha256>` and an entry under `ac/<key>` naming that blob (`ActionResultEntry`).
/// Every download is checked against its hash and size before it is moved into the local
/// cache. The first problem (server down, a timeout, an error status, a wrong body) prints one
/// warning line and turns the remote off for the rest of the run: a problem is a miss, never a
/// failed render or a wrong report.
public final class RemoteCache: @unchecked Sendable {
  /// What a cache entry holds: a notebook's outputs, the files its program read, or a `memo`
  /// result.
  public enum Kind: String, Sendable {
    case outputs
    case reads
    case memo
  }

  public let transfer: HTTPTransfer
  private let warn: @Sendable (String) -> Void
  private let lock = Lock()
  private var off = false

  /// `warn` receives the run's one warning line.
  public init(endpoint: RemoteEndpoint, warn: @escaping @Sendable (String) -> Void) {
    transfer = HTTPTransfer(endpoint: endpoint)
    self.warn = warn
  }

  /// The largest action-cache entry read (it lists one blob).
  static let entryLimit: Int64 = 64 * 1024
  /// The largest blob fetched.
  static let blobLimit: Int64 = 4 << 30

  /// The `ac/` key of the entry of `kind` under the local key `key` (a format tag folded in, so
  /// another entry format lands elsewhere).
  static func actionKey(_ kind: Kind, _ key: String) -> String {
    CacheKey.make(["lemma-remote-1", kind.rawValue, key])
  }

  static func blobName(_ kind: Kind) -> String { "lemma/\(kind.rawValue).json" }

  /// Fetches the entry of `kind` under `key` into `destination` (atomically), when the store
  /// has it whole. False on a miss or a problem.
  public func fetch(_ kind: Kind, key: String, into destination: String) -> Bool {
    guard isOn else { return false }
    let blob: ActionResultEntry.File
    switch transfer.get("ac", Self.actionKey(kind, key), limit: Self.entryLimit, accept: "application/json") {
    case .missing: return false
    case .failed(let problem): return turnOff(problem)
    case .found(let data):
      guard let entry = ActionResultEntry(json: data),
        let file = entry.files.first(where: { $0.path == Self.blobName(kind) })
      else { return turnOff("the entry ac/\(Self.actionKey(kind, key)) is not a Lemma cache entry") }
      guard file.size <= Self.blobLimit else { return turnOff("the entry names a blob of \(file.size) bytes") }
      blob = file
    }
    let folder = URL(fileURLWithPath: destination).deletingLastPathComponent().path
    let temporary = folder + "/.remote.\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    do { try Shutdown.makeScratchFile(temporary) } catch { return false }
    defer { Shutdown.removeScratch(temporary) }
    switch transfer.get("cas", blob.sha256, to: temporary, limit: blob.size) {
    case .missing: return false
    case .failed(let problem): return turnOff(problem)
    case .found(let received):
      guard received == HTTPTransfer.Received(sha256: blob.sha256, size: blob.size) else {
        return turnOff("cas/\(blob.sha256) came back as \(received.size) bytes with another hash; ignored it")
      }
    }
    return Shutdown.moveScratch(temporary, to: destination)
  }

  /// Uploads the file at `path` as the entry of `kind` under `key`: the blob first (unless the
  /// store has it), then the entry naming it.
  public func store(_ kind: Kind, key: String, file path: String) {
    guard isOn, let digest = SHA256Digest.ofFile(path) else { return }
    switch transfer.head("cas", digest.hex) {
    case .found(let size) where size == digest.size: break
    case .failed(let problem): _ = turnOff(problem)
    case .found, .missing:
      if case .failed(let problem) = transfer.put("cas", digest.hex, file: path) {
        _ = turnOff(problem)
        return
      }
    }
    guard isOn else { return }
    let entry = ActionResultEntry(files: [.init(path: Self.blobName(kind), sha256: digest.hex, size: digest.size)])
    if case .failed(let problem) = transfer.put(
      "ac", Self.actionKey(kind, key), data: entry.json, contentType: "application/json")
    {
      _ = turnOff(problem)
    }
  }

  /// Whether the remote is still in use this run.
  public var isOn: Bool { lock.withLock { !off } }

  /// Prints the run's one warning and stops using the remote. Returns false (a miss).
  private func turnOff(_ problem: String) -> Bool {
    let first = lock.withLock {
      defer { off = true }
      return !off
    }
    if first {
      warn(
        "warning: remote cache \(transfer.endpoint.base): \(problem); "
          + "using the local cache only for the rest of this run")
    }
    return false
  }
}
