import Figures
import XCTest

final class TicksTests: XCTestCase {
  func testLinearTicksAreNiceAndCoverTheData() {
    let ticks = TickGenerator.linear(3, 97, target: 6)
    XCTAssertEqual(ticks.values, [0, 20, 40, 60, 80, 100])
    XCTAssertEqual(ticks.labels, ["0", "20", "40", "60", "80", "100"])
    XCTAssertEqual(ticks.lower, 0)
    XCTAssertEqual(ticks.upper, 100)
  }

  func testFractionalStepsKeepTheirDecimals() {
    let ticks = TickGenerator.linear(0, 1, target: 5)
    XCTAssertEqual(ticks.labels, ["0.0", "0.5", "1.0"])
    XCTAssertEqual(TickGenerator.linear(0, 0.9, target: 6).labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
  }

  func testNegativeRanges() {
    let ticks = TickGenerator.linear(-7, 3, target: 6)
    XCTAssertEqual(ticks.values, [-8, -6, -4, -2, 0, 2, 4])
    XCTAssertEqual(ticks.labels.first, "-8")
  }

  func testTinyAndHugeRanges() {
    let tiny = TickGenerator.linear(1e-9, 5e-9, target: 5)
    XCTAssertEqual(tiny.values.count, 5)
    XCTAssertEqual(tiny.labels.last, "5e-9")
    let huge = TickGenerator.linear(0, 3.15e23, target: 5)
    XCTAssertEqual(huge.labels.last, "4e23")
    XCTAssertTrue(huge.values.allSatisfy { $0.truncatingRemainder(dividingBy: 1e23) == 0 })
  }

  func testASinglePointStillGetsARange() {
    let zero = TickGenerator.linear(0, 0)
    XCTAssertLessThan(zero.lower, 0)
    XCTAssertGreaterThan(zero.upper, 0)
    let one = TickGenerator.linear(2500, 2500)
    XCTAssertLessThanOrEqual(one.lower, 2500)
    XCTAssertGreaterThanOrEqual(one.upper, 2500)
    XCTAssertLessThan(one.lower, one.upper)
  }

  func testNonFiniteBoundsFallBackToAUnitRange() {
    let ticks = TickGenerator.linear(.nan, .infinity)
    XCTAssertEqual(ticks.lower, 0)
    XCTAssertEqual(ticks.upper, 1)
  }

  func testLogTicksArePowersOfTen() {
    let ticks = TickGenerator.log(3, 2.4e6, target: 8)
    XCTAssertEqual(ticks.values, [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7])
    XCTAssertEqual(ticks.labels, ["1", "10", "100", "1000", "10000", "1e5", "1e6", "1e7"])
  }

  func testLongLogRangesSkipDecades() {
    let ticks = TickGenerator.log(1e-10, 1e10, target: 6)
    XCTAssertLessThanOrEqual(ticks.values.count, 6)
    XCTAssertEqual(ticks.lower, 1e-10)
    XCTAssertGreaterThanOrEqual(ticks.upper, 1e10)
  }

  func testShortLogRangesAddTwosAndFives() {
    let ticks = TickGenerator.log(20, 800)
    XCTAssertEqual(ticks.values, [10, 20, 50, 100, 200, 500, 1000])
  }

  func testNonPositiveLogBoundsFallBack() {
    let ticks = TickGenerator.log(0, -5)
    XCTAssertEqual(ticks.lower, 1)
    XCTAssertEqual(ticks.upper, 10)
  }

  func testDownsamplingKeepsEveryColumnsExtremes() {
    let count = 100_000
    var values = (0..<count).map { sin(Double($0) / 900) }
    values[31_234] = 50
    values[77_001] = -50
    let columns = (0..<count).map { Double($0) / Double(count) * 600 }
    let kept = Downsampler.minMaxPerColumn(columns: columns, values: values)
    XCTAssertLessThanOrEqual(kept.count, 4 * 600)
    XCTAssertTrue(kept.contains(31_234))
    XCTAssertTrue(kept.contains(77_001))
    XCTAssertEqual(kept.first, 0)
    XCTAssertEqual(kept.last, count - 1)
    XCTAssertEqual(kept, kept.sorted(), "order is kept")
  }

  func testUnsortedColumnsAreNotReduced() {
    let kept = Downsampler.minMaxPerColumn(columns: [0, 1, 2, 1, 0, 3], values: [0, 1, 2, 3, 4, 5])
    XCTAssertEqual(kept, [0, 1, 2, 3, 4, 5])
  }
}
