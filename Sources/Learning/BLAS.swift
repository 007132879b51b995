/// Matrix products through OpenBLAS, for the scalar types `Learning` supports.
///
/// OpenBLAS is pinned to one thread when `Learning` first calls it, so results do not depend on
/// the machine's core count (a threaded GEMM may split sums differently). Set `threads` to use
/// more cores where bit-for-bit reproducibility across machines does not matter. The first call
/// also tunes the allocator for training loops (see `AllocatorTuning`).
public enum BLAS {
  private static let pinned: Void = {
    OpenBLASLibrary.functions.setThreads(1)
    AllocatorTuning.keepLargeBlocks()
  }()

  /// Threads OpenBLAS uses (1 unless set).
  public static var threads: Int {
    get {
      _ = pinned
      return Int(OpenBLASLibrary.functions.threads())
    }
    set {
      _ = pinned
      OpenBLASLibrary.functions.setThreads(Int32(newValue))
    }
  }

  static func ensurePinned() { _ = pinned }
}

/// A scalar `Learning` computes with: `Float` or `Double`, each with its BLAS routines.
public protocol LearningScalar: BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
  /// C = alpha · op(A) · op(B) + beta · C, row-major; op transposes when asked.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self,
    c: UnsafeMutablePointer<Self>, ldc: Int)
  /// exp, log, erf and tanh, so generic code can use them.
  static func exp(_ x: Self) -> Self
  static func log(_ x: Self) -> Self
  static func erf(_ x: Self) -> Self
  static func sqrt(_ x: Self) -> Self
}

private func transpose(_ flag: Bool) -> Int32 { flag ? OpenBLASLibrary.transpose : OpenBLASLibrary.noTranspose }

extension Float: LearningScalar {
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    BLAS.ensurePinned()
    OpenBLASLibrary.functions.sgemm(
      OpenBLASLibrary.rowMajor, transpose(transposeA), transpose(transposeB), Int32(m), Int32(n), Int32(k), alpha, a,
      Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
  public static func exp(_ x: Float) -> Float { libcExpf(x) }
  public static func log(_ x: Float) -> Float { libcLogf(x) }
  public static func erf(_ x: Float) -> Float { libcErff(x) }
  public static func sqrt(_ x: Float) -> Float { x.squareRoot() }
}

extension Double: LearningScalar {
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    BLAS.ensurePinned()
    OpenBLASLibrary.functions.dgemm(
      OpenBLASLibrary.rowMajor, transpose(transposeA), transpose(transposeB), Int32(m), Int32(n), Int32(k), alpha, a,
      Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
  public static func exp(_ x: Double) -> Double { libcExp(x) }
  public static func log(_ x: Double) -> Double { libcLog(x) }
  public static func erf(_ x: Double) -> Double { libcErf(x) }
  public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}
