import LemmaNotebook
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

  /// Starts the frontends of the compile `notebook`'s program will most likely need, before the
  /// program is written (`FrontendHeadStart`), in a scratch folder of their own: when every
  /// block of the notebook runs and the program will be cut into more than one file (not with
  /// `LEMMA_HEAD_START=0`). Give it to `compile`, or to `discard`.
  func headStart(for notebook: Notebook) -> FrontendHeadStart? {
    guard ProcessInfo.processInfo.environment["LEMMA_HEAD_START"] != "0",
      notebook.experiments.allSatisfy(\.options.eval)
    else { return nil }
    let files = CompilerDriver.predictedFileCount(blocks: notebook.experiments.count, cores: settings.compileCores)
    guard files > 1 else { return nil }
    let scratch = settings.cache.directory + "/build/head.\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    guard (try? Shutdown.makeScratchFolder(scratch)) != nil else { return nil }
    let driver = CompilerDriver(runtime: settings.runtime, compiler: settings.compiler, planPath: planPath)
    guard let started = driver.headStart(files: files, entry: .mainType, in: scratch) else {
      Shutdown.removeScratch(scratch)
      return nil
    }
    return started
  }

  /// Stops a head start that no compile took, and removes its folder.
  func discard(_ headStart: FrontendHeadStart) {
    headStart.stop()
    Shutdown.removeScratch(headStart.directory)
  }

  /// Compiles `program`, reusing an earlier compile of the same text; by the frontends of
  /// `headStart` when they fit it.
  func compile(_ program: Program, headStart: FrontendHeadStart? = nil) -> Result<String, CompilerDriver.Errors> {
    let key = CacheKey.make([program.source, toolchainKey])
    let directory = settings.cache.buildDirectory(for: key)
    let binary = directory + "/program"
    if !settings.force, FileManager.default.isExecutableFile(atPath: binary) {
      if let headStart { discard(headStart) }
      CachePruner.touch(binary)
      return .success(binary)
    }
    let scratch = headStart?.directory ?? directory + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    defer { Shutdown.removeScratch(scratch) }
    do {
      if headStart == nil { try Shutdown.makeScratchFolder(scratch) }
      let driver = CompilerDriver(runtime: settings.runtime, compiler: settings.compiler, planPath: planPath)
      switch try driver.compile(program, in: scratch, cores: settings.compileCores, headStart: headStart) {
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
