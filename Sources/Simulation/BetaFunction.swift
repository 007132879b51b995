#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Statistics {
  /// The regularized incomplete beta function I_x(a, b): the CDF of Beta(a, b) at x.
  ///
  /// Continued fraction (modified Lentz), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where
  /// it converges faster; accurate to about 1e-13.
  public static func betaCDF(_ x: Double, _ a: Double, _ b: Double) -> Double {
    precondition(a > 0 && b > 0, "Beta needs positive shapes")
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x)
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * betaContinuedFraction(x, a, b) / a
    }
    return 1 - exp(logFront) * betaContinuedFraction(1 - x, b, a) / b
  }

  private static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var result = d
    for m in 1...10_000 {
      let m = Double(m)
      let evenTerm = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + evenTerm * d
      if abs(d) < tiny { d = tiny }
      c = 1 + evenTerm / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      result *= d * c
      let oddTerm = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + oddTerm * d
      if abs(d) < tiny { d = tiny }
      c = 1 + oddTerm / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      result *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return result
  }
}
