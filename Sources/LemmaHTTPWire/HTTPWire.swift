#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// One HTTP request as Lemma hands it to the `LemmaHTTP` library (which it loads only when a
/// shared cache is configured, so no render pays for loading libcurl), as JSON over a C call.
public struct HTTPWireRequest: Codable, Sendable {
  public var method: String
  public var url: String
  /// Name and value of each header.
  public var headers: [[String]]
  public var timeout: Double
  /// Upload the bytes of this file (streamed) ...
  public var bodyFile: String?
  /// ... or these bytes, base64.
  public var bodyBase64: String?
  /// Write a 2xx body to this file as it arrives (else it comes back in the response).
  public var outFile: String?
  /// Refuse a 2xx body longer than this (a GET's; the body of an answer to PUT or HEAD is ignored).
  public var limit: Int64

  public init(
    method: String, url: String, headers: [[String]], timeout: Double, bodyFile: String? = nil,
    bodyBase64: String? = nil, outFile: String? = nil, limit: Int64
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.timeout = timeout
    self.bodyFile = bodyFile
    self.bodyBase64 = bodyBase64
    self.outFile = outFile
    self.limit = limit
  }
}

/// What became of a request.
public struct HTTPWireResponse: Codable, Sendable {
  /// The HTTP status, 0 when none came.
  public var status: Int = 0
  /// Content-Length (-1 when not given).
  public var length: Int64 = -1
  /// 2xx body bytes received, their SHA-256, and (with no `outFile`) the body, base64; for
  /// other statuses the body's first bytes.
  public var received: Int64 = 0
  public var sha256: String = ""
  public var bodyBase64: String = ""
  /// A transport error: URLError's code and words.
  public var errorCode: Int?
  public var errorText: String?
  /// Why a body was refused (longer than `limit`, not writable).
  public var failure: String?

  public init() {}
}

/// The C symbol `LemmaHTTP` exports: takes a request's JSON (NUL-terminated), returns a
/// response's JSON allocated with `malloc` (the caller frees it).
public let httpWireSymbol = "lemma_http_perform"
