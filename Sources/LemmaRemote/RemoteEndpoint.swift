import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Where a shared cache lives and how to reach it: an `http(s)://` base URL under which the
/// store answers `GET`/`PUT`/`HEAD` on `ac/<sha256>` and `cas/<sha256>` (bazel-remote's layout),
/// and the headers every request carries. Credentials come from the environment only, never
/// from the URL or `lemma.yml`:
/// - `LEMMA_REMOTE_CACHE_TOKEN`: sent as `Authorization: Bearer <token>`;
/// - `LEMMA_REMOTE_CACHE_HEADER`: one whole header, `Name: value` (for example Basic auth).
/// `LEMMA_REMOTE_CACHE_TIMEOUT` sets how many seconds a request may wait (default 30).
public struct RemoteEndpoint: Sendable, Equatable {
  /// The base URL, without a trailing slash.
  public var base: String
  /// Name and value of each header sent with every request.
  public var headers: [Header]
  /// Seconds a request may wait for the server before it counts as a miss.
  public var timeout: Double

  public struct Header: Sendable, Equatable {
    public var name: String
    public var value: String
  }

  public static let tokenVariable = "LEMMA_REMOTE_CACHE_TOKEN"
  public static let headerVariable = "LEMMA_REMOTE_CACHE_HEADER"
  public static let timeoutVariable = "LEMMA_REMOTE_CACHE_TIMEOUT"

  /// Reads `text` as a cache URL, with headers and timeout from `environment`. Throws a message
  /// saying what to write instead.
  public init(_ text: String, environment: [String: String]) throws(RemoteEndpointError) {
    let trimmed = text.trimmingSpacesAndTabs
    guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
    else {
      throw RemoteEndpointError(
        message: "`\(text)` is not an http:// or https:// URL",
        hint: "give the store's base URL, for example http://cache.example.org:8080 or https://host/lemma")
    }
    guard components.user == nil && components.password == nil else {
      throw RemoteEndpointError(
        message: "the cache URL holds a user name or password",
        hint: "remove it from the URL and set \(Self.tokenVariable) (a bearer token) or \(Self.headerVariable) "
          + "(for example `Authorization: Basic …`) in the environment")
    }
    guard components.query == nil && components.fragment == nil else {
      throw RemoteEndpointError(
        message: "the cache URL has a query or fragment", hint: "give the base URL only; Lemma adds ac/… and cas/…")
    }
    var base = trimmed
    while base.hasSuffix("/") { base.removeLast() }
    self.base = base
    timeout = 30
    if let seconds = environment[Self.timeoutVariable] {
      guard let value = Double(seconds), value > 0, value <= 3600 else {
        throw RemoteEndpointError(
          message: "\(Self.timeoutVariable) must be a number of seconds from 0 to 3600",
          hint: "for example \(Self.timeoutVariable)=10")
      }
      timeout = value
    }
    headers = []
    if let token = environment[Self.tokenVariable], !token.isEmpty {
      headers.append(Header(name: "Authorization", value: "Bearer " + token))
    }
    if let line = environment[Self.headerVariable], !line.isEmpty {
      let parts = line.split(separator: ":", maxSplits: 1)
      let name = parts.first.map { $0.trimmingSpacesAndTabs } ?? ""
      guard parts.count == 2, !name.isEmpty, !name.contains(" "), !line.utf8.contains(10), !line.utf8.contains(13)
      else {
        throw RemoteEndpointError(
          message: "\(Self.headerVariable) must be one header, `Name: value`",
          hint: "for example \(Self.headerVariable)='Authorization: Basic dXNlcjpwYXNz'")
      }
      headers.append(Header(name: name, value: parts[1].trimmingSpacesAndTabs))
    }
  }

  /// The URL of the entry `key` in `area` (`ac` or `cas`).
  func url(_ area: String, _ key: String) -> URL? { URL(string: "\(base)/\(area)/\(key)") }
}

/// A cache URL or credential that cannot be used, with what to do instead.
public struct RemoteEndpointError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var hint: String

  public var description: String { "\(message)\n  \(hint)" }
}
