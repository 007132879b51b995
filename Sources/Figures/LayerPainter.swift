/// Draws the data layers of a chart into SVG, reducing long series to what the width can show.
struct LayerPainter {
  let x: AxisMapping
  let y: AxisMapping
  let frame: Frame

  mutating func draw(_ layer: Layer, colorIndex: Int, categorical: Bool, into svg: inout SVGWriter) {
    let color = ChartStyle.colorClass(colorIndex)
    switch layer {
    case .line(let series) where !categorical:
      for run in runs(series.x, series.y) { svg.line("<path class=\"l \(color)\" d=\"\(linePath(run))\"/>") }
    case .step(let series) where !categorical:
      for run in runs(series.x, series.y) { svg.line("<path class=\"l \(color)\" d=\"\(stepPath(run))\"/>") }
    case .scatter(let series) where !categorical:
      drawScatter(series, color, into: &svg)
    case .band(let band) where !categorical:
      drawBand(band, color, into: &svg)
    case .histogram(let histogram) where !categorical:
      drawHistogram(histogram, color, into: &svg)
    case .bars(let bars):
      drawBars(bars, firstColor: colorIndex, into: &svg)
    default:
      break
    }
  }

  /// Pixel points of the drawable stretches of a series (a NaN or a value a log axis cannot
  /// show breaks the line), each reduced per pixel column.
  private func runs(_ xs: [Double], _ ys: [Double]) -> [[(Double, Double)]] {
    var runs: [[(Double, Double)]] = []
    var current: [(Double, Double)] = []
    for index in xs.indices {
      if x.accepts(xs[index]) && y.accepts(ys[index]) {
        current.append((x.position(xs[index]), y.position(ys[index])))
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs.map { run in
      guard run.count > Int(frame.plotWidth) * 4 else { return run }
      let kept = Downsampler.minMaxPerColumn(columns: run.map(\.0), values: run.map(\.1))
      return kept.map { run[$0] }
    }
  }

  private func linePath(_ points: [(Double, Double)]) -> String {
    var path = ""
    path.reserveCapacity(points.count * 12)
    for (index, point) in points.enumerated() {
      path += (index == 0 ? "M" : index == 1 ? "L" : " ") + SVGNumber.format(point.0) + "," + SVGNumber.format(point.1)
    }
    return path
  }

  private func stepPath(_ points: [(Double, Double)]) -> String {
    guard let first = points.first else { return "" }
    var path = "M" + SVGNumber.format(first.0) + "," + SVGNumber.format(first.1)
    for point in points.dropFirst() {
      path += "H" + SVGNumber.format(point.0) + "V" + SVGNumber.format(point.1)
    }
    return path
  }

  private func drawScatter(_ series: Series, _ color: String, into svg: inout SVGWriter) {
    // Points that land on the same half pixel look identical: draw each spot once.
    var seen = Set<Int64>()
    var path = ""
    for index in series.x.indices where x.accepts(series.x[index]) && y.accepts(series.y[index]) {
      let px = x.position(series.x[index])
      let py = y.position(series.y[index])
      let key = Int64((px * 2).rounded()) << 32 | Int64((py * 2).rounded())
      guard seen.insert(key).inserted else { continue }
      path += "M" + SVGNumber.format(px - 2.5) + "," + SVGNumber.format(py) + "a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0"
    }
    svg.line("<path class=\"p \(color)\" d=\"\(path)\"/>")
  }

  private func drawBand(_ band: Band, _ color: String, into svg: inout SVGWriter) {
    let indices = band.x.indices.filter {
      x.accepts(band.x[$0]) && y.accepts(band.lower[$0]) && y.accepts(band.upper[$0])
    }
    guard !indices.isEmpty else { return }
    let upper = reduce(indices.map { (x.position(band.x[$0]), y.position(band.upper[$0])) }, keepHighest: true)
    let lower = reduce(indices.map { (x.position(band.x[$0]), y.position(band.lower[$0])) }, keepHighest: false)
    svg.line("<path class=\"b \(color)\" d=\"\(linePath(upper + lower.reversed()))Z\"/>")
  }

  /// For a band edge, one point per pixel column: the outermost one.
  private func reduce(_ points: [(Double, Double)], keepHighest: Bool) -> [(Double, Double)] {
    guard points.count > Int(frame.plotWidth) * 2 else { return points }
    var reduced: [(Double, Double)] = []
    for point in points {
      if let last = reduced.last, last.0.rounded(.down) == point.0.rounded(.down) {
        // SVG y grows downwards: the highest value has the smallest y.
        let outer = keepHighest ? min(last.1, point.1) : max(last.1, point.1)
        reduced[reduced.count - 1] = (last.0, outer)
      } else {
        reduced.append(point)
      }
    }
    return reduced
  }

  private func drawHistogram(_ histogram: Histogram, _ color: String, into svg: inout SVGWriter) {
    var path = ""
    for index in histogram.heights.indices {
      let (left, right, height) = (histogram.edges[index], histogram.edges[index + 1], histogram.heights[index])
      guard x.accepts(left), x.accepts(right), height > 0, y.accepts(height) else { continue }
      let x0 = x.position(left)
      let x1 = x.position(right)
      let top = y.position(height)
      path +=
        "M" + SVGNumber.format(x0 + 0.5) + "," + SVGNumber.format(frame.bottom) + "V" + SVGNumber.format(top) + "H"
        + SVGNumber.format(x1 - 0.5) + "V" + SVGNumber.format(frame.bottom) + "Z"
    }
    svg.line("<path class=\"p \(color)\" d=\"\(path)\"/>")
  }

  private func drawBars(_ bars: Bars, firstColor: Int, into svg: inout SVGWriter) {
    let band = frame.plotWidth / Double(max(1, bars.categories.count))
    let inner = band * 0.8
    let barWidth = inner / Double(max(1, bars.groups.count))
    let base = y.scale == .log ? frame.bottom : y.position(max(y.lower, min(0, y.upper)))
    for (groupIndex, group) in bars.groups.enumerated() {
      var path = ""
      for (category, value) in group.values.prefix(bars.categories.count).enumerated() where y.accepts(value) {
        let left = frame.left + band * Double(category) + band * 0.1 + barWidth * Double(groupIndex)
        let top = y.position(value)
        path +=
          "M" + SVGNumber.format(left + 1) + "," + SVGNumber.format(base) + "V" + SVGNumber.format(top) + "H"
          + SVGNumber.format(left + barWidth - 1) + "V" + SVGNumber.format(base) + "Z"
      }
      svg.line("<path class=\"p \(ChartStyle.colorClass(firstColor + groupIndex))\" d=\"\(path)\"/>")
    }
  }
}

/// One entry of a chart's legend.
struct LegendEntry: Equatable {
  var label: String
  var colorClass: String
  var isLine: Bool

  static func entries(of chart: Chart) -> [LegendEntry] {
    var entries: [LegendEntry] = []
    for (index, layer) in chart.layers.enumerated() {
      switch layer {
      case .bars(let bars) where bars.showsLegend:
        for (offset, group) in bars.groups.enumerated() where !group.label.isEmpty {
          entries.append(
            LegendEntry(label: group.label, colorClass: ChartStyle.colorClass(index + offset), isLine: false))
        }
      case .line, .step:
        if let label = layer.label {
          entries.append(LegendEntry(label: label, colorClass: ChartStyle.colorClass(index), isLine: true))
        }
      default:
        if let label = layer.label {
          entries.append(LegendEntry(label: label, colorClass: ChartStyle.colorClass(index), isLine: false))
        }
      }
    }
    return entries
  }

  /// Estimated width of the entry in the legend: swatch, gap, label, spacing to the next entry.
  var width: Double { 21 + Double(label.count) * 7 + 18 }

  /// Places `entries` left to right from `left`, starting a new row when the next entry would
  /// pass `right`; returns each entry with its x and row number.
  static func layout(_ entries: [LegendEntry], left: Double, right: Double) -> [(
    entry: LegendEntry, x: Double, row: Int
  )] {
    var placed: [(entry: LegendEntry, x: Double, row: Int)] = []
    var x = left
    var row = 0
    for entry in entries {
      if x > left && x + entry.width - 18 > right {
        row += 1
        x = left
      }
      placed.append((entry, x, row))
      x += entry.width
    }
    return placed
  }

  /// Rows the legend of `chart` takes.
  static func rowCount(of chart: Chart, left: Double, right: Double) -> Int {
    let placed = layout(entries(of: chart), left: left, right: right)
    return placed.last.map { $0.row + 1 } ?? 0
  }
}
