import ArgumentParser
import Foundation
import LemmaEngine
import LemmaExecution
import LemmaNotebook
import LemmaSite

/// `lemma render`: render notebooks to reports, using the cache where nothing changed.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
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
      """)

  @OptionGroup var options: NotebookRunOptions

  @Option(name: .shortAndLong, help: "The folder reports are written to (default: `output` of lemma.yml, or output).")
  var output: String?

  func run() throws {
    let project = ProjectRoot.enter()
    let configuration = try SiteSetup.configuration()
    let summary = try options.located(in: project).runSession(
      goal: .render(into: output.map(project.locate) ?? configuration.output), site: configuration,
      defaultPaths: [configuration.notebooksFolder])
    if summary.failed > 0 { throw ExitCode.failure }
  }
}

/// The options `render` and `check` share: which notebooks, parameters, cache, parallelism.
struct NotebookRunOptions: ParsableArguments {
  @Argument(help: "Notebooks or folders of notebooks (default: every .md file in notebooks/).")
  var paths: [String] = []

  @OptionGroup var engine: EngineOptions

  @Option(name: .customShort("P"), help: ArgumentHelp("Override a front-matter parameter.", valueName: "name=value"))
  var param: [String] = []

  /// The options with their paths read from where the command started, relative to `project`.
  func located(in project: ProjectRoot) -> NotebookRunOptions {
    var options = self
    options.paths = paths.map(project.locate)
    options.engine = engine.located(in: project)
    return options
  }

  func validate() throws {
    for entry in param where !entry.contains("=") {
      throw ValidationError("-P expects name=value, for example -P walks=500 (got `\(entry)`)")
    }
  }

  /// Runs the notebooks; prints progress, and errors to stderr. Throws `ExitCode.failure` for
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
    let notebooks: [String]
    do {
      notebooks = try NotebookPaths.expand(paths.isEmpty ? defaultPaths ?? [] : paths)
    } catch {
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      throw ExitCode.failure
    }
    // Listing the site reads every notebook's front matter: only worth it for its own notebooks.
    var plan: SitePlan?
    if let site, notebooks.contains(where: { SitePlan.isNotebook($0, in: site.notebooksFolder) }) {
      plan = try SiteSetup.plan(site)
    }
    return try engine.runner.run(notebooks, overrides: overrides, goal: goal, plan: plan, annotate: annotate)
  }
}

/// The options every command that runs notebooks shares: the cache, `--force`, `--jobs`.
struct EngineOptions: ParsableArguments {
  @Flag(help: "Ignore cached outputs and compiled programs; compile and run everything again.")
  var force = false

  @Option(name: .shortAndLong, help: "How many notebooks to run at once (default: the number of cores).")
  var jobs: Int?

  @Option(help: "The cache folder (default: .lemma-cache at the project root).")
  var cache: String?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  /// The options with the cache folder read from where the command started.
  func located(in project: ProjectRoot) -> EngineOptions {
    var options = self
    options.cache = cache.map(project.locate)
    return options
  }

  var runner: SessionRunner { SessionRunner(force: force, jobs: jobs, cache: cache ?? ".lemma-cache") }
}

/// Runs a list of notebooks through one `RenderSession` with the runtime and cache set up.
struct SessionRunner {
  var force: Bool
  var jobs: Int?
  var cache: String

  func run(
    _ notebooks: [String], overrides: [String: String], goal: NotebookPipeline.Goal, plan: SitePlan?,
    annotate: Bool = false
  ) throws -> RenderSession.Summary {
    let runtime: RuntimeLibrary
    do {
      runtime = try RuntimeLibrary.locate()
    } catch {
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      throw ExitCode.failure
    }
    let settings = ExecutionSettings(runtime: runtime, cache: OutputCache(directory: cache), force: force)
    let session = RenderSession(
      settings: settings, goal: goal, overrides: overrides,
      jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, plan: plan, annotate: annotate)
    let summary = session.render(notebooks)
    if !summary.unknownParams.isEmpty {
      let names = summary.unknownParams.sorted().joined(separator: ", ")
      FileHandle.standardError.write(Data("error: no notebook has a parameter named \(names)\n".utf8))
      throw ExitCode.failure
    }
    return summary
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
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      throw ExitCode.failure
    }
  }

  static func plan(_ configuration: SiteConfiguration) throws -> SitePlan {
    do throws(NotebookError) {
      return try SitePlan.make(configuration)
    } catch {
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      throw ExitCode.failure
    }
  }
}
