import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

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
    guard let entry = try? JSONDecoder().decode(WireEntry.self, from: json),
      let list = entry.outputFiles ?? entry.outputFilesSnakeCase
    else { return nil }
    var files: [File] = []
    for item in list {
      guard let path = item.path, let digest = item.digest, let hash = digest.hash, hash.count == 64,
        hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
      else { return nil }
      let written = digest.sizeBytes ?? digest.sizeBytesSnakeCase ?? .number(0)
      guard let size = written.value, size >= 0 else { return nil }
      files.append(File(path: path, sha256: hash, size: size))
    }
    self.files = files
  }

  /// The entry as JSON has it, in either of proto3 JSON's spellings of the field names.
  private struct WireEntry: Decodable {
    var outputFiles: [WireFile]?
    var outputFilesSnakeCase: [WireFile]?

    enum CodingKeys: String, CodingKey {
      case outputFiles
      case outputFilesSnakeCase = "output_files"
    }
  }

  private struct WireFile: Decodable {
    var path: String?
    var digest: WireDigest?
  }

  private struct WireDigest: Decodable {
    var hash: String?
    var sizeBytes: WireSize?
    var sizeBytesSnakeCase: WireSize?

    enum CodingKeys: String, CodingKey {
      case hash
      case sizeBytes
      case sizeBytesSnakeCase = "size_bytes"
    }
  }

  /// An int64 written as a string (proto3 JSON) or as a number.
  private enum WireSize: Decodable {
    case text(String)
    case number(Int64)
    case other

    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Int64.self) {
        self = .number(number)
      } else if let text = try? container.decode(String.self) {
        self = .text(text)
      } else {
        self = .other
      }
    }

    var value: Int64? {
      switch self {
      case .text(let text): Int64(text)
      case .number(let number): number
      case .other: nil
      }
    }
  }

  private static func quoted(_ text: String) -> String {
    let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}
