import LemmaEngine
import LemmaExecution
import LemmaNotebook
import LemmaRemote
import LemmaRendering
import LemmaSite
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `lemma render`: render notebooks to reports, using the cache where nothing changed.
struct RenderCommand: LemmaSubcommand {
  static let spec = CommandSpec(
    name: "render",
    abstract: "Run notebooks and write their HTML and Markdown reports.",
    discussion: """
      Each notebook's outputs are cached in .lemma-cache/, keyed by its code, seed, parameters \
      and toolchain: a prose-only edit re-renders without compiling, and an edited block \
      recompiles only its own notebook. Exits with status 1 when any notebook has an error \
      that its blocks do not allow (`//| error: true`), including a failed claim.

      Examples:
        lemma render
        lemma render notebooks/belief-martingale.md --output site
        lemma render -P walks=500 -P start=20 --jobs 1
      """,
    arguments: NotebookRunOptions.arguments,
    options: NotebookRunOptions.options + [
      OptionSpec(
        long: "output", short: "o", valueName: "output",
        help: "The folder reports are written to (default: `output` of lemma.yml, or output).")
    ])

  var options: NotebookRunOptions
  var output: String?

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    options = try NotebookRunOptions(parsed)
    output = parsed.value("output")
  }

  func run() throws {
    let project = ProjectRoot.enter()
    let configuration = try SiteSetup.configuration()
    let summary = try options.located(in: project).runSession(
      goal: .render(into: output.map(project.locate) ?? configuration.output), site: configuration,
      defaultPaths: [configuration.notebooksFolder])
    if summary.failed > 0 { throw CommandFailure() }
  }
}

/// The options `render` and `check` share: which notebooks, parameters, cache, parallelism.
struct NotebookRunOptions {
  static let arguments = (
    name: "paths", help: "Notebooks or folders of notebooks (default: every .md file in notebooks/).", repeats: true
  )
  static let options =
    EngineOptions.options + [
      OptionSpec(
        long: nil, short: "P", valueName: "name=value", help: "Override a front-matter parameter.", repeats: true),
      OptionSpec(
        long: "shard", valueName: "i/n",
        help: "Run only shard i of n (1 ≤ i ≤ n): a stable share of the notebooks, by a hash of each path."),
    ]

  var paths: [String]
  var engine: EngineOptions
  var param: [String]
  var shard: Shard?

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    paths = parsed.positionals
    engine = try EngineOptions(parsed)
    param = parsed.all("P")
    shard = try parsed.value("shard", expecting: "i/n with 1 ≤ i ≤ n, for example 2/4") { Shard($0) }
    for entry in param where !entry.contains("=") {
      throw UsageError(
        message: "-P expects name=value, for example -P walks=500 (got `\(entry)`)", command: parsed.command)
    }
  }

  /// The options with their paths read from where the command started, relative to `project`.
  func located(in project: ProjectRoot) -> NotebookRunOptions {
    var options = self
    options.paths = paths.map(project.locate)
    options.engine = engine.located(in: project)
    return options
  }

  /// Runs the notebooks; prints progress, and errors to stderr. Throws `CommandFailure` for
  /// problems that stop everything (no notebooks, no runtime, an unknown parameter).
  /// With `site`, reports of notebooks in its notebooks folder get the site's navigation.
  func runSession(
    goal: NotebookPipeline.Goal, site: SiteConfiguration? = nil, defaultPaths: [String]? = nil, annotate: Bool = false
  ) throws -> RenderSession.Summary {
    let overrides = Dictionary(
      param.map { entry -> (String, String) in
        let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), String(parts[1]))
      }, uniquingKeysWith: { $1 })
    var notebooks: [String]
    do {
      notebooks = try NotebookPaths.expand(paths.isEmpty ? defaultPaths ?? [] : paths)
    } catch {
      writeStandardError("\(error)\n")
      throw CommandFailure()
    }
    if let shard {
      notebooks = notebooks.filter(shard.contains)
      guard !notebooks.isEmpty else {
        print("shard \(shard.index)/\(shard.count) has no notebooks")
        return RenderSession.Summary()
      }
    }
    // Listing the site reads every notebook's front matter: only worth it for its own notebooks.
    var plan: SitePlan?
    if let site, notebooks.contains(where: { SitePlan.isNotebook($0, in: site.notebooksFolder) }) {
      plan = try SiteSetup.plan(site)
    }
    return try engine.runner(for: site).run(notebooks, overrides: overrides, goal: goal, plan: plan, annotate: annotate)
  }
}

/// The options every command that runs notebooks shares: the cache, `--force`, `--jobs`.
struct EngineOptions {
  static let options = [
    OptionSpec(long: "force", help: "Ignore cached outputs and compiled programs; compile and run everything again."),
    OptionSpec(
      long: "jobs", short: "j", valueName: "jobs",
      help:
        "How many notebooks to run at once (default: the number of cores); fewer notebooks than jobs each compile in parts at once."
    ),
    OptionSpec(
      long: "cache", valueName: "cache", help: "The cache folder (default: .lemma-cache at the project root)."),
    OptionSpec(
      long: "no-memo", help: "Run every memo closure and keep nothing (stored memo results are left alone)."),
    OptionSpec(
      long: "remote-cache", valueName: "url",
      help: "A shared cache in bazel-remote's HTTP layout, behind the local one (default: `cache` of lemma.yml)."),
    OptionSpec(
      long: "all-warnings",
      help:
        "Print every warning of every notebook (by default the first \(RenderSession.warningLimit) of each, then how many more)."
    ),
  ]

