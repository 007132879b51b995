import Simulation

extension Matrix {
  /// Independent normal entries with standard deviation `sd`, from `rng`.
  public static func normal(rows: Int, columns: Int, sd: Scalar, using rng: inout Xoshiro256StarStar) -> Matrix {
    Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Scalar(rng.normal()) * sd })
  }

  /// Independent uniform entries in [−limit, limit), from `rng`.
  public static func uniform(rows: Int, columns: Int, limit: Scalar, using rng: inout Xoshiro256StarStar) -> Matrix {
    Matrix(
      rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Scalar(rng.uniform(-1..<1)) * limit })
  }

  /// Glorot/Xavier uniform for a fan-in × fan-out weight: limit √(6 / (in + out)).
  public static func xavier(fanIn: Int, fanOut: Int, using rng: inout Xoshiro256StarStar) -> Matrix {
    uniform(rows: fanIn, columns: fanOut, limit: Scalar.sqrt(6 / Scalar(fanIn + fanOut)), using: &rng)
  }

  /// He/Kaiming normal for a fan-in × fan-out weight feeding a ReLU: sd √(2 / in).
  public static func he(fanIn: Int, fanOut: Int, using rng: inout Xoshiro256StarStar) -> Matrix {
    normal(rows: fanIn, columns: fanOut, sd: Scalar.sqrt(2 / Scalar(fanIn)), using: &rng)
  }
}

extension Matrix {
  /// A `rows` × `columns` matrix (columns ≤ rows) whose columns are orthonormal and uniformly
  /// random: modified Gram–Schmidt on normal columns.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func randomOrthonormalColumns(rows: Int, columns: Int, using rng: inout Xoshiro256StarStar)
    -> Matrix
  {
    precondition(columns <= rows, "at most \(rows) orthonormal columns fit in \(rows) dimensions")
    // Work on the transpose, so each vector is a contiguous row; accumulate in Double.
    var vectors = (0..<columns).map { _ in (0..<rows).map { _ in rng.normal() } }
    for i in 0..<columns {
      for j in 0..<i {
        let along = Swift.zip(vectors[i], vectors[j]).reduce(0) { $0 + $1.0 * $1.1 }
        for k in 0..<rows { vectors[i][k] -= along * vectors[j][k] }
      }
      let norm = vectors[i].reduce(0) { $0 + $1 * $1 }.squareRoot()
      for k in 0..<rows { vectors[i][k] /= norm }
    }
    var result = Matrix(rows: rows, columns: columns)
    for i in 0..<columns { for k in 0..<rows { result.values[k * columns + i] = Scalar(vectors[i][k]) } }
    return result
  }

  /// Columns `range` of the matrix.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func columns(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= columns, "columns \(range) out of 0..<\(columns)")
    var result = Matrix(rows: rows, columns: range.count)
    for r in 0..<rows {
      for (offset, c) in range.enumerated() { result.values[r * range.count + offset] = values[r * columns + c] }
    }
    return result
  }

  /// Rows `range` of the matrix.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func rows(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) out of 0..<\(rows)")
    return Matrix(
      rows: range.count, columns: columns,
      values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
  }
}
