@_implementationOnly import LibraryLoading

/// OpenBLAS, loaded the first time `Learning` multiplies matrices rather than when a program
/// starts: its start-up (finding the CPU's kernels, starting its threads) cost every notebook
/// program about 3 ms, and most notebooks never train anything.
///
/// The functions are OpenBLAS's CBLAS interface, called through the addresses `dlsym` gives:
/// no header or link flag is needed to build, only Debian's `libopenblas0` to run.
enum OpenBLASLibrary {
  /// CBLAS's enumerations, as the C interface fixes them.
  static let rowMajor: Int32 = 101
  static let noTranspose: Int32 = 111
  static let transpose: Int32 = 112

  typealias FloatGEMM =
    @convention(c) (
      Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
      Float, UnsafeMutablePointer<Float>?, Int32
    ) -> Void
  typealias DoubleGEMM =
    @convention(c) (
      Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32,
      Double, UnsafeMutablePointer<Double>?, Int32
    ) -> Void

  /// The functions `Learning` calls.
  struct Functions: @unchecked Sendable {
    let sgemm: FloatGEMM
    let dgemm: DoubleGEMM
    let setThreads: @convention(c) (Int32) -> Void
    let threads: @convention(c) () -> Int32
  }

  /// The library's functions, loaded on first use.
  static let functions: Functions = {
    let library = LoadedLibrary.open(["libopenblas.so.0", "libopenblas.so"], package: "libopenblas0")
    return Functions(
      sgemm: library.function("cblas_sgemm", as: FloatGEMM.self),
      dgemm: library.function("cblas_dgemm", as: DoubleGEMM.self),
      setThreads: library.function("openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self),
      threads: library.function("openblas_get_num_threads", as: (@convention(c) () -> Int32).self))
  }()
}
