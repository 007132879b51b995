/// xoshiro256** (Blackman and Vigna): a fast, seedable generator with a 2^256 - 1 period.
///
/// Seeded through SplitMix64, so any 64-bit seed, even 0, gives a well-mixed state. The same seed
/// gives the same sequence on every machine.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable, Codable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator whose state is filled from `seed` by SplitMix64.
  public init(seed: UInt64) {
    var mixer = SplitMix64(state: seed)
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
  }

  @inlinable @inline(__always)
  static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  /// A generator from a seed and a stream number: streams of one seed are independent
  /// (each starts 2^128 draws after the previous one), for parallel work.
  public init(seed: UInt64, stream: Int) {
    self.init(seed: seed)
    for _ in 0..<max(0, stream) { jump() }
  }

  /// Advances the state by 2^128 draws: the start of the next independent stream.
  public mutating func jump() {
    let polynomial: [UInt64] = [
      0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
    ]
    var (t0, t1, t2, t3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    for word in polynomial {
      for bit in 0..<64 {
        if word & (1 << UInt64(bit)) != 0 {
          t0 ^= s0
          t1 ^= s1
          t2 ^= s2
          t3 ^= s3
        }
        _ = next()
      }
    }
    (s0, s1, s2, s3) = (t0, t1, t2, t3)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inline(__always)
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = Self.rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Self.rotateLeft(s3, 45)
    return result
  }
}

/// SplitMix64 (Steele, Lea and Flood): used to expand one 64-bit seed into generator state.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
  public var state: UInt64

  public init(state: UInt64) { self.state = state }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
