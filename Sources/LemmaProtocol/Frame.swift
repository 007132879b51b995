import Figures

// Implementation-only: a notebook's compile then does not load FoundationEssentials (the
// runtime's modules re-export this one). Safe without library evolution because nothing
// public here stores, takes or returns a Foundation type, and nothing is inlinable; the
// programs that use what Foundation adds to the standard library import it themselves
// (`OnDemandImports` in LemmaExecution).
#if canImport(FoundationEssentials)
  @_implementationOnly import FoundationEssentials
#else
  import Foundation
#endif

/// One framing line of the stream a notebook program writes to stdout, between the user's
/// printed text.
///
/// On the wire a frame is `\u{1E}<nonce> <KIND> <payload>\n`. The nonce is random per run, so
/// text a block prints cannot forge a frame; a frame may follow a partial printed line.
public enum Frame: Equatable, Sendable {
  /// Experiment block `index` starts: what follows belongs to it.
  case begin(block: Int)
  /// A structured result (a table, later a chart or claim) of the current block.
  case record(Record)
  /// The value of inline expression `index`, as text.
  case inline(index: Int, text: String)
  /// The program read a data file (`readText`, `readData`, `readCSV`): a dependency of its outputs.
  case read(FileRead)
  /// The program finished every block.
  case end

  /// The byte that starts every frame marker.
  public static let markerByte: UInt8 = 0x1E

  /// The frame as one line (with its newline) for a run with `nonce`.
  public func line(nonce: String) -> String {
    let prefix = "\u{1E}\(nonce) "
    switch self {
    case .begin(let block): return prefix + "BEGIN \(block)\n"
    case .record(let record): return prefix + "RECORD " + WireFormat.encode(record) + "\n"
    case .inline(let index, let text): return prefix + "INLINE \(index) " + WireFormat.encode(text) + "\n"
    case .read(let read): return prefix + "READ " + WireFormat.encode(read) + "\n"
    case .end: return prefix + "END\n"
    }
  }

  /// Parses what follows `\u{1E}<nonce> ` on a line; nil if it is not a well-formed frame.
  public init?(payload: Substring) {
    let parts = payload.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
    switch parts.first {
    case "BEGIN":
      guard parts.count == 2, let block = Int(parts[1]) else { return nil }
      self = .begin(block: block)
    case "RECORD":
      let json = payload.dropFirst("RECORD ".count)
      guard let record = WireFormat.decode(Record.self, from: json) else { return nil }
      self = .record(record)
    case "INLINE":
      guard parts.count == 3, let index = Int(parts[1]),
        let text = WireFormat.decode(String.self, from: parts[2])
      else { return nil }
      self = .inline(index: index, text: text)
    case "READ":
      guard let read = WireFormat.decode(FileRead.self, from: payload.dropFirst("READ ".count)) else { return nil }
      self = .read(read)
    case "END":
      self = .end
    default:
      return nil
    }
  }
}

/// A data file a notebook program read, as it was when read.
public struct FileRead: Codable, Hashable, Sendable {
  /// The path the block passed, relative to the notebook's folder unless absolute.
  public var path: String
  /// The hex SHA-256 of the bytes read, or `missing` when the file could not be read.
  public var sha256: String

  public static let missing = "missing"

  public init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }
}

/// A structured result a block produces.
public enum Record: Codable, Equatable, Sendable {
  case figure(Figure)
  case claim(Claim)
}

/// JSON as both ends of the stream write and read it: sorted keys, non-finite numbers as text.
public enum WireFormat {
  public static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
  }

  public static func decode<T: Decodable>(_ type: T.Type, from text: some StringProtocol) -> T? {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return try? decoder.decode(type, from: Data(text.utf8))
  }
}

/// How the engine tells a notebook program what to run with: passed as the program's one
/// argument, as JSON.
public struct RunConfiguration: Codable, Equatable, Sendable {
  public var nonce: String
  public var seed: UInt64
  /// Parameter values as text; the program parses each as its declared type.
  public var params: [String: String]
  /// The file descriptor to write progress lines to, when someone is watching the run.
  public var progressDescriptor: Int32?
  /// Where `memo` keeps results; nil when memos are off (every closure runs, nothing is kept).
  public var memoDirectory: String?
  /// Each `memo` call site's key, by `"cell-3:12"` (block file and line).
  public var memoKeys: [String: String]
  /// Whether stored results are used (false under `--force`: closures run and replace them).
  public var memoReads: Bool

  public init(
    nonce: String, seed: UInt64, params: [String: String], progressDescriptor: Int32? = nil,
    memoDirectory: String? = nil, memoKeys: [String: String] = [:], memoReads: Bool = true
  ) {
    self.nonce = nonce
    self.seed = seed
    self.params = params
    self.progressDescriptor = progressDescriptor
    self.memoDirectory = memoDirectory
    self.memoKeys = memoKeys
    self.memoReads = memoReads
  }
}
