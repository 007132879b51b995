#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A two-sided interval, such as a confidence interval.
public struct Interval: Sendable, Equatable, CustomStringConvertible {
  public var lower: Double
  public var upper: Double

  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  public var width: Double { upper - lower }
  public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
  public var description: String { "[\(lower), \(upper)]" }
}

/// Summary statistics of samples, and the standard normal distribution.
public enum Statistics {
  public static func mean(_ values: [Double]) -> Double { RunningStatistics(values).mean }
  public static func variance(_ values: [Double]) -> Double { RunningStatistics(values).variance }
  public static func standardError(_ values: [Double]) -> Double { RunningStatistics(values).standardError }
  public static func excessKurtosis(_ values: [Double]) -> Double { RunningStatistics(values).excessKurtosis }

  /// The `q` quantile (0...1) by linear interpolation between order statistics (R's type 7).
  public static func quantile(_ values: [Double], _ q: Double) -> Double {
    quantiles(values, [q])[0]
  }

  /// Several quantiles of one sample, sorting it once.
  public static func quantiles(_ values: [Double], _ qs: [Double]) -> [Double] {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return qs.map { _ in .nan } }
    return qs.map { q in
      let position = min(max(q, 0), 1) * Double(sorted.count - 1)
      let below = Int(position.rounded(.down))
      let above = min(below + 1, sorted.count - 1)
      let fraction = position - Double(below)
      return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
  }

  public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

  /// Pearson's correlation of two equally long samples.
  public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
    let count = min(x.count, y.count)
    guard count > 1 else { return .nan }
    let meanX = mean(Array(x.prefix(count)))
    let meanY = mean(Array(y.prefix(count)))
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for index in 0..<count {
      let dx = x[index] - meanX
      let dy = y[index] - meanY
      sxy += dx * dy
      sxx += dx * dx
      syy += dy * dy
    }
    return sxy / (sxx * syy).squareRoot()
  }

  /// The least-squares line y ≈ slope·x + intercept through equally long samples; on logarithms
  /// of both, `slope` is the exponent of a power law.
  public static func linearFit(_ x: [Double], _ y: [Double]) -> (slope: Double, intercept: Double) {
    let count = min(x.count, y.count)
    guard count > 1 else { return (.nan, .nan) }
    let (xs, ys) = (Array(x.prefix(count)), Array(y.prefix(count)))
    let (meanX, meanY) = (mean(xs), mean(ys))
    var (sxy, sxx) = (0.0, 0.0)
    for index in 0..<count {
      sxy += (xs[index] - meanX) * (ys[index] - meanY)
      sxx += (xs[index] - meanX) * (xs[index] - meanX)
    }
    let slope = sxy / sxx
    return (slope, meanY - slope * meanX)
  }

  /// The standard normal cumulative distribution Φ(x).
  public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// The standard normal density φ(x).
  public static func normalPDF(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

  /// Φ⁻¹(p): the standard normal quantile (Wichura's AS241, about 16 digits).
  public static func normalQuantile(_ p: Double) -> Double {
    guard p > 0 && p < 1 else { return p <= 0 ? -.infinity : .infinity }
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      return q
        * poly(
          r,
          [
            3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
            45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
          ])
        / poly(
          r,
          [
            1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
            39307.89580009271061, 28729.085735721942674, 5226.495278852545925,
          ])
    }
    var r = (q < 0 ? p : 1 - p)
    r = (-log(r)).squareRoot()
    let value: Double
    if r <= 5 {
      r -= 1.6
      value =
        poly(
          r,
          [
            1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
            1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
          ])
        / poly(
          r,
          [
            1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
            0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
          ])
    } else {
      r -= 5
      value =
        poly(
          r,
          [
            6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
            0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
          ])
        / poly(
          r,
          [
            1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
            7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
          ])
    }
    return q < 0 ? -value : value
  }

  private static func poly(_ x: Double, _ coefficients: [Double]) -> Double {
    coefficients.reversed().reduce(0) { $0 * x + $1 }
  }

  /// Wilson's score interval for a binomial proportion.
  public static func wilsonInterval(successes: Int, trials: Int, confidence: Double = 0.95) -> Interval {
    guard trials > 0 else { return Interval(lower: 0, upper: 1) }
    let z = normalQuantile(0.5 + confidence / 2)
    let n = Double(trials)
    let p = Double(successes) / n
    let center = (p + z * z / (2 * n)) / (1 + z * z / n)
    let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
    return Interval(lower: max(0, center - half), upper: min(1, center + half))
  }

  /// A percentile bootstrap interval for `statistic` of `values`.
  public static func bootstrapInterval(
    _ values: [Double], resamples: Int = 2000, confidence: Double = 0.95, rng: inout Xoshiro256StarStar,
    statistic: ([Double]) -> Double = Statistics.mean
  ) -> Interval {
    guard !values.isEmpty else { return Interval(lower: .nan, upper: .nan) }
    var estimates: [Double] = []
    estimates.reserveCapacity(resamples)
    var sample = values
    for _ in 0..<resamples {
      for index in sample.indices { sample[index] = values[Int.random(in: 0..<values.count, using: &rng)] }
      estimates.append(statistic(sample))
    }
    let tail = (1 - confidence) / 2
    let bounds = quantiles(estimates, [tail, 1 - tail])
    return Interval(lower: bounds[0], upper: bounds[1])
  }
}
