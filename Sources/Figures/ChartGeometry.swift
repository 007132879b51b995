#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps data values to SVG positions along one axis.
struct AxisMapping {
  var scale: Scale
  var lower: Double
  var upper: Double
  /// Pixel positions of `lower` and `upper`.
  var start: Double
  var end: Double

  func position(_ value: Double) -> Double {
    let (a, b, v) = scale == .log ? (log10(lower), log10(upper), log10(value)) : (lower, upper, value)
    guard b != a else { return (start + end) / 2 }
    return start + (v - a) / (b - a) * (end - start)
  }

  /// Whether `value` can be drawn on this axis (finite, and positive on a log axis).
  func accepts(_ value: Double) -> Bool {
    value.isFinite && (scale == .linear || value > 0)
  }
}

/// The data extent of a chart along both axes, and how many values could not be drawn.
struct DataExtent {
  var xs: [Double] = []
  var ys: [Double] = []
  /// Points left out: non-finite, or not positive on a log axis.
  var skipped = 0

  init(_ chart: Chart) {
    let xOK: (Double) -> Bool = { $0.isFinite && (chart.x.scale == .linear || $0 > 0) }
    let yOK: (Double) -> Bool = { $0.isFinite && (chart.y.scale == .linear || $0 > 0) }
    func add(_ x: Double, _ y: Double) {
      if xOK(x) && yOK(y) {
        xs.append(x)
        ys.append(y)
      } else {
        skipped += 1
      }
    }
    for layer in chart.layers {
      switch layer {
      case .line(let series), .scatter(let series), .step(let series):
        for index in series.x.indices { add(series.x[index], series.y[index]) }
      case .band(let band):
        for index in band.x.indices {
          add(band.x[index], band.lower[index])
          add(band.x[index], band.upper[index])
        }
      case .histogram(let histogram):
        xs += histogram.edges.filter(xOK)
        ys += histogram.heights.filter(yOK)
        if chart.y.scale == .linear { ys.append(0) }
        skipped += histogram.skipped
      case .bars(let bars):
        for group in bars.groups {
          for value in group.values {
            if yOK(value) { ys.append(value) } else { skipped += 1 }
          }
        }
        if chart.y.scale == .linear { ys.append(0) }
      }
    }
    for reference in chart.references {
      if reference.axis == .x, xOK(reference.value) { xs.append(reference.value) }
      if reference.axis == .y, yOK(reference.value) { ys.append(reference.value) }
    }
    for annotation in chart.annotations where xOK(annotation.x) && yOK(annotation.y) {
      xs.append(annotation.x)
      ys.append(annotation.y)
    }
  }

  /// Ticks for one axis: fitted to the data, or within a fixed range.
  static func ticks(_ values: [Double], axis: Axis, target: Int) -> Ticks {
    if let range = axis.range {
      let fitted =
        axis.scale == .log
        ? TickGenerator.log(range.lower, range.upper, target: target)
        : TickGenerator.linear(range.lower, range.upper, target: target)
      let inside = fitted.values.indices.filter {
        fitted.values[$0] >= range.lower - 1e-12 && fitted.values[$0] <= range.upper + 1e-12
      }
      return Ticks(
        values: inside.map { fitted.values[$0] }, labels: inside.map { fitted.labels[$0] }, lower: range.lower,
        upper: range.upper)
    }
    let low = values.min() ?? (axis.scale == .log ? 1 : 0)
    let high = values.max() ?? (axis.scale == .log ? 10 : 1)
    return axis.scale == .log
      ? TickGenerator.log(low, high, target: target) : TickGenerator.linear(low, high, target: target)
  }
}
