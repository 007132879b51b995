import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Compiles a generated program with `swiftc` against the runtime library, and reads its
/// diagnostics back as failures located in blocks and inline expressions.
public struct CompilerDriver: Sendable {
  /// A compile that failed: its errors, each at a program location when it has one.
  public struct Errors: Error, Sendable {
    public var failures: [Failure]
  }

  public var runtime: RuntimeLibrary
  public var compiler: String
  /// Where the toolchain's `CompilePlan` is kept; nil runs `swiftc` every time.
  public var planPath: String?

  public init(runtime: RuntimeLibrary, compiler: String = "swiftc", planPath: String? = nil) {
    self.runtime = runtime
    self.compiler = compiler
    self.planPath = planPath
  }

  /// `swiftc`'s arguments to build `sources` into `binary`.
  private func arguments(sources: [String], binary: String, entry: Program.Entry) -> [String] {
    sources + Self.entryArguments(entry) + [
      "-module-name", "Notebook", "-Onone", "-gline-tables-only", "-suppress-warnings",
      "-diagnostic-style", "llvm", "-I", runtime.modulesDirectory, "-L", runtime.directory, "-lLemmaRuntime",
      "-Xlinker", "-rpath", "-Xlinker", runtime.directory, "-o", binary,
    ] + Self.selfChecksOff.flatMap { ["-Xfrontend", $0] } + (Self.toolchainHasLLD(compiler) ? ["-use-ld=lld"] : [])
      + (sources.count > 1 ? ["-j\(sources.count)"] : [])
  }

  /// The frontend's checks of its own work that a notebook's compile skips: the verifiers of
  /// the SIL and LLVM IR it builds, which look for bugs of the compiler, not of the code it
  /// compiles (a program's object file is the same byte for byte), and took 15% of a
  /// frontend's instructions compiling coin.md (619 million against 527, callgrind). Part of
  /// the compile plan's key, so a plan learned without them is learned again.
  public static let selfChecksOff = ["-sil-verify-none", "-disable-llvm-verify"]

  /// Blocks per file when a large program is cut into files compiled in parallel: a
  /// compile's own start costs about as much as 20 small blocks.
  public static let blocksPerFile = 50

  /// How many files to compile `program` as: one per `blocksPerFile` blocks, at most one per
  /// core, and at least one per core of the `cores` a compile may use (as far as the program
  /// can be cut): two files of a small program compile in about 85% of the time of one.
  public static func fileCount(_ program: Program, cores: Int = 1) -> Int {
    fileCount(pieces: program.splitPoints.count + 1, cores: cores)
  }

  /// How many files a program of `blocks` blocks that all run will most likely be cut into
  /// (`fileCount`, with a cut before every block after the first).
  public static func predictedFileCount(blocks: Int, cores: Int) -> Int {
    fileCount(pieces: blocks, cores: cores)
  }

  /// `fileCount` for a program that can be cut into `pieces` pieces.
  private static func fileCount(pieces: Int, cores: Int) -> Int {
    max(1, min(ProcessInfo.processInfo.activeProcessorCount, pieces / blocksPerFile), min(cores, pieces))
  }

  /// Starts the frontends of a compile in `directory` before its program is written
  /// (`FrontendHeadStart`): `files` files laid out as `entry`. Nil without a plan.
  func headStart(files: Int, entry: Program.Entry, in directory: String) -> FrontendHeadStart? {
    guard files > 1, ProcessInfo.processInfo.environment["LEMMA_SWIFT_DRIVER"] != "1",
      let planPath = planPath(entry), let plan = plan(entry, at: planPath)
    else { return nil }
    return FrontendHeadStart.start(
      in: directory, files: files, entry: entry, binary: directory + "/program",
      command: { plan.compileCommand(sources: $0, primary: $1, object: $2) }, environment: FrontendEnvironment.current)
  }

