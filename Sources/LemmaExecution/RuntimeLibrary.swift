import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Where the built `LemmaRuntime` library and its modules are, for compiling notebook programs.
///
/// Plain `swift build` puts `libLemmaRuntime.so` and `Modules/` beside the `lemma` executable
/// (and the test bundle), so the folder is found from the running executable's real path.
public struct RuntimeLibrary: Sendable, Equatable {
  /// The build folder holding `libLemmaRuntime.so`.
  public var directory: String

  public var modulesDirectory: String { directory + "/Modules" }
  public var libraryPath: String { directory + "/libLemmaRuntime.so" }

  public init(directory: String) { self.directory = directory }

  /// The runtime beside the running executable, or in `LEMMA_RUNTIME_DIR` when that is set.
  public static func locate() throws(NotebookRunError) -> RuntimeLibrary {
    let environment = ProcessInfo.processInfo.environment["LEMMA_RUNTIME_DIR"]
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    let directory = environment ?? URL(fileURLWithPath: executable).deletingLastPathComponent().path
    let runtime = RuntimeLibrary(directory: directory)
    let manager = FileManager.default
    guard manager.fileExists(atPath: runtime.libraryPath),
      manager.fileExists(atPath: runtime.modulesDirectory + "/LemmaRuntime.swiftmodule")
    else {
      throw NotebookRunError(
        "the Lemma runtime library is not built in \(directory)",
        hint: "run `swift build -c release` (plain, without --product) so libLemmaRuntime.so is built")
    }
    return runtime
  }
}

/// A problem with Lemma's own setup (not with a notebook), such as a missing compiler.
public struct NotebookRunError: Error, CustomStringConvertible, Equatable, Sendable {
  public var message: String
  public var hint: String

  public init(_ message: String, hint: String) {
    self.message = message
    self.hint = hint
  }

  public var description: String { "error: \(message)\n  \(hint)" }
}
