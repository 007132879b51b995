import Simulation
import XCTest

final class Xoshiro256StarStarTests: XCTestCase {
  func testSplitMix64MatchesTheReferenceSequence() {
    // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    var mixer = SplitMix64(state: 0)
    XCTAssertEqual(mixer.next(), 0xE220_A839_7B1D_CDAF)
    XCTAssertEqual(mixer.next(), 0x6E78_9E6A_A1B9_65F4)
    XCTAssertEqual(mixer.next(), 0x06C4_5D18_8009_454F)
  }

  func testSameSeedSameSequenceOtherSeedOtherSequence() {
    var a = Xoshiro256StarStar(seed: 42)
    var b = Xoshiro256StarStar(seed: 42)
    var c = Xoshiro256StarStar(seed: 43)
    let first = (0..<100).map { _ in a.next() }
    XCTAssertEqual(first, (0..<100).map { _ in b.next() })
    XCTAssertNotEqual(first, (0..<100).map { _ in c.next() })
  }

  func testUniformDoublesHaveTheRightMean() {
    var rng = Xoshiro256StarStar(seed: 1)
    let count = 200_000
    let mean = (0..<count).reduce(0.0) { sum, _ in sum + Double.random(in: 0..<1, using: &rng) } / Double(count)
    // Standard error of the mean is sqrt(1/12/n) ≈ 0.00065; allow 5 of them.
    XCTAssertEqual(mean, 0.5, accuracy: 0.0033)
  }
}
