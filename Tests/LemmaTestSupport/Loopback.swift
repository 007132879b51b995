import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Sends `request` as it is to 127.0.0.1:`port` over a plain socket (URLSession would set
/// headers such as Host itself) and returns the whole response split into lines at CRLF;
/// empty when nothing listens there.
public func loopbackExchange(port: UInt16, _ request: String) -> [String] {
  let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard socket >= 0 else { return [] }
  defer { close(socket) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = port.bigEndian
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard connected == 0 else { return [] }
  let bytes = Array(request.utf8)
  _ = send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL))
  var response: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = recv(socket, &buffer, buffer.count, 0)
    guard count > 0 else { break }
    response += buffer[..<count]
  }
  return String(decoding: response, as: UTF8.self).components(separatedBy: "\r\n")
}
