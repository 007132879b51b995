#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Marks of where a run of `lemma` is, for measuring its stages: with `LEMMA_STAGE_TIMES=1` in
/// the environment, each mark prints `lemma-stage MILLISECONDS NAME` to stderr, the time read
/// from the monotonic clock (the one Python's `time.monotonic` reads), so a script that starts
/// `lemma` can place each stage from its own start (`benchmarks/stages.sh`). Without it a mark
/// costs one test of a flag.
public enum StageTimes {
  /// Whether marks are printed: read once, when the first mark is made.
  private static let enabled = getenv("LEMMA_STAGE_TIMES").map { String(cString: $0) == "1" } ?? false

  /// Prints the mark `name` when stage times are on.
  public static func mark(_ name: StaticString) {
    guard enabled else { return }
    writeStandardError("lemma-stage \(cFormat("%.3f", monotonicSeconds() * 1000)) \(name)\n")
  }
}
