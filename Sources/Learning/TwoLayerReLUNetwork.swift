import Simulation

/// f(x) = W₂·ReLU(W₁·x), fitted by mean squared error: the toy for the argument about weight
/// decay and the balance of norms. Scaling a hidden unit's incoming weights by c > 0 and its
/// outgoing weights by 1/c leaves f unchanged, so only a penalty on size decides between such
/// rescalings — and the smallest total ‖W₁‖² + ‖W₂‖² puts equal norms on both sides.
public struct TwoLayerReLUNetwork<Scalar: LearningScalar> {
  /// W₁ (hidden × inputs), W₂ (outputs × hidden).
  public var parameters: [Matrix<Scalar>]

  /// He-initialised layers: W₁ ~ N(0, 2/inputs), W₂ ~ N(0, 1/hidden).
  public init(inputs: Int, hidden: Int, outputs: Int, using rng: inout Xoshiro256StarStar) {
    parameters = [
      .normal(rows: hidden, columns: inputs, sd: Scalar.sqrt(2 / Scalar(inputs)), using: &rng),
      .normal(rows: outputs, columns: hidden, sd: Scalar.sqrt(1 / Scalar(hidden)), using: &rng),
    ]
  }

  public init(parameters: [Matrix<Scalar>]) {
    precondition(parameters.count == 2 && parameters[1].columns == parameters[0].rows, "W₁ and W₂ must chain")
    self.parameters = parameters
  }

  /// Outputs for a batch with one example per row (n × inputs → n × outputs).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func outputs(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
    Matrix.product(Matrix.relu(of: Matrix.product(x, parameters[0], transposeB: true)), parameters[1], transposeB: true)
  }

  /// Loss ½·mean over examples of ‖f(x) − target‖², and its gradients with respect to W₁, W₂.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func gradients(inputs x: Matrix<Scalar>, targets: Matrix<Scalar>) -> (
    loss: Scalar, gradients: [Matrix<Scalar>]
  ) {
    let hidden = Matrix.relu(of: Matrix.product(x, parameters[0], transposeB: true))
    var error = Matrix.product(hidden, parameters[1], transposeB: true) - targets
    let count = Scalar(x.rows)
    let loss = Matrix.sum(of: error.zip(error, *)) / (2 * count)
    error = (1 / count) * error
    var hiddenGradient = Matrix.product(error, parameters[1])
    Matrix.keepWherePositive(&hiddenGradient, mask: hidden)
    return (
      loss,
      [Matrix.product(hiddenGradient, x, transposeA: true), Matrix.product(error, hidden, transposeA: true)]
    )
  }

  /// ‖W₁‖² − ‖W₂‖² (Frobenius): zero when the layers are balanced. Plain gradient flow on the
  /// loss alone keeps it constant (unit by unit); an L2 penalty λ shrinks it like e^(−2λt).
  public var imbalance: Scalar {
    let (first, second) = (parameters[0].norm, parameters[1].norm)
    return first * first - second * second
  }
}
