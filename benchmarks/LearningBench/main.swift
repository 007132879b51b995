// Times GEMM through Learning (OpenBLAS) at 512 and 2048, Float and Double, with 1 and all
// threads. Prints: name, seconds (best of runs), GFLOP/s. Run through benchmarks/learning.sh.
import Dispatch
import Foundation
import Learning
import Simulation

func gemm<Scalar: LearningScalar>(_: Scalar.Type, size: Int, threads: Int, label: String) {
  BLAS.threads = threads
  var rng = Xoshiro256StarStar(seed: 1)
  let a = Matrix<Scalar>.normal(rows: size, columns: size, sd: 1, using: &rng)
  let b = Matrix<Scalar>.normal(rows: size, columns: size, sd: 1, using: &rng)
  _ = a * b
  let runs = size >= 2048 ? 3 : 10
  var best = Double.infinity
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    _ = a * b
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  let flop = 2 * pow(Double(size), 3)
  print(
    "swift-gemm-\(label)-\(size)-\(threads)t", String(format: "%.5f", best), String(format: "%.1f", flop / best / 1e9))
}

let cores = ProcessInfo.processInfo.activeProcessorCount
for threads in Set([1, cores]).sorted() {
  for size in [512, 2048] {
    gemm(Float.self, size: size, threads: threads, label: "f32")
    gemm(Double.self, size: size, threads: threads, label: "f64")
  }
}
