#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tick positions and the axis range they span.
public struct Ticks: Equatable, Sendable {
  public var values: [Double]
  public var labels: [String]
  /// The axis runs from `lower` to `upper` (both ticks, so the data sits inside).
  public var lower: Double
  public var upper: Double
}

/// Chooses "nice" tick values: steps of 1, 2 or 5 times a power of ten on linear axes, powers
/// of ten (with 2 and 5 between them on short ranges) on log axes.
public enum TickGenerator {
  /// About `target` ticks covering `low...high`.
  public static func linear(_ low: Double, _ high: Double, target: Int = 6) -> Ticks {
    var (low, high) = (min(low, high), max(low, high))
    if !low.isFinite || !high.isFinite {
      (low, high) = (0, 1)
    }
    if low == high {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      (low, high) = (low - pad, high + pad)
    }
    let step = niceStep((high - low) / Double(max(1, target - 1)))
    let first = (low / step).rounded(.down)
    let last = (high / step).rounded(.up)
    let values = stride(from: first, through: last, by: 1).map { $0 * step }
    let decimals = decimalsNeeded(step)
    let scientific = values.contains { abs($0) >= 1e6 } || (step < 1e-4)
    let labels = values.map { value -> String in
      if scientific { return value == 0 ? "0" : compact(value) }
      return NumberFormat.fixed(decimals).format(value == 0 ? 0 : value)
    }
    return Ticks(values: values, labels: labels, lower: first * step, upper: last * step)
  }

  /// Ticks for a base-10 log axis covering `low...high` (both must be positive).
  public static func log(_ low: Double, _ high: Double, target: Int = 6) -> Ticks {
    var (low, high) = (min(low, high), max(low, high))
    if !(low > 0) || !high.isFinite { (low, high) = (1, 10) }
    var lowExponent = floor(log10(low) + 1e-9)
    var highExponent = ceil(log10(high) - 1e-9)
    if highExponent <= lowExponent {
      lowExponent -= low == pow(10, lowExponent) ? 1 : 0
      highExponent = lowExponent + 1
    }
    let decades = Int(highExponent - lowExponent)
    var values: [Double] = []
    if decades <= 2 {
      for exponent in Int(lowExponent)...Int(highExponent) {
        for multiple in [1.0, 2, 5] where exponent < Int(highExponent) || multiple == 1 {
          values.append(multiple * pow(10, Double(exponent)))
        }
      }
    } else {
      let every = max(1, Int((Double(decades) / Double(max(1, target - 1))).rounded(.up)))
      let steps = Int((Double(decades) / Double(every)).rounded(.up))
      highExponent = lowExponent + Double(steps * every)
      values = (0...steps).map { pow(10, lowExponent + Double($0 * every)) }
    }
    return Ticks(
      values: values, labels: values.map(compact), lower: pow(10, lowExponent), upper: pow(10, highExponent))
  }

  /// A short label: whole numbers below 100 000 as they are, others in `2e5` or `0.25` form.
  public static func compact(_ value: Double) -> String {
    let magnitude = abs(value)
    if value == value.rounded(), magnitude < 1e5 { return String(Int(value)) }
    if magnitude >= 1e5 || magnitude < 1e-3 {
      let exponent = Int(floor(log10(magnitude)))
      let mantissa = value / pow(10, Double(exponent))
      return NumberFormat.significant(3).format(mantissa) + "e\(exponent)"
    }
    return NumberFormat.significant(4).format(value)
  }

  /// 1, 2 or 5 times a power of ten, the nearest at or above `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let power = pow(10, floor(log10(raw)))
    let fraction = raw / power
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * power
  }

  /// How many decimals write `step` exactly.
  static func decimalsNeeded(_ step: Double) -> Int {
    for decimals in 0...12 {
      let scaled = step * pow(10, Double(decimals))
      if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return decimals }
    }
    return 12
  }
}
