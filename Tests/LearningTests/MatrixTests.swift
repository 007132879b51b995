import Learning
import Simulation
import XCTest

final class MatrixTests: XCTestCase {
  private func naiveProduct(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
    var c = Matrix<Double>(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        var total = 0.0
        for k in 0..<a.columns { total += a[i, k] * b[k, j] }
        c[i, j] = total
      }
    }
    return c
  }

  /// BLAS GEMM, with and without transposes, against a triple loop.
  func testProductsMatchATripleLoop() {
    var rng = Xoshiro256StarStar(seed: 1)
    for (m, k, n) in [(1, 1, 1), (3, 5, 2), (17, 9, 13), (64, 33, 7)] {
      let a = Matrix<Double>.normal(rows: m, columns: k, sd: 1, using: &rng)
      let b = Matrix<Double>.normal(rows: k, columns: n, sd: 1, using: &rng)
      let expected = naiveProduct(a, b)
      for (got, name) in [
        (a * b, "a·b"), (Matrix.product(a.transposed, b, transposeA: true), "(aᵀ)ᵀ·b"),
        (Matrix.product(a, b.transposed, transposeB: true), "a·(bᵀ)ᵀ"),
      ] {
        for (x, y) in zip(got.values, expected.values) {
          XCTAssertEqual(x, y, accuracy: 1e-12, "\(name) \(m)×\(k)×\(n)")
        }
      }
      let single =
        Matrix<Float>(rows: m, columns: k, values: a.values.map(Float.init))
        * Matrix<Float>(rows: k, columns: n, values: b.values.map(Float.init))
      for (x, y) in zip(single.values, expected.values) { XCTAssertEqual(Double(x), y, accuracy: 1e-4) }
    }
  }

  func testBLASIsPinnedToOneThreadByDefault() {
    _ = Matrix<Double>(rows: 1, columns: 1) * Matrix<Double>(rows: 1, columns: 1)
    XCTAssertEqual(BLAS.threads, 1)
  }

  func testShapesAndReductions() {
    let m = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
    XCTAssertEqual(m.transposed, Matrix([[1, 4], [2, 5], [3, 6]]))
    XCTAssertEqual(m.columnSums, Matrix([[5, 7, 9]]))
    XCTAssertEqual(m.sum, 21)
    XCTAssertEqual(m.rowNorms[0], (14.0).squareRoot(), accuracy: 1e-15)
  }

  func testNormalisedRowsHaveUnitNormAndZeroRowsStayZero() {
    let m = Matrix<Double>([[3, 4], [0, 0], [0, -2]]).normalisedRows
    XCTAssertEqual(m, Matrix([[0.6, 0.8], [0, 0], [0, -1]]))
  }

  /// `memo` stores results as JSON with non-finite numbers spelled out (as the runtime's wire
  /// format does): matrices, NaN and infinities come back bit for bit (NaN as a NaN).
  func testMatricesRoundTripThroughJSONWithNaNAndInfinities() throws {
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    let floats = Matrix<Float>(
      rows: 2, columns: 3, values: [1.5, -0, .infinity, -.infinity, .nan, Float.leastNonzeroMagnitude])
    let back = try decoder.decode(Matrix<Float>.self, from: encoder.encode(floats))
    XCTAssertEqual(back.shape.rows, 2)
    XCTAssertEqual(back.shape.columns, 3)
    for (a, b) in zip(floats.values, back.values) {
      XCTAssertTrue(a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern, "\(a) \(b)")
    }
    var generator = Xoshiro256StarStar(seed: 3)
    let doubles = Matrix<Double>(
      rows: 4, columns: 5, values: (0..<20).map { _ in Double.random(in: -1e300..<1e300, using: &generator) })
    XCTAssertEqual(try decoder.decode(Matrix<Double>.self, from: encoder.encode(doubles)), doubles)
    // A generator's state round-trips too (a memo restores it).
    _ = generator.next()
    var restored = try decoder.decode(Xoshiro256StarStar.self, from: encoder.encode(generator))
    XCTAssertEqual(restored.next(), generator.next())
    // Values that do not fill the shape are an error, not a matrix.
    XCTAssertThrowsError(
      try decoder.decode(Matrix<Double>.self, from: Data(#"{"rows":2,"columns":2,"values":[1,2,3]}"#.utf8)))
  }
}
