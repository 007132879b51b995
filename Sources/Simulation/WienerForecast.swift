#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A forecast of whether a Brownian motion ends above zero at time `horizon`, made by someone who
/// watches it: p_t = Φ(W_t / √(T − t)), with W moving by a standard normal each period.
///
/// The forecast is calibrated and a martingale. At the midpoint it is uniform on [0, 1], so it is
/// not pinned near 50% until the end, and its period-to-period changes are far from Gaussian.
public struct WienerForecast: Sendable, Equatable {
  /// Number of periods T until the outcome is decided.
  public var horizon: Int

  public init(horizon: Int) {
    precondition(horizon > 1, "a forecast needs at least two periods")
    self.horizon = horizon
  }

  /// The forecast given the walk's value `w` after `t` periods.
  public func forecast(walk w: Double, after t: Int) -> Double {
    if t >= horizon { return w > 0 ? 1 : 0 }
    return Statistics.normalCDF(w / Double(horizon - t).squareRoot())
  }

  /// P(p_t ≤ x): the exact distribution of the forecast after `t` periods (0 < t < T).
  public func forecastCDF(_ x: Double, after t: Int) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let ratio = (Double(horizon - t) / Double(t)).squareRoot()
    return Statistics.normalCDF(Statistics.normalQuantile(x) * ratio)
  }

  /// Chance the forecast after `t` periods lies within [`low`, `high`].
  public func probability(between low: Double, and high: Double, after t: Int) -> Double {
    forecastCDF(high, after: t) - forecastCDF(low, after: t)
  }

  /// Expected share of the periods 1…T−1 the forecast spends within [`low`, `high`].
  public func expectedShareOfTime(between low: Double, and high: Double) -> Double {
    let total = (1..<horizon).reduce(0.0) { $0 + probability(between: low, and: high, after: $1) }
    return total / Double(horizon - 1)
  }

  /// Chance that the side favoured after `t` periods loses: 1/2 − arcsin(√(t/T))/π.
  public func favouriteLoses(after t: Int) -> Double {
    0.5 - asin((Double(t) / Double(horizon)).squareRoot()) / Double.pi
  }

  /// Expected size of the final period's move, |outcome − p_{T−1}|: 1/2 − arcsin((T−1)/T)/π.
  public var expectedFinalMove: Double {
    0.5 - asin(Double(horizon - 1) / Double(horizon)) / Double.pi
  }

  /// One path of forecasts p_0 … p_T (p_0 = 1/2, p_T the outcome, 0 or 1).
  public func path(using rng: inout Xoshiro256StarStar) -> [Double] {
    var w = 0.0
    var forecasts = [0.5]
    forecasts.reserveCapacity(horizon + 1)
    for t in 1...horizon {
      w += rng.normal()
      forecasts.append(forecast(walk: w, after: t))
    }
    return forecasts
  }

  /// `count` independent paths.
  public func paths(_ count: Int, using rng: inout Xoshiro256StarStar) -> [[Double]] {
    (0..<count).map { _ in path(using: &rng) }
  }
}
