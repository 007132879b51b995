import Learning
import Simulation
import XCTest

final class SparseFeatureDataTests: XCTestCase {
  func testRandomOrthonormalColumnsAreOrthonormal() {
    var rng = Xoshiro256StarStar(seed: 1)
    let q = Matrix<Double>.randomOrthonormalColumns(rows: 20, columns: 12, using: &rng)
    let gram = Matrix.product(q, q, transposeA: true)
    for i in 0..<12 { for j in 0..<12 { XCTAssertEqual(gram[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
  }

  func testColumnAndRowSlices() {
    let m = Matrix<Double>([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    XCTAssertEqual(m.columns(1..<3), Matrix([[2, 3], [5, 6], [8, 9]]))
    XCTAssertEqual(m.rows(0..<2), Matrix([[1, 2, 3], [4, 5, 6]]))
  }

  func testSamplesAreCoefficientsTimesDirectionsAtTheGivenFrequencies() {
    var rng = Xoshiro256StarStar(seed: 2)
    let data = SparseFeatureData<Double>.random(features: 4, dimension: 3, lowest: 0.05, highest: 0.4, using: &rng)
    XCTAssertEqual(data.directions.rowNorms.map { ($0 * 1e9).rounded() }, Array(repeating: 1e9, count: 4))
    let (samples, coefficients) = data.sample(20_000, using: &rng)
    let rebuilt = coefficients * data.directions
    for (a, b) in zip(samples.values, rebuilt.values) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    for feature in 0..<4 {
      let present = (0..<20_000).filter { coefficients[$0, feature] > 0 }.count
      let p = data.frequencies[feature]
      XCTAssertEqual(Double(present) / 20_000, p, accuracy: 4 * (p * (1 - p) / 20_000).squareRoot())
    }
  }
}
