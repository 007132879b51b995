/// Records matrix operations as they run, for reverse-mode automatic differentiation.
///
/// Make leaves with `variable(_:)`, compute with the operations on `Variable`, then ask
/// `gradients(of:)` a scalar (1×1) result: one backward pass gives the gradient with respect to
/// every variable recorded on the tape. A tape is used for one forward and backward pass.
public final class Tape<Scalar: LearningScalar> {
  struct Node {
    var value: Matrix<Scalar>
    var parents: [Int]
    /// Given the gradient of this node, the gradient contributions to each parent, in order.
    var backward: ((Matrix<Scalar>) -> [Matrix<Scalar>])?
  }

  private(set) var nodes: [Node] = []

  public init() {}

  /// A leaf: a parameter or an input.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func variable(_ value: Matrix<Scalar>) -> Variable<Scalar> {
    record(value, parents: [], backward: nil)
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  func record(_ value: Matrix<Scalar>, parents: [Int], backward: ((Matrix<Scalar>) -> [Matrix<Scalar>])?)
    -> Variable<Scalar>
  {
    nodes.append(Node(value: value, parents: parents, backward: backward))
    return Variable(tape: self, index: nodes.count - 1)
  }

  /// The gradient of the scalar `output` with respect to every variable on the tape.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func gradients(of output: Variable<Scalar>) -> Gradients<Scalar> {
    precondition(output.tape === self, "the output belongs to another tape")
    precondition(output.value.count == 1, "gradients(of:) needs a 1×1 result, got \(output.value.shape)")
    var grads = [Matrix<Scalar>?](repeating: nil, count: nodes.count)
    grads[output.index] = Matrix(rows: 1, columns: 1, repeating: 1)
    for index in stride(from: output.index, through: 0, by: -1) {
      guard let grad = grads[index], let backward = nodes[index].backward else { continue }
      for (parent, contribution) in zip(nodes[index].parents, backward(grad)) {
        grads[parent] = grads[parent].map { $0 + contribution } ?? contribution
      }
    }
    return Gradients(values: grads, shapes: nodes.map { ($0.value.rows, $0.value.columns) })
  }
}

/// The gradients one backward pass found, looked up by variable.
public struct Gradients<Scalar: LearningScalar> {
  let values: [Matrix<Scalar>?]
  let shapes: [(Int, Int)]

  /// The gradient with respect to `variable` (zeros when the output does not depend on it).
  public subscript(variable: Variable<Scalar>) -> Matrix<Scalar> {
    values[variable.index] ?? Matrix(rows: shapes[variable.index].0, columns: shapes[variable.index].1)
  }
}

/// A value recorded on a `Tape`.
public struct Variable<Scalar: LearningScalar> {
  public let tape: Tape<Scalar>
  let index: Int

  /// The value computed in the forward pass.
  public var value: Matrix<Scalar> { tape.nodes[index].value }
}
