/// Draws a `Chart` as SVG: axes with nice ticks, grid, layers, references, annotations,
/// legend and title, with a `<title>` and `<desc>` for screen readers.
public struct ChartRenderer: Sendable {
  /// Prefix of every id in the drawing, so several charts can share a page.
  public var id: String
  /// Replaces the generated description (the `alt` cell option).
  public var altText: String?

  public init(id: String, altText: String? = nil) {
    self.id = id
    self.altText = altText
  }

  /// The chart as an SVG element; `standalone` adds the XML namespace a `.svg` file needs.
  public func svg(_ chart: Chart, standalone: Bool = false) -> String {
    var frame = Frame(chart)
    let extent = DataExtent(chart)
    let categorical = chart.layers.contains { if case .bars = $0 { true } else { false } }
    let yTicks = DataExtent.ticks(extent.ys, axis: chart.y, target: max(3, Int(frame.plotHeight / 55)))
    frame.left = 14 + (chart.y.title == nil ? 0 : 20) + Double(yTicks.labels.map(\.count).max() ?? 1) * 7 + 6
    var xTicks = categorical ? nil : fittingXTicks(extent.xs, chart.x, width: frame.plotWidth)
    // Leave room for the last x label, centred on the right edge of the plot.
    if let last = xTicks?.labels.last, Double(last.count) * 3.6 + 4 > chart.width - frame.right {
      frame.right = chart.width - Double(last.count) * 3.6 - 4
      xTicks = fittingXTicks(extent.xs, chart.x, width: frame.plotWidth)
    }
    let xMap = AxisMapping(
      scale: chart.x.scale, lower: xTicks?.lower ?? 0, upper: xTicks?.upper ?? 1, start: frame.left,
      end: frame.right)
    let yMap = AxisMapping(
      scale: chart.y.scale, lower: yTicks.lower, upper: yTicks.upper, start: frame.bottom, end: frame.top)

    var svg = SVGWriter()
    let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
    svg.open(
      "<svg\(namespace) class=\"lc\" viewBox=\"0 0 \(SVGNumber.format(chart.width)) \(SVGNumber.format(chart.height))\""
        + " width=\"\(SVGNumber.format(chart.width))\" height=\"\(SVGNumber.format(chart.height))\""
        + " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" style=\"max-width:100%;height:auto\">")
    svg.line("<title id=\"\(id)-title\">\(HTMLText.escape(chart.title ?? "Chart"))</title>")
    let description = altText ?? ChartDescription(chart: chart, skipped: extent.skipped).text
    svg.line("<desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>")
    svg.line("<style>\(ChartStyle.css)</style>")
    svg.line(
      "<clipPath id=\"\(id)-clip\"><rect x=\"\(SVGNumber.format(frame.left))\" y=\"\(SVGNumber.format(frame.top - 2))\""
        + " width=\"\(SVGNumber.format(frame.plotWidth))\" height=\"\(SVGNumber.format(frame.plotHeight + 4))\"/></clipPath>"
    )
    drawTitleAndLegend(chart, frame, into: &svg)
    drawYAxis(yTicks, yMap, chart.y.title, frame, into: &svg)
    if let xTicks {
      drawXAxis(xTicks, xMap, chart.x.title, frame, into: &svg)
    } else {
      drawCategoryAxis(chart, frame, into: &svg)
    }
    svg.open("<g clip-path=\"url(#\(id)-clip)\">")
    var painter = LayerPainter(x: xMap, y: yMap, frame: frame)
    for (index, layer) in chart.layers.enumerated().sorted(by: { drawOrder($0.element) < drawOrder($1.element) }) {
      painter.draw(layer, colorIndex: index, categorical: categorical, into: &svg)
    }
    drawReferences(chart.references, xMap, yMap, frame, categorical: categorical, into: &svg)
    svg.close("</g>")
    drawAnnotations(chart.annotations, xMap, yMap, into: &svg)
    svg.close("</svg>")
    return svg.text
  }

  // MARK: Parts

  private func fittingXTicks(_ values: [Double], _ axis: Axis, width: Double) -> Ticks {
    var target = max(2, Int(width / 70))
    while true {
      let ticks = DataExtent.ticks(values, axis: axis, target: target)
      let widest = Double(ticks.labels.map(\.count).max() ?? 1) * 7 + 10
      if Double(ticks.values.count) * widest <= width || target <= 2 { return ticks }
      target -= 1
    }
  }

