/// The loops behind `BeliefWalk.Kernel`: each returns how many moves a walk from `start` on
/// 0...size took and where it ended (0 or size).
extension BeliefWalk {
  /// Moves until absorption, one random bit each.
  static func bitMoves(from start: Int, size: Int, rng: inout Xoshiro256StarStar) -> (moves: Int, end: Int) {
    var position = start
    var moves = 0
    var bits: UInt64 = 0
    var available = 0
    // Wrapping arithmetic: no value here comes near overflow, and the checks cost a third.
    while position > 0 && position < size {
      if available == 0 {
        bits = rng.next()
        available = 64
      }
      position = position &+ Int(truncatingIfNeeded: bits & 1) &* 2 &- 1
      bits >>= 1
      available = available &- 1
      moves = moves &+ 1
    }
    return (moves, position)
  }

  /// Moves until absorption, taking min(d, 64) moves at once from the popcount of random bits.
  static func popcountMoves(from start: Int, size: Int, rng: inout Xoshiro256StarStar) -> (moves: Int, end: Int) {
    var position = start
    var moves = 0
    // Random bits are used from a buffer, so short batches near the ends share one draw.
    var buffer: UInt64 = 0
    var available = 0
    while position > 0 && position < size {
      let batch = min(position, size &- position, 64)
      let bits: UInt64
      if batch == 64 {
        bits = rng.next()
      } else {
        if available < batch {
          buffer = rng.next()
          available = 64
        }
        bits = buffer & ((1 &<< UInt64(batch)) &- 1)
        buffer &>>= UInt64(batch)
        available = available &- batch
      }
      position = position &+ 2 &* bits.nonzeroBitCount &- batch
      moves = moves &+ batch
    }
    return (moves, position)
  }

  /// Moves until absorption, 16 at a time through `ChunkSummary.table` (see `Kernel.prefixTable`).
  static func prefixTableMoves(from start: Int, size: Int, rng: inout Xoshiro256StarStar) -> (moves: Int, end: Int) {
    var position = start
    var moves = 0
    return ChunkSummary.table.withUnsafeBufferPointer { table in
      while true {
        var word = rng.next()
        if position > 64 && size &- position > 64 {
          position = position &+ 2 &* word.nonzeroBitCount &- 64
          moves = moves &+ 64
          continue
        }
        for _ in 0..<4 {
          let chunk = table[Int(truncatingIfNeeded: word & 0xFFFF)]
          if position &+ Int(chunk.lowest) <= 0 || position &+ Int(chunk.highest) >= size {
            // The walk reaches an end inside this chunk: find where, one bit at a time.
            while true {
              position = position &+ Int(truncatingIfNeeded: word & 1) &* 2 &- 1
              moves = moves &+ 1
              word &>>= 1
              if position <= 0 || position >= size { return (moves, position) }
            }
          }
          position = position &+ Int(chunk.net)
          moves = moves &+ 16
          word &>>= 16
        }
      }
    }
  }
}

/// What 16 moves (one bit each, lowest bit first, 1 = up) do to a walk: the net move and the
/// lowest and highest point reached relative to the start.
struct ChunkSummary {
  var net: Int8
  var lowest: Int8
  var highest: Int8

  /// One entry per 16-bit pattern (256 KiB), built once on first use.
  static let table: [ChunkSummary] = (0..<65536).map { pattern in
    var (position, lowest, highest) = (0, 0, 0)
    for bit in 0..<16 {
      position += (pattern >> bit) & 1 == 1 ? 1 : -1
      lowest = min(lowest, position)
      highest = max(highest, position)
    }
    return ChunkSummary(net: Int8(position), lowest: Int8(lowest), highest: Int8(highest))
  }
}
