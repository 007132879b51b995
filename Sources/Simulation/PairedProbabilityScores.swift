/// Two ways to score how often a model prefers one of two answers, from per-prompt probabilities
/// pᵢ of that answer (normalised over the pair): the *mean probability* Σpᵢ/n, and the *share of
/// prompts* where it is the likelier answer, #{pᵢ > 1/2}/n.
///
/// The two agree when the pᵢ are spread widely; when they are concentrated near 1/2 the share
/// amplifies any small lean of the mean.
public struct PairedProbabilityScores: Sendable, Equatable {
  public var probabilities: [Double]

  public init(probabilities: [Double]) { self.probabilities = probabilities }

  /// Mean probability of the answer.
  public var meanProbability: Double { Statistics.mean(probabilities) }

  /// Share of prompts where the answer is the likelier one.
  public var shareFavoured: Double { Self.shareFavoured(probabilities) }

  /// Share of `values` above 1/2.
  public static func shareFavoured(_ values: [Double]) -> Double {
    Double(values.lazy.filter { $0 > 0.5 }.count) / Double(values.count)
  }

  /// Percentile bootstrap intervals for both statistics (prompts resampled together).
  public func bootstrapIntervals(
    resamples: Int = 2000, confidence: Double = 0.95, rng: inout Xoshiro256StarStar
  ) -> (mean: Interval, share: Interval) {
    var means: [Double] = []
    var shares: [Double] = []
    var sample = probabilities
    for _ in 0..<resamples {
      for index in sample.indices {
        sample[index] = probabilities[Int.random(in: 0..<probabilities.count, using: &rng)]
      }
      means.append(Statistics.mean(sample))
      shares.append(Self.shareFavoured(sample))
    }
    let tail = (1 - confidence) / 2
    let meanBounds = Statistics.quantiles(means, [tail, 1 - tail])
    let shareBounds = Statistics.quantiles(shares, [tail, 1 - tail])
    return (
      Interval(lower: meanBounds[0], upper: meanBounds[1]), Interval(lower: shareBounds[0], upper: shareBounds[1])
    )
  }

  /// For per-prompt probabilities ~ Beta(a, b): the expected mean probability a/(a+b) and the
  /// expected share favoured, 1 − I_{1/2}(a, b).
  public static func betaExpectations(_ a: Double, _ b: Double) -> (mean: Double, share: Double) {
    (a / (a + b), 1 - Statistics.betaCDF(0.5, a, b))
  }

  /// The number of prompts a normal-approximation binomial interval of half-width `halfWidth`
  /// around the proportion `p` implies: z²·p(1−p)/halfWidth².
  public static func impliedSampleSize(proportion p: Double, halfWidth: Double, confidence: Double = 0.95) -> Double {
    let z = Statistics.normalQuantile(0.5 + confidence / 2)
    return z * z * p * (1 - p) / (halfWidth * halfWidth)
  }

  /// z-score of the difference between two independent estimates reported with symmetric
  /// `confidence` intervals: (after − before) / √(se_after² + se_before²), se = half-width / z.
  public static func differenceZ(
    before: Double, beforeInterval: Interval, after: Double, afterInterval: Interval, confidence: Double = 0.95
  ) -> Double {
    let z = Statistics.normalQuantile(0.5 + confidence / 2)
    let seBefore = beforeInterval.width / 2 / z
    let seAfter = afterInterval.width / 2 / z
    return (after - before) / (seBefore * seBefore + seAfter * seAfter).squareRoot()
  }
}
