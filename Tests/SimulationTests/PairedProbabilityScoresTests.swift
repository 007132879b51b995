import Simulation
import XCTest

final class PairedProbabilityScoresTests: XCTestCase {
  func testBetaCDFAgainstKnownValues() {
    XCTAssertEqual(Statistics.betaCDF(0.3, 1, 1), 0.3, accuracy: 1e-13)
    XCTAssertEqual(Statistics.betaCDF(0.3, 2.5, 1), pow(0.3, 2.5), accuracy: 1e-13)
    XCTAssertEqual(Statistics.betaCDF(0.3, 1, 3), 1 - pow(0.7, 3), accuracy: 1e-13)
    XCTAssertEqual(Statistics.betaCDF(0.5, 7.3, 7.3), 0.5, accuracy: 1e-13)
    // I_x(2, 2) = 3x² − 2x³.
    XCTAssertEqual(Statistics.betaCDF(0.8, 2, 2), 3 * 0.64 - 2 * 0.512, accuracy: 1e-13)
    XCTAssertEqual(Statistics.betaCDF(0.45, 300, 200), 1 - Statistics.betaCDF(0.55, 200, 300), accuracy: 1e-12)
  }

  func testBothScoresMatchTheirBetaExpectations() {
    var rng = Xoshiro256StarStar(seed: 9)
    for (a, b) in [(1.1, 0.9), (55.0, 45.0), (0.6, 0.4)] {
      let scores = PairedProbabilityScores(probabilities: (0..<40_000).map { _ in rng.beta(a, b) })
      let expected = PairedProbabilityScores.betaExpectations(a, b)
      XCTAssertEqual(scores.meanProbability, expected.mean, accuracy: 0.005)
      XCTAssertEqual(scores.shareFavoured, expected.share, accuracy: 5 * (0.25 / 40_000).squareRoot())
    }
  }

  func testBootstrapIntervalsCoverTheEstimateAndScaleWithSpread() {
    var rng = Xoshiro256StarStar(seed: 4)
    let scores = PairedProbabilityScores(probabilities: (0..<1_000).map { _ in rng.beta(55, 45) })
    let intervals = scores.bootstrapIntervals(resamples: 1_000, rng: &rng)
    XCTAssertTrue(intervals.mean.contains(scores.meanProbability))
    XCTAssertTrue(intervals.share.contains(scores.shareFavoured))
    // Concentrated probabilities: the mean is known far more precisely than the share.
    XCTAssertLessThan(intervals.mean.width * 5, intervals.share.width)
  }

  func testImpliedSampleSizeInvertsTheBinomialInterval() {
    let n = PairedProbabilityScores.impliedSampleSize(proportion: 0.5, halfWidth: 0.0098)
    XCTAssertEqual(n, 10_000, accuracy: 5)
    let z = PairedProbabilityScores.differenceZ(
      before: 0.5, beforeInterval: Interval(lower: 0.48, upper: 0.52), after: 0.53,
      afterInterval: Interval(lower: 0.51, upper: 0.55))
    XCTAssertEqual(z, 0.03 / (2 * pow(0.02 / 1.959964, 2)).squareRoot(), accuracy: 1e-4)
  }
}
