// Times Figures' SVG rendering of a 100 000-point line and a 1 000-point line.
// Prints one line per case: name, median milliseconds over the runs, bytes of SVG.
// Run through benchmarks/charts.sh, which compares with matplotlib in the same run.
import Figures
import Foundation

func randomWalk(_ count: Int, seed: UInt64) -> [Double] {
  var rng = Xoshiro256StarStarLike(seed: seed)
  var level = 0.0
  return (0..<count).map { _ in
    level += Double(rng.next() >> 11) / Double(1 << 53) * 2 - 1
    return level
  }
}

/// SplitMix64, so the benchmark does not depend on the Simulation module.
struct Xoshiro256StarStarLike {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

func measure(_ name: String, points: Int, runs: Int) {
  let ys = randomWalk(points, seed: 42)
  let chart = Chart.line(y: ys, label: "walk").xLabel("step").yLabel("position")
  var times: [Double] = []
  var bytes = 0
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let svg = ChartRenderer(id: "bench").svg(chart, standalone: true)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    bytes = svg.utf8.count
  }
  times.sort()
  print(name, String(format: "%.2f", times[times.count / 2]), bytes)
}

measure("line-100k", points: 100_000, runs: 21)
measure("line-1k", points: 1_000, runs: 101)
