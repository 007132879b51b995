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

  /// Closed form against Monte Carlo for each distribution, with and without failures.
  func testMonteCarloMatchesTheClosedForm() {
    var rng = Xoshiro256StarStar(seed: 21)
    for model in [
      BestOfN(quality: .normal), BestOfN(quality: .studentT(degrees: 3)), BestOfN(quality: .logNormal(sigma: 0.5)),
      BestOfN(quality: .normal, failureProbability: 0.3),
    ] {
      for n in [1, 10, 100] {
        var stats = RunningStatistics()
        for _ in 0..<4000 { if let best = model.best(of: n, using: &rng) { stats.add(best) } }
        XCTAssertEqual(stats.mean, model.expectedBest(of: n), accuracy: 5 * stats.standardError, "\(model) n=\(n)")
      }
    }
  }
}
