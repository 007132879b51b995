#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A calibrated belief that moves in fixed steps until it reaches certainty: a fair random walk
/// on 0...boundary, absorbed at both ends (the gambler's ruin).
///
/// Because a calibrated belief is a martingale, the variance of where it ends, k/N (1 - k/N),
/// equals the expected number of steps times the variance of one step, (s/N)² p. So from k the
/// walk takes k(N-k)/(s² p) steps on average: 2500 from 50 of 100 with unit steps.
public struct BeliefWalk: Sendable, Equatable {
  /// Where the belief starts, in points (e.g. 50 of 100).
  public var start: Int
  /// Certainty: the walk stops at 0 or here.
  public var boundary: Int
  /// Points per move.
  public var step: Int
  /// The chance that the belief moves at all in a step (a lazy walk when below 1).
  public var moveProbability: Double

  public init(start: Int, boundary: Int = 100, step: Int = 1, moveProbability: Double = 1) {
    precondition(boundary > 0 && start >= 0 && start <= boundary, "start must lie in 0...boundary")
    precondition(step > 0 && start % step == 0 && boundary % step == 0, "start and boundary must be multiples of step")
    precondition(moveProbability > 0 && moveProbability <= 1, "moveProbability must be in (0, 1]")
    self.start = start
    self.boundary = boundary
    self.step = step
    self.moveProbability = moveProbability
  }

  /// The exact expected number of steps: k(N-k) / (s² p), with k and N in points.
  public var expectedSteps: Double {
    Double(start) * Double(boundary - start) / (Double(step * step) * moveProbability)
  }

  /// Which simulation loop to use; all give exactly the same distribution.
  public enum Kernel: Sendable {
    /// One random bit per move: the textbook loop.
    case bitPerStep
    /// While the walk is d moves from the nearer end it cannot stop within d moves, so d moves
    /// are taken at once from the popcount of d random bits.
    case popcount
    /// 16 moves at a time from a table of every 16-bit chunk's net move and lowest and highest
    /// point; a chunk that would reach an end is stepped bit by bit, and while the walk is more
    /// than 64 moves from both ends a whole word is taken by popcount. It reads the random bits
    /// in the same order as `bitPerStep`, so every walk is identical to that kernel's.
    case prefixTable
  }

  /// Simulates `walks` walks in parallel (streams derived from one draw of `rng`) and returns
  /// how many steps each took, in a fixed order whatever the number of cores.
  public func simulate(walks: Int, rng: inout Xoshiro256StarStar, kernel: Kernel = .prefixTable) -> HittingTimes {
    let seed = rng.next()
    let walk = self
    let chunks = ParallelMonteCarlo.run(items: walks, chunkSize: 2048, seed: seed) { range, stream in
      var steps = [Int]()
      var tops = [Bool]()
      steps.reserveCapacity(range.count)
      tops.reserveCapacity(range.count)
      for _ in range {
        let outcome = walk.run(using: &stream, kernel: kernel)
        steps.append(outcome.steps)
        tops.append(outcome.endedAtTop)
      }
      return (steps, tops)
    }
    return HittingTimes(steps: chunks.flatMap(\.0), endedAtTop: chunks.flatMap(\.1))
  }

  /// The number of steps one walk takes.
  public func steps(using rng: inout Xoshiro256StarStar, kernel: Kernel = .prefixTable) -> Int {
    run(using: &rng, kernel: kernel).steps
  }

  /// One walk: how many steps it took, and whether it ended at certainty that the event happens.
  public func run(using rng: inout Xoshiro256StarStar, kernel: Kernel = .prefixTable) -> (steps: Int, endedAtTop: Bool)
  {
    let size = boundary / step
    let (moves, end) =
      switch kernel {
      case .bitPerStep: Self.bitMoves(from: start / step, size: size, rng: &rng)
      case .popcount: Self.popcountMoves(from: start / step, size: size, rng: &rng)
      case .prefixTable: Self.prefixTableMoves(from: start / step, size: size, rng: &rng)
      }
    let top = end >= size
    guard moveProbability < 1 else { return (moves, top) }
    // Each move comes after a geometric number of idle steps.
    let logStay = log(1 - moveProbability)
    var steps = moves
    for _ in 0..<moves {
      steps += Int((log(1 - rng.nextDouble()) / logStay).rounded(.down))
    }
    return (steps, top)
  }
}

/// How long each of many walks took to reach certainty.
public struct HittingTimes: Sendable, Equatable {
  public var steps: [Int]
  /// Whether each walk ended at the top (certainty the event happens) rather than at 0.
  public var endedAtTop: [Bool]

  public init(steps: [Int], endedAtTop: [Bool]) {
    self.steps = steps
    self.endedAtTop = endedAtTop
  }

  /// The share of walks that ended at the top: k/N for a calibrated belief.
  public var shareEndingAtTop: Double {
    Double(endedAtTop.filter { $0 }.count) / Double(max(1, endedAtTop.count))
  }

  public var count: Int { steps.count }
  public var asDoubles: [Double] { steps.map(Double.init) }
  public var statistics: RunningStatistics { RunningStatistics(asDoubles) }
  public var meanSteps: Double { statistics.mean }
  /// The standard error of the mean number of steps.
  public var standardError: Double { statistics.standardError }
  public func quantile(_ q: Double) -> Double { Statistics.quantile(asDoubles, q) }
  /// The share of walks that took at most `limit` steps.
  public func share(atMost limit: Int) -> Double {
    Double(steps.filter { $0 <= limit }.count) / Double(max(1, steps.count))
  }
}
