/// Gradient-based updates of a list of parameter matrices. Each optimizer keeps its state
/// (momentum, moment estimates) per parameter, by position in the list.
public protocol Optimizer {
  associatedtype Scalar: LearningScalar
  /// Updates `parameters` in place from their `gradients` (same order and shapes).
  mutating func step(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>])
}

/// Stochastic gradient descent with optional momentum and L2 weight decay (added to the gradient).
public struct SGD<Scalar: LearningScalar>: Optimizer {
  public var learningRate: Scalar
  public var momentum: Scalar
  public var weightDecay: Scalar
  private var velocity: [Matrix<Scalar>] = []

  public init(learningRate: Scalar, momentum: Scalar = 0, weightDecay: Scalar = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
  }

  /// v ← μ·v + (g + λ·w); w ← w − η·v.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public mutating func step(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
    if velocity.isEmpty { velocity = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) } }
    for index in parameters.indices {
      let decay = weightDecay
      let gradient = gradients[index].zip(parameters[index]) { g, w in g + decay * w }
      velocity[index] = momentum * velocity[index] + gradient
      parameters[index] = parameters[index] - learningRate * velocity[index]
    }
  }
}

/// Adam (Kingma and Ba), with weight decay either added to the gradient (L2, `decoupled` false)
/// or applied to the weights directly (AdamW, Loshchilov and Hutter: w ← w − η·λ·w).
public struct Adam<Scalar: LearningScalar>: Optimizer {
  public var learningRate: Scalar
  public var beta1: Scalar
  public var beta2: Scalar
  public var epsilon: Scalar
  public var weightDecay: Scalar
  public var decoupled: Bool
  private var first: [Matrix<Scalar>] = []
  private var second: [Matrix<Scalar>] = []
  private(set) var steps = 0

  public init(
    learningRate: Scalar, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8, weightDecay: Scalar = 0,
    decoupled: Bool = false
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decoupled = decoupled
  }

  /// AdamW: Adam with decoupled weight decay.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func adamW(learningRate: Scalar, weightDecay: Scalar, beta1: Scalar = 0.9, beta2: Scalar = 0.999)
    -> Adam
  {
    Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, weightDecay: weightDecay, decoupled: true)
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public mutating func step(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
    if first.isEmpty {
      first = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
      second = first
    }
    steps += 1
    let correction1 = 1 - Self.power(beta1, steps)
    let correction2 = 1 - Self.power(beta2, steps)
    let (beta1, beta2, epsilon, rate, decay, decoupled) = (
      self.beta1, self.beta2, self.epsilon, learningRate, weightDecay, self.decoupled
    )
    // Decay as L2 (in the gradient) or decoupled (on the weights); one of the two is zero.
    let (l2, shrink) = decoupled ? (Scalar(0), 1 - rate * decay) : (decay, Scalar(1))
    for index in parameters.indices {
      gradients[index].values.withUnsafeBufferPointer { g in
        parameters[index].values.withUnsafeMutableBufferPointer { w in
          first[index].values.withUnsafeMutableBufferPointer { m in
            second[index].values.withUnsafeMutableBufferPointer { v in
              for i in 0..<w.count {
                let gradient = g[i] + l2 * w[i]
                m[i] = beta1 * m[i] + (1 - beta1) * gradient
                v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient
                w[i] = shrink * w[i] - rate * (m[i] / correction1) / (Scalar.sqrt(v[i] / correction2) + epsilon)
              }
            }
          }
        }
      }
    }
  }

  /// base^exponent by repeated squaring.
  private static func power(_ base: Scalar, _ exponent: Int) -> Scalar {
    var (result, square, remaining) = (Scalar(1), base, exponent)
    while remaining > 0 {
      if remaining & 1 == 1 { result *= square }
      square *= square
      remaining >>= 1
    }
    return result
  }
}

/// Scales `gradients` down so their joint Euclidean norm is at most `maximum`; returns the norm
/// before clipping.
@discardableResult
public func clipGlobalNorm<Scalar: LearningScalar>(_ gradients: inout [Matrix<Scalar>], maximum: Scalar) -> Scalar {
  let norm = Scalar.sqrt(gradients.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1 * $1 } })
  if norm > maximum {
    let factor = maximum / norm
    gradients = gradients.map { factor * $0 }
  }
  return norm
}
