// Implementation-only: a notebook's compile then does not load SystemSupport (Figures is
// re-exported to notebooks); nothing public here stores or inlines its types.
@_implementationOnly import SystemSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a number is written in tables and inline values. Formatting ignores the locale, so
/// reports are the same on every machine.
public enum NumberFormat: Codable, Equatable, Hashable, Sendable {
  /// Whole numbers as they are; other numbers with five significant digits, trailing zeros
  /// dropped, and in scientific notation when very large or small.
  case automatic
  /// A fixed number of decimals: `.fixed(2)` writes 3.14159 as `3.14`.
  case fixed(Int)
  /// A number of significant digits: `.significant(3)` writes 2497.38 as `2500`.
  case significant(Int)
  /// A fraction as a percentage: `.percent(1)` writes 0.5312 as `53.1%`.
  case percent(Int)
  /// Scientific notation with the given decimals: `.scientific(2)` writes 315000 as `3.15e5`.
  case scientific(Int)

  /// `value` written in this format; NaN and infinities as `NaN`, `∞`, `-∞`.
  public func format(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
    switch self {
    case .automatic:
      if value == value.rounded(), abs(value) < 1e15 { return cFormat("%.0f", value) }
      return significantDigits(value, 5)
    case .fixed(let decimals): return cFormat("%.*f", Int32(clamping: max(0, decimals)), value)
    case .significant(let digits): return significantDigits(value, max(1, digits))
    case .percent(let decimals): return cFormat("%.*f", Int32(clamping: max(0, decimals)), value * 100) + "%"
    case .scientific(let decimals): return scientific(value, max(0, decimals))
    }
  }

  /// `value` written in this format.
  public func format(_ value: Int) -> String {
    switch self {
    case .automatic, .significant: String(value)
    default: format(Double(value))
    }
  }

  private func significantDigits(_ value: Double, _ digits: Int) -> String {
    let magnitude = value == 0 ? 0 : Int(floor(log10(abs(value))))
    if magnitude >= 9 || magnitude < -4 { return scientific(value, digits - 1, trimZeros: true) }
    let decimals = digits - 1 - magnitude
    guard decimals < 0 else { return trimmingZeros(cFormat("%.*f", Int32(decimals), value)) }
    // Fewer significant digits than the integer part has: round away the low digits.
    let scale = pow(10, Double(-decimals))
    return cFormat("%.0f", (value / scale).rounded() * scale)
  }

  private func scientific(_ value: Double, _ decimals: Int, trimZeros: Bool = false) -> String {
    let text = cFormat("%.*e", Int32(clamping: decimals), value)
    guard let e = text.firstIndex(of: "e") else { return text }
    let mantissa = trimZeros ? trimmingZeros(String(text[..<e])) : String(text[..<e])
    let exponent = Int(text[text.index(after: e)...]) ?? 0
    return "\(mantissa)e\(exponent)"
  }

  private func trimmingZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var trimmed = Substring(text)
    while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
    if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
    return trimmed == "-0" ? "0" : String(trimmed)
  }
}

/// `value` written with `format`: the helper for inline values, as in `{swift} fmt(mean)`.
public func fmt(_ value: Double, _ format: NumberFormat = .automatic) -> String { format.format(value) }

/// `value` written with `format`.
public func fmt(_ value: Int, _ format: NumberFormat = .automatic) -> String { format.format(value) }
