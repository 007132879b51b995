import Simulation
import XCTest

final class MinibatchNoiseTests: XCTestCase {
  func correlation(_ steps: [(Double, Double)]) -> Double {
    Statistics.correlation(steps.map(\.0), steps.map(\.1))
  }

  func testSharedNoiseStaysPerfectlyCorrelatedAtEveryBatchSize() {
    var rng = Xoshiro256StarStar(seed: 2)
    let model = MinibatchNoise(meanA: 1, meanB: -0.5, a: 2, b: -1)
    let data = model.examples(10_000, using: &rng)
    for batch in [1, 16, 256] {
      let steps = MinibatchNoise.minibatchSteps(from: data, batchSize: batch, draws: 2_000, using: &rng)
      XCTAssertEqual(correlation(steps), -1, accuracy: 1e-9)
      let variance = Statistics.variance(steps.map(\.0))
      // Sample variance of n normals is within ~5·√(2/n) relative of the truth.
      XCTAssertEqual(variance, model.stepVariance(first: true, batchSize: batch), accuracy: 0.2 * 4 / Double(batch))
      let independent = model.independentSteps(batchSize: batch, draws: 2_000, using: &rng)
      XCTAssertEqual(correlation(independent), 0, accuracy: 5 / 2_000.0.squareRoot())
    }
  }

  func testIdiosyncraticNoiseSetsTheCorrelationAtEveryBatchSize() {
    var rng = Xoshiro256StarStar(seed: 3)
    let model = MinibatchNoise(a: 1, b: 1, idiosyncratic: 1)
    XCTAssertEqual(model.correlation, 0.5, accuracy: 1e-12)
    let data = model.examples(20_000, using: &rng)
    for batch in [1, 64] {
      let steps = MinibatchNoise.minibatchSteps(from: data, batchSize: batch, draws: 4_000, using: &rng)
      XCTAssertEqual(correlation(steps), 0.5, accuracy: 0.06)
    }
  }
}
