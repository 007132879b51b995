@_implementationOnly import LemmaProtocol

/// Checks that `value` equals `expected` within `tolerance`, and puts the result in the report:
/// `claim("mean steps from 50%", result.meanSteps, equals: 2500, tolerance: .relative(0.03))`.
/// A failing claim fails `lemma render` and `lemma check`, naming this line.
@discardableResult
public func claim(
  _ label: String, _ value: Double, equals expected: Double, tolerance: Tolerance = .relative(1e-9),
  file: String = #file, line: Int = #line
) -> Bool {
  let claim = Claim(label: label, value: value, expected: expected, tolerance: tolerance, file: file, line: line)
  LemmaSession.write(.record(.claim(claim)))
  return claim.passed
}

/// Checks an integer result exactly (or within `tolerance`).
@discardableResult
public func claim(
  _ label: String, _ value: Int, equals expected: Int, tolerance: Tolerance = .absolute(0),
  file: String = #file, line: Int = #line
) -> Bool {
  claim(label, Double(value), equals: Double(expected), tolerance: tolerance, file: file, line: line)
}

/// Checks that a condition holds: `claim("the favourite loses sometimes", losses > 0)`.
@discardableResult
public func claim(_ label: String, _ condition: Bool, file: String = #file, line: Int = #line) -> Bool {
  let claim = Claim(label: label, holds: condition, file: file, line: line)
  LemmaSession.write(.record(.claim(claim)))
  return claim.passed
}
