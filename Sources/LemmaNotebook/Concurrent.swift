import Dispatch

/// Two pieces of work at the same time, or one after the other.
public enum Concurrent {
  /// `first()` and `second()`, on two threads when `parallel` (either may run on the calling
  /// thread).
  public static func both<A, B>(_ parallel: Bool, _ first: () -> A, _ second: () -> B) -> (A, B) {
    guard parallel else { return (first(), second()) }
    var a: A?
    var b: B?
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        DispatchQueue.concurrentPerform(iterations: 2) { part in
          if part == 0 { a = first() } else { b = second() }
        }
      }
    }
    return (a!, b!)
  }
}
