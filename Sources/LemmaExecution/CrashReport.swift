import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// What the Swift runtime wrote to stderr when the program trapped or crashed.
struct CrashReport: Equatable {
  /// `Fatal error: Index out of range`, or `Program crashed: Bad pointer dereference`.
  var message: String
  /// The innermost frame in notebook code, or the trap's own location.
  var location: ProgramLocation?

  /// Splits a block's stderr into what the user wrote and the crash report after it.
  static func split(_ stderr: String) -> (userText: String, report: CrashReport?) {
    let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: isReportStart) else { return (stderr, nil) }
    let userText = lines[..<start].joined(separator: "\n")
    return (userText.isEmpty ? "" : userText + "\n", parse(lines[start...]))
  }

  /// The dynamic loader's complaint in what a program wrote before its first block, when it
  /// could not start: no library defines a symbol it uses, or a library it needs is missing.
  static func loaderFailure(_ startupStderr: String) -> Failure? {
    let markers = [
      (": symbol lookup error: ", "no library a notebook program loads defines it"),
      (": relocation error: ", "no library a notebook program loads defines it"),
      (": error while loading shared libraries: ", "rebuild Lemma (`make build`) if its runtime library moved"),
    ]
    for line in startupStderr.split(separator: "\n") {
      for (marker, hint) in markers {
        guard let range = line.firstRange(of: marker) else { continue }
        var detail = line[range.upperBound...]
        // "<file>: undefined symbol: x" names the program's own file first: keep what follows.
        if detail.hasPrefix("/"), let colon = detail.firstRange(of: ": ") { detail = detail[colon.upperBound...] }
        return Failure(kind: .crash, message: "the program could not start: \(detail); \(hint)", location: nil)
      }
    }
    return nil
  }

  private static func isReportStart(_ line: Substring) -> Bool {
    line.contains("Fatal error:") || line.hasPrefix("*** Program crashed") || line.hasPrefix("*** Signal")
  }

  private static func parse(_ lines: ArraySlice<Substring>) -> CrashReport {
    var message = "the program crashed"
    var trapLocation: ProgramLocation?
    if let fatal = lines.first(where: { $0.contains("Fatal error:") }), let range = fatal.firstRange(of: "Fatal error:")
    {
      message = "Fatal error:" + fatal[range.upperBound...]
      trapLocation = ProgramLocation.parse(fatal[..<range.lowerBound])?.0
    } else if let crashed = lines.first(where: { $0.hasPrefix("*** Program crashed") }) {
      message = crashed.replacing("*** ", with: "").trimmingSpacesAndTabs
    }
    let frameLocation = lines.lazy.compactMap { line -> ProgramLocation? in
      guard let at = line.ranges(of: " at ").last else { return nil }
      return ProgramLocation.parse(line[at.upperBound...])?.0
    }.first
    return CrashReport(message: message, location: frameLocation ?? trapLocation)
  }
}
