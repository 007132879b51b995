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
// "gemm", "sae" or "grokking" runs one part ("all", or nothing, runs every part); a second
// argument sets the grokking run's steps.
let only = CommandLine.arguments.dropFirst().first.flatMap { $0 == "all" ? nil : $0 }
for threads in Set([1, cores]).sorted() where only == nil || only == "gemm" {
  for size in [512, 2048] {
    gemm(Float.self, size: size, threads: threads, label: "f32")
    gemm(Double.self, size: size, threads: threads, label: "f64")
  }
}

/// One SAE training epoch (300 steps of batch 1024; d=64, 1024 latents, λ=0.1, Adam 3e-3) on
/// sums of 512 sparse unit directions — the same setup as benchmarks/learning_sae.py.
func saeEpoch(threads: Int) {
  BLAS.threads = threads
  let (d, k, m, batch, steps) = (64, 512, 1024, 1024, 300)
  var rng = Xoshiro256StarStar(seed: 0)
  let features = SparseFeatureData<Float>.random(features: k, dimension: d, lowest: 5e-4, highest: 2e-2, using: &rng)
  let batches = (0..<steps).map { _ in features.batch(batch, using: &rng) }
  var best = Double.infinity
  var loss: Float = 0
  for _ in 0..<2 {
    var seedRNG = Xoshiro256StarStar(seed: 1)
    var sae = SparseAutoencoder<Float>(inputs: d, latents: m, sparsity: 0.1, learningRate: 3e-3, rng: &seedRNG)
    let start = DispatchTime.now().uptimeNanoseconds
    for batchData in batches {
      let parts = sae.train(on: batchData)
      loss = parts.reconstruction + parts.sparsity
    }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  print("swift-sae-epoch-\(threads)t", String(format: "%.4f", best), String(format: "%.4f", loss))
}

for threads in Set([1, cores]).sorted() where only == nil || only == "sae" { saeEpoch(threads: threads) }

/// One grokking run: addition mod 59, 40% of pairs for training (split by a seeded shuffle),
/// 256 hidden ReLU units, full-batch AdamW (3e-3, weight decay 1) for `steps` steps — the same
/// setup as benchmarks/learning_grokking.py. Prints seconds, final train and test accuracy.
func grokkingRun(threads: Int, steps: Int) {
  BLAS.threads = threads
  let p = 59
  let pairs = ModularAdditionMLP<Float>.allPairs(modulus: p)
  var rng = Xoshiro256StarStar(seed: 1)
  var order = Array(pairs.a.indices)
  for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
  let trainCount = order.count * 2 / 5
  let train = order[..<trainCount]
  let test = order[trainCount...]
  let (trainA, trainB, trainY) = (train.map { pairs.a[$0] }, train.map { pairs.b[$0] }, train.map { pairs.labels[$0] })
  let (testA, testB, testY) = (test.map { pairs.a[$0] }, test.map { pairs.b[$0] }, test.map { pairs.labels[$0] })
  var model = ModularAdditionMLP<Float>(modulus: p, hidden: 256, learningRate: 3e-3, weightDecay: 1, rng: &rng)
  let start = DispatchTime.now().uptimeNanoseconds
  for _ in 0..<steps { model.train(a: trainA, b: trainB, labels: trainY) }
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  let trainAccuracy = model.accuracy(a: trainA, b: trainB, labels: trainY)
  let testAccuracy = model.accuracy(a: testA, b: testB, labels: testY)
  print(
    "swift-grokking-\(threads)t", String(format: "%.4f", seconds), String(format: "%.3f", trainAccuracy),
    String(format: "%.3f", testAccuracy))
}

let grokkingSteps = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 1000
for threads in Set([1, cores]).sorted() where only == nil || only == "grokking" {
  grokkingRun(threads: threads, steps: grokkingSteps)
}
