#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes `text` to standard error, whole (a message for the person at the terminal).
public func writeStandardError(_ text: String) {
  var bytes = Array(text.utf8)[...]
  while !bytes.isEmpty {
    let written = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    if written < 0 && errno == EINTR { continue }
    guard written > 0 else { return }
    bytes = bytes.dropFirst(written)
  }
}

/// What went wrong, said plainly: a file error as `path: reason` (the system's words for it),
/// other errors as they describe themselves.
public func describeError(_ error: any Error) -> String {
  if let cocoa = error as? CocoaError {
    let reason = (cocoa.underlying as? POSIXError).map { String(cString: strerror($0.code.rawValue)) }
    switch (cocoa.filePath, reason) {
    case (let path?, let reason?): return "\(path): \(reason)"
    case (nil, let reason?): return reason
    default: return "\(cocoa.code)"
    }
  }
  if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
  return "\(error)"
}
