/// The differentiable operations: each computes its value and records how to send a gradient
/// back to its inputs.
extension Variable {
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  private func record(
    _ value: Matrix<Scalar>, _ parents: [Variable], _ backward: @escaping (Matrix<Scalar>) -> [Matrix<Scalar>]
  ) -> Variable {
    precondition(parents.allSatisfy { $0.tape === tape }, "variables from different tapes")
    return tape.record(value, parents: parents.map(\.index), backward: backward)
  }

  /// The matrix product self · other.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func matmul(_ other: Variable) -> Variable {
    let (a, b) = (value, other.value)
    return record(a * b, [self, other]) { grad in
      [Matrix.product(grad, b, transposeB: true), Matrix.product(a, grad, transposeA: true)]
    }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func + (a: Variable, b: Variable) -> Variable {
    a.record(a.value + b.value, [a, b]) { [$0, $0] }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func - (a: Variable, b: Variable) -> Variable {
    a.record(a.value - b.value, [a, b]) { [$0, -1 * $0] }
  }

  /// Elementwise product.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func * (a: Variable, b: Variable) -> Variable {
    let (x, y) = (a.value, b.value)
    return a.record(x.zip(y, *), [a, b]) { [$0.zip(y, *), $0.zip(x, *)] }
  }

  /// Multiplies every element by a constant.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func scaled(by factor: Scalar) -> Variable {
    record(factor * value, [self]) { [factor * $0] }
  }

  /// Adds a 1×n row to every row (a bias).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func addingRow(_ row: Variable) -> Variable {
    let (a, bias) = (value, row.value)
    precondition(bias.rows == 1 && bias.columns == a.columns, "the row must be 1×\(a.columns)")
    var result = a
    for r in 0..<a.rows {
      for c in 0..<a.columns { result.values[r * a.columns + c] += bias.values[c] }
    }
    return record(result, [self, row]) { grad in [grad, grad.columnSums] }
  }

  /// Multiplies every row by a 1×n row, elementwise.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func multiplyingRow(_ row: Variable) -> Variable {
    let (a, scale) = (value, row.value)
    precondition(scale.rows == 1 && scale.columns == a.columns, "the row must be 1×\(a.columns)")
    let broadcast = Matrix(rows: a.rows, columns: a.columns, values: (0..<a.rows).flatMap { _ in scale.values })
    return record(a.zip(broadcast, *), [self, row]) { grad in [grad.zip(broadcast, *), grad.zip(a, *).columnSums] }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func relu() -> Variable {
    let x = value
    return record(Matrix.relu(of: x), [self]) { grad in
      var masked = grad
      Matrix.keepWherePositive(&masked, mask: x)
      return [masked]
    }
  }

  /// GELU(x) = x·Φ(x), exactly (not the tanh approximation).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func gelu() -> Variable {
    let x = value
    let root2 = Scalar.sqrt(2)
    let invRoot2Pi = 1 / Scalar.sqrt(2 * Scalar.pi)
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    func phi(_ v: Scalar) -> Scalar { (1 + Scalar.erf(v / root2)) / 2 }
    return record(x.map { $0 * phi($0) }, [self]) { grad in
      [grad.zip(x) { g, v in g * (phi(v) + v * invRoot2Pi * Scalar.exp(-v * v / 2)) }]
    }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func squared() -> Variable {
    let x = value
    return record(x.map { $0 * $0 }, [self]) { grad in [grad.zip(x) { g, v in 2 * g * v }] }
  }

  /// The sum of all elements, as a 1×1 matrix.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func sum() -> Variable {
    let shape = value.shape
    return record(Matrix(rows: 1, columns: 1, values: [value.sum]), [self]) { grad in
      [Matrix(rows: shape.rows, columns: shape.columns, repeating: grad.values[0])]
    }
  }

  /// The mean of all elements, as a 1×1 matrix.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func mean() -> Variable { sum().scaled(by: 1 / Scalar(value.count)) }

  /// The sum of each row, as a column (rows × 1).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func rowSums() -> Variable {
    let shape = value.shape
    let sums = Matrix(rows: shape.rows, columns: 1, values: (0..<shape.rows).map { value.row($0).reduce(0, +) })
    return record(sums, [self]) { grad in
      [
        Matrix(
          rows: shape.rows, columns: shape.columns,
          values: grad.values.flatMap { Array(repeating: $0, count: shape.columns) })
      ]
    }
  }

  /// Each row minus its log-sum-exp: log-probabilities of a softmax over each row.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func logSoftmax() -> Variable {
    let x = value
    var result = x
    var softmax = x
    for r in 0..<x.rows {
      let row = x.row(r)
      let top = row.max() ?? 0
      let logSum = top + Scalar.log(row.reduce(0) { $0 + Scalar.exp($1 - top) })
      for c in 0..<x.columns {
        result[r, c] = row[c] - logSum
        softmax[r, c] = Scalar.exp(result[r, c])
      }
    }
    return record(result, [self]) { grad in
      var back = grad
      for r in 0..<grad.rows {
        let total = grad.row(r).reduce(0, +)
        for c in 0..<grad.columns { back[r, c] = grad[r, c] - softmax[r, c] * total }
      }
      return [back]
    }
  }

  /// Mean cross-entropy of rows of logits against one label per row, as a 1×1 matrix.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func crossEntropy(labels: [Int]) -> Variable {
    precondition(labels.count == value.rows, "one label per row")
    let logProbabilities = logSoftmax()
    let picked = logProbabilities.value
    var loss: Scalar = 0
    for (r, label) in labels.enumerated() { loss -= picked[r, label] }
    let count = Scalar(labels.count)
    return logProbabilities.record(
      Matrix(rows: 1, columns: 1, values: [loss / count]), [logProbabilities]
    ) { grad in
      var back = Matrix<Scalar>(rows: picked.rows, columns: picked.columns)
      for (r, label) in labels.enumerated() { back[r, label] = -grad.values[0] / count }
      return [back]
    }
  }

  /// Rows of this matrix (an embedding table) picked by `indices`, one output row per index.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func gather(rows indices: [Int]) -> Variable {
    let table = value
    var result = Matrix<Scalar>(rows: indices.count, columns: table.columns)
    for (r, index) in indices.enumerated() {
      for c in 0..<table.columns { result[r, c] = table[index, c] }
    }
    return record(result, [self]) { grad in
      var back = Matrix<Scalar>(rows: table.rows, columns: table.columns)
      for (r, index) in indices.enumerated() {
        for c in 0..<table.columns { back[index, c] += grad[r, c] }
      }
      return [back]
    }
  }
}

extension Matrix {
  /// The sum of each column, as a 1 × columns row.
  public var columnSums: Matrix { Self.columnSums(of: self) }
}
