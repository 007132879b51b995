/// A chart: one or more layers of data over two axes, drawn as plain SVG.
///
/// Start with a static constructor, then chain: each call returns a new chart.
/// ```swift
/// show(
///   Chart.line(x: starts, y: simulated, label: "simulated")
///     .line(x: starts, y: exact, label: "k(N-k)")
///     .reference(y: 2500, label: "2500 steps from 50%")
///     .xLabel("starting belief (%)").yLabel("expected steps")
///     .title("Steps until certainty"))
/// show(Chart.histogram(steps, bins: 40).xScale(.log))
/// ```
public struct Chart: Codable, Equatable, Sendable {
  public var title: String?
  public var x = Axis()
  public var y = Axis()
  public var layers: [Layer] = []
  public var references: [Reference] = []
  public var annotations: [Annotation] = []
  /// Drawing size in SVG units; the chart scales to the page width.
  public var width = 640.0
  public var height = 400.0

  /// An empty chart; add layers with `line`, `scatter`, `bars`, and so on.
  public init() {}

  // MARK: Starting a chart

  /// A line through the points (`x[i]`, `y[i]`).
  public static func line(x: [Double], y: [Double], label: String? = nil) -> Chart {
    Chart().line(x: x, y: y, label: label)
  }

  /// A line through `y` against 0, 1, 2, ...
  public static func line(y: [Double], label: String? = nil) -> Chart {
    Chart().line(x: y.indices.map(Double.init), y: y, label: label)
  }

  /// Points at (`x[i]`, `y[i]`).
  public static func scatter(x: [Double], y: [Double], label: String? = nil) -> Chart {
    Chart().scatter(x: x, y: y, label: label)
  }

  /// A histogram of `values` in `bins` equal bins (equal in log space on a log x axis, see
  /// `histogram(_:bins:density:logBins:label:)`); heights are counts, or densities when `density`.
  public static func histogram(
    _ values: [Double], bins: Int = 30, density: Bool = false, logBins: Bool = false, label: String? = nil
  ) -> Chart {
    let chart = Chart().histogram(values, bins: bins, density: density, logBins: logBins, label: label)
    return logBins ? chart.xScale(.log) : chart
  }

  /// Bars, one per category.
  public static func bar(categories: [String], values: [Double], label: String? = nil) -> Chart {
    Chart().bars(categories: categories, groups: [(label ?? "", values)], showLegend: label != nil)
  }

  /// Grouped bars: one group per category, one bar per named series.
  public static func bar(categories: [String], groups: [(label: String, values: [Double])]) -> Chart {
    Chart().bars(categories: categories, groups: groups, showLegend: true)
  }

  /// A shaded band between `lower` and `upper`, as for an interval around a line.
  public static func band(x: [Double], lower: [Double], upper: [Double], label: String? = nil) -> Chart {
    Chart().band(x: x, lower: lower, upper: upper, label: label)
  }

  /// A step line: the value holds until the next x.
  public static func step(x: [Double], y: [Double], label: String? = nil) -> Chart {
    Chart().step(x: x, y: y, label: label)
  }

  // MARK: Adding layers

  /// This chart with one more line.
  public func line(x: [Double], y: [Double], label: String? = nil) -> Chart {
    adding(.line(Series(x: x, y: y, label: label)))
  }

  /// This chart with one more set of points.
  public func scatter(x: [Double], y: [Double], label: String? = nil) -> Chart {
    adding(.scatter(Series(x: x, y: y, label: label)))
  }

  /// This chart with one more step line.
  public func step(x: [Double], y: [Double], label: String? = nil) -> Chart {
    adding(.step(Series(x: x, y: y, label: label)))
  }

  /// This chart with a shaded band between `lower` and `upper`.
  public func band(x: [Double], lower: [Double], upper: [Double], label: String? = nil) -> Chart {
    adding(.band(Band(x: x, lower: lower, upper: upper, label: label)))
  }

  /// This chart with a histogram of `values`. Non-finite values are skipped and counted.
  public func histogram(
    _ values: [Double], bins: Int = 30, density: Bool = false, logBins: Bool = false, label: String? = nil
  ) -> Chart {
    adding(.histogram(Histogram(values: values, bins: bins, density: density, logBins: logBins, label: label)))
  }

  /// This chart with grouped bars over `categories`.
  public func bars(categories: [String], groups: [(label: String, values: [Double])], showLegend: Bool = true)
    -> Chart
  {
    var chart = adding(
      .bars(Bars(categories: categories, groups: groups.map { BarGroup(label: $0.label, values: $0.values) })))
    if !showLegend { chart.layers[chart.layers.count - 1].hideLabel() }
    return chart
  }

  // MARK: Marks and labels

  /// A horizontal reference line at `y`, such as the closed-form value a simulation should hit.
  public func reference(y: Double, label: String? = nil) -> Chart {
    var chart = self
    chart.references.append(Reference(axis: .y, value: y, label: label))
    return chart
  }

  /// A vertical reference line at `x`.
  public func reference(x: Double, label: String? = nil) -> Chart {
    var chart = self
    chart.references.append(Reference(axis: .x, value: x, label: label))
    return chart
  }

  /// A labelled point at (`x`, `y`).
  public func annotate(x: Double, y: Double, _ text: String) -> Chart {
    var chart = self
    chart.annotations.append(Annotation(x: x, y: y, text: text))
    return chart
  }

  public func title(_ text: String) -> Chart { with { $0.title = text } }
  public func xLabel(_ text: String) -> Chart { with { $0.x.title = text } }
  public func yLabel(_ text: String) -> Chart { with { $0.y.title = text } }
  public func xScale(_ scale: Scale) -> Chart { with { $0.x.scale = scale } }
  public func yScale(_ scale: Scale) -> Chart { with { $0.y.scale = scale } }
  /// Fixes the x axis range instead of fitting it to the data.
  public func xRange(_ range: ClosedRange<Double>) -> Chart { with { $0.x.range = Axis.Range(range) } }
  /// Fixes the y axis range instead of fitting it to the data.
  public func yRange(_ range: ClosedRange<Double>) -> Chart { with { $0.y.range = Axis.Range(range) } }
  /// The drawing size in SVG units (default 640 × 400).
  public func size(width: Double, height: Double) -> Chart {
    with {
      $0.width = max(200, width)
      $0.height = max(150, height)
    }
  }

  private func adding(_ layer: Layer) -> Chart { with { $0.layers.append(layer) } }

  private func with(_ change: (inout Chart) -> Void) -> Chart {
    var chart = self
    change(&chart)
    return chart
  }
}

extension Chart: FigureConvertible {
  public var figure: Figure { .chart(self) }
}
