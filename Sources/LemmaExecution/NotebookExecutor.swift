import LemmaNotebook
import LemmaProtocol
import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// How notebooks are run: which runtime and compiler, where the cache is, whether to use it.
public struct ExecutionSettings: Sendable {
  public var runtime: RuntimeLibrary
  public var cache: OutputCache
  /// Ignore cached outputs and compiled programs.
  public var force: Bool
  /// Compile and run nothing: a notebook whose outputs are not cached is an error.
  public var cachedOnly: Bool
  /// Ignore stored `memo` results (`--no-memo`): every closure runs and nothing is kept.
  public var noMemo: Bool
  public var compiler: String
  /// The cores one compile may use: a program is compiled as that many files at once, when it
  /// has that many places to cut. A session that runs one notebook at a time gives it them all.
  public var compileCores: Int

  public init(
    runtime: RuntimeLibrary, cache: OutputCache, force: Bool = false, cachedOnly: Bool = false, noMemo: Bool = false,
    compiler: String = "swiftc", compileCores: Int = 1
  ) {
    self.runtime = runtime
    self.cache = cache
    self.force = force
    self.cachedOnly = cachedOnly
    self.noMemo = noMemo
    self.compiler = compiler
    self.compileCores = compileCores
  }
}

/// The outcome of executing one notebook.
public struct Execution: Sendable {
  public enum Source: Equatable, Sendable {
    /// Read from the cache: nothing was compiled or run.
    case cached
    /// Compiled (unless the program was cached) and run.
    case ran
  }

  public var outputs: NotebookOutputs
  /// The key the outputs are stored under: it identifies what produced them.
  public var cacheKey: String
  /// SHA-256 of the program, seed, parameters and time limit: the same on every machine, so a
  /// report can show it without losing byte-for-byte reproducibility.
  public var inputsKey: String
  /// `swiftc --version`'s first line.
  public var swiftVersion: String
  public var source: Source
  /// The parameter values the program ran with, in front-matter order.
  public var params: [(name: String, value: ParamValue)]
  /// The `files:` data files that changed since this notebook last ran (when it ran).
  public var changedFiles: [String] = []

  public init(
    outputs: NotebookOutputs, cacheKey: String, inputsKey: String = "", swiftVersion: String = "", source: Source,
    params: [(name: String, value: ParamValue)]
  ) {
    self.outputs = outputs
    self.cacheKey = cacheKey
    self.inputsKey = inputsKey
    self.swiftVersion = swiftVersion
    self.source = source
    self.params = params
  }
}

/// What executing a notebook would use, worked out from it once: the resolved parameters, the
/// `files:` data files with their hashes, the files its program read last time with their
/// hashes now, and the keys of its program and inputs — `inputsKey` without anything
/// machine-specific (shown in reports), `key` with the toolchain (the cache's).
public struct ExecutionPlan: Sendable {
  public var params: [(name: String, value: ParamValue)]
  public var files: DataFiles
  /// The data files the program read when it last ran with these inputs, as they are now.
  public var reads: [FileRead]
  /// Those files as they were when read (empty when it has not run with these inputs).
  public var recordedReads: [FileRead]
  public var inputsKey: String
  public var key: String
  /// What the keys are made from, before the files the program reads.
  var inputs: [String]
  /// The key the record of the files the program read is kept under: what is known before it runs.
  var readsRecordKey: String
  /// Each `memo` call's key, by `"cell-3:12"`.
  public var memoKeys: [String: String] = [:]
  /// The program with every block that runs, when it was generated for the plan (for its memos).
  var program: Program?

  /// The data files the program read whose content differs now from when it last read them.
  public var changedReads: [String] {
    zip(recordedReads, reads).filter { $0.sha256 != $1.sha256 }.map(\.0.path)
  }
}

/// Runs a notebook: generate its program, compile it, run it, decode what it printed, and
/// cache the result. Failures a block is allowed (`error: true`) are recorded, the block is
/// dropped, and the rest of the notebook runs without it.
public struct NotebookExecutor: Sendable {
  public let settings: ExecutionSettings
  /// Identifies the engine, runtime library and compiler, for cache keys: content only.
  private let toolchainKey: String
  /// Where the compile plan for this compiler and runtime is kept (in `toolchainFolder`).
  private let planPath: String

  /// The compiler's version line, read once and kept beside the runtime.
  public let swiftVersion: String

  public init(settings: ExecutionSettings) {
    self.settings = settings
    let compiler = settings.compiler
    let folder = Self.toolchainFolder(settings)
    let compilerKey = CacheKey.make([Self.compilerIdentity(compiler)])
    swiftVersion = Self.swiftVersion(compiler, path: folder + "/swift-version-\(compilerKey).txt")
    let engine = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    toolchainKey = CacheKey.make([
      BuildIdentity.of(runtime: settings.runtime, engine: engine), "compiler \(swiftVersion)",
    ])
    planPath =
      folder + "/compile-plan-"
      + CacheKey.make([compilerKey, settings.runtime.directory] + CompilerDriver.selfChecksOff) + ".json"
  }

