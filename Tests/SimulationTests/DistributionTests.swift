import Simulation
import XCTest

/// Moments of each sampler against their exact values, within about five standard errors.
final class DistributionTests: XCTestCase {
  private let n = 200_000

  private func moments(_ draw: (inout Xoshiro256StarStar) -> Double, seed: UInt64 = 11) -> RunningStatistics {
    var rng = Xoshiro256StarStar(seed: seed)
    return RunningStatistics(rng.samples(n, draw))
  }

  /// Asserts the sample mean is within five standard errors of `mean`, and the variance close.
  private func assertMoments(
    _ stats: RunningStatistics, mean: Double, variance: Double, file: StaticString = #filePath, line: UInt = #line
  ) {
    let se = (variance / Double(stats.count)).squareRoot()
    XCTAssertEqual(stats.mean, mean, accuracy: 5 * se, "mean", file: file, line: line)
    XCTAssertEqual(stats.variance, variance, accuracy: 0.03 * variance, "variance", file: file, line: line)
  }

  func testUniformPassesAChiSquareTestOnTwentyBins() {
    var rng = Xoshiro256StarStar(seed: 5)
    var counts = [Double](repeating: 0, count: 20)
    for _ in 0..<n { counts[Int(rng.nextDouble() * 20)] += 1 }
    let expected = Double(n) / 20
    let chiSquare = counts.reduce(0) { $0 + ($1 - expected) * ($1 - expected) / expected }
    // 19 degrees of freedom: the 99.9% point is 43.8.
    XCTAssertLessThan(chiSquare, 43.8)
  }

  func testNormal() {
    let stats = moments { $0.normal(mean: 3, sd: 2) }
    assertMoments(stats, mean: 3, variance: 4)
    XCTAssertEqual(stats.excessKurtosis, 0, accuracy: 0.05)
  }

  func testExponential() {
    assertMoments(moments { $0.exponential(rate: 2) }, mean: 0.5, variance: 0.25)
  }

  func testGammaAboveAndBelowShapeOne() {
    assertMoments(moments { $0.gamma(shape: 3, scale: 2) }, mean: 6, variance: 12)
    assertMoments(moments { $0.gamma(shape: 0.4, scale: 1) }, mean: 0.4, variance: 0.4)
  }

  func testBeta() {
    let (a, b) = (2.0, 5.0)
    let variance = a * b / ((a + b) * (a + b) * (a + b + 1))
    assertMoments(moments { $0.beta(a, b) }, mean: a / (a + b), variance: variance)
  }

  func testBernoulli() {
    assertMoments(moments { $0.bernoulli(0.3) ? 1 : 0 }, mean: 0.3, variance: 0.21)
  }

  func testBinomialSmallAndLarge() {
    assertMoments(moments { Double($0.binomial(20, 0.1)) }, mean: 2, variance: 1.8)
    assertMoments(moments { Double($0.binomial(1_000_000, 0.3)) }, mean: 300_000, variance: 210_000)
    assertMoments(moments { Double($0.binomial(500, 0.97)) }, mean: 485, variance: 14.55)
    var rng = Xoshiro256StarStar(seed: 1)
    XCTAssertEqual(rng.binomial(10, 0), 0)
    XCTAssertEqual(rng.binomial(10, 1), 10)
  }

  func testCategoricalFrequenciesMatchWeights() {
    let categorical = Categorical(weights: [1, 2, 3, 4])
    var rng = Xoshiro256StarStar(seed: 3)
    var counts = [0, 0, 0, 0]
    for _ in 0..<n { counts[categorical.sample(using: &rng)] += 1 }
    for (index, count) in counts.enumerated() {
      let p = Double(index + 1) / 10
      let se = (p * (1 - p) / Double(n)).squareRoot()
      XCTAssertEqual(Double(count) / Double(n), p, accuracy: 5 * se)
    }
  }

  func testStreamsAreIndependent() {
    var a = Xoshiro256StarStar(seed: 9, stream: 0)
    var b = Xoshiro256StarStar(seed: 9, stream: 1)
    let x = a.samples(50_000) { $0.nextDouble() }
    let y = b.samples(50_000) { $0.nextDouble() }
    XCTAssertNotEqual(x.prefix(10), y.prefix(10))
    // The correlation of independent samples has standard error 1/sqrt(n) ≈ 0.0045.
    XCTAssertEqual(Statistics.correlation(x, y), 0, accuracy: 0.025)
    var jumped = Xoshiro256StarStar(seed: 9)
    jumped.jump()
    XCTAssertEqual(jumped, Xoshiro256StarStar(seed: 9, stream: 1))
  }
}
