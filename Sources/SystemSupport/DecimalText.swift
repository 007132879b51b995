#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `value` with `digits` digits after the point, as printf's `%.Nf` writes it.
public func decimalText(_ value: Double, digits: Int) -> String {
  withVaList([value]) { arguments in
    var buffer = [CChar](repeating: 0, count: 512)
    let count = vsnprintf(&buffer, buffer.count, "%.\(max(0, min(digits, 30)))f", arguments)
    guard count >= 0 else { return "\(value)" }
    return String(
      decoding: buffer.prefix(min(Int(count), buffer.count - 1)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
