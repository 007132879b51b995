import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

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
