import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A request as the preview server reads it: method, path, query and headers (names lowercased).
struct PreviewRequest {
  var method: String
  var path: String
  var query: [String: String]
  var headers: [String: String]
}

/// A response: status, content type and body. Every response closes its connection.
struct PreviewResponse {
  var status: Int
  var contentType = "text/plain; charset=utf-8"
  var body = Data()

  static func text(_ text: String, status: Int = 200, type: String = "text/plain; charset=utf-8") -> PreviewResponse {
    PreviewResponse(status: status, contentType: type, body: Data(text.utf8))
  }
}

/// The small HTTP/1.1 server behind `lemma preview`: it listens on 127.0.0.1 only, answers each
/// connection on its own thread with one response and closes it. A request head is read with a
/// size cap and a time limit, so a client that sends too much, or nothing, costs a thread for
/// at most ten seconds. Only what a browser previewing pages needs: no keep-alive, no bodies.
final class PreviewServer: @unchecked Sendable {
  /// Requests are answered by `handle`, on the connection's thread.
  private let handle: @Sendable (PreviewRequest) -> PreviewResponse
  private let socket: Int32
  /// The port it listens on (the one the system chose when asked for port 0).
  let port: UInt16

  private static let headLimit = 32 * 1024
  private static let connectionLimit = 64
  private let open = Lock()
  private var connections = 0

  /// Listens on 127.0.0.1:`port` (0: any free port); throws a readable message when it cannot.
  init(port: UInt16, handle: @escaping @Sendable (PreviewRequest) -> PreviewResponse) throws {
    self.handle = handle
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw Self.failure("socket") }
    var yes: Int32 = 1
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(socket, 64) == 0 else {
      let error = Self.failure("127.0.0.1:\(port)")
      close(socket)
      throw error
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    self.socket = socket
    self.port = UInt16(bigEndian: actual.sin_port)
  }

  private static func failure(_ what: String) -> ServeError {
    ServeError(description: "cannot serve on \(what): \(String(cString: strerror(errno)))")
  }

  /// Why the preview cannot listen.
  struct ServeError: Error, CustomStringConvertible {
    var description: String
  }

  /// Accepts connections on a background thread until the process ends.
  func start() {
    startDetachedThread { [self] in
      while true {
        let connection = accept(socket, nil, nil)
        guard connection >= 0 else {
          if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE { continue }
          return
        }
        guard reserveConnection() else {
          close(connection)
          continue
        }
        startDetachedThread { [self] in
          serve(connection)
          close(connection)
          releaseConnection()
        }
      }
    }
  }

  private func reserveConnection() -> Bool {
    open.withLock {
      guard connections < Self.connectionLimit else { return false }
      connections += 1
      return true
    }
  }

  private func releaseConnection() { open.withLock { connections -= 1 } }

  private func serve(_ connection: Int32) {
    var limit = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    guard let head = readHead(connection) else {
      write(.text("bad request\n", status: 400), to: connection, head: false)
      return
    }
    guard let request = Self.parse(head) else {
      write(.text("bad request\n", status: 400), to: connection, head: false)
      return
    }
    write(handle(request), to: connection, head: request.method == "HEAD")
  }

  /// The bytes up to the blank line that ends a request head; nil when the client sends more
  /// than the cap, stops, or waits too long.
  private func readHead(_ connection: Int32) -> [UInt8]? {
    var head: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while head.count <= Self.headLimit {
      let count = recv(connection, &buffer, buffer.count, 0)
      guard count > 0 else { return nil }
      let searchFrom = max(0, head.count - 3)
      head += buffer[..<count]
      if let end = Self.endOfHead(head, from: searchFrom) { return Array(head[..<end]) }
    }
    return nil
  }

  private static func endOfHead(_ bytes: [UInt8], from start: Int) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for index in start...(bytes.count - 4)
    where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
      return index
    }
    return nil
  }

  /// The request line and headers of `head`; nil when it is not HTTP/1.x.
  static func parse(_ head: [UInt8]) -> PreviewRequest? {
    let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
    let parts = lines[0].split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), parts[1].hasPrefix("/") else { return nil }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let name = line[..<colon].lowercased()
      guard headers[name] == nil else {
        if name == "host" { return nil }  // two Host headers: ambiguous, refuse
        continue
      }
      headers[name] = line[line.index(after: colon)...].trimmingSpacesAndTabs
    }
    let target = parts[1]
    let question = target.firstIndex(of: "?")
    let path = String(target[..<(question ?? target.endIndex)])
    var query: [String: String] = [:]
    if let question {
      for pair in target[target.index(after: question)...].split(separator: "&") {
        let item = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(item[0]).removingPercentEscapes ?? String(item[0])
        query[name] = item.count > 1 ? (String(item[1]).removingPercentEscapes ?? String(item[1])) : ""
      }
    }
    return PreviewRequest(method: String(parts[0]), path: path, query: query, headers: headers)
  }

  private func write(_ response: PreviewResponse, to connection: Int32, head: Bool) {
    let reason = Self.reasons[response.status] ?? "Status"
    let text =
      "HTTP/1.1 \(response.status) \(reason)\r\nContent-Type: \(response.contentType)\r\n"
      + "Content-Length: \(response.body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    var bytes = Array(text.utf8)
    if !head { bytes += response.body }
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard count > 0 else { return }
      sent += count
    }
  }

  private static let reasons = [
    200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  ]
}
