import Learning
import Simulation
import XCTest

/// Every differentiable operation's gradient against central finite differences, in Double.
final class GradientCheckTests: XCTestCase {
  private var rng = Xoshiro256StarStar(seed: 7)

  /// Checks d/dx of sum(f(x...) ∘ R) for a random weighting R, for every input.
  private func check(
    _ name: String, _ inputs: [Matrix<Double>], tolerance: Double = 1e-6,
    _ f: ([Variable<Double>]) -> Variable<Double>
  ) {
    let probe = Tape<Double>()
    let weighting = Matrix<Double>.normal(
      rows: f(inputs.map(probe.variable)).value.rows, columns: f(inputs.map(probe.variable)).value.columns, sd: 1,
      using: &rng)
    func objective(_ values: [Matrix<Double>]) -> (Double, [Matrix<Double>]) {
      let tape = Tape<Double>()
      let variables = values.map(tape.variable)
      let output = (f(variables) * tape.variable(weighting)).sum()
      let grads = tape.gradients(of: output)
      return (output.value.values[0], variables.map { grads[$0] })
    }
    let analytic = objective(inputs).1
    let h = 1e-6
    for (which, input) in inputs.enumerated() {
      for element in input.values.indices {
        var plus = inputs
        var minus = inputs
        plus[which].values[element] += h
        minus[which].values[element] -= h
        let numeric = (objective(plus).0 - objective(minus).0) / (2 * h)
        let got = analytic[which].values[element]
        XCTAssertEqual(got, numeric, accuracy: tolerance * max(1, abs(numeric)), "\(name): input \(which)[\(element)]")
      }
    }
  }

  private func random(_ rows: Int, _ columns: Int) -> Matrix<Double> {
    Matrix.normal(rows: rows, columns: columns, sd: 1, using: &rng)
  }

  func testEveryOperation() {
    check("matmul", [random(3, 4), random(4, 2)]) { $0[0].matmul($0[1]) }
    check("add", [random(3, 2), random(3, 2)]) { $0[0] + $0[1] }
    check("subtract", [random(3, 2), random(3, 2)]) { $0[0] - $0[1] }
    check("multiply", [random(3, 2), random(3, 2)]) { $0[0] * $0[1] }
    check("scaled", [random(2, 2)]) { $0[0].scaled(by: -1.5) }
    check("addingRow", [random(4, 3), random(1, 3)]) { $0[0].addingRow($0[1]) }
    check("multiplyingRow", [random(4, 3), random(1, 3)]) { $0[0].multiplyingRow($0[1]) }
    check("relu", [random(4, 5)]) { $0[0].relu() }
    check("gelu", [random(4, 5)]) { $0[0].gelu() }
    check("squared", [random(3, 3)]) { $0[0].squared() }
    check("sum", [random(3, 3)]) { $0[0].sum() }
    check("mean", [random(3, 3)]) { $0[0].mean() }
    check("rowSums", [random(3, 4)]) { $0[0].rowSums() }
    check("logSoftmax", [random(3, 5)]) { $0[0].logSoftmax() }
    check("crossEntropy", [random(4, 5)]) { $0[0].crossEntropy(labels: [0, 4, 2, 2]) }
    check("gather", [random(5, 3)]) { $0[0].gather(rows: [4, 0, 4, 2]) }
    check("a small MLP", [random(6, 3), random(3, 8), random(1, 8), random(8, 4)]) { v in
      v[0].matmul(v[1]).addingRow(v[2]).gelu().matmul(v[3]).crossEntropy(labels: [0, 1, 2, 3, 1, 0])
    }
  }

  func testAVariableUsedTwiceGetsBothContributions() {
    let tape = Tape<Double>()
    let x = tape.variable(Matrix([[3]]))
    let grads = tape.gradients(of: (x * x + x).sum())
    XCTAssertEqual(grads[x].values, [7])
  }
}
