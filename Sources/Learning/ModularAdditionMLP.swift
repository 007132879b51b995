import Simulation

/// An MLP that learns a + b mod p from learned embeddings: hidden = ReLU(E_a[a] + E_b[b] + b₁),
/// logits = hidden·W_out + b₂, trained full-batch on cross-entropy with Adam or AdamW — the
/// setup in which networks "grok" (fit the training pairs early, generalise much later).
///
/// With `inputGate`, each hidden unit j also mixes its two inputs by a learned gate G_j:
/// hidden = ReLU(2σ(G)⊙E_a[a] + 2(1 − σ(G))⊙E_b[b] + b₁) — a weight the network uses that is not
/// on the multiplicative path to the logits (like attention's query and key weights: it decides
/// how much of each input a unit sees, not how large its output is). At G = 0 it is the plain MLP.
///
/// Gradients are explicit (two GEMMs and scatter-adds per step), checked against the `Tape`
/// (and the gate's against finite differences).
public struct ModularAdditionMLP<Scalar: LearningScalar> {
  public let modulus: Int
  public let hidden: Int
  /// E_a (p × h), E_b (p × h), b₁ (1 × h), W_out (h × p), b₂ (1 × p), and with the input gate
  /// G (1 × h).
  public var parameters: [Matrix<Scalar>]
  public var optimizer: Adam<Scalar>

  /// Embeddings start N(0, ½) so E_a[a] + E_b[b] has unit variance; W_out starts N(0, 1/hidden);
  /// the gate, when there is one, N(0, 1) (drawn last: the other weights are as without it).
  /// The optimiser is AdamW with `beta2` (0.98 is usual in grokking work; Adam's default 0.999).
  public init(
    modulus: Int, hidden: Int, learningRate: Scalar, weightDecay: Scalar, beta2: Scalar = 0.999,
    inputGate: Bool = false, rng: inout Xoshiro256StarStar
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
    if inputGate { parameters.append(.normal(rows: 1, columns: hidden, sd: 1, using: &rng)) }
    optimizer = .adamW(learningRate: learningRate, weightDecay: weightDecay, beta2: beta2)
  }

  /// Every pair (a, b) with 0 ≤ a, b < p, and its label (a + b) mod p.
  public static func allPairs(modulus: Int) -> (a: [Int], b: [Int], labels: [Int]) {
    let pairs = (0..<(modulus * modulus)).map { ($0 / modulus, $0 % modulus) }
    return (pairs.map(\.0), pairs.map(\.1), pairs.map { ($0.0 + $0.1) % modulus })
  }

  /// Each unit's factors on E_a and E_b: 2σ(G_j) and 2 − 2σ(G_j), or 1 and 1 without a gate.
  func gateFactors() -> (a: [Scalar], b: [Scalar]) {
    guard parameters.count == 6 else { return (Array(repeating: 1, count: hidden), Array(repeating: 1, count: hidden)) }
    let a = parameters[5].values.map { 2 / (1 + Scalar.exp(-$0)) }
    return (a, a.map { 2 - $0 })
  }

