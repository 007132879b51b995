#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How good the best of N independent attempts is, when each attempt's quality is a draw from a
/// distribution and an attempt may fail outright (scoring nothing, worse than any success).
///
/// Closed form: with F(x) = q + (1 − q)·G(x) and y = F(x)^N,
/// E[best | not all fail] = ∫ G⁻¹((y^{1/N} − q)/(1 − q)) dy over (qᴺ, 1), divided by 1 − qᴺ,
/// integrated numerically with a substitution that is flat at both ends.
public struct BestOfN: Sendable, Equatable {
  /// The quality of one successful attempt.
  public enum Quality: Sendable, Equatable {
    case normal
    /// Student's t with the given degrees of freedom (heavy tails).
    case studentT(degrees: Double)
    /// Student's t scaled to unit variance (by √((ν − 2)/ν), for ν > 2), so its tails compare
    /// with the standard normal's at the same spread.
    case unitVarianceStudentT(degrees: Double)
    /// exp(σ·Z): right-skewed.
    case logNormal(sigma: Double)
  }

  public var quality: Quality
  /// The chance an attempt fails outright.
  public var failureProbability: Double

  public init(quality: Quality, failureProbability: Double = 0) {
    precondition(failureProbability >= 0 && failureProbability < 1, "the failure probability must be in [0, 1)")
    self.quality = quality
    self.failureProbability = failureProbability
  }

  /// G⁻¹(u): the quality at quantile u of a successful attempt.
  public func quantile(_ u: Double) -> Double {
    switch quality {
    case .normal: return Statistics.normalQuantile(u)
    case .studentT(let degrees): return Statistics.studentTQuantile(u, degrees: degrees)
    case .unitVarianceStudentT(let degrees):
      return Statistics.studentTQuantile(u, degrees: degrees) * Self.unitScale(degrees)
    case .logNormal(let sigma): return exp(sigma * Statistics.normalQuantile(u))
    }
  }

  /// The factor that gives Student's t with `degrees` degrees of freedom unit variance.
  static func unitScale(_ degrees: Double) -> Double {
    precondition(degrees > 2, "Student's t has a finite variance only above 2 degrees of freedom")
    return ((degrees - 2) / degrees).squareRoot()
  }

  /// G(x): the chance a successful attempt scores at most x.
  public func cdf(_ x: Double) -> Double {
    switch quality {
    case .normal: return Statistics.normalCDF(x)
    case .studentT(let degrees): return Statistics.studentTCDF(x, degrees: degrees)
    case .unitVarianceStudentT(let degrees):
      return Statistics.studentTCDF(x / Self.unitScale(degrees), degrees: degrees)
    case .logNormal(let sigma): return x <= 0 ? 0 : Statistics.normalCDF(log(x) / sigma)
    }
  }

  /// The expected quality of the best of `n` attempts, given that at least one succeeds.
  public func expectedBest(of n: Int, steps: Int = 20_000) -> Double {
    let q = failureProbability
    let floor = pow(q, Double(n))
    var total = 0.0
    let h = 1 / Double(steps)
    for i in 0..<steps {
      // y = floor + (1 − floor)·S(s) with S(s) = s³(10 − 15s + 6s²): flat at both ends, which
      // tames the integrand's singularities at y = 0 and y = 1.
      let s = (Double(i) + 0.5) * h
      let smooth = s * s * s * (10 - 15 * s + 6 * s * s)
      let slope = 30 * s * s * (1 - s) * (1 - s)
      let y = floor + (1 - floor) * smooth
      let u = (pow(y, 1 / Double(n)) - q) / (1 - q)
      total += quantile(min(max(u, 1e-300), 1 - 1e-16)) * slope * h
    }
    return total
  }

  /// The chance that one attempt scores at least `level`.
  public func chanceOneAttemptReaches(_ level: Double) -> Double { (1 - failureProbability) * (1 - cdf(level)) }

  /// One attempt's quality, or nil when it fails.
  public func attempt(using rng: inout Xoshiro256StarStar) -> Double? {
    if failureProbability > 0 && rng.bernoulli(failureProbability) { return nil }
    switch quality {
    case .normal: return rng.normal()
    case .studentT(let degrees): return rng.studentT(degrees: degrees)
    case .unitVarianceStudentT(let degrees): return rng.studentT(degrees: degrees) * Self.unitScale(degrees)
    case .logNormal(let sigma): return exp(sigma * rng.normal())
    }
  }

  /// The best of `n` attempts, or nil when all fail.
  public func best(of n: Int, using rng: inout Xoshiro256StarStar) -> Double? {
    var best: Double?
    for _ in 0..<n {
      if let value = attempt(using: &rng) { best = max(best ?? value, value) }
    }
    return best
  }
}

extension Xoshiro256StarStar {
  /// Student's t with `degrees` degrees of freedom: Z / √(χ²_ν / ν).
  public mutating func studentT(degrees: Double) -> Double {
    normal() / (gamma(shape: degrees / 2, scale: 2) / degrees).squareRoot()
  }
}

extension Statistics {
  /// The CDF of Student's t with ν degrees of freedom, through the incomplete beta function.
  public static func studentTCDF(_ x: Double, degrees: Double) -> Double {
    let tail = 0.5 * betaCDF(degrees / (degrees + x * x), degrees / 2, 0.5)
    return x >= 0 ? 1 - tail : tail
  }

  /// The density of Student's t with ν degrees of freedom.
  public static func studentTPDF(_ x: Double, degrees v: Double) -> Double {
    let normalising: Double = lgamma((v + 1) / 2) - lgamma(v / 2) - 0.5 * log(v * Double.pi)
    let shape: Double = (v + 1) / 2 * log(1 + x * x / v)
    return exp(normalising - shape)
  }

  /// The quantile of Student's t: Newton's method from a normal start, kept inside a bracket
  /// that bisection narrows whenever a step would leave it (to about 1e-12).
  public static func studentTQuantile(_ p: Double, degrees: Double) -> Double {
    var (low, high) = (-1.0, 1.0)
    while studentTCDF(low, degrees: degrees) > p { low *= 2 }
    while studentTCDF(high, degrees: degrees) < p { high *= 2 }
    var x = min(max(normalQuantile(p), low), high)
    for _ in 0..<100 {
      let error = studentTCDF(x, degrees: degrees) - p
      if error < 0 { low = x } else { high = x }
      var next = x - error / studentTPDF(x, degrees: degrees)
      if !(next > low && next < high) { next = (low + high) / 2 }
      if abs(next - x) < 1e-12 * max(1, abs(x)) { return next }
      x = next
    }
    return x
  }
}
