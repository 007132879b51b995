#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One hidden layer that squares its input approximately, and multiplication built from it through
/// xy = ((x+y)/2)² − ((x−y)/2)² (inputs in [−1, 1], so both halves stay in [−1, 1]).
public protocol SquaringLayer: Sendable {
  /// The layer's approximation of x² for x in [−1, 1].
  func square(_ x: Double) -> Double
  /// Hidden units the layer uses per square.
  var hiddenUnits: Int { get }
}

extension SquaringLayer {
  /// x·y through two squares: ((x+y)/2)² − ((x−y)/2)².
  public func multiply(_ x: Double, _ y: Double) -> Double {
    square((x + y) / 2) - square((x - y) / 2)
  }

  /// Largest |square(x) − x²| over `points` evenly spaced x in [−1, 1].
  public func maximumSquareError(points: Int = 4097) -> Double {
    (0..<points).reduce(0.0) { worst, i in
      let x = -1 + 2 * Double(i) / Double(points - 1)
      return max(worst, abs(square(x) - x * x))
    }
  }

  /// Largest |multiply(x, y) − xy| over a `points` × `points` grid on [−1, 1]².
  public func maximumProductError(points: Int = 257) -> Double {
    let grid = (0..<points).map { -1 + 2 * Double($0) / Double(points - 1) }
    var worst = 0.0
    for x in grid {
      for y in grid { worst = max(worst, abs(multiply(x, y) - x * y)) }
    }
    return worst
  }
}

/// A ReLU layer that interpolates x² linearly between `segments` + 1 evenly spaced knots on
/// [−1, 1]: f(x) = 1 − 2·ReLU(x + 1) + Σᵢ cᵢ·ReLU(x − kᵢ), one unit per interior knot plus one.
///
/// Its largest error is exactly (h/2)² = 1/n² for spacing h = 2/n, at the middle of each segment.
public struct ReLUSquare: SquaringLayer {
  /// Number of linear pieces n.
  public let segments: Int
  /// Interior knots kᵢ and their output weights cᵢ (the change of slope at each knot).
  public let knots: [Double]
  public let weights: [Double]

  public init(segments: Int) {
    precondition(segments >= 1, "at least one segment")
    self.segments = segments
    let h = 2 / Double(segments)
    knots = (1..<segments).map { -1 + Double($0) * h }
    // Slope of the chord on [a, a+h] is 2a + h, so the slope rises by 2h at every interior knot.
    weights = Array(repeating: 2 * h, count: segments - 1)
  }

  public var hiddenUnits: Int { segments }

  public func square(_ x: Double) -> Double {
    let h = 2 / Double(segments)
    let firstSlope = -2 + h
    var sum = 1 + firstSlope * max(0, x + 1)
    for (knot, weight) in zip(knots, weights) { sum += weight * max(0, x - knot) }
    return sum
  }

  /// The exact worst-case error of the interpolation: 1/n².
  public var maximumErrorClosedForm: Double { 1 / Double(segments * segments) }
}

/// GELU(x) = x·Φ(x).
public func gelu(_ x: Double) -> Double { x * Statistics.normalCDF(x) }

/// A GELU layer that squares through GELU's quadratic region near zero, with two units:
/// GELU(εx) + GELU(−εx) = εx·erf(εx/√2) ≈ √(2/π)·ε²x², so x² ≈ √(π/2)·(GELU(εx) + GELU(−εx)) / ε².
///
/// The error is about ε²x⁴/6 (next term of erf's series), largest at |x| = 1.
public struct GELUSquare: SquaringLayer {
  /// Input scale ε: smaller is more accurate until floating-point cancellation takes over.
  public let scale: Double

  public init(scale: Double) {
    precondition(scale > 0, "the scale must be positive")
    self.scale = scale
  }

  public var hiddenUnits: Int { 2 }

  public func square(_ x: Double) -> Double {
    (Double.pi / 2).squareRoot() * (gelu(scale * x) + gelu(-scale * x)) / (scale * scale)
  }

  /// The exact error at |x| = 1, where it is largest: 1 − √(π/2)·erf(ε/√2)/ε.
  public var maximumErrorClosedForm: Double {
    1 - (Double.pi / 2).squareRoot() * erf(scale / 2.0.squareRoot()) / scale
  }
}
