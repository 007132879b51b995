import Simulation
import XCTest

/// The draws compiled for `Xoshiro256StarStar` give what the standard library's generic draws
/// give, value for value, and leave the generator in the same state.
final class CompiledDrawsTests: XCTestCase {
  /// The standard library's functions, reached through a generic generator as a notebook's
  /// unoptimised program reached them before.
  private enum Generic {
    static func double<G: RandomNumberGenerator>(_ range: Range<Double>, _ generator: inout G) -> Double {
      Double.random(in: range, using: &generator)
    }
    static func double<G: RandomNumberGenerator>(_ range: ClosedRange<Double>, _ generator: inout G) -> Double {
      Double.random(in: range, using: &generator)
    }
    static func int<G: RandomNumberGenerator>(_ range: Range<Int>, _ generator: inout G) -> Int {
      Int.random(in: range, using: &generator)
    }
    static func int<G: RandomNumberGenerator>(_ range: ClosedRange<Int>, _ generator: inout G) -> Int {
      Int.random(in: range, using: &generator)
    }
    static func bool<G: RandomNumberGenerator>(_ generator: inout G) -> Bool { Bool.random(using: &generator) }
  }

  private let seeds: [UInt64] = [0, 1, 42, 0xDEAD_BEEF, .max]

  func testDoublesMatchTheStandardLibrary() {
    let ranges: [Range<Double>] = [0..<1, -3..<7.5, 1e-300..<2e-300, -1e300..<1e300, 5..<5.000000000000001]
    let closed: [ClosedRange<Double>] = [0...1, -2...2, 3...3, -1e300...1e300, 0...Double.leastNonzeroMagnitude]
    for seed in seeds {
      var compiled = Xoshiro256StarStar(seed: seed)
      var generic = Xoshiro256StarStar(seed: seed)
      for _ in 0..<200 {
        for range in ranges {
          XCTAssertEqual(Double.random(in: range, using: &compiled), Generic.double(range, &generic))
        }
        for range in closed {
          XCTAssertEqual(Double.random(in: range, using: &compiled), Generic.double(range, &generic))
        }
      }
      XCTAssertEqual(compiled, generic)
    }
  }

  func testIntegersAndBooleansMatchTheStandardLibrary() {
    let ranges: [Range<Int>] = [0..<1, 0..<10, -5..<5, 0..<(1 << 40) + 3, Int.min..<Int.max]
    let closed: [ClosedRange<Int>] = [0...0, 1...6, -5...5, Int.min...Int.max, 0...(1 << 62) + 1]
    for seed in seeds {
      var compiled = Xoshiro256StarStar(seed: seed)
      var generic = Xoshiro256StarStar(seed: seed)
      for _ in 0..<200 {
        for range in ranges { XCTAssertEqual(Int.random(in: range, using: &compiled), Generic.int(range, &generic)) }
        for range in closed { XCTAssertEqual(Int.random(in: range, using: &compiled), Generic.int(range, &generic)) }
        XCTAssertEqual(Bool.random(using: &compiled), Generic.bool(&generic))
      }
      XCTAssertEqual(compiled, generic)
    }
  }
}
