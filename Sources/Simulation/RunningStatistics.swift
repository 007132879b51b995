/// Mean, variance, extremes and higher moments of a stream of numbers, updated one value at a
/// time (Welford's method, numerically stable) and mergeable across parallel workers.
public struct RunningStatistics: Sendable, Equatable {
  public private(set) var count = 0
  public private(set) var mean = 0.0
  public private(set) var minimum = Double.infinity
  public private(set) var maximum = -Double.infinity
  // Sums of powers of deviations from the mean (M2, M3, M4 of Pébay's formulas).
  private var m2 = 0.0
  private var m3 = 0.0
  private var m4 = 0.0

  public init() {}

  /// Statistics of `values`.
  public init(_ values: some Sequence<Double>) {
    for value in values { add(value) }
  }

  public mutating func add(_ value: Double) {
    let n1 = Double(count)
    count += 1
    let n = Double(count)
    let delta = value - mean
    let deltaN = delta / n
    let deltaN2 = deltaN * deltaN
    let term = delta * deltaN * n1
    mean += deltaN
    m4 += term * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3
    m3 += term * deltaN * (n - 2) - 3 * deltaN * m2
    m2 += term
    minimum = min(minimum, value)
    maximum = max(maximum, value)
  }

  /// Combines statistics of two disjoint samples.
  public mutating func merge(_ other: RunningStatistics) {
    guard other.count > 0 else { return }
    guard count > 0 else {
      self = other
      return
    }
    let (na, nb) = (Double(count), Double(other.count))
    let n = na + nb
    let delta = other.mean - mean
    let delta2 = delta * delta
    let m2 = self.m2 + other.m2 + delta2 * na * nb / n
    let m3 =
      self.m3 + other.m3 + delta * delta2 * na * nb * (na - nb) / (n * n)
      + 3 * delta * (na * other.m2 - nb * self.m2) / n
    let m4 =
      self.m4 + other.m4 + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
      + 6 * delta2 * (na * na * other.m2 + nb * nb * self.m2) / (n * n) + 4 * delta * (na * other.m3 - nb * self.m3) / n
    mean += delta * nb / n
    count += other.count
    (self.m2, self.m3, self.m4) = (m2, m3, m4)
    minimum = min(minimum, other.minimum)
    maximum = max(maximum, other.maximum)
  }

  /// The sample variance (divides by n - 1).
  public var variance: Double { count > 1 ? m2 / Double(count - 1) : .nan }
  public var standardDeviation: Double { variance.squareRoot() }
  /// The standard error of the mean.
  public var standardError: Double { (variance / Double(count)).squareRoot() }
  /// Skewness (population formula).
  public var skewness: Double { count > 2 && m2 > 0 ? Double(count).squareRoot() * m3 / (m2 * m2.squareRoot()) : .nan }
  /// Excess kurtosis (population formula): 0 for a normal distribution.
  public var excessKurtosis: Double { count > 3 && m2 > 0 ? Double(count) * m4 / (m2 * m2) - 3 : .nan }
}