  var force: Bool
  var jobs: Int?
  var cache: String?
  var remoteCache: String?
  var noMemo: Bool
  var allWarnings: Bool

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    force = parsed.flag("force")
    noMemo = parsed.flag("no-memo")
    allWarnings = parsed.flag("all-warnings")
    jobs = try parsed.value("jobs", expecting: "a whole number") { Int($0) }
    cache = parsed.value("cache")
    remoteCache = parsed.value("remote-cache")
    if let jobs, jobs < 1 { throw UsageError(message: "--jobs must be at least 1", command: parsed.command) }
    if let remoteCache {
      do throws(RemoteEndpointError) {
        _ = try RemoteEndpoint(remoteCache, environment: [:])
      } catch {
        throw UsageError(message: "--remote-cache: \(error.message); \(error.hint)", command: parsed.command)
      }
    }
  }

  /// The options with the cache folder read from where the command started.
  func located(in project: ProjectRoot) -> EngineOptions {
    var options = self
    options.cache = cache.map(project.locate)
    return options
  }

  /// The runner these options describe, writing reports as `site` (lemma.yml) says.
  func runner(for site: SiteConfiguration?) -> SessionRunner {
    SessionRunner(
      force: force, jobs: jobs, cache: cache ?? ".lemma-cache", rawHTML: site?.rawHTML ?? .filtered,
      remoteCache: remoteCache ?? site?.remoteCache, noMemo: noMemo, allWarnings: allWarnings)
  }
}

/// Runs a list of notebooks through one `RenderSession` with the runtime and cache set up.
struct SessionRunner {
  var force: Bool
  var jobs: Int?
  var cache: String
  /// What prose's raw HTML may do in the reports written (`raw_html` of lemma.yml).
  var rawHTML: RawHTML
  /// The shared cache's URL, if any.
  var remoteCache: String?
  /// Run every memo closure and keep nothing (`--no-memo`).
  var noMemo = false
  /// Print every warning, not only each notebook's first few (`--all-warnings`).
  var allWarnings = false
  /// Compile and run nothing: every notebook's outputs must be cached (`publish --from-cache`).
  var cachedOnly = false

  func run(
    _ notebooks: [String], overrides: [String: String], goal: NotebookPipeline.Goal, plan: SitePlan?,
    annotate: Bool = false
  ) throws -> RenderSession.Summary {
    let runtime: RuntimeLibrary
    do {
      runtime = try RuntimeLibrary.locate()
    } catch {
      writeStandardError("\(error)\n")
      throw CommandFailure()
    }
    let settings = ExecutionSettings(
      runtime: runtime, cache: OutputCache(directory: cache, remote: try remote()), force: force,
      cachedOnly: cachedOnly, noMemo: noMemo)
    let session = RenderSession(
      settings: settings, goal: goal, overrides: overrides,
      jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, plan: plan, rawHTML: rawHTML, annotate: annotate,
      allWarnings: allWarnings)
    let summary = session.render(notebooks)
    if !summary.unknownParams.isEmpty {
      let names = summary.unknownParams.sorted().joined(separator: ", ")
      writeStandardError("error: no notebook has a parameter named \(names)\n")
      throw CommandFailure()
    }
    return summary
  }
}

extension SessionRunner {
  /// The shared cache for one run (its one warning line goes to standard error), with the
  /// credentials of the environment.
  func remote() throws -> RemoteCache? {
    guard let remoteCache else { return nil }
    do throws(RemoteEndpointError) {
      let endpoint = try RemoteEndpoint(remoteCache, environment: ProcessInfo.processInfo.environment)
      return RemoteCache(endpoint: endpoint) { line in writeStandardError(line + "\n") }
    } catch {
      writeStandardError("error: remote cache: \(error)\n")
      throw CommandFailure()
    }
  }
}

/// The project's site: `lemma.yml` (optional) and the notebooks it covers. Errors in either
/// are printed and fail the command.
struct SiteSetup {
  var configuration: SiteConfiguration
  var plan: SitePlan

  static func load() throws -> SiteSetup {
    let configuration = try configuration()
    return SiteSetup(configuration: configuration, plan: try plan(configuration))
  }

  static func configuration() throws -> SiteConfiguration {
    do throws(NotebookError) {
      return try SiteConfiguration.load()
    } catch {
      writeStandardError("\(error)\n")
      throw CommandFailure()
    }
  }

  static func plan(_ configuration: SiteConfiguration) throws -> SitePlan {
    do throws(NotebookError) {
      return try SitePlan.make(configuration)
    } catch {
      writeStandardError("\(error)\n")
      throw CommandFailure()
    }
  }
}
