import Figures
import Foundation
import LemmaTestSupport
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class ChartTests: XCTestCase {
  private let xs = (0..<20).map(Double.init)

  /// One chart of each kind, drawn to a golden SVG file (LEMMA_RECORD=1 re-records).
  private var gallery: [(String, Chart)] {
    [
      (
        "line",
        Chart.line(x: xs, y: xs.map { $0 * $0 }, label: "square").line(x: xs, y: xs.map { 10 * $0 }, label: "ten x")
          .xLabel("x").yLabel("y").title("Two lines")
      ),
      ("scatter", Chart.scatter(x: xs, y: xs.map { ($0 * 7).truncatingRemainder(dividingBy: 5) }, label: "points")),
      ("histogram", Chart.histogram(xs.map { $0 * $0 }, bins: 8).xLabel("value")),
      ("bars", Chart.bar(categories: ["a", "b", "c"], groups: [("one", [1, 2, 3]), ("two", [2, 1, 0.5])])),
      ("band", Chart.band(x: xs, lower: xs.map { $0 - 2 }, upper: xs.map { $0 + 2 }, label: "±2").line(x: xs, y: xs)),
      ("step", Chart.step(x: xs, y: xs.map { ($0 / 4).rounded(.down) }, label: "floor(x/4)")),
      (
        "log-reference",
        Chart.line(x: [1, 10, 100, 1000], y: [2, 20, 200, 2000]).xScale(.log).yScale(.log)
          .reference(y: 100, label: "one hundred").reference(x: 30).annotate(x: 10, y: 20, "here")
      ),
    ]
  }

  /// A legend too long for one row wraps onto more rows, and the plot moves down to make room.
  func testLongLegendsWrapInsideTheChart() throws {
    var chart = Chart().size(width: 480, height: 300)
    for index in 0..<6 {
      chart = chart.line(x: xs, y: xs.map { $0 * Double(index) }, label: "a fairly long label \(index)")
    }
    let svg = ChartRenderer(id: "fig-legend").svg(chart, standalone: true)
    let legend = try XCTUnwrap(svg.range(of: "<g class=\"legend\">").map { svg[$0.upperBound...] })
    let legendEnd = try XCTUnwrap(legend.range(of: "</g>"))
    let texts = legend[..<legendEnd.lowerBound].components(separatedBy: "\n").filter { $0.contains("<text") }
    XCTAssertEqual(texts.count, 6)
    let rows = Set(texts.compactMap { $0.firstMatch(of: #/y="([0-9.]+)"/#).map { String($0.1) } })
    XCTAssertGreaterThan(rows.count, 1, "the legend should wrap")
    for text in texts {
      let x = try XCTUnwrap(text.firstMatch(of: #/x="([0-9.]+)"/#).flatMap { Double($0.1) })
      let label = try XCTUnwrap(text.firstMatch(of: #/>([^<]+)</#).map { String($0.1) })
      XCTAssertLessThanOrEqual(x + Double(label.count) * 7, 480, "\(label) runs off the chart")
    }
    let oneRow = ChartRenderer(id: "fig-short").svg(Chart.line(x: xs, y: xs, label: "short"), standalone: true)
    func plotTop(_ svg: String) -> Double? {
      svg.firstMatch(of: #/-clip"><rect x="[0-9.]+" y="([0-9.]+)"/#).flatMap { Double($0.1) }
    }
    XCTAssertGreaterThan(try XCTUnwrap(plotTop(svg)), try XCTUnwrap(plotTop(oneRow)) + 20)
  }

  func testEachChartKindMatchesItsGoldenSVG() throws {
    for (name, chart) in gallery {
      let svg = ChartRenderer(id: "fig-\(name)").svg(chart, standalone: true)
      assertGolden(svg, testDirectory() + "/Golden/\(name).svg")
      XCTAssertTrue(try isWellFormedXML(svg), "\(name).svg is not well-formed XML")
    }
  }

  func testSameChartSameBytesAndIDsComeFromTheGivenID() {
    let chart = gallery[0].1
    let first = ChartRenderer(id: "fig-a").svg(chart)
    XCTAssertEqual(first, ChartRenderer(id: "fig-a").svg(chart))
    XCTAssertTrue(first.contains("id=\"fig-a-title\""))
    XCTAssertTrue(first.contains("clip-path=\"url(#fig-a-clip)\""))
    XCTAssertFalse(first.contains("xmlns"), "inline SVG needs no namespace")
  }

  func testAccessibleNameDescriptionAndAltOverride() {
    let chart = Chart.line(x: [1, 2, 3], y: [4, 5, 6], label: "rising").title("Up")
    let svg = ChartRenderer(id: "c").svg(chart)
    XCTAssertTrue(svg.contains("role=\"img\""))
    XCTAssertTrue(svg.contains("<title id=\"c-title\">Up</title>"))
    XCTAssertTrue(svg.contains("&quot;rising&quot;: 3 points, x 1 to 3, y 4 to 6.</desc>"), svg)
    let alt = ChartRenderer(id: "c", altText: "Three points going up").svg(chart)
    XCTAssertTrue(alt.contains("<desc id=\"c-desc\">Three points going up</desc>"))
  }

  func testNonFiniteAndNonPositiveValuesAreSkippedAndCounted() {
    let chart = Chart.line(x: [1, 2, 3, 4, 5], y: [1, .nan, 3, .infinity, -2]).yScale(.log)
    let svg = ChartRenderer(id: "c").svg(chart)
    XCTAssertTrue(svg.contains("3 values were not drawn"), svg)
    let empty = ChartRenderer(id: "e").svg(Chart.line(x: [], y: []))
    XCTAssertTrue(empty.contains("<svg"))
    let allNaN = ChartRenderer(id: "n").svg(Chart.histogram([.nan, .nan]))
    XCTAssertTrue(allNaN.contains("2 values were not drawn"))
  }

  func testLargeLinesStaySmall() {
    let count = 100_000
    var rng = SystemRandomNumberGenerator()
    var level = 0.0
    let ys = (0..<count).map { _ in
      level += Double.random(in: -1...1, using: &rng)
      return level
    }
    let svg = ChartRenderer(id: "big").svg(Chart.line(y: ys))
    XCTAssertLessThan(svg.utf8.count, 60_000)
    let thousand = ChartRenderer(id: "k").svg(Chart.line(y: Array(ys.prefix(1000))), standalone: true)
    XCTAssertLessThan(thousand.utf8.count, 40_000)
  }

  func testHistogramCountsAndDensity() {
    let histogram = Histogram(values: [0, 1, 1, 2, 3, .nan], bins: 3, density: false, logBins: false, label: nil)
    XCTAssertEqual(histogram.edges, [0, 1, 2, 3])
    XCTAssertEqual(histogram.heights, [1, 2, 2])
    XCTAssertEqual(histogram.skipped, 1)
    let density = Histogram(values: [0, 1, 1, 2, 3], bins: 3, density: true, logBins: false, label: nil)
    XCTAssertEqual(density.heights.reduce(0, +), 1, accuracy: 1e-12, "densities times a bin width of 1 sum to one")
  }

  func testDataTableSamplesLongSeries() {
    let table = Chart.line(y: (0..<1000).map(Double.init)).dataTable(maxRows: 100)
    XCTAssertEqual(table.rows.count, 100)
    XCTAssertEqual(table.caption, "100 of 1000 rows, evenly spaced")
    XCTAssertEqual(table.rows.last?.last, .number(999))
  }

  private func isWellFormedXML(_ text: String) throws -> Bool {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse()
  }
}
