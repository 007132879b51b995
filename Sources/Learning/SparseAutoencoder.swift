import Simulation

/// A ReLU sparse autoencoder: f = ReLU((x − b_dec)·W_enc + b_enc), x̂ = f·W_dec + b_dec, with
/// untied encoder and decoder, decoder rows (one direction per latent) kept at unit norm, and
/// loss = mean over the batch of ‖x̂ − x‖² + λ·Σ f.
///
/// Training computes the gradients explicitly with GEMMs (checked against the `Tape` in the
/// tests), steps with Adam, projects out the part of each decoder row's gradient along the row
/// and renormalises the rows. It tracks how often each latent fires, and can resample latents
/// that stopped firing.
public struct SparseAutoencoder<Scalar: LearningScalar> {
  /// Input width d and number of latents m.
  public let inputs: Int
  public let latents: Int
  /// The L1 coefficient λ.
  public var sparsity: Scalar
  /// W_enc (d × m), b_enc (1 × m), W_dec (m × d, unit rows), b_dec (1 × d).
  public var parameters: [Matrix<Scalar>]
  public var optimizer: Adam<Scalar>
  /// Firings of each latent, and samples seen, since `resetDensities()`.
  public private(set) var firings: [Int]
  public private(set) var samplesSeen = 0

  public var encoder: Matrix<Scalar> { parameters[0] }
  public var encoderBias: Matrix<Scalar> { parameters[1] }
  public var decoder: Matrix<Scalar> { parameters[2] }
  public var decoderBias: Matrix<Scalar> { parameters[3] }

  public init(
    inputs: Int, latents: Int, sparsity: Scalar, learningRate: Scalar, rng: inout Xoshiro256StarStar
  ) {
    self.inputs = inputs
    self.latents = latents
    self.sparsity = sparsity
    var decoder = Matrix<Scalar>.normal(rows: latents, columns: inputs, sd: 1, using: &rng)
    Self.normaliseRows(&decoder)
    parameters = [
      decoder.transposed, Matrix(rows: 1, columns: latents), decoder, Matrix(rows: 1, columns: inputs),
    ]
    optimizer = Adam(learningRate: learningRate)
    firings = Array(repeating: 0, count: latents)
  }

