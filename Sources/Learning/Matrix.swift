/// A dense row-major matrix of `Float` or `Double`: the tensor `Learning` computes with.
public struct Matrix<Scalar: LearningScalar>: Equatable, Sendable {
  public private(set) var rows: Int
  public private(set) var columns: Int
  /// Row-major values: element (r, c) is `values[r * columns + c]`.
  public var values: [Scalar]

  public init(rows: Int, columns: Int, values: [Scalar]) {
    precondition(rows >= 0 && columns >= 0 && values.count == rows * columns, "values must fill rows × columns")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
    self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
  }

  /// A matrix from nested arrays, one per row.
  public init(_ rowValues: [[Scalar]]) {
    let columns = rowValues.first?.count ?? 0
    precondition(rowValues.allSatisfy { $0.count == columns }, "rows must have equal lengths")
    self.init(rows: rowValues.count, columns: columns, values: rowValues.flatMap { $0 })
  }

  public var shape: (rows: Int, columns: Int) { (rows, columns) }
  public var count: Int { values.count }

  public subscript(row: Int, column: Int) -> Scalar {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// Row `r` as an array.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func row(_ r: Int) -> [Scalar] { Array(values[(r * columns)..<((r + 1) * columns)]) }

  /// The transpose.
  public var transposed: Matrix { Self.transpose(of: self) }

  /// op(a) · op(b) through BLAS GEMM.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
    let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    let (k2, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
    precondition(k == k2, "matrix product of \(m)×\(k) and \(k2)×\(n): inner sizes differ")
    guard m > 0 && n > 0 && k > 0 else { return Matrix(rows: m, columns: n) }
    // GEMM with beta 0 overwrites every element, so the result need not be zeroed first.
    let values = [Scalar](unsafeUninitializedCapacity: m * n) { pc, initialized in
      a.values.withUnsafeBufferPointer { pa in
        b.values.withUnsafeBufferPointer { pb in
          Scalar.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: pa.baseAddress!,
            lda: a.columns, b: pb.baseAddress!, ldb: b.columns, beta: 0, c: pc.baseAddress!, ldc: n)
        }
      }
      initialized = m * n
    }
    return Matrix(rows: m, columns: n, values: values)
  }

  /// The matrix product.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func * (a: Matrix, b: Matrix) -> Matrix { product(a, b) }

  /// Applies `transform` to every element.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  @inline(__always)
  public func map(_ transform: (Scalar) -> Scalar) -> Matrix {
    Matrix(rows: rows, columns: columns, values: values.map(transform))
  }

  /// Combines two matrices of the same shape element by element.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  @inline(__always)
  public func zip(_ other: Matrix, _ combine: (Scalar, Scalar) -> Scalar) -> Matrix {
    precondition(rows == other.rows && columns == other.columns, "shapes \(shape) and \(other.shape) differ")
    var result = self
    for index in values.indices { result.values[index] = combine(values[index], other.values[index]) }
    return result
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func + (a: Matrix, b: Matrix) -> Matrix { a.zip(b, +) }
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func - (a: Matrix, b: Matrix) -> Matrix { a.zip(b, -) }
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func * (a: Scalar, b: Matrix) -> Matrix { b.map { a * $0 } }

  /// The sum of all elements.
  public var sum: Scalar { Self.sum(of: self) }

  /// Euclidean norm of each row.
  public var rowNorms: [Scalar] { Self.rowNorms(of: self) }

  /// The matrix with each nonzero row scaled to unit Euclidean norm (zero rows stay zero).
  public var normalisedRows: Matrix {
    var result = self
    Self.normaliseRows(&result)
    return result
  }

  /// Scales each nonzero row of `matrix` to unit Euclidean norm, in place.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func normaliseRows(_ matrix: inout Matrix) {
    let norms = matrix.rowNorms
    for r in 0..<matrix.rows where norms[r] > 0 {
      for c in 0..<matrix.columns { matrix.values[r * matrix.columns + c] /= norms[r] }
    }
  }

  // Properties cannot be pre-specialised; these are, so notebooks compiled at -Onone get fast loops.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  static func sum(of matrix: Matrix) -> Scalar {
    matrix.values.withUnsafeBufferPointer { v in
      var total: Scalar = 0
      for index in 0..<v.count { total += v[index] }
      return total
    }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  static func rowNorms(of matrix: Matrix) -> [Scalar] {
    matrix.values.withUnsafeBufferPointer { v in
      (0..<matrix.rows).map { r in
        var total: Scalar = 0
        for c in 0..<matrix.columns { total += v[r * matrix.columns + c] * v[r * matrix.columns + c] }
        return Scalar.sqrt(total)
      }
    }
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  static func columnSums(of matrix: Matrix) -> Matrix {
    var sums = [Scalar](repeating: 0, count: matrix.columns)
    matrix.values.withUnsafeBufferPointer { v in
      for r in 0..<matrix.rows {
        for c in 0..<matrix.columns { sums[c] += v[r * matrix.columns + c] }
      }
    }
    return Matrix(rows: 1, columns: matrix.columns, values: sums)
  }

  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  static func transpose(of matrix: Matrix) -> Matrix {
    var result = Matrix(rows: matrix.columns, columns: matrix.rows)
    for r in 0..<matrix.rows {
      for c in 0..<matrix.columns { result.values[c * matrix.rows + r] = matrix.values[r * matrix.columns + c] }
    }
    return result
  }

  /// max(x, 0) elementwise, in a loop the compiler vectorises.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func relu(of matrix: Matrix) -> Matrix {
    let values = [Scalar](unsafeUninitializedCapacity: matrix.count) { out, initialized in
      matrix.values.withUnsafeBufferPointer { v in
        for index in 0..<v.count { out[index] = max(v[index], 0) }
      }
      initialized = matrix.count
    }
    return Matrix(rows: matrix.rows, columns: matrix.columns, values: values)
  }

  /// Zeroes the elements of `gradient` where `mask` is not positive: the backward pass of ReLU.
  /// Written as a multiply by 0 or 1, which vectorises (a select in this loop does not).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public static func keepWherePositive(_ gradient: inout Matrix, mask: Matrix) {
    precondition(gradient.count == mask.count, "shapes \(gradient.shape) and \(mask.shape) differ")
    gradient.values.withUnsafeMutableBufferPointer { g in
      mask.values.withUnsafeBufferPointer { z in
        for index in 0..<g.count {
          let keep: Scalar = z[index] > 0 ? 1 : 0
          g[index] *= keep
        }
      }
    }
  }

  /// The Frobenius norm.
  public var norm: Scalar { Scalar.sqrt(values.reduce(0) { $0 + $1 * $1 }) }
}

extension Matrix: Codable {
  private enum CodingKeys: String, CodingKey {
    case rows, columns, values
  }

  /// Reads a matrix as `encode(to:)` writes it; values that do not fill rows × columns are an
  /// error, not a matrix.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rows = try container.decode(Int.self, forKey: .rows)
    let columns = try container.decode(Int.self, forKey: .columns)
    let values = try container.decode([Scalar].self, forKey: .values)
    guard rows >= 0, columns >= 0, values.count == rows * columns else {
      throw DecodingError.dataCorruptedError(
        forKey: .values, in: container, debugDescription: "\(values.count) values do not fill \(rows) × \(columns)")
    }
    self.init(rows: rows, columns: columns, values: values)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rows, forKey: .rows)
    try container.encode(columns, forKey: .columns)
    try container.encode(values, forKey: .values)
  }
}