  /// Writes `program` into `directory` and compiles it to `directory/program`: through the
  /// toolchain's plan when there is one (`LEMMA_SWIFT_DRIVER=1` turns it off), else `swiftc`.
  /// A program is cut into `files` files (`fileCount` for `cores` by default), compiled at once.
  public func compile(
    _ program: Program, in directory: String, files: Int? = nil, cores: Int = 1
  ) throws -> Result<String, Errors> {
    try compile(program, in: directory, files: files, cores: cores, headStart: nil)
  }

  /// `compile`, by the frontends of `headStart` (started in `directory`) when they fit the
  /// program, else with them stopped.
  func compile(
    _ program: Program, in directory: String, files: Int? = nil, cores: Int = 1, headStart: FrontendHeadStart?
  ) throws -> Result<String, Errors> {
    let texts = program.files(files ?? Self.fileCount(program, cores: cores))
    let sources =
      texts.count == 1 ? [directory + "/main.swift"] : texts.indices.map { directory + "/part-\($0 + 1).swift" }
    let binary = directory + "/program"
    var started: (runs: ToolRuns, objects: [String])?
    if let headStart {
      if headStart.directory == directory, headStart.fits(texts, entry: program.entry), headStart.feed(texts) {
        started = (headStart.runs, headStart.objects)
      } else {
        headStart.stop()
      }
    }
    do {
      // The frontends of a head start have their files already; these are kept with the binary.
      for (source, text) in zip(sources, texts) { try ScratchFile.write(text, to: source) }
    } catch {
      started?.runs.stop()
      _ = started?.runs.results()
      throw error
    }
    if ProcessInfo.processInfo.environment["LEMMA_SWIFT_DRIVER"] != "1", let planPath = planPath(program.entry),
      let plan = plan(program.entry, at: planPath)
    {
      let runs = started ?? startFrontends(sources: sources, binary: binary, with: plan)
      // A plan that no longer fits the system (a tool moved, a C runtime file changed) cannot
      // start or link: forget it, and build this program through swiftc.
      if let result = try? finish(runs.runs, objects: runs.objects, binary: binary, with: plan) { return result }
      try? FileManager.default.removeItem(atPath: planPath)
    } else if let started {
      // The plan the head start was started from is gone (another process dropped it).
      started.runs.stop()
      _ = started.runs.results()
    }
    let result = try ProcessRunner().run(
      compiler, arguments: arguments(sources: sources, binary: binary, entry: program.entry),
      environment: FrontendEnvironment.current, timeout: 600)
    if result.termination == .exited(0) { return .success(binary) }
    let output = String(decoding: result.stderr + result.stdout, as: UTF8.self)
    return .failure(Errors(failures: Self.failures(in: output)))
  }

  /// Type-checks `program` (written into `directory`) without building it; its errors.
  public func typecheck(_ program: Program, in directory: String) throws -> [Failure] {
    let source = directory + "/main.swift"
    try ScratchFile.write(program.source, to: source)
    let arguments =
      ["-typecheck", source] + Self.entryArguments(program.entry) + [
        "-module-name", "Notebook", "-suppress-warnings", "-diagnostic-style", "llvm", "-I",
        runtime.modulesDirectory,
      ]
    let result = try ProcessRunner().run(
      compiler, arguments: arguments, environment: FrontendEnvironment.current, timeout: 600)
    if result.termination == .exited(0) { return [] }
    return Self.failures(in: String(decoding: result.stderr + result.stdout, as: UTF8.self))
  }

  /// Starts the plan's frontend for each of the program's files, at once.
  private func startFrontends(
    sources: [String], binary: String, with plan: CompilePlan
  ) -> (runs: ToolRuns, objects: [String]) {
    let objects = sources.indices.map { binary + "-\($0 + 1).o" }
    // An object left by an earlier compile in this folder would look written at once.
    for object in objects { try? FileManager.default.removeItem(atPath: object) }
    let runs = ToolRuns(
      commands: sources.indices.map { plan.compileCommand(sources: sources, primary: $0, object: objects[$0]) },
      outputs: objects, environment: FrontendEnvironment.current)
    StageTimes.mark("frontends started")
    return (runs, objects)
  }

