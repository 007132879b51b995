import Dispatch
import LemmaExecution
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

/// `lemma preview`: serve the site locally, re-render a notebook when it is saved, reload the page.
struct PreviewCommand: LemmaSubcommand {
  static let spec = CommandSpec(
    name: "preview",
    abstract: "Serve the reports on 127.0.0.1 and re-render each notebook when it is saved.",
    discussion: """
      Publishes the site (like `lemma publish`), serves it on 127.0.0.1 only, and watches the \
      notebooks folder. When a notebook is saved it is re-rendered through the cache — a \
      prose-only edit shows in well under a second — and open pages reload by themselves \
      (the reload script is added only to pages served by preview, never to published files). \
      A notebook that fails shows its errors; the server keeps running. Ctrl-C stops it.

      Examples:
        lemma preview
        lemma preview --port 8080
      """,
    arguments: nil,
    options: [
      OptionSpec(long: "port", valueName: "port", help: "The port to listen on (default: 4000; 0: any free port)."),
      OptionSpec(
        long: "cache", valueName: "cache", help: "The cache folder (default: .lemma-cache at the project root)."),
    ])

  var port: UInt16
  var cache: String?

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    port = try parsed.value("port", expecting: "a port number from 0 to 65535") { UInt16($0) } ?? 4000
    cache = parsed.value("cache")
  }

  func run() throws {
    // Ctrl-C stops the programs of notebooks being rendered and ends the server: a normal end.
    Shutdown.setEnding(.exit(status: 0, message: "stopped"))
    let project = ProjectRoot.enter()
    let setup = try SiteSetup.load()
    let site = PreviewSite(
      configuration: setup.configuration,
      runner: SessionRunner(
        force: false, jobs: nil, cache: cache.map(project.locate) ?? ".lemma-cache",
        rawHTML: setup.configuration.rawHTML, remoteCache: setup.configuration.remoteCache))
    site.rebuild()
    let server: PreviewServer
    do {
      let handler = PreviewHandler(site: site)
      server = try PreviewServer(port: port) { handler.handle($0) }
    } catch {
      writeStandardError("error: \(describeError(error))\n")
      throw CommandFailure()
    }
    server.start()
    print("serving http://127.0.0.1:\(server.port)/  (Ctrl-C stops)")
    fflush(stdout)
    let watcher = NotebookWatcher(
      folder: setup.configuration.notebooksFolder, configuration: SiteConfiguration.fileName)
    watcher.start { changed in
      for path in changed { print("changed: \(path)") }
      site.rebuild()
    }
    // Park the main thread until a signal ends the process. Not `dispatchMain()`: on Linux it
    // waits in sigsuspend with no signal blocked, so Ctrl-C would kill Lemma before `Shutdown`
    // stops the programs it started.
    withExtendedLifetime(watcher) { DispatchSemaphore(value: 0).wait() }
  }
}
