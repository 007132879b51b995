import Simulation

/// An MLP that learns a + b mod p from learned embeddings: hidden = ReLU(E_a[a] + E_b[b] + b₁),
/// logits = hidden·W_out + b₂, trained full-batch on cross-entropy with Adam or AdamW — the
/// setup in which networks "grok" (fit the training pairs early, generalise much later).
///
/// Gradients are explicit (two GEMMs and scatter-adds per step), checked against the `Tape`.
public struct ModularAdditionMLP<Scalar: LearningScalar> {
  public let modulus: Int
  public let hidden: Int
  /// E_a (p × h), E_b (p × h), b₁ (1 × h), W_out (h × p), b₂ (1 × p).
  public var parameters: [Matrix<Scalar>]
  public var optimizer: Adam<Scalar>

  public init(
    modulus: Int, hidden: Int, learningRate: Scalar, weightDecay: Scalar, rng: inout Xoshiro256StarStar
  ) {
    self.modulus = modulus
    self.hidden = hidden
    let scale = 1 / Scalar.sqrt(Scalar(hidden))
    parameters = [
      .normal(rows: modulus, columns: hidden, sd: 1 / Scalar.sqrt(2), using: &rng),
      .normal(rows: modulus, columns: hidden, sd: 1 / Scalar.sqrt(2), using: &rng),
      Matrix(rows: 1, columns: hidden),
      .normal(rows: hidden, columns: modulus, sd: scale, using: &rng),
      Matrix(rows: 1, columns: modulus),
    ]
    optimizer = .adamW(learningRate: learningRate, weightDecay: weightDecay)
  }

  /// Every pair (a, b) with 0 ≤ a, b < p, and its label (a + b) mod p.
  public static func allPairs(modulus: Int) -> (a: [Int], b: [Int], labels: [Int]) {
    let pairs = (0..<(modulus * modulus)).map { ($0 / modulus, $0 % modulus) }
    return (pairs.map(\.0), pairs.map(\.1), pairs.map { ($0.0 + $0.1) % modulus })
  }

  /// Pre-activations of the hidden layer for a batch of pairs.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  func preActivations(a: [Int], b: [Int]) -> Matrix<Scalar> {
    var pre = Matrix<Scalar>(rows: a.count, columns: hidden)
    parameters[0].values.withUnsafeBufferPointer { ea in
      parameters[1].values.withUnsafeBufferPointer { eb in
        parameters[2].values.withUnsafeBufferPointer { bias in
          pre.values.withUnsafeMutableBufferPointer { out in
            for i in 0..<a.count {
              let (rowA, rowB, base) = (a[i] * hidden, b[i] * hidden, i * hidden)
              for j in 0..<hidden { out[base + j] = ea[rowA + j] + eb[rowB + j] + bias[j] }
            }
          }
        }
      }
    }
    return pre
  }

  /// The logits for a batch of pairs.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func logits(a: [Int], b: [Int]) -> Matrix<Scalar> {
    var logits = Matrix.product(preActivations(a: a, b: b).map { max($0, 0) }, parameters[3])
    let bias = parameters[4].values
    for i in 0..<logits.rows {
      for j in 0..<modulus { logits.values[i * modulus + j] += bias[j] }
    }
    return logits
  }

  /// Share of pairs whose largest logit is the right label.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func accuracy(a: [Int], b: [Int], labels: [Int]) -> Double {
    let scores = logits(a: a, b: b)
    var correct = 0
    for i in 0..<labels.count {
      let row = scores.values[(i * modulus)..<((i + 1) * modulus)]
      if row.indices.max(by: { row[$0] < row[$1] }).map({ $0 - i * modulus }) == labels[i] { correct += 1 }
    }
    return Double(correct) / Double(labels.count)
  }

  /// Mean cross-entropy and its gradients, in `parameters` order.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func gradients(a: [Int], b: [Int], labels: [Int]) -> (loss: Scalar, gradients: [Matrix<Scalar>]) {
    let count = Scalar(labels.count)
    let pre = preActivations(a: a, b: b)
    let activations = pre.map { max($0, 0) }
    var scores = Matrix.product(activations, parameters[3])
    // Softmax minus one-hot, over the batch, in place: the gradient of the mean cross-entropy.
    var loss: Scalar = 0
    let bias = parameters[4].values
    for i in 0..<labels.count {
      let base = i * modulus
      var top = -Scalar.infinity
      for j in 0..<modulus {
        scores.values[base + j] += bias[j]
        top = max(top, scores.values[base + j])
      }
      var total: Scalar = 0
      for j in 0..<modulus {
        let e = Scalar.exp(scores.values[base + j] - top)
        scores.values[base + j] = e
        total += e
      }
      loss -= Scalar.log(scores.values[base + labels[i]] / total)
      for j in 0..<modulus { scores.values[base + j] /= total * count }
      scores.values[base + labels[i]] -= 1 / count
    }
    let outputGradient = Matrix.product(activations, scores, transposeA: true)
    let outputBiasGradient = scores.columnSums
    var hiddenGradient = Matrix.product(scores, parameters[3], transposeB: true)
    for index in hiddenGradient.values.indices where pre.values[index] <= 0 { hiddenGradient.values[index] = 0 }
    var embedA = Matrix<Scalar>(rows: modulus, columns: hidden)
    var embedB = Matrix<Scalar>(rows: modulus, columns: hidden)
    for i in 0..<labels.count {
      for j in 0..<hidden {
        let g = hiddenGradient.values[i * hidden + j]
        embedA.values[a[i] * hidden + j] += g
        embedB.values[b[i] * hidden + j] += g
      }
    }
    return (loss / count, [embedA, embedB, hiddenGradient.columnSums, outputGradient, outputBiasGradient])
  }

  /// One full-batch optimiser step; returns the loss before it.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  @discardableResult
  public mutating func train(a: [Int], b: [Int], labels: [Int]) -> Scalar {
    let (loss, grads) = gradients(a: a, b: b, labels: labels)
    optimizer.step(&parameters, gradients: grads)
    return loss
  }

  /// The Euclidean norm of all parameters together.
  public var weightNorm: Scalar { Scalar.sqrt(parameters.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1 * $1 } }) }
}
