#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One drawn layer of a chart.
public enum Layer: Codable, Equatable, Sendable {
  case line(Series)
  case scatter(Series)
  case step(Series)
  case band(Band)
  case histogram(Histogram)
  case bars(Bars)

  /// The legend entry, if any.
  public var label: String? {
    switch self {
    case .line(let series), .scatter(let series), .step(let series): series.label
    case .band(let band): band.label
    case .histogram(let histogram): histogram.label
    case .bars: nil
    }
  }

  mutating func hideLabel() {
    if case .bars(var bars) = self {
      bars.showsLegend = false
      self = .bars(bars)
    }
  }
}

/// Points (x[i], y[i]) for a line, scatter or step layer.
public struct Series: Codable, Equatable, Sendable {
  public var x: [Double]
  public var y: [Double]
  public var label: String?

  public init(x: [Double], y: [Double], label: String? = nil) {
    let count = min(x.count, y.count)
    self.x = Array(x.prefix(count))
    self.y = Array(y.prefix(count))
    self.label = label
  }
}

/// A shaded region between two curves over the same x values.
public struct Band: Codable, Equatable, Sendable {
  public var x: [Double]
  public var lower: [Double]
  public var upper: [Double]
  public var label: String?

  public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil) {
    let count = min(x.count, lower.count, upper.count)
    self.x = Array(x.prefix(count))
    self.lower = Array(lower.prefix(count))
    self.upper = Array(upper.prefix(count))
    self.label = label
  }
}

/// Binned counts of a sample: `edges` has one more element than `heights`.
public struct Histogram: Codable, Equatable, Sendable {
  public var edges: [Double]
  public var heights: [Double]
  public var density: Bool
  public var label: String?
  /// Values left out because they were NaN, infinite, or not positive on log bins.
  public var skipped: Int
  public var sampleSize: Int

  /// Bins `values` into `bins` equal-width bins (equal in log space when `logBins`).
  public init(values: [Double], bins: Int, density: Bool, logBins: Bool, label: String?) {
    let usable = values.filter { $0.isFinite && (!logBins || $0 > 0) }
    skipped = values.count - usable.count
    sampleSize = usable.count
    self.density = density
    self.label = label
    let binCount = max(1, bins)
    guard let low = usable.min(), let high = usable.max() else {
      edges = [0, 1]
      heights = [0]
      return
    }
    let transform: (Double) -> Double = logBins ? { log10($0) } : { $0 }
    let inverse: (Double) -> Double = logBins ? { pow(10, $0) } : { $0 }
    var start = transform(low)
    var end = transform(high)
    if start == end {
      start -= 0.5
      end += 0.5
    }
    let width = (end - start) / Double(binCount)
    let edges = (0...binCount).map { inverse(start + Double($0) * width) }
    self.edges = edges
    var counts = [Double](repeating: 0, count: binCount)
    for value in usable {
      let bin = min(binCount - 1, max(0, Int((transform(value) - start) / width)))
      counts[bin] += 1
    }
    if density && !usable.isEmpty {
      heights = counts.indices.map { counts[$0] / (Double(usable.count) * (edges[$0 + 1] - edges[$0])) }
    } else {
      heights = counts
    }
  }
}

/// Bars over categories, one bar per group in each category.
public struct Bars: Codable, Equatable, Sendable {
  public var categories: [String]
  public var groups: [BarGroup]
  public var showsLegend = true
}

/// One series of bar heights, one per category.
public struct BarGroup: Codable, Equatable, Sendable {
  public var label: String
  public var values: [Double]
}

/// A straight line across the plot at one value of an axis.
public struct Reference: Codable, Equatable, Sendable {
  public enum Direction: String, Codable, Sendable { case x, y }
  public var axis: Direction
  public var value: Double
  public var label: String?
}

/// A text label at a data point.
public struct Annotation: Codable, Equatable, Sendable {
  public var x: Double
  public var y: Double
  public var text: String
}

/// How values map to positions along an axis.
public enum Scale: String, Codable, Sendable {
  case linear
  /// Base-10 logarithmic; values ≤ 0 cannot be drawn and are skipped (and counted).
  case log
}

/// An axis: its title, scale, and optionally a fixed range.
public struct Axis: Codable, Equatable, Sendable {
  /// A fixed range (a plain pair, so it encodes simply).
  public struct Range: Codable, Equatable, Sendable {
    public var lower: Double
    public var upper: Double

    public init(_ range: ClosedRange<Double>) {
      lower = range.lowerBound
      upper = range.upperBound
    }
  }

  public var title: String?
  public var scale: Scale = .linear
  public var range: Range?

  public init() {}
}
