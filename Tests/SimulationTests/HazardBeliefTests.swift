import Simulation
import XCTest

final class HazardBeliefTests: XCTestCase {
  let doom = HazardBelief.uniform(prior: 0.5, periods: 520)

  func testBeliefAfterQuietWeeksFollowsBayes() {
    XCTAssertEqual(doom.belief(afterQuietPeriods: 0), 0.5, accuracy: 1e-12)
    // P(event later | quiet for t of W weeks) = P(W − t)/(W − P t).
    for t in [1, 100, 260, 519] {
      let expected = 0.5 * Double(520 - t) / (520 - 0.5 * Double(t))
      XCTAssertEqual(doom.belief(afterQuietPeriods: t), expected, accuracy: 1e-12)
      XCTAssertEqual(doom.quietPath[t], expected, accuracy: 1e-12)
    }
    XCTAssertEqual(doom.quietPath.last!, 0, accuracy: 1e-12)
  }

  func testQuietDropsAverageToPriorOverPeriodsAndStayBelowOnePercent() {
    let drops = doom.quietDrops
    XCTAssertEqual(Statistics.mean(drops), 0.5 / 520, accuracy: 1e-15)
    XCTAssertLessThan(Statistics.median(drops), Statistics.mean(drops))
    XCTAssertLessThan(drops.max()!, 0.01)
    XCTAssertEqual(doom.expectedUpdates(largerThan: 0.01), 0.5, accuracy: 1e-12)
  }

  /// Monte Carlo against the exact values: the count of updates above 1% has mean 0.5, and the
  /// sum of squared updates has mean prior·(1 − prior) = 0.25 (the martingale variance identity).
  func testSimulationMatchesExactValues() {
    var rng = Xoshiro256StarStar(seed: 11)
    var large = RunningStatistics()
    var squares = RunningStatistics()
    var events = 0
    for _ in 0..<20_000 {
      let (event, updates) = doom.simulate(using: &rng)
      if event != nil { events += 1 }
      large.add(Double(updates.filter { abs($0) > 0.01 }.count))
      squares.add(updates.reduce(0) { $0 + $1 * $1 })
    }
    XCTAssertEqual(large.mean, 0.5, accuracy: 5 * large.standardError)
    XCTAssertEqual(squares.mean, 0.25, accuracy: 5 * squares.standardError)
    XCTAssertEqual(Double(events) / 20_000, 0.5, accuracy: 5 * (0.25 / 20_000).squareRoot())
  }
}
