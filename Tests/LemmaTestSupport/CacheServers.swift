import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A free TCP port on 127.0.0.1 (asked of the kernel, then released for a server to take).
public func freeLoopbackPort() -> UInt16? {
  let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard socket >= 0 else { return nil }
  defer { close(socket) }
  return bindLoopback(socket, listening: false)
}

/// Binds `socket` to a port the kernel picks on 127.0.0.1 (and listens, if asked); the port.
private func bindLoopback(_ socket: Int32, listening: Bool) -> UInt16? {
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(socket, $0, length) == 0 && (!listening || listen(socket, 16) == 0) && getsockname(socket, $0, &length) == 0
    }
  }
  return bound ? UInt16(bigEndian: address.sin_port) : nil
}

/// nginx serving a shared cache with WebDAV on 127.0.0.1 (`scripts/cache-server.sh`), for as
/// long as the object lives or until `stop()`.
public final class NginxCacheServer {
  public let port: UInt16
  public let folder: String

  /// The base URL of the store (`/fail` answers 500, `/auth` wants `Bearer secret`).
  public var url: String { "http://127.0.0.1:\(port)" }
  public var store: String { folder + "/store" }

  /// Starts nginx with its files in `folder`; `maxBody` is its `client_max_body_size`.
  public init(folder: String, maxBody: String = "64m", file: String = #filePath) throws {
    var root = URL(fileURLWithPath: file)
    while root.path != "/" && !FileManager.default.fileExists(atPath: root.path + "/scripts/cache-server.sh") {
      root.deleteLastPathComponent()
    }
    for _ in 0..<5 {
      guard let port = freeLoopbackPort() else { continue }
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = [root.path + "/scripts/cache-server.sh", folder, String(port), maxBody]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle(forWritingAtPath: "/dev/null")
      try process.run()
      let up = waitFor(10) { () -> Bool? in
        guard process.isRunning else { return false }
        return loopbackExchange(port: port, "HEAD / HTTP/1.0\r\n\r\n").isEmpty ? nil : true
      }
      if up == true {
        self.port = port
        self.folder = folder
        self.processStorage = process
        return
      }
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
    }
    throw CocoaError(
      .featureUnsupported,
      userInfo: [NSLocalizedDescriptionKey: "nginx did not start: install nginx-light (scripts/test-tools.sh does)"])
  }

  private var processStorage: Process?

  /// Stops nginx and waits until it has ended.
  public func stop() {
    guard let process = processStorage, process.isRunning else { return }
    process.terminate()
    process.waitUntilExit()
    _ = waitFor(5) { loopbackExchange(port: port, "HEAD / HTTP/1.0\r\n\r\n").isEmpty ? true : nil }
  }

  deinit { stop() }
}

/// A one-thread HTTP/1.1 server on 127.0.0.1 that answers each request with what `respond`
/// returns for its method and path: raw bytes, so a test can send a short body, a wrong one, or
/// a lie about its length. One request per connection; the connection closes after the answer.
public final class ScriptedHTTPServer: @unchecked Sendable {
  public let port: UInt16
  private let listener: Int32
  private let respond: @Sendable (_ method: String, _ path: String) -> [UInt8]

  public init(respond: @escaping @Sendable (_ method: String, _ path: String) -> [UInt8]) throws {
    self.respond = respond
    let listener = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    guard let port = bindLoopback(listener, listening: true) else { throw CocoaError(.fileWriteUnknown) }
    self.port = port
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  /// A whole response with `status`, `body`, and a Content-Length of `length` (default: the
  /// body's true length).
  public static func response(_ status: Int, _ body: [UInt8], length: Int? = nil) -> [UInt8] {
    Array("HTTP/1.1 \(status) X\r\nContent-Length: \(length ?? body.count)\r\nConnection: close\r\n\r\n".utf8) + body
  }

  private func serve() {
    while true {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { return }
      var head: [UInt8] = []
      var byte: UInt8 = 0
      while !head.ends(with: Array("\r\n\r\n".utf8)), recv(connection, &byte, 1, 0) == 1 { head.append(byte) }
      let text = String(decoding: head, as: UTF8.self)
      let words = text.split(separator: " ")
      let length =
        text.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
      var body = [UInt8](repeating: 0, count: 65536)
      var left = length
      while left > 0 {
        let count = recv(connection, &body, min(left, body.count), 0)
        guard count > 0 else { break }
        left -= count
      }
      if words.count >= 2 {
        let answer = respond(String(words[0]), String(words[1]))
        _ = answer.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      }
      close(connection)
    }
  }

  /// Stops listening; the serving thread ends.
  public func stop() {
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }
}

extension Array where Element == UInt8 {
  fileprivate func ends(with suffix: [UInt8]) -> Bool {
    count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
  }
}
