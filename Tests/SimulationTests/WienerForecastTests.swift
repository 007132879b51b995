import Simulation
import XCTest

final class WienerForecastTests: XCTestCase {
  let forecast = WienerForecast(horizon: 52)

  func testMidpointForecastIsUniform() {
    for x in [0.1, 0.25, 0.5, 0.9] { XCTAssertEqual(forecast.forecastCDF(x, after: 26), x, accuracy: 1e-9) }
    XCTAssertEqual(forecast.favouriteLoses(after: 26), 0.25, accuracy: 1e-12)
  }

  /// Closed forms against 40 000 simulated paths: the midpoint distribution, the favourite losing
  /// in the final week, the size of the final move, calibration and the martingale property.
  func testMonteCarloMatchesClosedForms() {
    var rng = Xoshiro256StarStar(seed: 5)
    let paths = forecast.paths(40_000, using: &rng)
    let n = Double(paths.count)
    let midpoint = paths.map { $0[26] }
    for q in [0.1, 0.5, 0.9] {
      XCTAssertEqual(Statistics.quantile(midpoint, q), q, accuracy: 0.015)
    }
    let upsets = paths.filter { ($0[51] > 0.5) != ($0[52] == 1) }.count
    let upsetRate = forecast.favouriteLoses(after: 51)
    XCTAssertEqual(Double(upsets) / n, upsetRate, accuracy: 5 * (upsetRate * (1 - upsetRate) / n).squareRoot())
    let finalMoves = RunningStatistics(paths.map { abs($0[52] - $0[51]) })
    XCTAssertEqual(finalMoves.mean, forecast.expectedFinalMove, accuracy: 5 * finalMoves.standardError)
    // Calibrated: among forecasts of 60–80% at week 40, the event happens 60–80% of the time.
    let confident = paths.filter { $0[40] > 0.6 && $0[40] < 0.8 }
    let stated = Statistics.mean(confident.map { $0[40] })
    let happened = Double(confident.filter { $0[52] == 1 }.count) / Double(confident.count)
    XCTAssertEqual(happened, stated, accuracy: 5 * (stated * (1 - stated) / Double(confident.count)).squareRoot())
    // A martingale: the mean forecast stays at 1/2 every week.
    for week in [10, 30, 52] {
      let mean = RunningStatistics(paths.map { $0[week] })
      XCTAssertEqual(mean.mean, 0.5, accuracy: 5 * mean.standardError)
    }
    let shareNearHalf =
      paths.reduce(0.0) { total, path in
        total + Double((1..<52).filter { path[$0] >= 0.4 && path[$0] <= 0.6 }.count) / 51
      } / n
    XCTAssertEqual(shareNearHalf, forecast.expectedShareOfTime(between: 0.4, and: 0.6), accuracy: 0.01)
  }
}
