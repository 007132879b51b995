import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// What the Swift compiler's processes run with beyond Lemma's own environment: glibc's malloc
/// backs their heap with transparent huge pages (`glibc.malloc.hugetlb=1`).
///
/// A frontend allocates most of its memory as small blocks on the heap and faults each 4 KB page
/// in on first touch. With huge pages a compile of coin.md's program takes about half the page
/// faults (8,266 → 4,357) and 8% less time (median of 30 alternating compiles, 134.8 → 123.9 ms);
/// the linker and the notebook's program gain nothing measurable, so they run as before. glibc
/// ignores a tunable it does not have, and the kernel the advice where huge pages are off.
enum FrontendEnvironment {
  /// The tunable added to the compiler's environment.
  static let tunable = "glibc.malloc.hugetlb=1"

  /// The variables to set for the compiler, given the `GLIBC_TUNABLES` Lemma runs with (tunables
  /// someone set are kept, and a huge-page setting of theirs wins).
  static func variables(inheriting inherited: String?) -> [String: String] {
    guard let inherited, !inherited.isEmpty else { return ["GLIBC_TUNABLES": tunable] }
    if inherited.contains("glibc.malloc.hugetlb=") { return ["GLIBC_TUNABLES": inherited] }
    return ["GLIBC_TUNABLES": inherited + ":" + tunable]
  }

  /// The variables for this process's environment.
  static let current = variables(inheriting: ProcessInfo.processInfo.environment["GLIBC_TUNABLES"])
}
