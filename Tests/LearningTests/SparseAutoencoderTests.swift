import Learning
import Simulation
import XCTest

final class SparseAutoencoderTests: XCTestCase {
  /// The explicit gradients equal the tape's on the same loss, on the dense path (most latents
  /// active) and on the sparse one (few active); with 7 latents, and with 35 (the sparse path
  /// lists active latents eight at a time, skipping groups of eight that are all silent).
  func testExplicitGradientsMatchAutomaticDifferentiation() {
    checkGradients(latents: 7, encoderBiasMean: 0, expectSparse: false)
    checkGradients(latents: 7, encoderBiasMean: -1.5, expectSparse: true)
    checkGradients(latents: 35, encoderBiasMean: 0, expectSparse: false)
    checkGradients(latents: 35, encoderBiasMean: -1.6, expectSparse: true)
  }

  private func checkGradients(latents: Int, encoderBiasMean: Double, expectSparse: Bool) {
    var rng = Xoshiro256StarStar(seed: 2)
    var sae = SparseAutoencoder<Double>(inputs: 5, latents: latents, sparsity: 0.3, learningRate: 0.01, rng: &rng)
    sae.parameters[1] = Matrix.normal(rows: 1, columns: latents, sd: 0.3, using: &rng).map { $0 + encoderBiasMean }
    sae.parameters[3] = Matrix.normal(rows: 1, columns: 5, sd: 0.3, using: &rng)
    let batch = Matrix<Double>.normal(rows: 6, columns: 5, sd: 1, using: &rng)
    let result = sae.gradients(batch)
    let density = Double(result.firings.reduce(0, +)) / Double(6 * latents)
    XCTAssertEqual(density <= SparseAutoencoder<Double>.sparseDensity, expectSparse, "density \(density)")
    XCTAssertGreaterThan(density, 0, "some latent must fire for the check to mean anything")
    let explicit = result.gradients
    let tape = Tape<Double>()
    let p = sae.parameters.map(tape.variable)
    let x = tape.variable(batch)
    let activations = x.addingRow(p[3].scaled(by: -1)).matmul(p[0]).addingRow(p[1]).relu()
    let output = activations.matmul(p[2]).addingRow(p[3])
    let loss = ((output - x).squared().sum() + activations.sum().scaled(by: 0.3)).scaled(by: 1.0 / 6)
    let grads = tape.gradients(of: loss)
    for (index, variable) in p.enumerated() {
      for (a, b) in zip(explicit[index].values, grads[variable].values) {
        XCTAssertEqual(a, b, accuracy: 1e-12, "\(index)")
      }
    }
    let (reconstruction, penalty) = sae.loss(batch)
    XCTAssertEqual(reconstruction + penalty, loss.value.values[0], accuracy: 1e-12)
  }

  /// On sums of sparse random unit directions the SAE finds each direction: some decoder row
  /// points along it (cosine above 0.9).
  func testRecoversKnownSparseDirections() {
    var rng = Xoshiro256StarStar(seed: 11)
    let (dimension, features) = (16, 8)
    let truth = (0..<features).map { _ -> [Float] in
      let v = (0..<dimension).map { _ in Float(rng.normal()) }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      return v.map { $0 / norm }
    }
    func batch(_ size: Int) -> Matrix<Float> {
      var values = [Float](repeating: 0, count: size * dimension)
      for r in 0..<size {
        for feature in truth where rng.bernoulli(0.1) {
          let magnitude = Float(rng.uniform(0..<1))
          for c in 0..<dimension { values[r * dimension + c] += magnitude * feature[c] }
        }
      }
      return Matrix(rows: size, columns: dimension, values: values)
    }
    var sae = SparseAutoencoder<Float>(inputs: dimension, latents: 16, sparsity: 0.05, learningRate: 0.01, rng: &rng)
    for step in 0..<3000 {
      let data = batch(128)
      sae.train(on: data)
      if step % 500 == 499 {
        sae.resampleDead(below: 1e-3, from: data, rng: &rng)
        sae.resetDensities()
      }
    }
    for (index, feature) in truth.enumerated() {
      let best = (0..<sae.latents).map { latent in
        (0..<dimension).reduce(Float(0)) { $0 + sae.decoder[latent, $1] * feature[$1] }
      }.max()!
      XCTAssertGreaterThan(best, 0.9, "feature \(index) is not recovered")
    }
    for row in sae.decoder.rowNorms { XCTAssertEqual(row, 1, accuracy: 1e-4) }
    // Where b_enc's gradient vanishes, a latent's mean reconstruction pull per firing equals λ:
    // after settling at a small learning rate, latents that fire often sit close to that balance.
    sae.optimizer.learningRate = 1e-3
    for _ in 0..<2000 { sae.train(on: batch(128)) }
    let balance = sae.firingBalance(batch(4096))
    let frequent = balance.filter { $0.firings > 200 }
    XCTAssertGreaterThan(frequent.count, 4)
    for latent in frequent { XCTAssertEqual(latent.pull!, 0.05, accuracy: 0.02) }
  }

  /// The pull is −2(x̂ − x)·d per firing, summed by hand for one sample.
  func testFiringBalanceOfOneSampleByHand() {
    var rng = Xoshiro256StarStar(seed: 5)
    let sae = SparseAutoencoder<Double>(inputs: 3, latents: 4, sparsity: 0.1, learningRate: 0.01, rng: &rng)
    let x = Matrix<Double>([[0.5, -1, 2]])
    let f = sae.encode(x)
    let residual = sae.reconstruct(x) - x
    let balance = sae.firingBalance(x)
    for latent in 0..<4 {
      let fired = f[0, latent] > 0
      XCTAssertEqual(balance[latent].firings, fired ? 1 : 0)
      let pull = -2 * (0..<3).reduce(0.0) { $0 + residual[0, $1] * sae.decoder[latent, $1] }
      if fired {
        XCTAssertEqual(balance[latent].pull!, pull, accuracy: 1e-12)
      } else {
        XCTAssertNil(balance[latent].pull)
      }
    }
  }
}