  private func drawTitleAndLegend(_ chart: Chart, _ frame: Frame, into svg: inout SVGWriter) {
    if let title = chart.title {
      svg.line("<text class=\"t h\" x=\"\(SVGNumber.format(frame.left))\" y=\"22\">\(HTMLText.escape(title))</text>")
    }
    let entries = LegendEntry.entries(of: chart)
    guard !entries.isEmpty else { return }
    let firstRowY = chart.title == nil ? 20.0 : 44.0
    svg.open("<g class=\"legend\">")
    for (entry, x, row) in LegendEntry.layout(entries, left: frame.left, right: frame.right) {
      let y = firstRowY + Double(row) * Frame.legendRowHeight
      let swatch =
        entry.isLine
        ? "<line class=\"l \(entry.colorClass)\" x1=\"\(SVGNumber.format(x))\" y1=\"\(SVGNumber.format(y - 4))\" x2=\"\(SVGNumber.format(x + 16))\" y2=\"\(SVGNumber.format(y - 4))\"/>"
        : "<rect class=\"p \(entry.colorClass)\" x=\"\(SVGNumber.format(x))\" y=\"\(SVGNumber.format(y - 10))\" width=\"14\" height=\"12\"/>"
      svg.line(swatch)
      svg.line(
        "<text class=\"t\" x=\"\(SVGNumber.format(x + 21))\" y=\"\(SVGNumber.format(y))\">\(HTMLText.escape(entry.label))</text>"
      )
    }
    svg.close("</g>")
  }

  private func drawYAxis(
    _ ticks: Ticks, _ map: AxisMapping, _ title: String?, _ frame: Frame, into svg: inout SVGWriter
  ) {
    svg.open("<g class=\"y-axis\">")
    for (value, label) in zip(ticks.values, ticks.labels) {
      let y = SVGNumber.format(map.position(value))
      svg.line(
        "<line class=\"g\" x1=\"\(SVGNumber.format(frame.left))\" y1=\"\(y)\" x2=\"\(SVGNumber.format(frame.right))\" y2=\"\(y)\"/>"
      )
      svg.line(
        "<text class=\"m\" x=\"\(SVGNumber.format(frame.left - 6))\" y=\"\(y)\" dy=\"0.32em\" text-anchor=\"end\">\(HTMLText.escape(label))</text>"
      )
    }
    svg.line(
      "<line class=\"a\" x1=\"\(SVGNumber.format(frame.left))\" y1=\"\(SVGNumber.format(frame.top))\" x2=\"\(SVGNumber.format(frame.left))\" y2=\"\(SVGNumber.format(frame.bottom))\"/>"
    )
    if let title {
      let center = SVGNumber.format((frame.top + frame.bottom) / 2)
      svg.line(
        "<text class=\"t\" transform=\"translate(16 \(center)) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape(title))</text>"
      )
    }
    svg.close("</g>")
  }

  private func drawXAxis(
    _ ticks: Ticks, _ map: AxisMapping, _ title: String?, _ frame: Frame, into svg: inout SVGWriter
  ) {
    svg.open("<g class=\"x-axis\">")
    for (value, label) in zip(ticks.values, ticks.labels) {
      let x = SVGNumber.format(map.position(value))
      svg.line(
        "<line class=\"g\" x1=\"\(x)\" y1=\"\(SVGNumber.format(frame.top))\" x2=\"\(x)\" y2=\"\(SVGNumber.format(frame.bottom))\" stroke-opacity=\"0.5\"/>"
      )
      svg.line(
        "<text class=\"m\" x=\"\(x)\" y=\"\(SVGNumber.format(frame.bottom + 17))\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
      )
    }
    drawXBaseline(title, frame, into: &svg)
    svg.close("</g>")
  }

  private func drawCategoryAxis(_ chart: Chart, _ frame: Frame, into svg: inout SVGWriter) {
    svg.open("<g class=\"x-axis\">")
    let categories: [String] =
      chart.layers.lazy.compactMap { layer -> [String]? in
        if case .bars(let bars) = layer { return bars.categories }
        return nil
      }.first ?? []
    let band = frame.plotWidth / Double(max(1, categories.count))
    for (index, category) in categories.enumerated() {
      let x = SVGNumber.format(frame.left + band * (Double(index) + 0.5))
      svg.line(
        "<text class=\"m\" x=\"\(x)\" y=\"\(SVGNumber.format(frame.bottom + 17))\" text-anchor=\"middle\">\(HTMLText.escape(category))</text>"
      )
    }
    drawXBaseline(chart.x.title, frame, into: &svg)
    svg.close("</g>")
  }