  /// Waits for the frontends' `objects` and runs the plan's linker: the compile errors, or nil
  /// when the plan itself failed (a tool would not start, an object could not be read, the link
  /// failed).
  private func finish(
    _ runs: ToolRuns, objects: [String], binary: String, with plan: CompilePlan
  ) throws -> Result<String, Errors>? {
    defer { for object in objects { try? FileManager.default.removeItem(atPath: object) } }
    // The link starts once the first frontend has ended and others still run (`EarlyLink`), or
    // else once every object is written, while the frontends are still exiting.
    var linked = false
    var watch = ToolchainWatch(listPath: planPath.map { Self.toolchainFilesPath(planPath: $0) }, binary: binary)
    var early: EarlyLink?
    var earlyTried = false
    let written = runs.waitForOutputs {
      watch.look(at: runs)
      if let early {
        watch.look(at: early.run)
      } else if !earlyTried, objects.count > 1, runs.endedCount > 0 {
        earlyTried = true
        early = EarlyLink.start(objects: objects, binary: binary) { inputs, autolink in
          let link = plan.linkCommand(objects: inputs, autolink: autolink, output: binary)
          return linkStubs?.stubbing(link) ?? link
        }
      }
    }
    if written {
      watch.look(at: runs, now: true)
      StageTimes.mark("objects written")
      // An object that is not ELF fails the plan.
      let entries = objects.compactMap(AutolinkEntries.read(objectAt:))
      let allELF = entries.count == objects.count
      var autolink: [String] = []
      for entry in entries.joined() where !autolink.contains(entry) { autolink.append(entry) }
      if allELF, let early, early.finish(autolink: autolink, meanwhile: { watch.look(at: early.run) }) {
        Self.linked(by: early.run, watch: &watch)
        linked = true
      } else {
        early?.stop()
        linked = allELF && link(objects: objects, autolink: autolink, binary: binary, with: plan, watch: &watch)
      }
    } else {
      early?.stop()
    }
    // A frontend that would not start fails the plan, as the single compile did.
    let compiled = try runs.results().map { try $0.get() }
    if compiled.contains(where: { $0.termination != .exited(0) }) {
      // Each file's compile reports its own errors; one may repeat another's (a redeclaration).
      var failures: [Failure] = []
      for result in compiled where result.termination != .exited(0) {
        let output = String(decoding: result.stderr + result.stdout, as: UTF8.self)
        for failure in Self.failures(in: output) where !failures.contains(failure) { failures.append(failure) }
      }
      return .failure(Errors(failures: failures))
    }
    return linked ? .success(binary) : nil
  }

  /// Links `objects`: against stubs of the Swift libraries when it can be, else (or if that
  /// fails) as planned. Whether it linked: the binary is in place (renamed there once whole;
  /// the linker is left to exit on its own).
  private func link(
    objects: [String], autolink: [String], binary: String, with plan: CompilePlan, watch: inout ToolchainWatch
  ) -> Bool {
    let link = plan.linkCommand(objects: objects, autolink: autolink, output: binary)
    for command in [linkStubs?.stubbing(link), link].compactMap({ $0 }) {
      // A binary left by an earlier compile in this folder would look linked at once.
      try? FileManager.default.removeItem(atPath: binary)
      let run = ToolRuns(commands: [command], outputs: [binary])
      StageTimes.mark("link started")
      if run.waitForOutputs(meanwhile: { watch.look(at: run) }) {
        Self.linked(by: run, watch: &watch)
        return true
      }
    }
    return false
  }

  /// What follows a link whose binary is in place: the linker's pages are looked at once more
  /// and, while learning, the toolchain's list is kept.
  private static func linked(by run: ToolRuns, watch: inout ToolchainWatch) {
    watch.look(at: run, now: true)
    StageTimes.mark("linked")
    watch.keep()
  }

  /// Where the files the plan's tools map are listed (`ToolchainFiles`), beside the plan.
  static func toolchainFilesPath(planPath: String) -> String {
    PathText.deletingPathExtension(planPath) + "-toolchain-files.txt"
  }

