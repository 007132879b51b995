import Learning
import Simulation
import XCTest

final class ModularAdditionMLPTests: XCTestCase {
  /// Explicit gradients equal the tape's for the same network and loss.
  func testGradientsMatchAutomaticDifferentiation() {
    var rng = Xoshiro256StarStar(seed: 4)
    var model = ModularAdditionMLP<Double>(modulus: 5, hidden: 6, learningRate: 0.01, weightDecay: 0, rng: &rng)
    model.parameters[2] = .normal(rows: 1, columns: 6, sd: 0.5, using: &rng)
    model.parameters[4] = .normal(rows: 1, columns: 5, sd: 0.5, using: &rng)
    let (a, b) = ([0, 1, 4, 2, 2, 3], [3, 1, 4, 0, 2, 2])
    let labels = zip(a, b).map { ($0 + $1) % 5 }
    let explicit = model.gradients(a: a, b: b, labels: labels)
    let tape = Tape<Double>()
    let p = model.parameters.map(tape.variable)
    let loss = (p[0].gather(rows: a) + p[1].gather(rows: b)).addingRow(p[2]).relu().matmul(p[3]).addingRow(p[4])
      .crossEntropy(labels: labels)
    let grads = tape.gradients(of: loss)
    XCTAssertEqual(explicit.loss, loss.value.values[0], accuracy: 1e-12)
    for (index, variable) in p.enumerated() {
      for (x, y) in zip(explicit.gradients[index].values, grads[variable].values) {
        XCTAssertEqual(x, y, accuracy: 1e-12, "parameter \(index)")
      }
    }
  }

  /// With the input gate, every gradient equals central finite differences of the loss.
  func testGatedGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 7)
    var model = ModularAdditionMLP<Double>(
      modulus: 5, hidden: 6, learningRate: 0.01, weightDecay: 0, inputGate: true, rng: &rng)
    XCTAssertEqual(model.parameters.count, 6)
    model.parameters[2] = .normal(rows: 1, columns: 6, sd: 0.5, using: &rng)
    let (a, b) = ([0, 1, 4, 2, 2, 3], [3, 1, 4, 0, 2, 2])
    let labels = zip(a, b).map { ($0 + $1) % 5 }
    let explicit = model.gradients(a: a, b: b, labels: labels)
    for index in model.parameters.indices {
      for k in model.parameters[index].values.indices {
        var (up, down) = (model, model)
        up.parameters[index].values[k] += 1e-6
        down.parameters[index].values[k] -= 1e-6
        let numeric =
          (up.gradients(a: a, b: b, labels: labels).loss - down.gradients(a: a, b: b, labels: labels).loss) / 2e-6
        XCTAssertEqual(explicit.gradients[index].values[k], numeric, accuracy: 1e-7, "parameter \(index)[\(k)]")
      }
    }
  }

  /// Full-batch training fits the training pairs, and the same seed gives the same network.
  func testFitsTrainingPairsReproducibly() {
    func run() -> (ModularAdditionMLP<Float>, Double) {
      var rng = Xoshiro256StarStar(seed: 9)
      var model = ModularAdditionMLP<Float>(modulus: 11, hidden: 64, learningRate: 3e-3, weightDecay: 1, rng: &rng)
      let all = ModularAdditionMLP<Float>.allPairs(modulus: 11)
      let train = Array(all.a.indices.shuffled(using: &rng).prefix(60))
      let (a, b, labels) = (train.map { all.a[$0] }, train.map { all.b[$0] }, train.map { all.labels[$0] })
      for _ in 0..<600 { model.train(a: a, b: b, labels: labels) }
      return (model, model.accuracy(a: a, b: b, labels: labels))
    }
    let (first, accuracy) = run()
    let (second, _) = run()
    XCTAssertEqual(accuracy, 1, "the training pairs are fitted")
    XCTAssertEqual(first.parameters, second.parameters)
  }
}
