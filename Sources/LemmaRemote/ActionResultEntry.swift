import Foundation

/// An action-cache entry: which content-addressed blobs make up one cached result, as JSON in
/// the shape of a Bazel `ActionResult` (`outputFiles[].path` and `.digest.{hash,sizeBytes}`,
/// proto3 JSON names), so bazel-remote accepts it with `Content-Type: application/json` and
/// validates it, and a plain WebDAV store (nginx, Apache) keeps it as it is.
public struct ActionResultEntry: Equatable, Sendable {
  public struct File: Equatable, Sendable {
    public var path: String
    public var sha256: String
    public var size: Int64

    public init(path: String, sha256: String, size: Int64) {
      self.path = path
      self.sha256 = sha256
      self.size = size
    }
  }

  public var files: [File]

  public init(files: [File]) { self.files = files }

  /// The entry's JSON: keys in a fixed order, sizes as strings (proto3 JSON's int64).
  public var json: Data {
    let files = self.files.map { file in
      #"{"path":\#(Self.quoted(file.path)),"digest":{"hash":"\#(file.sha256)","sizeBytes":"\#(file.size)"}}"#
    }
    return Data(#"{"outputFiles":[\#(files.joined(separator: ","))]}"#.utf8)
  }

  /// Reads an entry as Lemma wrote it or as bazel-remote gives it back (extra fields, such as
  /// `executionMetadata`, and sizes as numbers or strings are fine); nil when it is not one.
  public init?(json: Data) {
    guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
      let list = (object["outputFiles"] ?? object["output_files"]) as? [[String: Any]]
    else { return nil }
    var files: [File] = []
    for item in list {
      guard let path = item["path"] as? String, let digest = item["digest"] as? [String: Any],
        let hash = digest["hash"] as? String, hash.count == 64,
        hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
      else { return nil }
      let rawSize = digest["sizeBytes"] ?? digest["size_bytes"] ?? 0
      guard let size = (rawSize as? String).flatMap({ Int64($0) }) ?? (rawSize as? NSNumber)?.int64Value, size >= 0
      else { return nil }
      files.append(File(path: path, sha256: hash, size: size))
    }
    self.files = files
  }

  private static func quoted(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
    return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
  }
}