  /// Where facts about the compiler and the build are kept — the compiler's version line and
  /// the compile plan: beside the runtime library, since they describe the toolchain and the
  /// build rather than any notebook (so an emptied output cache keeps them), or in the cache
  /// when the build folder is read-only.
  private static func toolchainFolder(_ settings: ExecutionSettings) -> String {
    FileManager.default.isWritableFile(atPath: settings.runtime.directory)
      ? settings.runtime.directory + "/.lemma-toolchain" : settings.cache.directory + "/toolchain"
  }

  /// What running `notebook` would use: its parameters (`overrides` replacing front-matter
  /// values), program, data files and keys. Worked out once per notebook and render.
  public func plan(_ notebook: Notebook, overrides: [String: String] = [:]) throws(NotebookError) -> ExecutionPlan {
    let params = try ParamResolver.resolve(notebook, overrides: overrides)
    let paramText = params.map { "\($0.name)=\($0.value)" }
    // A notebook with memos is generated now (a memo's key is the program before it);
    // others only when they run.
    let generated =
      notebook.experiments.contains { MemoSites.mayHaveMemo($0.code) }
      ? ProgramGenerator().generate(notebook) : nil
    let program = ProgramGenerator().keySource(notebook)
    let files = try DataFiles.of(notebook)
    let inputs =
      [program, "seed=\(notebook.frontMatter.seed)", "timeout=\(notebook.frontMatter.timeout)"] + paramText
      + files.keyParts
    let readsRecordKey = CacheKey.make(inputs + [toolchainKey])
    let recorded = settings.cache.recordedReads(for: readsRecordKey)
    let reads = recorded.map { FileRead(path: $0.path, sha256: CacheKey.ofFile(notebook.resolve($0.path))) }
    let keys = keys(inputs, reads)
    var plan = ExecutionPlan(
      params: params, files: files, reads: reads, recordedReads: recorded, inputsKey: keys.inputsKey, key: keys.key,
      inputs: inputs, readsRecordKey: readsRecordKey, program: generated)
    guard let generated else { return plan }
    plan.memoKeys = try memoKeys(
      notebook, generated,
      [toolchainKey, "seed=\(notebook.frontMatter.seed)"] + paramText + files.keyParts
        + reads.map { "read \($0.path)=\($0.sha256)" })
    return plan
  }

  /// The key of each `memo` call: the program up to the end of its closure, every declaration
  /// of the notebook (a function declared further down can be called from it), and `common`
  /// (toolchain, seed, parameters, data files). Throws for a call that cannot be a memo.
  private func memoKeys(_ notebook: Notebook, _ program: Program, _ common: [String]) throws(NotebookError)
    -> [String: String]
  {
    for block in notebook.experiments {
      guard let problem = program.blocks[block.index]?.problem else { continue }
      throw NotebookError(
        path: notebook.path,
        location: SourceLocation(line: block.firstCodeLine + problem.line - 1, column: problem.column),
        message: problem.message)
    }
    let found = notebook.experiments.flatMap { block in
      (program.blocks[block.index]?.sites ?? []).map { (block: block, site: $0) }
    }
    guard !found.isEmpty else { return [:] }
    let declarations = program.blocks.keys.sorted().flatMap { program.blocks[$0]!.declarations }
    let source = Array(program.source.utf8)
    var keys: [String: String] = [:]
    for (block, site) in found {
      guard let end = program.sourceOffset(block: block.index, codeOffset: site.closureEnd) else { continue }
      let name = ProgramLocation.fileName(for: .block(block.index)) + ":\(site.line)"
      keys[name] = CacheKey.make(
        ["memo-1", name, String(decoding: source[..<min(source.count, end)], as: UTF8.self)] + declarations + common)
    }
    return keys
  }

  /// The keys of outputs made from `inputs` by a program that read `reads`. With no reads they
  /// are the keys of the inputs alone.
  private func keys(_ inputs: [String], _ reads: [FileRead]) -> (inputsKey: String, key: String) {
    let all = inputs + reads.map { "read \($0.path)=\($0.sha256)" }
    return (CacheKey.make(all), CacheKey.make(all + [toolchainKey]))
  }

  /// The plan's cache key when its outputs are in the cache (and `force` is off): then
  /// `execute` would only read them back.
  public func cachedOutputsKey(_ plan: ExecutionPlan) -> String? {
    !settings.force && settings.cache.hasOutputs(for: plan.key) ? plan.key : nil
  }

  /// Executes `notebook` with its parameters, `overrides` replacing front-matter values.
  public func execute(
    _ notebook: Notebook, overrides: [String: String] = [:], progress: (@Sendable (String) -> Void)? = nil
  ) throws(NotebookError) -> Execution {
    execute(notebook, plan: try plan(notebook, overrides: overrides), progress: progress)
  }

