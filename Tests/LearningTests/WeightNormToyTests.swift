import Learning
import Simulation
import XCTest

final class WeightNormToyTests: XCTestCase {
  /// Central differences of `loss` at every entry of parameter `index`.
  private func numericalGradient(
    _ parameters: [Matrix<Double>], _ index: Int, _ loss: ([Matrix<Double>]) -> Double
  ) -> [Double] {
    (0..<parameters[index].count).map { entry in
      var (up, down) = (parameters, parameters)
      up[index].values[entry] += 1e-6
      down[index].values[entry] -= 1e-6
      return (loss(up) - loss(down)) / 2e-6
    }
  }

  func testScaleInvariantClassifierGradientMatchesFiniteDifferencesAndIsOrthogonalToW() {
    var rng = Xoshiro256StarStar(seed: 3)
    let (classifier, _) = ScaleInvariantClassifier<Double>.teacherTask(
      samples: 40, dimension: 5, temperature: 3, using: &rng)
    let w = Matrix<Double>.normal(rows: 5, columns: 1, sd: 2, using: &rng)
    let (loss, gradient) = classifier.lossAndGradient(w)
    let numerical = numericalGradient([w], 0) { classifier.loss($0[0]) }
    for (x, y) in zip(gradient.values, numerical) { XCTAssertEqual(x, y, accuracy: 1e-7) }
    // The loss sees only the direction of w: scaling leaves it, and the gradient is ⟂ w.
    XCTAssertEqual(classifier.loss(7 * w), loss, accuracy: 1e-12)
    XCTAssertEqual(zip(gradient.values, w.values).reduce(0) { $0 + $1.0 * $1.1 }, 0, accuracy: 1e-12)
    // Twice the radius, half the gradient.
    let (_, scaled) = classifier.lossAndGradient(2 * w)
    for (x, y) in zip(scaled.values, gradient.values) { XCTAssertEqual(x, y / 2, accuracy: 1e-12) }
  }

  func testTeacherDirectionBeatsARandomOne() {
    var rng = Xoshiro256StarStar(seed: 5)
    let (classifier, teacher) = ScaleInvariantClassifier<Double>.teacherTask(
      samples: 200, dimension: 8, temperature: 4, using: &rng)
    let random = Matrix<Double>.normal(rows: 8, columns: 1, sd: 1, using: &rng)
    XCTAssertLessThan(classifier.loss(teacher), classifier.loss(random))
  }

  func testTwoLayerNetworkGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 11)
    let network = TwoLayerReLUNetwork<Double>(inputs: 4, hidden: 6, outputs: 2, using: &rng)
    let x = Matrix<Double>.normal(rows: 9, columns: 4, sd: 1, using: &rng)
    let targets = Matrix<Double>.normal(rows: 9, columns: 2, sd: 1, using: &rng)
    let (_, gradients) = network.gradients(inputs: x, targets: targets)
    for index in 0..<2 {
      let numerical = numericalGradient(network.parameters, index) {
        TwoLayerReLUNetwork(parameters: $0).gradients(inputs: x, targets: targets).loss
      }
      for (a, b) in zip(gradients[index].values, numerical) { XCTAssertEqual(a, b, accuracy: 1e-6, "W\(index + 1)") }
    }
  }

  func testRescalingAHiddenUnitChangesNothingButTheImbalance() {
    var rng = Xoshiro256StarStar(seed: 12)
    var network = TwoLayerReLUNetwork<Double>(inputs: 3, hidden: 4, outputs: 1, using: &rng)
    let x = Matrix<Double>.normal(rows: 5, columns: 3, sd: 1, using: &rng)
    let before = network.outputs(x)
    network.parameters[0] = 4 * network.parameters[0]
    network.parameters[1] = 0.25 * network.parameters[1]
    for (a, b) in zip(network.outputs(x).values, before.values) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    XCTAssertGreaterThan(network.imbalance, 0)
  }

  /// With only the L2 term acting (no loss gradient), SGD shrinks each weight by (1 − ηλ) a step.
  func testUnusedInputWeightsDecayGeometricallyUnderSGDWithL2() {
    var rng = Xoshiro256StarStar(seed: 13)
    var network = TwoLayerReLUNetwork<Double>(inputs: 3, hidden: 4, outputs: 1, using: &rng)
    var x = Matrix<Double>.normal(rows: 8, columns: 3, sd: 1, using: &rng)
    for r in 0..<8 { x[r, 2] = 0 }  // input 2 is always zero: its weights never affect the output
    let targets = Matrix<Double>.normal(rows: 8, columns: 1, sd: 1, using: &rng)
    let start = (0..<4).map { network.parameters[0][$0, 2] }
    var sgd = SGD<Double>(learningRate: 0.1, weightDecay: 0.5)
    for _ in 0..<20 {
      let (_, gradients) = network.gradients(inputs: x, targets: targets)
      sgd.step(&network.parameters, gradients: gradients)
    }
    for unit in 0..<4 {
      XCTAssertEqual(network.parameters[0][unit, 2], start[unit] * pow(0.95, 20), accuracy: 1e-12)
    }
  }
}
