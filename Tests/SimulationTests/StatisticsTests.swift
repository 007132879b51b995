import Simulation
import XCTest

final class StatisticsTests: XCTestCase {
  func testRunningStatisticsMatchesTwoPassFormulasAndMerges() {
    let values = (1...1000).map { Double($0 % 37) * 1.5 + 1e6 }
    let stats = RunningStatistics(values)
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    XCTAssertEqual(stats.mean, mean, accuracy: 1e-8)
    XCTAssertEqual(stats.variance, variance, accuracy: 1e-6)
    var merged = RunningStatistics(values.prefix(300))
    merged.merge(RunningStatistics(values.dropFirst(300)))
    XCTAssertEqual(merged.mean, stats.mean, accuracy: 1e-8)
    XCTAssertEqual(merged.variance, stats.variance, accuracy: 1e-6)
    XCTAssertEqual(merged.excessKurtosis, stats.excessKurtosis, accuracy: 1e-6)
    XCTAssertEqual(merged.minimum, 1e6)
  }

  func testQuantilesInterpolateLikeRType7() {
    XCTAssertEqual(Statistics.quantiles([1, 2, 3, 4], [0, 0.25, 0.5, 1]), [1, 1.75, 2.5, 4])
    XCTAssertEqual(Statistics.median([5, 1, 3]), 3)
  }

  func testNormalFunctions() {
    XCTAssertEqual(Statistics.normalCDF(1.959963984540054), 0.975, accuracy: 1e-12)
    XCTAssertEqual(Statistics.normalQuantile(0.975), 1.959963984540054, accuracy: 1e-12)
    XCTAssertEqual(Statistics.normalQuantile(1e-10), -6.361340902404056, accuracy: 1e-9)
    XCTAssertEqual(Statistics.normalQuantile(0.5), 0)
  }

  func testWilsonIntervalMatchesAKnownValue() {
    // 50 of 100 at 95%: [0.4038, 0.5962].
    let interval = Statistics.wilsonInterval(successes: 50, trials: 100)
    XCTAssertEqual(interval.lower, 0.4038, accuracy: 1e-4)
    XCTAssertEqual(interval.upper, 0.5962, accuracy: 1e-4)
  }

  func testBootstrapIntervalCoversTheMeanAndIsReproducible() {
    var rng = Xoshiro256StarStar(seed: 4)
    let values = rng.samples(400) { $0.normal() }
    var first = Xoshiro256StarStar(seed: 8)
    var second = Xoshiro256StarStar(seed: 8)
    let interval = Statistics.bootstrapInterval(values, resamples: 1000, rng: &first)
    XCTAssertEqual(interval, Statistics.bootstrapInterval(values, resamples: 1000, rng: &second))
    XCTAssertTrue(interval.contains(Statistics.mean(values)))
    // Width is about 2 × 1.96 / sqrt(400) ≈ 0.196.
    XCTAssertEqual(interval.width, 0.196, accuracy: 0.04)
  }

  func testCorrelationOfALinearRelationIsOne() {
    XCTAssertEqual(Statistics.correlation([1, 2, 3, 4], [3, 5, 7, 9]), 1, accuracy: 1e-12)
    XCTAssertEqual(Statistics.correlation([1, 2, 3, 4], [9, 7, 5, 3]), -1, accuracy: 1e-12)
  }

  func testLinearFitRecoversALineAndAPowerLaw() {
    let fit = Statistics.linearFit([0, 1, 2, 3], [1, 3, 5, 7])
    XCTAssertEqual(fit.slope, 2, accuracy: 1e-12)
    XCTAssertEqual(fit.intercept, 1, accuracy: 1e-12)
    let radii = [0.5, 1, 2, 4, 8]
    let power = Statistics.linearFit(radii.map { log($0) }, radii.map { log(3 * $0 * $0) })
    XCTAssertEqual(power.slope, 2, accuracy: 1e-12)
    XCTAssertTrue(Statistics.linearFit([1], [2]).slope.isNaN)
  }
}
