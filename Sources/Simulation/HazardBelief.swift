/// A belief in an event driven by a known hazard: the event happens in at most one period, with
/// unconditional probability `eventProbabilities[i]` in period i (their sum is the prior belief).
///
/// A forecaster who knows the hazard believes, after t quiet periods, the remaining mass divided by
/// the chance of having been quiet so far. Each quiet period lowers the belief a little; the period
/// the event happens it jumps to 1. The belief is a martingale, so the expected sum of squared
/// updates equals prior·(1 − prior), however the updates are spread.
public struct HazardBelief: Sendable, Equatable {
  /// Unconditional probability that the event happens in each period.
  public var eventProbabilities: [Double]

  public init(eventProbabilities: [Double]) {
    precondition(eventProbabilities.allSatisfy { $0 >= 0 }, "event probabilities must be non-negative")
    precondition(eventProbabilities.reduce(0, +) <= 1 + 1e-12, "event probabilities must sum to at most 1")
    self.eventProbabilities = eventProbabilities
  }

  /// A total probability `prior` spread evenly over `periods` periods, and none after.
  public static func uniform(prior: Double, periods: Int) -> HazardBelief {
    HazardBelief(eventProbabilities: Array(repeating: prior / Double(periods), count: periods))
  }

  /// Number of periods.
  public var periods: Int { eventProbabilities.count }

  /// The belief before any period has passed.
  public var prior: Double { eventProbabilities.reduce(0, +) }

  /// The belief after `t` quiet periods: P(event later) / P(quiet so far).
  public func belief(afterQuietPeriods t: Int) -> Double {
    let remaining = eventProbabilities[t...].reduce(0, +)
    let happened = eventProbabilities[..<t].reduce(0, +)
    return remaining / (1 - happened)
  }

  /// Beliefs after 0, 1, ..., `periods` quiet periods.
  public var quietPath: [Double] {
    var path: [Double] = []
    path.reserveCapacity(periods + 1)
    var remaining = prior
    var happened = 0.0
    path.append(remaining / (1 - happened))
    for p in eventProbabilities {
      remaining -= p
      happened += p
      path.append(max(0, remaining) / (1 - happened))
    }
    return path
  }

  /// How much each quiet period lowers the belief (positive numbers), period by period.
  public var quietDrops: [Double] {
    let path = quietPath
    return (0..<periods).map { path[$0] - path[$0 + 1] }
  }

  /// Expected number of updates larger than `size` in absolute value, computed exactly: every
  /// quiet drop above `size` counts with the probability of reaching it, every jump with the
  /// probability of the event in that period.
  public func expectedUpdates(largerThan size: Double) -> Double {
    let path = quietPath
    var quietSoFar = 1.0
    var expected = 0.0
    for (t, p) in eventProbabilities.enumerated() {
      if 1 - path[t] > size { expected += p }
      quietSoFar -= p
      if path[t] - path[t + 1] > size { expected += quietSoFar }
    }
    return expected
  }

  /// One path: the period the event happened in (nil if never) and the belief updates up to and
  /// including that period (negative for quiet drops, positive for the jump).
  public func simulate(using rng: inout Xoshiro256StarStar) -> (eventPeriod: Int?, updates: [Double]) {
    var u = rng.nextDouble()
    var eventPeriod: Int?
    for (t, p) in eventProbabilities.enumerated() {
      if u < p {
        eventPeriod = t
        break
      }
      u -= p
    }
    let path = quietPath
    guard let event = eventPeriod else {
      return (nil, (0..<periods).map { path[$0 + 1] - path[$0] })
    }
    var updates = (0..<event).map { path[$0 + 1] - path[$0] }
    updates.append(1 - path[event])
    return (event, updates)
  }
}