  /// The latents' activations for a batch of inputs (rows).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func encode(_ batch: Matrix<Scalar>) -> Matrix<Scalar> {
    var pre = Matrix.product(centred(batch), encoder)
    addRow(encoderBias, to: &pre)
    return pre.map { max($0, 0) }
  }

  /// Reconstructions of a batch.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func reconstruct(_ batch: Matrix<Scalar>) -> Matrix<Scalar> {
    var output = Matrix.product(encode(batch), decoder)
    addRow(decoderBias, to: &output)
    return output
  }

  /// The loss on a batch, split into reconstruction (mean squared error summed over inputs) and
  /// the sparsity penalty λ·mean Σ f.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func loss(_ batch: Matrix<Scalar>) -> (reconstruction: Scalar, sparsity: Scalar) {
    let activations = encode(batch)
    var output = Matrix.product(activations, decoder)
    addRow(decoderBias, to: &output)
    let count = Scalar(batch.rows)
    return ((output - batch).values.reduce(0) { $0 + $1 * $1 } / count, sparsity * activations.sum / count)
  }

  /// The gradients of `loss` with respect to the parameters, in `parameters` order.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func gradients(_ batch: Matrix<Scalar>) -> (gradients: [Matrix<Scalar>], activations: Matrix<Scalar>) {
    let count = Scalar(batch.rows)
    let x = centred(batch)
    var pre = Matrix.product(x, encoder)
    addRow(encoderBias, to: &pre)
    let activations = pre.map { max($0, 0) }
    var output = Matrix.product(activations, decoder)
    addRow(decoderBias, to: &output)
    let outputGradient = (output - batch).map { 2 * $0 / count }
    let decoderGradient = Matrix.product(activations, outputGradient, transposeA: true)
    var activationGradient = Matrix.product(outputGradient, decoder, transposeB: true)
    let penalty = sparsity / count
    for index in activationGradient.values.indices {
      activationGradient.values[index] = pre.values[index] > 0 ? activationGradient.values[index] + penalty : 0
    }
    let encoderGradient = Matrix.product(x, activationGradient, transposeA: true)
    let encoderBiasGradient = activationGradient.columnSums
    // b_dec enters the output directly and the encoder through x − b_dec.
    let decoderBiasGradient =
      outputGradient.columnSums - Matrix.product(encoderBiasGradient, encoder, transposeB: true)
    return ([encoderGradient, encoderBiasGradient, decoderGradient, decoderBiasGradient], activations)
  }

  /// One Adam step on a batch; returns the loss before the step.
  @discardableResult
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public mutating func train(on batch: Matrix<Scalar>) -> (reconstruction: Scalar, sparsity: Scalar) {
    var (grads, activations) = gradients(batch)
    let before = lossFrom(batch: batch, activations: activations)
    // Keep the step tangent to the unit sphere of each decoder row.
    for latent in 0..<latents {
      var along: Scalar = 0
      for c in 0..<inputs { along += grads[2][latent, c] * decoder[latent, c] }
      for c in 0..<inputs { grads[2][latent, c] -= along * decoder[latent, c] }
    }
    optimizer.step(&parameters, gradients: grads)
    Self.normaliseRows(&parameters[2])
    for r in 0..<activations.rows {
      for latent in 0..<latents where activations[r, latent] > 0 { firings[latent] += 1 }
    }
    samplesSeen += batch.rows
    return before
  }

  /// Share of samples each latent fired on since `resetDensities()`.
  public var densities: [Double] {
    firings.map { samplesSeen == 0 ? 0 : Double($0) / Double(samplesSeen) }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public mutating func resetDensities() {
    firings = Array(repeating: 0, count: latents)
    samplesSeen = 0
  }

  /// Gives every latent whose density is below `threshold` a new direction: an input of
  /// `batch` picked with probability proportional to its squared reconstruction error, as both
  /// decoder row (unit norm) and encoder column (scaled small), with zero encoder bias.
  /// Returns the latents resampled.
  @discardableResult
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public mutating func resampleDead(below threshold: Double, from batch: Matrix<Scalar>, rng: inout Xoshiro256StarStar)
    -> [Int]
  {
    let dead = densities.indices.filter { densities[$0] < threshold }
    guard !dead.isEmpty else { return [] }
    let errors = (reconstruct(batch) - batch).rowNorms.map { Double($0 * $0) }
    let picker = Categorical(weights: errors.reduce(0, +) > 0 ? errors : Array(repeating: 1, count: errors.count))
    for latent in dead {
      var direction = batch.row(picker.sample(using: &rng))
      let norm = Scalar.sqrt(direction.reduce(0) { $0 + $1 * $1 })
      direction = direction.map { norm > 0 ? $0 / norm : 0 }
      for c in 0..<inputs {
        parameters[2][latent, c] = direction[c]
        parameters[0][c, latent] = direction[c] * Scalar(0.2)
      }
      parameters[1].values[latent] = 0
    }
    return dead
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  private func lossFrom(batch: Matrix<Scalar>, activations: Matrix<Scalar>) -> (
    reconstruction: Scalar, sparsity: Scalar
  ) {
    var output = Matrix.product(activations, decoder)
    addRow(decoderBias, to: &output)
    let count = Scalar(batch.rows)
    return ((output - batch).values.reduce(0) { $0 + $1 * $1 } / count, sparsity * activations.sum / count)
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  private func centred(_ batch: Matrix<Scalar>) -> Matrix<Scalar> {
    var x = batch
    for r in 0..<x.rows {
      for c in 0..<x.columns { x.values[r * x.columns + c] -= decoderBias.values[c] }
    }
    return x
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  private func addRow(_ row: Matrix<Scalar>, to matrix: inout Matrix<Scalar>) {
    for r in 0..<matrix.rows {
      for c in 0..<matrix.columns { matrix.values[r * matrix.columns + c] += row.values[c] }
    }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  static func normaliseRows(_ matrix: inout Matrix<Scalar>) {
    let norms = matrix.rowNorms
    for r in 0..<matrix.rows where norms[r] > 0 {
      for c in 0..<matrix.columns { matrix.values[r * matrix.columns + c] /= norms[r] }
    }
  }
}