  private func drawXBaseline(_ title: String?, _ frame: Frame, into svg: inout SVGWriter) {
    svg.line(
      "<line class=\"a\" x1=\"\(SVGNumber.format(frame.left))\" y1=\"\(SVGNumber.format(frame.bottom))\" x2=\"\(SVGNumber.format(frame.right))\" y2=\"\(SVGNumber.format(frame.bottom))\"/>"
    )
    if let title {
      svg.line(
        "<text class=\"t\" x=\"\(SVGNumber.format((frame.left + frame.right) / 2))\" y=\"\(SVGNumber.format(frame.bottom + 36))\" text-anchor=\"middle\">\(HTMLText.escape(title))</text>"
      )
    }
  }

  private func drawReferences(
    _ references: [Reference], _ xMap: AxisMapping, _ yMap: AxisMapping, _ frame: Frame, categorical: Bool,
    into svg: inout SVGWriter
  ) {
    for reference in references {
      if reference.axis == .y, yMap.accepts(reference.value) {
        let y = yMap.position(reference.value)
        svg.line(
          "<line class=\"r\" x1=\"\(SVGNumber.format(frame.left))\" y1=\"\(SVGNumber.format(y))\" x2=\"\(SVGNumber.format(frame.right))\" y2=\"\(SVGNumber.format(y))\"/>"
        )
        if let label = reference.label {
          svg.line(
            "<text class=\"m\" x=\"\(SVGNumber.format(frame.right - 4))\" y=\"\(SVGNumber.format(y - 5))\" text-anchor=\"end\">\(HTMLText.escape(label))</text>"
          )
        }
      } else if reference.axis == .x, !categorical, xMap.accepts(reference.value) {
        let x = xMap.position(reference.value)
        svg.line(
          "<line class=\"r\" x1=\"\(SVGNumber.format(x))\" y1=\"\(SVGNumber.format(frame.top))\" x2=\"\(SVGNumber.format(x))\" y2=\"\(SVGNumber.format(frame.bottom))\"/>"
        )
        if let label = reference.label {
          svg.line(
            "<text class=\"m\" x=\"\(SVGNumber.format(x + 5))\" y=\"\(SVGNumber.format(frame.top + 12))\">\(HTMLText.escape(label))</text>"
          )
        }
      }
    }
  }

  private func drawAnnotations(
    _ annotations: [Annotation], _ xMap: AxisMapping, _ yMap: AxisMapping, into svg: inout SVGWriter
  ) {
    for annotation in annotations where xMap.accepts(annotation.x) && yMap.accepts(annotation.y) {
      let x = xMap.position(annotation.x)
      let y = yMap.position(annotation.y)
      svg.line("<circle class=\"t\" cx=\"\(SVGNumber.format(x))\" cy=\"\(SVGNumber.format(y))\" r=\"3.5\"/>")
      svg.line(
        "<text class=\"t\" x=\"\(SVGNumber.format(x + 7))\" y=\"\(SVGNumber.format(y - 7))\">\(HTMLText.escape(annotation.text))</text>"
      )
    }
  }

  private func drawOrder(_ layer: Layer) -> Int {
    switch layer {
    case .band: 0
    case .histogram, .bars: 1
    case .line, .step: 2
    case .scatter: 3
    }
  }
}

/// The plot area inside a chart's margins.
struct Frame {
  var left: Double
  var right: Double
  var top: Double
  var bottom: Double
  var plotWidth: Double { right - left }
  var plotHeight: Double { bottom - top }

  /// Vertical space of one row of legend entries.
  static let legendRowHeight = 24.0

  init(_ chart: Chart) {
    left = 60
    right = chart.width - 20
    let legendRows = LegendEntry.rowCount(of: chart, left: left, right: right)
    top = 14 + (chart.title == nil ? 0 : 22) + Double(legendRows) * Frame.legendRowHeight + 6
    bottom = chart.height - 30 - (chart.x.title == nil ? 0 : 18)
  }
}

/// Accumulates SVG text with indentation that follows nesting.
struct SVGWriter {
  private(set) var text = ""
  private var depth = 0

  mutating func line(_ element: String) {
    text += String(repeating: " ", count: depth) + element + "\n"
  }

  mutating func open(_ element: String) {
    line(element)
    depth += 1
  }

  mutating func close(_ element: String) {
    depth -= 1
    line(element)
  }
}
