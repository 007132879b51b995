// Times the belief-walk kernels: 20 000 walks from 50 of 100, ±1 point, absorbed at 0 and 100.
// Prints: name, seconds, total steps, steps per second. Run through benchmarks/simulation.sh.
import Foundation
import Simulation

func time(_ name: String, _ body: () -> Int) {
  var best = Double.infinity
  var steps = 0
  for _ in 0..<3 {
    let start = DispatchTime.now().uptimeNanoseconds
    steps = body()
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  print(name, String(format: "%.4f", best), steps, String(format: "%.4g", Double(steps) / best))
}

let walks = 20_000
let walk = BeliefWalk(start: 50)
time("swift-bit-per-step-1-thread") {
  var rng = Xoshiro256StarStar(seed: 1)
  return (0..<walks).reduce(0) { total, _ in total + walk.steps(using: &rng, kernel: .bitPerStep) }
}
time("swift-popcount-1-thread") {
  var rng = Xoshiro256StarStar(seed: 1)
  return (0..<walks).reduce(0) { total, _ in total + walk.steps(using: &rng, kernel: .popcount) }
}
time("swift-prefix-table-1-thread") {
  var rng = Xoshiro256StarStar(seed: 1)
  return (0..<walks).reduce(0) { total, _ in total + walk.steps(using: &rng, kernel: .prefixTable) }
}
time("swift-prefix-table-all-cores") {
  var rng = Xoshiro256StarStar(seed: 1)
  return walk.simulate(walks: walks, rng: &rng, kernel: .prefixTable).steps.reduce(0, +)
}
