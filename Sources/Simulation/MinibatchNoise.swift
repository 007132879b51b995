/// Two coordinates of a gradient and the noise a step on them carries, under two models.
///
/// *Per-example* (what mini-batch SGD does): example i's gradient is
/// (meanA + a·εᵢ + idiosyncratic·ξᵢ, meanB + b·εᵢ + idiosyncratic·ζᵢ) with one shared mean-zero εᵢ
/// per example; a step is the mean over a mini-batch of examples drawn from a fixed data set. Its
/// noise covariance is the per-example covariance divided by B, so the correlation of the two
/// coordinates is the same at every batch size.
///
/// *Independent* (a common simplification): the step is the true gradient plus independent normal
/// noise per coordinate with the same variances, so the coordinates are uncorrelated.
public struct MinibatchNoise: Sendable, Equatable {
  public var meanA: Double
  public var meanB: Double
  /// Loadings of the two coordinates on the shared per-example noise ε.
  public var a: Double
  public var b: Double
  /// Standard deviation of each coordinate's own per-example noise (0: perfectly shared).
  public var idiosyncratic: Double

  public init(meanA: Double = 0, meanB: Double = 0, a: Double, b: Double, idiosyncratic: Double = 0) {
    self.meanA = meanA
    self.meanB = meanB
    self.a = a
    self.b = b
    self.idiosyncratic = idiosyncratic
  }

  /// Correlation of the two coordinates of a mini-batch step, at any batch size.
  public var correlation: Double {
    let s2 = idiosyncratic * idiosyncratic
    return a * b / ((a * a + s2) * (b * b + s2)).squareRoot()
  }

  /// Variance of coordinate A (`first`) or B of a mini-batch step of size `batchSize`.
  public func stepVariance(first: Bool, batchSize: Int) -> Double {
    let loading = first ? a : b
    return (loading * loading + idiosyncratic * idiosyncratic) / Double(batchSize)
  }

  /// A fixed data set of `count` per-example gradients.
  public func examples(_ count: Int, using rng: inout Xoshiro256StarStar) -> [(Double, Double)] {
    (0..<count).map { _ in
      let shared = rng.normal()
      return (
        meanA + a * shared + idiosyncratic * rng.normal(), meanB + b * shared + idiosyncratic * rng.normal()
      )
    }
  }

  /// `draws` mini-batch steps: means of `batchSize` examples drawn with replacement from `data`.
  public static func minibatchSteps(
    from data: [(Double, Double)], batchSize: Int, draws: Int, using rng: inout Xoshiro256StarStar
  ) -> [(Double, Double)] {
    (0..<draws).map { _ in
      var (sumA, sumB) = (0.0, 0.0)
      for _ in 0..<batchSize {
        let example = data[Int.random(in: 0..<data.count, using: &rng)]
        sumA += example.0
        sumB += example.1
      }
      return (sumA / Double(batchSize), sumB / Double(batchSize))
    }
  }

  /// `draws` steps of the independent-noise model with the mini-batch step's variances.
  public func independentSteps(batchSize: Int, draws: Int, using rng: inout Xoshiro256StarStar) -> [(Double, Double)] {
    let sdA = stepVariance(first: true, batchSize: batchSize).squareRoot()
    let sdB = stepVariance(first: false, batchSize: batchSize).squareRoot()
    return (0..<draws).map { _ in (meanA + sdA * rng.normal(), meanB + sdB * rng.normal()) }
  }
}
