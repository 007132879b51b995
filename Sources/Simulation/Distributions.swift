#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Exact samplers for the common distributions, drawing from a `Xoshiro256StarStar`.
///
/// They take the concrete generator (not a generic one) so the loops run compiled with
/// optimisation inside the library, even when called from a notebook compiled at -Onone.
extension Xoshiro256StarStar {
  /// Uniform in `range` (half-open).
  public mutating func uniform(_ range: Range<Double> = 0..<1) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * nextDouble()
  }

  /// True with probability `p`.
  public mutating func bernoulli(_ p: Double) -> Bool { nextDouble() < p }

  /// Normal with `mean` and standard deviation `sd` (Marsaglia's polar method, exact).
  public mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
    while true {
      let u = 2 * nextDouble() - 1
      let v = 2 * nextDouble() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 { return mean + sd * u * (-2 * log(s) / s).squareRoot() }
    }
  }

  /// Exponential with the given `rate`.
  public mutating func exponential(rate: Double = 1) -> Double {
    -log(1 - nextDouble()) / rate
  }

  /// Gamma with `shape` and `scale` (Marsaglia and Tsang's method; shapes below 1 boosted).
  public mutating func gamma(shape: Double, scale: Double = 1) -> Double {
    precondition(shape > 0 && scale > 0, "gamma needs a positive shape and scale")
    if shape < 1 {
      let boost = pow(1 - nextDouble(), 1 / shape)
      return gamma(shape: shape + 1, scale: scale) * boost
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextDouble()
      if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v * scale }
    }
  }

  /// Beta with shapes `a` and `b`, from two gamma draws.
  public mutating func beta(_ a: Double, _ b: Double) -> Double {
    let x = gamma(shape: a)
    let y = gamma(shape: b)
    return x / (x + y)
  }

  /// Binomial: successes in `n` trials of probability `p`. Exact for every n: small cases by
  /// inversion, large ones by Knuth's beta splitting, which halves n at each step.
  public mutating func binomial(_ n: Int, _ p: Double) -> Int {
    precondition(n >= 0 && p >= 0 && p <= 1, "binomial needs n >= 0 and 0 <= p <= 1")
    var n = n
    var p = p
    var successes = 0
    while n > 0 && p > 0 && p < 1 {
      if Double(n) * min(p, 1 - p) < 30 {
        return successes + binomialByInversion(n, p)
      }
      let a = 1 + n / 2
      let b = n + 1 - a
      let x = beta(Double(a), Double(b))
      if x >= p {
        n = a - 1
        p /= x
      } else {
        successes += a
        n = b - 1
        p = (p - x) / (1 - x)
      }
    }
    return successes + (p >= 1 ? n : 0)
  }

  private mutating func binomialByInversion(_ n: Int, _ p: Double) -> Int {
    let flip = p > 0.5
    let q = flip ? 1 - p : p
    let ratio = q / (1 - q)
    var probability = pow(1 - q, Double(n))
    var cumulative = probability
    let u = nextDouble()
    var k = 0
    while u >= cumulative && k < n {
      probability *= ratio * Double(n - k) / Double(k + 1)
      cumulative += probability
      k += 1
    }
    return flip ? n - k : k
  }

  /// `count` draws from `sample`, in one loop inside the library.
  public mutating func samples(_ count: Int, _ sample: (inout Xoshiro256StarStar) -> Double) -> [Double] {
    var values = [Double]()
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(sample(&self)) }
    return values
  }
}

/// A categorical distribution over 0..<weights.count, sampled in constant time (Vose's alias method).
public struct Categorical: Sendable {
  private var probability: [Double]
  private var alias: [Int]

  /// Weights need not sum to one; they must be non-negative with a positive sum.
  public init(weights: [Double]) {
    let total = weights.reduce(0, +)
    precondition(
      !weights.isEmpty && total > 0 && weights.allSatisfy { $0 >= 0 }, "categorical needs non-negative weights")
    let count = weights.count
    var scaled = weights.map { $0 * Double(count) / total }
    probability = Array(repeating: 1, count: count)
    alias = Array(0..<count)
    var small = scaled.indices.filter { scaled[$0] < 1 }
    var large = scaled.indices.filter { scaled[$0] >= 1 }
    while let less = small.popLast(), let more = large.popLast() {
      probability[less] = scaled[less]
      alias[less] = more
      scaled[more] -= 1 - scaled[less]
      if scaled[more] < 1 { small.append(more) } else { large.append(more) }
    }
  }

  public func sample(using rng: inout Xoshiro256StarStar) -> Int {
    let column = Int.random(in: 0..<probability.count, using: &rng)
    return rng.nextDouble() < probability[column] ? column : alias[column]
  }
}
