import Simulation

/// Logistic regression that sees only the direction of its weights: p(y = +1 | x) =
/// σ(T·x·w/‖w‖) for labels y = ±1 and a fixed temperature T. Scaling w changes no prediction,
/// so the gradient is orthogonal to w and shrinks like 1/‖w‖ — the setting of the argument that
/// Adam's angular learning rate falls like 1/‖w‖ and SGD's like 1/‖w‖².
public struct ScaleInvariantClassifier<Scalar: LearningScalar> {
  /// One example per row.
  public let inputs: Matrix<Scalar>
  /// +1 or −1 per example.
  public let labels: [Scalar]
  public let temperature: Scalar

  public init(inputs: Matrix<Scalar>, labels: [Scalar], temperature: Scalar) {
    precondition(inputs.rows == labels.count, "one label per row of inputs")
    self.inputs = inputs
    self.labels = labels
    self.temperature = temperature
  }

  /// `samples` standard normal inputs in `dimension` dimensions labelled by the side of a random
  /// unit `teacher` direction they fall on.
  public static func teacherTask(
    samples: Int, dimension: Int, temperature: Scalar, using rng: inout Xoshiro256StarStar
  ) -> (classifier: ScaleInvariantClassifier, teacher: Matrix<Scalar>) {
    var teacher = Matrix<Scalar>.normal(rows: dimension, columns: 1, sd: 1, using: &rng)
    teacher = (1 / teacher.norm) * teacher
    let inputs = Matrix<Scalar>.normal(rows: samples, columns: dimension, sd: 1, using: &rng)
    let labels = (inputs * teacher).values.map { $0 >= 0 ? Scalar(1) : -1 }
    return (ScaleInvariantClassifier(inputs: inputs, labels: labels, temperature: temperature), teacher)
  }

  /// Mean logistic loss of weights `w` (a column, dimension × 1).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func loss(_ w: Matrix<Scalar>) -> Scalar { lossAndGradient(w).loss }

  /// Mean logistic loss and its gradient with respect to `w`:
  /// ∇ = (1/‖w‖)·Xᵀr − (w/‖w‖³)·(Xw)ᵀr, with r = ∂loss/∂(T·Xw/‖w‖)·T.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func lossAndGradient(_ w: Matrix<Scalar>) -> (loss: Scalar, gradient: Matrix<Scalar>) {
    precondition(w.rows == inputs.columns && w.columns == 1, "w must be \(inputs.columns) × 1")
    let norm = w.norm
    let projections = inputs * w
    let count = Scalar(labels.count)
    var loss: Scalar = 0
    var residual = Matrix<Scalar>(rows: labels.count, columns: 1)
    var along: Scalar = 0
    for i in 0..<labels.count {
      let margin = labels[i] * temperature * projections.values[i] / norm
      // log(1 + e^−m), stable for either sign of m; σ(−m) is its derivative's size.
      loss += max(-margin, 0) + Scalar.log(1 + Scalar.exp(-abs(margin)))
      let sigmoid = margin >= 0 ? Scalar.exp(-margin) / (1 + Scalar.exp(-margin)) : 1 / (1 + Scalar.exp(margin))
      residual.values[i] = -labels[i] * temperature * sigmoid / count
      along += projections.values[i] * residual.values[i]
    }
    let back = Matrix.product(inputs, residual, transposeA: true)
    var gradient = back
    for j in 0..<w.rows {
      gradient.values[j] = back.values[j] / norm - w.values[j] * along / (norm * norm * norm)
    }
    return (loss / count, gradient)
  }
}
