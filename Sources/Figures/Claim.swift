/// A checked statement: a computed value against what the prose says it is, or a condition.
///
/// Claims are made with `claim(...)` in a block; each renders as a pass/fail line with both
/// numbers, and a failing claim fails the render.
public struct Claim: Codable, Equatable, Sendable {
  /// What the claim is about, as the reader sees it: "mean steps from 50%".
  public var label: String
  public var value: Double?
  public var expected: Double?
  public var tolerance: Tolerance?
  public var passed: Bool
  /// The block-relative place of the `claim` call: the generated program's virtual file and line.
  public var file: String
  public var line: Int

  /// A claim that `value` equals `expected` within `tolerance`.
  public init(label: String, value: Double, expected: Double, tolerance: Tolerance, file: String, line: Int) {
    self.label = label
    self.value = value
    self.expected = expected
    self.tolerance = tolerance
    self.passed = tolerance.accepts(value, expected)
    self.file = file
    self.line = line
  }

  /// A claim that a condition holds.
  public init(label: String, holds: Bool, file: String, line: Int) {
    self.label = label
    self.passed = holds
    self.file = file
    self.line = line
  }

  /// "2497.4 = 2500 ± 3%" or "holds": the evidence, in words.
  public var evidence: String {
    guard let value, let expected, let tolerance else { return passed ? "holds" : "does not hold" }
    let relation = value == expected ? "=" : passed ? "≈" : "≠"
    return "\(fmt(value)) \(relation) \(fmt(expected)) (\(tolerance.description))"
  }
}

/// How close a value must be to the expected one.
public enum Tolerance: Codable, Equatable, Sendable, CustomStringConvertible {
  /// Within this fraction of the expected value: `.relative(0.03)` is ±3%.
  case relative(Double)
  /// Within this distance of the expected value.
  case absolute(Double)

  public func accepts(_ value: Double, _ expected: Double) -> Bool {
    guard value.isFinite, expected.isFinite else { return value == expected }
    switch self {
    case .relative(let fraction): return abs(value - expected) <= abs(expected) * fraction
    case .absolute(let distance): return abs(value - expected) <= distance
    }
  }

  public var description: String {
    switch self {
    case .relative(let fraction): "±" + NumberFormat.significant(3).format(fraction * 100) + "%"
    case .absolute(let distance): "±" + fmt(distance)
    }
  }
}
