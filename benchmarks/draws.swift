// Draws from the notebook generator in a program compiled as a notebook's is (-Onone, against
// libLemmaRuntime): through the overloads Simulation compiled for `Xoshiro256StarStar`, and
// through the standard library's generic functions (what a notebook's draws called before).
// benchmarks/draws.sh builds and runs it.
import LemmaRuntime

#if canImport(Glibc)
  import Glibc
#endif

func seconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// The standard library's generic draw: a generic generator rules the overloads out.
func genericDraw<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
  Double.random(in: 0..<1, using: &generator)
}

let draws = 2_000_000
var compiled = Xoshiro256StarStar(seed: 7)
var generic = Xoshiro256StarStar(seed: 7)
var compiledSum = 0.0
var genericSum = 0.0
var start = seconds()
for _ in 0..<draws { compiledSum += Double.random(in: 0..<1, using: &compiled) }
let compiledSeconds = seconds() - start
start = seconds()
for _ in 0..<draws { genericSum += genericDraw(&generic) }
let genericSeconds = seconds() - start
guard compiledSum == genericSum, compiled == generic else {
  print("the compiled and the generic draws differ")
  exit(1)
}
print(
  "compiled \(compiledSeconds * 1e9 / Double(draws)) generic \(genericSeconds * 1e9 / Double(draws))")
