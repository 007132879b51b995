import LemmaEngine
import LemmaExecution
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

/// `lemma publish`: render what is stale and write the static site.
struct PublishCommand: LemmaSubcommand {
  static let spec = CommandSpec(
    name: "publish",
    abstract: "Render every notebook and write the reports as a static site.",
    discussion: """
      Renders the notebooks of the project (through the cache: only what changed runs), then \
      writes index.html and index.md listing every report — title, summary, claims tally and \
      first figure — and gives each report page links to the index and its neighbours. Every \
      link is relative, so the site works from file://, any folder of a web server or a static \
      host; pages have no script. Files that did not change keep their bytes, and report files \
      no notebook produces any more are removed.

      An optional lemma.yml at the project root sets the site's title, the notebooks folder,
      the output folder and the order of the reports:
        title: Quantitative arguments
        order: [getting-started, belief-martingale]

      With --from-cache, nothing is compiled or run: every report is built from outputs in the \
      local cache or the shared one (--remote-cache, or `cache` of lemma.yml), as the last job of \
      a sharded render does; a notebook whose outputs are in neither is an error naming it.

      Examples:
        lemma publish
        lemma publish --site /tmp/site --force
        lemma publish --from-cache --remote-cache http://127.0.0.1:8080
      """,
    arguments: nil,
    options: [
      OptionSpec(
        long: "site", valueName: "site",
        help: "The folder the site is written to (default: `output` of lemma.yml, or output)."),
      OptionSpec(
        long: "from-cache", help: "Compile and run nothing: build every report from cached outputs (local or shared)."),
    ] + EngineOptions.options)

  var site: String?
  var engine: EngineOptions
  var fromCache: Bool

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    site = parsed.value("site")
    engine = try EngineOptions(parsed)
    fromCache = parsed.flag("from-cache")
    if fromCache && engine.force {
      throw UsageError(
        message: "--from-cache and --force contradict each other: one runs nothing, the other everything",
        command: parsed.command)
    }
  }

  func run() throws {
    let project = ProjectRoot.enter()
    let setup = try SiteSetup.load()
    let directory = site.map(project.locate) ?? setup.configuration.output
    guard !setup.plan.entries.isEmpty else {
      writeStandardError("error: no notebooks in \(setup.configuration.notebooksFolder)/\n  add a .md notebook there\n")
      throw CommandFailure()
    }
    var runner = engine.located(in: project).runner(for: setup.configuration)
    runner.cachedOnly = fromCache
    let result = try runner.publish(setup.plan, into: directory)
    for path in result.removed { print("removed \(path) (no notebook produces it)") }
    for path in result.foreign {
      writeStandardError("warning: \(path) is not part of the site; remove it\n")
    }
    print("published \(result.digests.count) reports to \(directory)/index.html")
    if result.summary.failed > 0 { throw CommandFailure() }
  }
}

/// What one publish did: the run's summary, the index entries, and the files it removed or left.
struct PublishResult {
  var summary: RenderSession.Summary
  var digests: [ReportDigest]
  var removed: [String]
  var foreign: [String]
}

extension SessionRunner {
  /// Renders the plan's notebooks into `directory` (through the cache) and finishes the site:
  /// index pages and stray files. The one publishing path of `lemma publish` and `lemma preview`.
  func publish(_ plan: SitePlan, into directory: String) throws -> PublishResult {
    let records = AssetRecords(cache: OutputCache(directory: cache), directory: directory)
    let copiedBefore = records.all()
    let summary = try run(plan.entries.map(\.path), overrides: [:], goal: .render(into: directory), plan: plan)
    let publisher = SitePublisher(plan: plan, directory: directory, assets: records, copiedBefore: copiedBefore)
    let digests = publisher.digests(rendered: summary.digests, failures: summary.failures)
    do {
      let (removed, foreign) = try publisher.finish(digests: digests, written: summary.written)
      return PublishResult(summary: summary, digests: digests, removed: removed, foreign: foreign)
    } catch {
      writeStandardError("error: cannot write the site index in \(directory): \(describeError(error))\n")
      throw CommandFailure()
    }
  }
}