  /// What executing `notebook` as `plan` says gives without compiling or running anything: its
  /// outputs from the cache (unless `force`), or none for a notebook with nothing to run. Nil
  /// when the program must run.
  public func cachedExecution(_ notebook: Notebook, plan: ExecutionPlan) -> Execution? {
    func execution(_ outputs: NotebookOutputs, _ source: Execution.Source) -> Execution {
      Execution(
        outputs: outputs, cacheKey: plan.key, inputsKey: plan.inputsKey, swiftVersion: swiftVersion, source: source,
        params: plan.params)
    }
    if !settings.force, let outputs = settings.cache.outputs(for: plan.key) {
      return execution(outputs, .cached)
    }
    if notebook.experiments.isEmpty && notebook.inlineExpressions.isEmpty {
      return execution(NotebookOutputs(blocks: [], inlines: []), .ran)
    }
    return nil
  }

  /// Executes `notebook` as `plan` says. `progress` receives each line the program reports with
  /// `progress(_:step:of:)` while it runs.
  public func execute(
    _ notebook: Notebook, plan: ExecutionPlan, progress: (@Sendable (String) -> Void)? = nil
  ) -> Execution {
    if let cached = cachedExecution(notebook, plan: plan) { return cached }
    let (params, files) = (plan.params, plan.files)
    // Memo results the program may read: here, or fetched from the remote cache now (not under
    // --force, which runs every closure, nor --no-memo, which keeps nothing).
    let memoKeys = Array(plan.memoKeys.values)
    let memosHere = settings.noMemo || settings.force ? [] : Set(memoKeys.filter(settings.cache.hasMemo))
    let configuration = RunConfiguration(
      nonce: Self.nonce(), seed: notebook.frontMatter.seed,
      params: Dictionary(uniqueKeysWithValues: params.map { ($0.name, $0.value.description) }),
      progressDescriptor: progress == nil ? nil : ProcessRunner.progressDescriptor,
      memoDirectory: settings.noMemo || memoKeys.isEmpty ? nil : settings.cache.memoDirectory, memoKeys: plan.memoKeys,
      memoReads: !settings.force)
    let compiler = ProgramCompiler(settings: settings, toolchainKey: toolchainKey, planPath: planPath)
    // The program is most likely compiled: the toolchain's files are read in meanwhile.
    compiler.prefetchToolchain()
    // Its frontends start while the program is written (a program generated for the plan is
    // written already).
    let headStart = plan.program == nil ? compiler.headStart(for: notebook) : nil
    var run = NotebookRun(
      notebook: notebook, program: plan.program ?? ProgramGenerator().generate(notebook), compiler: compiler,
      configuration: configuration, progress: progress, headStart: headStart)
    StageTimes.mark("generated")
    let outputs = run.outputs()
    // Stored under the files as the program read them: if one changed while it ran, the next
    // render sees the difference and runs it again.
    let keys = keys(plan.inputs, outputs.reads)
    try? settings.cache.store(outputs, for: keys.key)
    settings.cache.recordReads(outputs.reads, for: plan.readsRecordKey)
    if !settings.noMemo { settings.cache.shareMemos(memoKeys.filter { !memosHere.contains($0) }) }
    let changedFiles =
      notebook.frontMatter.files.isEmpty
      ? [] : settings.cache.swapDataFiles(files, of: notebook.path).map(files.changed(since:)) ?? []
    var ran = Execution(
      outputs: outputs, cacheKey: keys.key, inputsKey: keys.inputsKey, swiftVersion: swiftVersion, source: .ran,
      params: params)
    ran.changedFiles = Array(Set(changedFiles + plan.changedReads)).sorted()
    return ran
  }

  /// `swiftc --version`'s first line, kept at `path` so it is read once per compiler.
  private static func swiftVersion(_ compiler: String, path: String) -> String {
    if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
      !text.isEmpty
    {
      return text
    }
    guard let result = try? ProcessRunner().run(compiler, arguments: ["--version"], timeout: 30),
      result.termination == .exited(0)
    else { return "unknown" }
    let output = String(decoding: result.stdout + result.stderr, as: UTF8.self)
    let line = output.split(separator: "\n").first { $0.contains("Swift version") }.map(String.init) ?? "unknown"
    try? AtomicFile.write(Data(line.utf8), to: path)
    return line
  }

  private static func nonce() -> String {
    (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined()
  }

  /// Names this machine's compiler by its resolved path, size and modification time: cheap to
  /// read and changed by any toolchain update. Only for files kept on this machine (the version
  /// line, the compile plan), never for cache keys, which use the version line itself.
  private static func compilerIdentity(_ compiler: String) -> String {
    guard let found = CompilerDriver.executablePath(of: compiler) else { return compiler }
    return fileIdentity(found)
  }

  /// A file's resolved path, size and modification time.
  private static func fileIdentity(_ path: String) -> String {
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let status = FileStatus(path: resolved)
    return "\(resolved) \(status?.size ?? 0) \(status?.modified ?? 0)"
  }
}