  /// The stand-ins of the Swift libraries for linking, kept beside the plans.
  private var linkStubs: LinkStubs? {
    planPath.map { LinkStubs(directory: PathText.deletingPathExtension($0) + "-link-stubs") }
  }

  /// `-parse-as-library` for a program that starts at a `@main` type (`main.swift` may then
  /// hold only declarations).
  private static func entryArguments(_ entry: Program.Entry) -> [String] {
    entry == .mainType ? ["-parse-as-library"] : []
  }

  /// Where the plan for programs that start at `entry` is kept.
  private func planPath(_ entry: Program.Entry) -> String? {
    guard let planPath else { return nil }
    return entry == .mainType ? PathText.deletingPathExtension(planPath) + "-library.json" : planPath
  }

  /// The plan kept at `planPath`, learned and stored there first if it is missing.
  private func plan(_ entry: Program.Entry, at planPath: String) -> CompilePlan? {
    if let data = FileManager.default.contents(atPath: planPath),
      let plan = try? JSONDecoder().decode(CompilePlan.self, from: data)
    {
      return plan
    }
    let scratch = planPath + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    defer { Shutdown.removeScratch(scratch) }
    guard (try? Shutdown.makeScratchFolder(scratch)) != nil else { return nil }
    let (source, output) = ("/__lemma_plan__/main.swift", "/__lemma_plan__/program")
    guard
      let plan = CompilePlan.learn(
        compiler: compiler, arguments: arguments(sources: [source], binary: output, entry: entry),
        sourcePlaceholder: source,
        outputPlaceholder: output, directory: scratch),
      let data = try? JSONEncoder().encode(plan)
    else { return nil }
    try? AtomicFile.write(data, to: planPath)
    return plan
  }

  /// Whether the toolchain of `compiler` ships `ld.lld` (faster than the system linker here).
  static func toolchainHasLLD(_ compiler: String) -> Bool {
    guard let found = executablePath(of: compiler) else { return false }
    let resolved = URL(fileURLWithPath: found).resolvingSymlinksInPath().deletingLastPathComponent()
    return FileManager.default.isExecutableFile(atPath: resolved.appendingPathComponent("ld.lld").path)
  }

  /// Where `compiler` is: itself when it is a path, else the first match on `PATH`.
  static func executablePath(of compiler: String) -> String? {
    let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let candidates =
      compiler.contains("/") ? [compiler] : searchPath.split(separator: ":").map { "\($0)/\(compiler)" }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Reads `swiftc -diagnostic-style llvm` output into failures; notes and the source excerpt
  /// under an error become its details.
  static func failures(in output: String) -> [Failure] {
    var failures: [Failure] = []
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      if let (location, rest) = ProgramLocation.parse(line), rest.hasPrefix(" error: ") {
        failures.append(Failure(kind: .compileError, message: String(rest.dropFirst(8)), location: location))
      } else if let range = line.firstRange(of: ": error: ") {
        failures.append(Failure(kind: .compileError, message: String(line[range.upperBound...]), location: nil))
      } else if let (_, rest) = ProgramLocation.parse(line), rest.hasPrefix(" note: "), !failures.isEmpty {
        failures[failures.count - 1].details += "note: " + rest.dropFirst(7) + "\n"
      }
    }
    if failures.isEmpty {
      let text = output.trimmingWhitespace
      if text.contains("Stack dump:") || text.contains("Please submit a bug report") {
        // The compiler itself crashed: say so plainly, with its report as details.
        failures.append(
          Failure(
            kind: .compileError,
            message: "the Swift compiler crashed compiling this notebook (its report is below); "
              + "simplify the code it names, for example code nested very deep",
            location: nil, details: String(text.prefix(4000))))
      } else {
        failures.append(
          Failure(kind: .compileError, message: text.isEmpty ? "the compiler failed" : text, location: nil))
      }
    }
    return failures
  }
}
