import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `libLemmaCompilerPreload.so` (the `CompilerPreload` C target, built beside the runtime
/// library), preloaded into the frontends of a compile through the toolchain's plan: it leaves
/// the compiler's own swift-syntax libraries out of the Swift runtime's registry of protocol
/// conformances, which the compiler's Swift-written SIL passes scan for every conformance they
/// look up first. A frontend of coin.md runs 15% fewer instructions (462M → 395M and 513M →
/// 440M, callgrind) and writes the same object byte for byte.
///
/// The compiler runs those libraries only to expand macros, so a program that may expand one
/// (`MacroUses`) is compiled without the preload; should a frontend die of a signal under it
/// anyway, the compile runs again without, and the toolchain's plans stop using it (a marker
/// file beside the plan). `LEMMA_COMPILER_PRELOAD=0` turns it off.
struct CompilerPreload: Sendable, Equatable {
  /// The library's path.
  let library: String
  /// A file whose presence turns the preload off for the plan it sits beside.
  let offMarker: String

  /// The variable that turns the preload off when it is `0`.
  static let switchVariable = "LEMMA_COMPILER_PRELOAD"

  /// The preload for compiles through the plan at `planPath`, with the library in
  /// `runtimeDirectory`; nil when it is switched off, missing, turned off for this toolchain,
  /// or its path cannot be put in `LD_PRELOAD` (which splits at spaces and colons).
  static func find(runtimeDirectory: String, planPath: String) -> CompilerPreload? {
    guard ProcessInfo.processInfo.environment[switchVariable] != "0" else { return nil }
    let preload = CompilerPreload(
      library: runtimeDirectory + "/libLemmaCompilerPreload.so",
      offMarker: PathText.deletingPathExtension(planPath) + "-preload-off")
    guard !preload.library.contains(where: { $0 == " " || $0 == ":" }),
      FileManager.default.fileExists(atPath: preload.library),
      !FileManager.default.fileExists(atPath: preload.offMarker)
    else { return nil }
    return preload
  }

  /// `environment` (what the frontends run with besides Lemma's own) with the library preloaded
  /// after whatever `inherited` (Lemma's own `LD_PRELOAD`) preloads.
  func adding(to environment: [String: String], inherited: String?) -> [String: String] {
    var environment = environment
    let others = (inherited ?? "").split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
    environment["LD_PRELOAD"] = (others.filter { $0 != library } + [library]).joined(separator: ":")
    return environment
  }

  /// Marks the toolchain's plans as compiling without the preload.
  func turnOff() {
    try? AtomicFile.write(Data("a frontend died of a signal with the preload\n".utf8), to: offMarker)
  }
}
