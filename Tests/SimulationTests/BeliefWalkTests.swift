import Simulation
import XCTest

final class BeliefWalkTests: XCTestCase {
  func testClosedFormsFromTheArgument() {
    XCTAssertEqual(BeliefWalk(start: 50).expectedSteps, 2500)
    XCTAssertEqual(BeliefWalk(start: 20).expectedSteps, 1600)
    XCTAssertEqual(BeliefWalk(start: 99).expectedSteps, 99)
    XCTAssertEqual(BeliefWalk(start: 50, moveProbability: 0.5).expectedSteps, 5000)
    XCTAssertEqual(BeliefWalk(start: 50, step: 10).expectedSteps, 25)
  }

  /// Monte Carlo means within five standard errors of k(N-k)/(s² p).
  func testMonteCarloMatchesTheClosedForm() {
    var rng = Xoshiro256StarStar(seed: 42)
    for walk in [
      BeliefWalk(start: 50), BeliefWalk(start: 20), BeliefWalk(start: 1), BeliefWalk(start: 50, step: 10),
      BeliefWalk(start: 50, moveProbability: 0.25),
    ] {
      let times = walk.simulate(walks: 20_000, rng: &rng)
      XCTAssertEqual(times.meanSteps, walk.expectedSteps, accuracy: 5 * times.standardError, "\(walk)")
    }
  }

  func testFromOnePercentHalfOfAllWalksEndOnTheFirstStep() {
    var rng = Xoshiro256StarStar(seed: 1)
    let times = BeliefWalk(start: 1).simulate(walks: 40_000, rng: &rng)
    XCTAssertEqual(times.share(atMost: 1), 0.5, accuracy: 5 * (0.25 / 40_000).squareRoot())
    XCTAssertEqual(times.quantile(0.45), 1)
    XCTAssertGreaterThanOrEqual(times.quantile(0.55), 3, "the next possible hitting time is 3 steps")
  }

  /// The popcount kernel and the bit-per-step kernel sample the same distribution: compare
  /// means, spreads and several quantiles of 40 000 walks each.
  func testBothKernelsGiveTheSameHittingTimeDistribution() {
    var rng = Xoshiro256StarStar(seed: 7)
    let walk = BeliefWalk(start: 30)
    let fast = walk.simulate(walks: 40_000, rng: &rng, kernel: .popcount)
    let slow = walk.simulate(walks: 40_000, rng: &rng, kernel: .bitPerStep)
    let se = (fast.statistics.variance / 40_000 + slow.statistics.variance / 40_000).squareRoot()
    XCTAssertEqual(fast.meanSteps, slow.meanSteps, accuracy: 5 * se)
    XCTAssertEqual(
      fast.statistics.standardDeviation, slow.statistics.standardDeviation,
      accuracy: 0.05 * slow.statistics.standardDeviation)
    // Two-sample Kolmogorov–Smirnov: at n = m = 40 000 the 0.1% critical value is about 0.0138.
    let a = fast.steps.sorted()
    let b = slow.steps.sorted()
    var (i, j, largest) = (0, 0, 0.0)
    while i < a.count && j < b.count {
      let value = min(a[i], b[j])
      while i < a.count && a[i] == value { i += 1 }
      while j < b.count && b[j] == value { j += 1 }
      largest = max(largest, abs(Double(i) / Double(a.count) - Double(j) / Double(b.count)))
    }
    XCTAssertLessThan(largest, 0.0138)
  }

  func testResultsDependOnTheSeedOnlyNotOnParallelism() {
    var first = Xoshiro256StarStar(seed: 3)
    var second = Xoshiro256StarStar(seed: 3)
    let walk = BeliefWalk(start: 50)
    let parallel = walk.simulate(walks: 5_000, rng: &first)
    XCTAssertEqual(parallel, walk.simulate(walks: 5_000, rng: &second))
    // The same chunks run one after another on this thread give the same steps.
    var seedSource = Xoshiro256StarStar(seed: 3)
    let seed = seedSource.next()
    var sequential: [Int] = []
    for chunk in 0..<3 {
      var stream = Xoshiro256StarStar(seed: seed, stream: chunk)
      let range = (chunk * 2048)..<min(5_000, (chunk + 1) * 2048)
      for _ in range { sequential.append(walk.steps(using: &stream)) }
    }
    XCTAssertEqual(parallel.steps, sequential)
  }
}

final class PrefixTableKernelTests: XCTestCase {
  /// The prefix-table kernel reads the random bits in the same order as the bit-per-step loop,
  /// so from the same generator state every walk takes exactly the same number of steps and ends
  /// at the same side — including walks more than 64 moves from both ends (boundary 1000).
  func testEveryWalkIsIdenticalToTheBitPerStepKernel() {
    for walk in [
      BeliefWalk(start: 50), BeliefWalk(start: 1), BeliefWalk(start: 17), BeliefWalk(start: 99),
      BeliefWalk(start: 500, boundary: 1000), BeliefWalk(start: 30, boundary: 1000), BeliefWalk(start: 40, step: 10),
    ] {
      var table = Xoshiro256StarStar(seed: 99)
      var bits = Xoshiro256StarStar(seed: 99)
      for _ in 0..<(walk.boundary > 100 ? 40 : 2000) {
        let fast = walk.run(using: &table, kernel: .prefixTable)
        let slow = walk.run(using: &bits, kernel: .bitPerStep)
        XCTAssertEqual(fast.steps, slow.steps, "\(walk)")
        XCTAssertEqual(fast.endedAtTop, slow.endedAtTop, "\(walk)")
      }
      XCTAssertEqual(table, bits, "both kernels used the same number of random words")
    }
  }
}
