import Learning
import Simulation
import XCTest

final class OptimizerTests: XCTestCase {
  func testSGDWithMomentumAndWeightDecayByHand() {
    var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9, weightDecay: 0.5)
    var parameters = [Matrix<Double>([[1, -2]])]
    let gradient = [Matrix<Double>([[0.5, 1]])]
    sgd.step(&parameters, gradients: gradient)
    // g + λw = (1, 0); v = (1, 0); w = (1 − 0.1, −2).
    XCTAssertEqual(parameters[0].values, [0.9, -2])
    sgd.step(&parameters, gradients: gradient)
    // g + λw = (0.95, 0); v = 0.9·(1, 0) + (0.95, 0) = (1.85, 0); w = (0.9 − 0.185, −2).
    XCTAssertEqual(parameters[0].values[0], 0.715, accuracy: 1e-15)
    XCTAssertEqual(parameters[0].values[1], -2)
  }

  func testAdamTwoStepsByHand() {
    var adam = Adam<Double>(learningRate: 0.01)
    var parameters = [Matrix<Double>([[1]])]
    adam.step(&parameters, gradients: [Matrix([[2]])])
    // m̂ = 2, v̂ = 4: step 0.01 · 2 / (2 + 1e-8).
    XCTAssertEqual(parameters[0].values[0], 1 - 0.01 * 2 / (2 + 1e-8), accuracy: 1e-15)
    adam.step(&parameters, gradients: [Matrix([[-1]])])
    let m = (0.9 * 0.2 + 0.1 * -1) / (1 - 0.81)
    let v = (0.999 * 0.004 + 0.001 * 1) / (1 - 0.999 * 0.999)
    XCTAssertEqual(
      parameters[0].values[0], 1 - 0.01 * 2 / (2 + 1e-8) - 0.01 * m / (v.squareRoot() + 1e-8), accuracy: 1e-14)
  }

  func testAdamWDecaysWeightsDirectlyAndL2GoesThroughTheMoments() {
    var adamW = Adam<Double>.adamW(learningRate: 0.1, weightDecay: 0.5)
    var decoupled = [Matrix<Double>([[2]])]
    adamW.step(&decoupled, gradients: [Matrix([[0]])])
    XCTAssertEqual(decoupled[0].values[0], 2 - 0.1 * 0.5 * 2, accuracy: 1e-15, "no gradient: only the decay moves it")
    var l2 = Adam<Double>(learningRate: 0.1, weightDecay: 0.5)
    var coupled = [Matrix<Double>([[2]])]
    l2.step(&coupled, gradients: [Matrix([[0]])])
    XCTAssertEqual(coupled[0].values[0], 2 - 0.1, accuracy: 1e-7, "L2 decay is normalised by Adam to a step of η")
  }

  func testClippingScalesTheJointNorm() {
    var gradients = [Matrix<Double>([[3]]), Matrix<Double>([[4]])]
    XCTAssertEqual(clipGlobalNorm(&gradients, maximum: 1), 5)
    XCTAssertEqual(gradients[0].values[0], 0.6, accuracy: 1e-15)
    XCTAssertEqual(gradients[1].values[0], 0.8, accuracy: 1e-15)
  }

  /// A small MLP learns XOR-like labels, and the same seed gives bit-identical weights.
  func testTrainingIsReproducibleFromItsSeed() {
    func train(seed: UInt64) -> ([Matrix<Float>], Float) {
      var rng = Xoshiro256StarStar(seed: seed)
      var parameters: [Matrix<Float>] = [
        .he(fanIn: 2, fanOut: 16, using: &rng), Matrix(rows: 1, columns: 16),
        .xavier(fanIn: 16, fanOut: 2, using: &rng),
      ]
      let inputs = Matrix<Float>([[0, 0], [0, 1], [1, 0], [1, 1]])
      let labels = [0, 1, 1, 0]
      var adam = Adam<Float>(learningRate: 0.05)
      var loss: Float = 0
      for _ in 0..<300 {
        let tape = Tape<Float>()
        let weights = parameters.map(tape.variable)
        let output = tape.variable(inputs).matmul(weights[0]).addingRow(weights[1]).relu().matmul(weights[2])
          .crossEntropy(labels: labels)
        loss = output.value.values[0]
        let grads = tape.gradients(of: output)
        adam.step(&parameters, gradients: weights.map { grads[$0] })
      }
      return (parameters, loss)
    }
    let (first, loss) = train(seed: 3)
    let (second, _) = train(seed: 3)
    XCTAssertEqual(first, second)
    XCTAssertLessThan(loss, 0.05)
  }
}
