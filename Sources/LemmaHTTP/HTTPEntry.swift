import Foundation
import LemmaHTTPWire

#if canImport(Glibc)
  import Glibc
#endif

/// The library's one entry point (`httpWireSymbol`): performs a request described as JSON and
/// returns the response as JSON in memory from `malloc`.
@_cdecl("lemma_http_perform")
public func lemmaHTTPPerform(_ requestJSON: UnsafePointer<CChar>) -> UnsafeMutablePointer<CChar>? {
  var response = HTTPWireResponse()
  if let request = try? JSONDecoder().decode(HTTPWireRequest.self, from: Data(String(cString: requestJSON).utf8)) {
    response = URLSessionTransfer.shared(timeout: request.timeout).perform(request)
  } else {
    response.failure = "malformed request"
  }
  let data = (try? JSONEncoder().encode(response)) ?? Data("{}".utf8)
  return data.withUnsafeBytes { bytes in
    guard let source = bytes.baseAddress, let copy = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self)
    else { return nil }
    memcpy(copy, source, bytes.count)
    copy[bytes.count] = 0
    return copy
  }
}
