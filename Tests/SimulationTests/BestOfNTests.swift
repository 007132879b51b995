import Simulation
import XCTest

final class BestOfNTests: XCTestCase {
  func testKnownExpectedMaxima() {
    let normal = BestOfN(quality: .normal)
    XCTAssertEqual(normal.expectedBest(of: 1), 0, accuracy: 1e-6)
    XCTAssertEqual(normal.expectedBest(of: 2), 1 / Double.pi.squareRoot(), accuracy: 1e-6)
    XCTAssertEqual(normal.expectedBest(of: 3), 1.5 / Double.pi.squareRoot(), accuracy: 1e-6)
    XCTAssertEqual(Statistics.studentTCDF(0, degrees: 3), 0.5, accuracy: 1e-15)
    // Student t with 3 degrees of freedom: P(T ≤ 1) = 0.8044989 and the 97.5% quantile 3.1824463.
    XCTAssertEqual(Statistics.studentTCDF(1, degrees: 3), 0.8044988905221148, accuracy: 1e-12)
    XCTAssertEqual(Statistics.studentTQuantile(0.975, degrees: 3), 3.182446305284263, accuracy: 1e-9)
  }

  /// Scaled to unit variance, t₃ is √3 narrower: its draws have variance 1, its quantiles and
  /// expected maxima are t₃'s divided by √3 (about 8.0 for the best of 1000, not 13.9).
  func testUnitVarianceStudentT() {
    let plain = BestOfN(quality: .studentT(degrees: 3))
    let unit = BestOfN(quality: .unitVarianceStudentT(degrees: 3))
    XCTAssertEqual(unit.quantile(0.975), plain.quantile(0.975) / 3.0.squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(unit.cdf(unit.quantile(0.9)), 0.9, accuracy: 1e-9)
    XCTAssertEqual(unit.expectedBest(of: 1000), plain.expectedBest(of: 1000) / 3.0.squareRoot(), accuracy: 1e-9)
    XCTAssertEqual(unit.expectedBest(of: 1000), 8.0, accuracy: 0.2)
    var rng = Xoshiro256StarStar(seed: 5)
    var stats = RunningStatistics()
    for _ in 0..<200_000 { stats.add(unit.attempt(using: &rng)!) }
    // t₃'s variance estimate converges slowly (infinite fourth moment): a loose check.
    XCTAssertEqual(stats.variance, 1, accuracy: 0.15)
  }

  /// Closed form against Monte Carlo for each distribution, with and without failures.
  func testMonteCarloMatchesTheClosedForm() {
    var rng = Xoshiro256StarStar(seed: 21)
    for model in [
      BestOfN(quality: .normal), BestOfN(quality: .studentT(degrees: 3)), BestOfN(quality: .logNormal(sigma: 0.5)),
      BestOfN(quality: .normal, failureProbability: 0.3), BestOfN(quality: .unitVarianceStudentT(degrees: 3)),
    ] {
      for n in [1, 10, 100] {
        var stats = RunningStatistics()
        for _ in 0..<4000 { if let best = model.best(of: n, using: &rng) { stats.add(best) } }
        XCTAssertEqual(stats.mean, model.expectedBest(of: n), accuracy: 5 * stats.standardError, "\(model) n=\(n)")
      }
    }
  }
}