  /// Hidden activations ReLU(E_a[a] + E_b[b] + b₁) (gated: see the type) for a batch of pairs,
  /// in one pass.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  func hiddenActivations(a: [Int], b: [Int]) -> Matrix<Scalar> {
    let h = hidden
    let (factorA, factorB) = gateFactors()
    let values = [Scalar](unsafeUninitializedCapacity: a.count * h) { out, initialized in
      parameters[0].values.withUnsafeBufferPointer { ea in
        parameters[1].values.withUnsafeBufferPointer { eb in
          parameters[2].values.withUnsafeBufferPointer { bias in
            for i in 0..<a.count {
              let (rowA, rowB, base) = (a[i] &* h, b[i] &* h, i &* h)
              for j in 0..<h {
                out[base &+ j] = max(factorA[j] * ea[rowA &+ j] + factorB[j] * eb[rowB &+ j] + bias[j], 0)
              }
            }
          }
        }
      }
      initialized = a.count * h
    }
    return Matrix(rows: a.count, columns: h, values: values)
  }

  /// The logits for a batch of pairs.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func logits(a: [Int], b: [Int]) -> Matrix<Scalar> {
    var logits = Matrix.product(hiddenActivations(a: a, b: b), parameters[3])
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
    let (count, p, h) = (labels.count, modulus, hidden)
    let activations = hiddenActivations(a: a, b: b)
    var scores = Matrix.product(activations, parameters[3])
    // Softmax minus one-hot, over the batch, in place: the gradient of the mean cross-entropy.
    let loss = scores.values.withUnsafeMutableBufferPointer { s in
      parameters[4].values.withUnsafeBufferPointer { bias in
        Self.softmaxCrossEntropyGradient(scores: s, bias: bias, labels: labels, classes: p)
      }
    }
    let outputGradient = Matrix.product(activations, scores, transposeA: true)
    let outputBiasGradient = scores.columnSums
    let hiddenGradient = Matrix.product(scores, parameters[3], transposeB: true)
    // Back through the ReLU (a unit passes gradient where its activation is positive) and the
    // gather, in one pass: each row's gradient is added to the rows of E_a and E_b it came from
    // and to the bias. The mask is a multiply by 0 or 1, which vectorises; a branch would not.
    var embedA = Matrix<Scalar>(rows: p, columns: h)
    var embedB = Matrix<Scalar>(rows: p, columns: h)
    var hiddenBias = Matrix<Scalar>(rows: 1, columns: h)
    let (factorA, factorB) = gateFactors()
    let gated = parameters.count == 6
    // With the gate: Σ over the batch of each unit's gradient times E_a[a]_j − E_b[b]_j.
    var gateSums = [Scalar](repeating: 0, count: gated ? h : 0)
    hiddenGradient.values.withUnsafeBufferPointer { g in
      activations.values.withUnsafeBufferPointer { act in
        embedA.values.withUnsafeMutableBufferPointer { ea in
          embedB.values.withUnsafeMutableBufferPointer { eb in
            hiddenBias.values.withUnsafeMutableBufferPointer { bias in
              for i in 0..<count {
                let (rowA, rowB, base) = (a[i] &* h, b[i] &* h, i &* h)
                for j in 0..<h {
                  let keep: Scalar = act[base &+ j] > 0 ? 1 : 0
                  let value = g[base &+ j] * keep
                  ea[rowA &+ j] += factorA[j] * value
                  eb[rowB &+ j] += factorB[j] * value
                  bias[j] += value
                }
              }
            }
          }
        }
        guard gated else { return }
        parameters[0].values.withUnsafeBufferPointer { weightsA in
          parameters[1].values.withUnsafeBufferPointer { weightsB in
            gateSums.withUnsafeMutableBufferPointer { sums in
              for i in 0..<count {
                let (rowA, rowB, base) = (a[i] &* h, b[i] &* h, i &* h)
                for j in 0..<h {
                  let keep: Scalar = act[base &+ j] > 0 ? 1 : 0
                  sums[j] += g[base &+ j] * keep * (weightsA[rowA &+ j] - weightsB[rowB &+ j])
                }
              }
            }
          }
        }
      }
    }
    var gradients = [embedA, embedB, hiddenBias, outputGradient, outputBiasGradient]
    if gated {
      // d(2σ(G))/dG = 2σ(1 − σ) = factorA · factorB / 2.
      gradients.append(
        Matrix(rows: 1, columns: h, values: (0..<h).map { gateSums[$0] * factorA[$0] * factorB[$0] / 2 }))
    }
    return (loss, gradients)
  }

  /// Adds `bias` to each row of `scores` and replaces the row by (softmax − one-hot) / rows;
  /// returns the mean cross-entropy.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  static func softmaxCrossEntropyGradient(
    scores s: UnsafeMutableBufferPointer<Scalar>, bias: UnsafeBufferPointer<Scalar>, labels: [Int], classes p: Int
  ) -> Scalar {
    let count = Scalar(labels.count)
    // Terms below e^cutoff are raised to it rather than left subnormal, which is ~100x slower
    // to compute with (a run without weight decay grows its logits until most terms would be);
    // e^cutoff is so small (~1e-31 in Float) that no sum or probability changes visibly.
    let cutoff = Scalar.log(Scalar.leastNormalMagnitude) + 16
    var loss: Scalar = 0
    for i in 0..<labels.count {
      let row = UnsafeMutableBufferPointer(rebasing: s[(i * p)..<((i + 1) * p)])
      var top = -Scalar.infinity
      for j in 0..<p {
        row[j] += bias[j]
        top = max(top, row[j])
      }
      var total: Scalar = 0
      for j in 0..<p {
        let e = Scalar.exp(max(row[j] - top, cutoff))
        row[j] = e
        total += e
      }
      loss -= Scalar.log(row[labels[i]] / total)
      let scale = 1 / (total * count)
      for j in 0..<p { row[j] *= scale }
      row[labels[i]] -= 1 / count
    }
    return loss / count
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
