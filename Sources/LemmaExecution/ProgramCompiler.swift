import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The compile stage: a generated program in, a binary (or its compile errors) out. Binaries
/// are kept in the cache by the program's text and the toolchain, so a prose edit or a rerun
/// never compiles again. Also type-checks program variants for the early-use check.
struct ProgramCompiler: Sendable {
  let settings: ExecutionSettings
  /// Identifies the runtime library and compiler, for the binary's cache key.
  let toolchainKey: String
  /// Where the compile plan for this compiler and runtime is kept.
  let planPath: String

  /// Type-checks `program` in a scratch folder; its errors (none when it cannot be checked).
  func typecheck(_ program: Program) -> [Failure] {
    let scratch = settings.cache.directory + "/build/.typecheck.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    defer { Shutdown.removeScratch(scratch) }
    guard (try? Shutdown.makeScratchFolder(scratch)) != nil else { return [] }
    let driver = CompilerDriver(runtime: settings.runtime, compiler: settings.compiler)
    return (try? driver.typecheck(program, in: scratch)) ?? []
  }

  /// Starts reading the files the toolchain mapped in earlier compiles into the page cache, on a
  /// thread of its own, for a compile about to happen (see `ToolchainFiles`).
  func prefetchToolchain() {
    ToolchainFiles.prefetch(listAt: CompilerDriver.toolchainFilesPath(planPath: planPath))
  }

  /// Compiles `program`, reusing an earlier compile of the same text.
  func compile(_ program: Program) -> Result<String, CompilerDriver.Errors> {
    let key = CacheKey.make([program.source, toolchainKey])
    let directory = settings.cache.buildDirectory(for: key)
    let binary = directory + "/program"
    if !settings.force, FileManager.default.isExecutableFile(atPath: binary) {
      CachePruner.touch(binary)
      return .success(binary)
    }
    let scratch = directory + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    defer { Shutdown.removeScratch(scratch) }
    do {
      try Shutdown.makeScratchFolder(scratch)
      let driver = CompilerDriver(runtime: settings.runtime, compiler: settings.compiler, planPath: planPath)
      switch try driver.compile(program, in: scratch, cores: settings.compileCores) {
      case .failure(let errors): return .failure(errors)
      case .success:
        // Another process sharing the cache may have put the same program in place meanwhile:
        // its folder is as good as this one (same key, same text), and is never removed while
        // it may be running, unless `force` asks for a new compile.
        try Shutdown.writingFile {
          let files = FileManager.default
          if settings.force { try? files.removeItem(atPath: directory) }
          if files.isExecutableFile(atPath: binary) { return }
          do {
            try files.moveItem(atPath: scratch, toPath: directory)
          } catch {
            guard files.isExecutableFile(atPath: binary) else { throw error }
          }
        }
        return .success(binary)
      }
    } catch {
      return .failure(
        CompilerDriver.Errors(failures: [
          Failure(kind: .notebook, message: "could not compile: \(error)", location: nil)
        ]))
    }
  }
}
