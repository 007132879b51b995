// Implementation-only: a notebook's compile then does not load Dispatch. Safe without
// library evolution because only a private type holds a Dispatch queue and nothing public is
// inlinable.
@_implementationOnly import Dispatch

/// Runs independent pieces of Monte Carlo work on every core, each with its own random stream.
///
/// Work is split into a fixed number of chunks; chunk i always gets stream i of the seed
/// (`Xoshiro256StarStar(seed:stream:)`), and results come back in chunk order. So the answer
/// depends on the seed and the chunking only, never on how many threads ran it.
public enum ParallelMonteCarlo {
  /// Calls `body(chunk, &rng)` for every chunk in `0..<chunks`, in parallel.
  public static func run<Result>(
    chunks: Int, seed: UInt64, _ body: @Sendable (Int, inout Xoshiro256StarStar) -> Result
  ) -> [Result] {
    guard chunks > 0 else { return [] }
    var streams: [Xoshiro256StarStar] = []
    streams.reserveCapacity(chunks)
    var generator = Xoshiro256StarStar(seed: seed)
    for _ in 0..<chunks {
      streams.append(generator)
      generator.jump()
    }
    let results = ResultSlots<Result>(count: chunks)
    let starts = streams
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var rng = starts[chunk]
      results.set(chunk, body(chunk, &rng))
    }
    return results.values
  }

  /// Splits `total` items into chunks of `size` (the last may be smaller) and runs them.
  public static func run<Result>(
    items total: Int, chunkSize size: Int = 1024, seed: UInt64,
    _ body: @Sendable (Range<Int>, inout Xoshiro256StarStar) -> Result
  ) -> [Result] {
    let chunks = (total + size - 1) / size
    return run(chunks: chunks, seed: seed) { chunk, rng in
      body((chunk * size)..<min(total, (chunk + 1) * size), &rng)
    }
  }
}

/// Slots that parallel workers fill, each its own index.
private final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = DispatchQueue(label: "lemma.results")

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) { lock.sync { slots[index] = value } }

  var values: [Value] { lock.sync { slots.map { $0! } } }
}
