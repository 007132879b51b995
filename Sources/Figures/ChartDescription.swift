/// A sentence or two describing a chart's data for readers who cannot see it (the SVG's
/// `<desc>`): what is drawn, how many points, over which ranges, and what was left out.
struct ChartDescription {
  let chart: Chart
  let skipped: Int

  var text: String {
    var sentences: [String] = []
    let kinds = chart.layers.map(kind)
    let layerList = kinds.count == 1 ? "a \(kinds[0])" : "\(kinds.count) layers (\(kinds.joined(separator: ", ")))"
    var opening = "Chart with \(layerList)"
    if let title = chart.title { opening = "\(title): chart with \(layerList)" }
    sentences.append(opening + ".")
    for layer in chart.layers {
      if let summary = summary(of: layer) { sentences.append(summary) }
    }
    let axes = [("x", chart.x), ("y", chart.y)].filter { $0.1.title != nil || $0.1.scale == .log }.map { name, axis in
      "\(name) axis\(axis.title.map { " \"\($0)\"" } ?? "")\(axis.scale == .log ? " (log scale)" : "")"
    }
    if !axes.isEmpty { sentences.append(axes.joined(separator: "; ").capitalizedFirst + ".") }
    for reference in chart.references {
      sentences.append(
        "Reference line at \(reference.axis.rawValue) = \(TickGenerator.compact(reference.value))"
          + (reference.label.map { " (\($0))" } ?? "") + ".")
    }
    if skipped > 0 {
      sentences.append(
        "\(skipped) value\(skipped == 1 ? " was" : "s were") not drawn (not finite, or not positive on a log axis).")
    }
    return sentences.joined(separator: " ")
  }

  private func kind(_ layer: Layer) -> String {
    switch layer {
    case .line: "line"
    case .scatter: "scatter plot"
    case .step: "step line"
    case .band: "band"
    case .histogram: "histogram"
    case .bars: "bar chart"
    }
  }

  private func summary(of layer: Layer) -> String? {
    let name = layer.label.map { "\"\($0)\"" } ?? kind(layer)
    switch layer {
    case .line(let series), .scatter(let series), .step(let series):
      return "\(name.capitalizedFirst): \(series.x.count) points, x \(range(series.x)), y \(range(series.y))."
    case .band(let band):
      return "\(name.capitalizedFirst): from \(range(band.lower)) to \(range(band.upper)) over x \(range(band.x))."
    case .histogram(let histogram):
      let peak = histogram.heights.max() ?? 0
      return "\(name.capitalizedFirst): \(histogram.sampleSize) values in \(histogram.heights.count) bins over "
        + "\(range(histogram.edges)), highest bin \(TickGenerator.compact(peak))."
    case .bars(let bars):
      let groups = bars.groups.map { group in
        (group.label.isEmpty ? "" : "\(group.label): ")
          + zip(bars.categories, group.values).map { "\($0) \(TickGenerator.compact($1))" }.joined(separator: ", ")
      }
      return groups.joined(separator: "; ") + "."
    }
  }

  private func range(_ values: [Double]) -> String {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return "empty" }
    return low == high ? TickGenerator.compact(low) : "\(TickGenerator.compact(low)) to \(TickGenerator.compact(high))"
  }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
