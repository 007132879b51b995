import Simulation
import XCTest

final class HistogramTests: XCTestCase {
  func testCountsValuesIntoHalfOpenBinsWithAClosedLastBin() {
    let histogram = Histogram([0, 0.5, 1, 1.5, 2, 3, -1], edges: [0, 1, 2])
    XCTAssertEqual(histogram.counts, [2, 3])
    XCTAssertEqual(histogram.outside, 2)
    XCTAssertEqual(histogram.centers, [0.5, 1.5])
    XCTAssertEqual(histogram.shares, [2.0 / 7, 3.0 / 7])
  }

  func testLogBinsAreEvenInLogScale() {
    let histogram = Histogram(logBins: 3, range: 1...1000)
    XCTAssertEqual(histogram.edges[1], 10, accuracy: 1e-12)
    XCTAssertEqual(histogram.edges[2], 100, accuracy: 1e-12)
  }
}
