import LemmaHTTPWire
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `GET`, `PUT` and `HEAD` on a cache store. The requests are made by the `LemmaHTTP` library
/// (URLSession, so libcurl), loaded from beside the `lemma` executable the first time one is
/// needed: a render without a shared cache never loads libcurl (about 15 ms of every start).
/// Bodies are streamed: a download goes to a file as it arrives, hashed on the way and cut off
/// past its expected size; an upload is read from its file.
public final class HTTPTransfer: Sendable {
  /// What became of a request.
  public enum Outcome<Value> {
    case found(Value)
    /// 404: not in the store.
    case missing
    /// Anything else: the reason, in words.
    case failed(String)
  }

  /// A whole download: its SHA-256 and size.
  public struct Received: Sendable, Equatable {
    public var sha256: String
    public var size: Int64

    public init(sha256: String, size: Int64) {
      self.sha256 = sha256
      self.size = size
    }
  }

  public let endpoint: RemoteEndpoint

  public init(endpoint: RemoteEndpoint) { self.endpoint = endpoint }

  /// Downloads `area/key` into the file at `path` (created or emptied), refusing more than
  /// `limit` bytes.
  public func get(_ area: String, _ key: String, to path: String, limit: Int64, accept: String? = nil) -> Outcome<
    Received
  > {
    switch perform("GET", area, key, accept: accept, outFile: path, limit: limit) {
    case .found(let response): return .found(Received(sha256: response.sha256, size: response.received))
    case .missing: return .missing
    case .failed(let problem): return .failed(problem)
    }
  }

  /// Downloads `area/key` into memory, refusing more than `limit` bytes.
  public func get(_ area: String, _ key: String, limit: Int64, accept: String? = nil) -> Outcome<Data> {
    switch perform("GET", area, key, accept: accept, limit: limit) {
    case .found(let response): return .found(Data(base64Encoded: response.bodyBase64) ?? Data())
    case .missing: return .missing
    case .failed(let problem): return .failed(problem)
    }
  }

  /// The size the store gives for `area/key`, if it has it.
  public func head(_ area: String, _ key: String) -> Outcome<Int64> {
    switch perform("HEAD", area, key, limit: 0) {
    case .found(let response): return .found(response.length)
    case .missing: return .missing
    case .failed(let problem): return .failed(problem)
    }
  }

  /// Uploads the file at `path`, streamed, to `area/key`.
  public func put(_ area: String, _ key: String, file path: String) -> Outcome<Void> {
    put(perform("PUT", area, key, contentType: "application/octet-stream", bodyFile: path, limit: 0))
  }

  /// Uploads `data` to `area/key`.
  public func put(_ area: String, _ key: String, data: Data, contentType: String) -> Outcome<Void> {
    put(perform("PUT", area, key, contentType: contentType, bodyBase64: data.base64EncodedString(), limit: 0))
  }

  private func put(_ outcome: Outcome<HTTPWireResponse>) -> Outcome<Void> {
    switch outcome {
    case .found: return .found(())
    case .missing: return .failed("HTTP 404 on PUT (the server does not accept uploads there)")
    case .failed(let problem): return .failed(problem)
    }
  }

  private func perform(
    _ method: String, _ area: String, _ key: String, accept: String? = nil, contentType: String? = nil,
    bodyFile: String? = nil, bodyBase64: String? = nil, outFile: String? = nil, limit: Int64
  ) -> Outcome<HTTPWireResponse> {
    let url = "\(endpoint.base)/\(area)/\(key)"
    let place = "\(method) \(url)"
    var headers = endpoint.headers.map { [$0.name, $0.value] }
    if let accept { headers.append(["Accept", accept]) }
    if let contentType { headers.append(["Content-Type", contentType]) }
    let request = HTTPWireRequest(
      method: method, url: url, headers: headers, timeout: endpoint.timeout, bodyFile: bodyFile,
      bodyBase64: bodyBase64, outFile: outFile, limit: limit)
    let response: HTTPWireResponse
    switch HTTPLibrary.shared.perform(request) {
    case .success(let answer): response = answer
    case .failure(let problem): return .failed(problem.message)
    }
    if let failure = response.failure { return .failed("\(place): \(failure)") }
    if let code = response.errorCode {
      return .failed("\(place): \(Self.describe(code, response.errorText ?? ""))")
    }
    switch response.status {
    case 200..<300: return .found(response)
    case 404: return .missing
    default:
      // A plain-text reason is worth showing (bazel-remote's are); an HTML error page is not.
      let body = Data(base64Encoded: response.bodyBase64) ?? Data()
      let said =
        String(decoding: body.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).first
        .flatMap { $0.hasPrefix("<") ? nil : ": " + $0 } ?? ""
      return .failed("\(place): HTTP \(response.status)\(Self.advice(response.status, method))\(said)")
    }
  }

  private static func advice(_ status: Int, _ method: String) -> String {
    switch status {
    case 401, 403:
      return
        " (refused: set \(RemoteEndpoint.tokenVariable) or \(RemoteEndpoint.headerVariable) if the store needs credentials)"
    case 413: return " (the body is larger than the server accepts: raise its limit, for nginx `client_max_body_size`)"
    case 405 where method == "PUT": return " (the server does not accept uploads: for nginx, `dav_methods PUT`)"
    default: return ""
    }
  }

  /// URLError's code in words (the codes are Foundation's, stable across platforms).
  private static func describe(_ code: Int, _ text: String) -> String {
    switch code {
    case -1001: return "no answer in time"
    case -1004: return "cannot connect (is the server running?)"
    case -1003, -1006: return "unknown host"
    case -1005: return "the connection closed before the whole body came"
    case -1011: return "the server's answer is not HTTP"
    default: return text
    }
  }
}

/// The `LemmaHTTP` library, loaded once, on first use.
final class HTTPLibrary: Sendable {
  struct Problem: Error {
    var message: String
  }

  static let shared = HTTPLibrary()

  private typealias Perform = @convention(c) (UnsafePointer<CChar>) -> UnsafeMutablePointer<CChar>?
  private let function: Result<Perform, Problem>

  /// The library's file: beside the running executable (`lemma` and `libLemmaHTTP.so` are
  /// built into one folder), or `LEMMA_HTTP_LIBRARY`.
  static var path: String {
    if let path = ProcessInfo.processInfo.environment["LEMMA_HTTP_LIBRARY"] { return path }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return executable.deletingLastPathComponent().appendingPathComponent("libLemmaHTTP.so").path
  }

  private init() {
    let path = Self.path
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "not found"
      function = .failure(
        Problem(message: "cannot load \(path) (\(reason)): build it with `make build-lemma`"))
      return
    }
    guard let symbol = dlsym(handle, httpWireSymbol) else {
      function = .failure(Problem(message: "\(path) has no \(httpWireSymbol)"))
      return
    }
    function = .success(unsafeBitCast(symbol, to: Perform.self))
  }

  func perform(_ request: HTTPWireRequest) -> Result<HTTPWireResponse, Problem> {
    let perform: Perform
    switch function {
    case .success(let loaded): perform = loaded
    case .failure(let problem): return .failure(problem)
    }
    guard let json = try? JSONEncoder().encode(request),
      let answer = String(decoding: json, as: UTF8.self).withCString({ perform($0) })
    else { return .failure(Problem(message: "the HTTP library gave no answer")) }
    defer { free(answer) }
    guard let response = try? JSONDecoder().decode(HTTPWireResponse.self, from: Data(String(cString: answer).utf8))
    else { return .failure(Problem(message: "the HTTP library's answer is not readable")) }
    return .success(response)
  }
}
