import Simulation
import XCTest

final class SquaringTests: XCTestCase {
  func testReLULayerInterpolatesTheSquareAtItsKnots() {
    for n in [2, 4, 16] {
      let layer = ReLUSquare(segments: n)
      for i in 0...n {
        let x = -1 + 2 * Double(i) / Double(n)
        XCTAssertEqual(layer.square(x), x * x, accuracy: 1e-12, "n = \(n), knot \(x)")
      }
      XCTAssertEqual(layer.hiddenUnits, n)
    }
  }

  /// The largest error is 1/n², reached at segment midpoints (the grid includes them).
  func testReLUErrorFallsAsOneOverNSquared() {
    for n in [2, 4, 8, 64, 256] {
      let layer = ReLUSquare(segments: n)
      XCTAssertEqual(layer.maximumSquareError(points: 2 * 256 * 4 + 1), 1 / Double(n * n), accuracy: 1e-12)
      XCTAssertEqual(layer.maximumErrorClosedForm, 1 / Double(n * n))
    }
    XCTAssertEqual(ReLUSquare(segments: 8).maximumProductError(points: 129), 1.0 / 64, accuracy: 1e-12)
  }

  func testGELUIdentityAndItsSmallScaleError() {
    for x in [-0.9, -0.1, 0.3, 1.7] {
      XCTAssertEqual(gelu(x) + gelu(-x), x * erf(x / 2.0.squareRoot()), accuracy: 1e-14)
    }
    for scale in [1.0, 0.1, 0.01] {
      let layer = GELUSquare(scale: scale)
      XCTAssertEqual(layer.maximumSquareError(), layer.maximumErrorClosedForm, accuracy: 1e-12)
      XCTAssertEqual(layer.square(1), 1 - layer.maximumErrorClosedForm, accuracy: 1e-12)
    }
    XCTAssertEqual(GELUSquare(scale: 0.01).maximumErrorClosedForm, 1e-4 / 6, accuracy: 1e-8)
    XCTAssertEqual(
      GELUSquare(scale: 0.1).maximumProductError(points: 65), GELUSquare(scale: 0.1).maximumErrorClosedForm,
      accuracy: 1e-12)
  }
}
