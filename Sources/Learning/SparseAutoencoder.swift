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
    Matrix.normaliseRows(&decoder)
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
    return Matrix.relu(of: pre)
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

  /// The gradients of `loss` with respect to the parameters, in `parameters` order, with the
  /// activations and the loss they were computed at. Five GEMMs; every elementwise step is fused
  /// into one pass over its matrix.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func gradients(_ batch: Matrix<Scalar>) -> (
    gradients: [Matrix<Scalar>], activations: Matrix<Scalar>, loss: (reconstruction: Scalar, sparsity: Scalar),
    firings: [Int]
  ) {
    let count = Scalar(batch.rows)
    let x = centred(batch)
    var activations = Matrix.product(x, encoder)
    // pre-activation + b_enc, then ReLU, in place, counting each latent's firings and summing
    // its activations per column: branch-free and without a running scalar sum (which would
    // fix the order of additions), so the loop vectorises.
    var firedCounts = [Int32](repeating: 0, count: latents)
    var columnTotals = [Scalar](repeating: 0, count: latents)
    let m = latents
    // Each row's active columns and their activations, in order, packed one row after another
    // (`activeEnds[r]` is where row r's end): listed while the row is still in cache, so the
    // sparse path below reads them in order instead of going back to the whole matrix. Listing
    // stops once more are active than the sparse path takes: the dense path needs no list.
    let sparseLimit = Self.sparseDensity * Double(batch.rows * latents)
    let activeColumns = UnsafeMutablePointer<Int32>.allocate(capacity: max(batch.rows * m, 1))
    let activeValues = UnsafeMutablePointer<Scalar>.allocate(capacity: max(batch.rows * m, 1))
    let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: m)
    defer {
      activeColumns.deallocate()
      activeValues.deallocate()
      flags.deallocate()
    }
    var activeEnds = [Int](repeating: 0, count: batch.rows)
    encoderBias.values.withUnsafeBufferPointer { bias in
      activations.values.withUnsafeMutableBufferPointer { a in
        firedCounts.withUnsafeMutableBufferPointer { counts in
          columnTotals.withUnsafeMutableBufferPointer { totals in
            activeEnds.withUnsafeMutableBufferPointer { ends in
              var listed = 0
              for r in 0..<batch.rows {
                let row = UnsafeMutableBufferPointer(rebasing: a[(r &* m)..<(r &* m &+ m)])
                for c in 0..<m {
                  let value = max(row[c] + bias[c], 0)
                  row[c] = value
                  totals[c] += value
                  counts[c] &+= value > 0 ? 1 : 0
                  flags[c] = value > 0 ? 1 : 0
                }
                guard Double(listed) <= sparseLimit else { continue }
                // Eight flags at a time, skipping eight latents that all stayed silent (most,
                // once training has made the code sparse); within a group, without a branch:
                // every column is written and the count grows by its 0/1 flag (a mispredicted
                // branch per latent costs more).
                var c = 0
                while c < m {
                  let group = min(8, m - c)
                  if group < 8 || UnsafeRawPointer(flags + c).loadUnaligned(as: UInt64.self) != 0 {
                    for column in c..<(c + group) {
                      activeColumns[listed] = Int32(truncatingIfNeeded: column)
                      activeValues[listed] = row[column]
                      listed &+= Int(flags[column])
                    }
                  }
                  c += group
                }
                ends[r] = listed
              }
            }
          }
        }
      }
    }
    let fired = firedCounts.map { Int($0) }
    let activationSum = columnTotals.reduce(0, +)
    let active = fired.reduce(0, +)
    if Double(active) <= sparseLimit {
      let (grads, squaredError) = sparseBackward(
        batch: batch, centred: x, active: (UnsafePointer(activeColumns), UnsafePointer(activeValues), activeEnds),
        count: count)
      return (grads, activations, (squaredError / count, sparsity * activationSum / count), fired)
    }
    var outputGradient = Matrix.product(activations, decoder)
    // output + b_dec − x, squared for the loss, and 2(output − x)/B for the gradient, in place.
    var squaredError: Scalar = 0
    decoderBias.values.withUnsafeBufferPointer { bias in
      batch.values.withUnsafeBufferPointer { target in
        outputGradient.values.withUnsafeMutableBufferPointer { o in
          for r in 0..<batch.rows {
            let base = r * inputs
            for c in 0..<inputs {
              let difference = o[base + c] + bias[c] - target[base + c]
              squaredError += difference * difference
              o[base + c] = 2 * difference / count
            }
          }
        }
      }
    }
    let decoderGradient = Matrix.product(activations, outputGradient, transposeA: true)
    var activationGradient = Matrix.product(outputGradient, decoder, transposeB: true)
    // Mask by ReLU's derivative, add the L1 push, and sum columns (b_enc's gradient) in one pass.
    let penalty = sparsity / count
    var biasSums = [Scalar](repeating: 0, count: latents)
    activations.values.withUnsafeBufferPointer { a in
      activationGradient.values.withUnsafeMutableBufferPointer { g in
        biasSums.withUnsafeMutableBufferPointer { sums in
          for r in 0..<batch.rows {
            let base = r * latents
            for c in 0..<latents {
              let keep: Scalar = a[base + c] > 0 ? 1 : 0  // a multiply, not a branch: vectorises
              let value = keep * (g[base + c] + penalty)
              g[base + c] = value
              sums[c] += value
            }
          }
        }
      }
    }
    let encoderGradient = Matrix.product(x, activationGradient, transposeA: true)
    let encoderBiasGradient = Matrix(rows: 1, columns: latents, values: biasSums)
    // b_dec enters the output directly and the encoder through x − b_dec.
    let decoderBiasGradient =
      outputGradient.columnSums - Matrix.product(encoderBiasGradient, encoder, transposeB: true)
    return (
      [encoderGradient, encoderBiasGradient, decoderGradient, decoderBiasGradient], activations,
      (squaredError / count, sparsity * activationSum / count), fired
    )
  }

  /// Below this share of active latents, the backward pass works on the active entries only
  /// (cost ∝ active entries × d) instead of four dense GEMMs (cost ∝ B × m × d).
  public static var sparseDensity: Double { 0.1 }

  /// The backward pass over active entries only: the same gradients as the dense path (sums
  /// taken in another order). `active` lists each row's active columns and activations, packed,
  /// with each row's end. Returns the gradients and the summed squared error.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  func sparseBackward(
    batch: Matrix<Scalar>, centred x: Matrix<Scalar>,
    active: (columns: UnsafePointer<Int32>, values: UnsafePointer<Scalar>, ends: [Int]), count: Scalar
  ) -> ([Matrix<Scalar>], Scalar) {
    let (rows, d, m) = (batch.rows, inputs, latents)
    let penalty = sparsity / count
    var outputGradient = [Scalar](repeating: 0, count: rows * d)
    var decoderGradient = [Scalar](repeating: 0, count: m * d)
    var encoderGradientT = [Scalar](repeating: 0, count: m * d)
    var biasSums = [Scalar](repeating: 0, count: m)
    let (columns, values) = (active.columns, active.values)
    // Raw pointers throughout: captured arrays and sums would be boxed and checked per element.
    let squaredError = decoder.values.withUnsafeBufferPointer { wBuffer in
      decoderBias.values.withUnsafeBufferPointer { biasBuffer in
        batch.values.withUnsafeBufferPointer { targetBuffer in
          x.values.withUnsafeBufferPointer { xBuffer in
            outputGradient.withUnsafeMutableBufferPointer { gBuffer in
              decoderGradient.withUnsafeMutableBufferPointer { dwBuffer in
                encoderGradientT.withUnsafeMutableBufferPointer { deBuffer in
                  biasSums.withUnsafeMutableBufferPointer { sumsBuffer in
                    active.ends.withUnsafeBufferPointer { ends in
                      let (w, bias, target, xs) = (
                        wBuffer.baseAddress!, biasBuffer.baseAddress!, targetBuffer.baseAddress!, xBuffer.baseAddress!
                      )
                      let (g, dw, de, sums) = (
                        gBuffer.baseAddress!, dwBuffer.baseAddress!, deBuffer.baseAddress!,
                        sumsBuffer.baseAddress!
                      )
                      var squaredError: Scalar = 0
                      for r in 0..<rows {
                        let first = r == 0 ? 0 : ends[r - 1]
                        let (rowColumns, rowValues) = (columns + first, values + first)
                        let activeCount = ends[r] - first
                        // output row = b_dec + Σ active a·W_dec[c]; then 2(output − x)/B.
                        let out = g + r * d
                        for k in 0..<d { out[k] = bias[k] }
                        for i in 0..<activeCount {
                          let (c, value) = (Int(rowColumns[i]), rowValues[i])
                          let row = w + c * d
                          for k in 0..<d { out[k] += value * row[k] }
                        }
                        let targetRow = target + r * d
                        for k in 0..<d {
                          let difference = out[k] - targetRow[k]
                          squaredError += difference * difference
                          out[k] = 2 * difference / count
                        }
                        let xRow = xs + r * d
                        for i in 0..<activeCount {
                          let (c, value) = (Int(rowColumns[i]), rowValues[i])
                          let (row, dwRow, deRow) = (w + c * d, dw + c * d, de + c * d)
                          // Four partial sums: independent chains the CPU can overlap.
                          var (d0, d1, d2, d3): (Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0)
                          var k = 0
                          while k + 4 <= d {
                            d0 += out[k] * row[k]
                            d1 += out[k + 1] * row[k + 1]
                            d2 += out[k + 2] * row[k + 2]
                            d3 += out[k + 3] * row[k + 3]
                            k += 4
                          }
                          while k < d {
                            d0 += out[k] * row[k]
                            k += 1
                          }
                          for k in 0..<d { dwRow[k] += value * out[k] }
                          let back = (d0 + d1) + (d2 + d3) + penalty
                          sums[c] += back
                          for k in 0..<d { deRow[k] += back * xRow[k] }
                        }
                      }
                      return squaredError
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    let outputs = Matrix(rows: rows, columns: d, values: outputGradient)
    let encoderBiasGradient = Matrix(rows: 1, columns: m, values: biasSums)
    let decoderBiasGradient = outputs.columnSums - Matrix.product(encoderBiasGradient, encoder, transposeB: true)
    let encoderGradient = Matrix(rows: m, columns: d, values: encoderGradientT).transposed
    return (
      [
        encoderGradient, encoderBiasGradient, Matrix(rows: m, columns: d, values: decoderGradient), decoderBiasGradient,
      ],
      squaredError
    )
  }

  /// One Adam step on a batch; returns the loss before the step.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  @discardableResult
  public mutating func train(on batch: Matrix<Scalar>) -> (reconstruction: Scalar, sparsity: Scalar) {
    var (grads, _, loss, fired) = gradients(batch)
    // Keep the step tangent to the unit sphere of each decoder row.
    let (inputs, latents) = (self.inputs, self.latents)
    parameters[2].values.withUnsafeBufferPointer { w in
      grads[2].values.withUnsafeMutableBufferPointer { g in
        for latent in 0..<latents {
          let base = latent * inputs
          var along: Scalar = 0
          for c in 0..<inputs { along += g[base + c] * w[base + c] }
          for c in 0..<inputs { g[base + c] -= along * w[base + c] }
        }
      }
    }
    optimizer.step(&parameters, gradients: grads)
    Matrix.normaliseRows(&parameters[2])
    for latent in 0..<latents { firings[latent] += fired[latent] }
    samplesSeen += batch.rows
    return loss
  }

  /// For each latent, how often it fires on `batch` and the mean, over those firings, of the
  /// reconstruction's pull on its activation: −∂‖x̂ − x‖²/∂fⱼ = −2(x̂ − x)·dⱼ. The L1 penalty
  /// pushes the other way with λ per firing, so a latent whose pull is below λ is being pushed
  /// to fire less. Nil pull for a latent that never fired.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func firingBalance(_ batch: Matrix<Scalar>) -> [(firings: Int, pull: Double?)] {
    let activations = encode(batch)
    var output = Matrix.product(activations, decoder)
    addRow(decoderBias, to: &output)
    let pulls = Matrix.product(output - batch, decoder, transposeB: true)  // (x̂ − x)·dⱼ per sample
    var firings = [Int](repeating: 0, count: latents)
    var totals = [Double](repeating: 0, count: latents)
    activations.values.withUnsafeBufferPointer { a in
      pulls.values.withUnsafeBufferPointer { p in
        for r in 0..<batch.rows {
          for c in 0..<latents where a[r * latents + c] > 0 {
            firings[c] += 1
            totals[c] -= 2 * Double(p[r * latents + c])
          }
        }
      }
    }
    return (0..<latents).map { (firings[$0], firings[$0] > 0 ? totals[$0] / Double(firings[$0]) : nil) }
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
}
