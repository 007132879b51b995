/// The standard library's draws (`Double.random(in:using:)`, `Int.random(in:using:)`,
/// `Bool.random(using:)`) for `Xoshiro256StarStar`, compiled here for it.
///
/// A notebook's program is compiled without optimisation, so a draw it makes through the
/// generic standard-library function runs uncompiled for the generator: it asks the runtime
/// for the range's type and calls the generator through its conformance, some 1,600
/// instructions a draw. These overloads win over the generic functions for a call with `&rng`
/// (a concrete type ranks above a generic one) and run the same standard-library code,
/// specialised in this optimised module: the same numbers, far fewer instructions.
extension Double {
  /// `Double.random(in:using:)`, compiled for `Xoshiro256StarStar`.
  public static func random(in range: Range<Double>, using generator: inout Xoshiro256StarStar) -> Double {
    StandardDraws.double(in: range, using: &generator)
  }

  /// `Double.random(in:using:)` for a closed range, compiled for `Xoshiro256StarStar`.
  public static func random(in range: ClosedRange<Double>, using generator: inout Xoshiro256StarStar) -> Double {
    StandardDraws.double(in: range, using: &generator)
  }
}

extension Int {
  /// `Int.random(in:using:)`, compiled for `Xoshiro256StarStar`.
  public static func random(in range: Range<Int>, using generator: inout Xoshiro256StarStar) -> Int {
    StandardDraws.int(in: range, using: &generator)
  }

  /// `Int.random(in:using:)` for a closed range, compiled for `Xoshiro256StarStar`.
  public static func random(in range: ClosedRange<Int>, using generator: inout Xoshiro256StarStar) -> Int {
    StandardDraws.int(in: range, using: &generator)
  }
}

extension Bool {
  /// `Bool.random(using:)`, compiled for `Xoshiro256StarStar`.
  public static func random(using generator: inout Xoshiro256StarStar) -> Bool {
    StandardDraws.bool(using: &generator)
  }
}

/// The standard library's generic draws, called with a generic generator: there the overloads
/// above do not apply (they would call themselves), and the optimiser specialises each call for
/// `Xoshiro256StarStar` where the overloads call it.
enum StandardDraws {
  @inline(__always)
  static func double<G: RandomNumberGenerator>(in range: Range<Double>, using generator: inout G) -> Double {
    Double.random(in: range, using: &generator)
  }

  @inline(__always)
  static func double<G: RandomNumberGenerator>(in range: ClosedRange<Double>, using generator: inout G) -> Double {
    Double.random(in: range, using: &generator)
  }

  @inline(__always)
  static func int<G: RandomNumberGenerator>(in range: Range<Int>, using generator: inout G) -> Int {
    Int.random(in: range, using: &generator)
  }

  @inline(__always)
  static func int<G: RandomNumberGenerator>(in range: ClosedRange<Int>, using generator: inout G) -> Int {
    Int.random(in: range, using: &generator)
  }

  @inline(__always)
  static func bool<G: RandomNumberGenerator>(using generator: inout G) -> Bool {
    Bool.random(using: &generator)
  }
}
