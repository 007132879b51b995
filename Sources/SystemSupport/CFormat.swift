#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `arguments` written with the C `printf` pattern `pattern` (`"%.2f"`, `"%.*e"`), whatever
/// the length.
public func cFormat(_ pattern: String, _ arguments: CVarArg...) -> String {
  withVaList(arguments) { list in
    var buffer = [CChar](repeating: 0, count: 512)
    let count = vsnprintf(&buffer, buffer.count, pattern, list)
    guard count >= 0 else { return "" }
    if Int(count) < buffer.count {
      return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return withVaList(arguments) { retry in
      var large = [CChar](repeating: 0, count: Int(count) + 1)
      _ = vsnprintf(&large, large.count, pattern, retry)
      return String(decoding: large.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  }
}
