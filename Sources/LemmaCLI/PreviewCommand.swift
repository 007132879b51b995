import ArgumentParser
import Dispatch
import FlyingFox
import Foundation
import LemmaSite

/// `lemma preview`: serve the site locally, re-render a notebook when it is saved, reload the page.
struct PreviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Serve the reports on 127.0.0.1 and re-render each notebook when it is saved.",
    discussion: """
      Publishes the site (like `lemma publish`), serves it on 127.0.0.1 only, and watches the
      notebooks folder. When a notebook is saved it is re-rendered through the cache — a
      prose-only edit shows in well under a second — and open pages reload by themselves
      (the reload script is added only to pages served by preview, never to published files).
      A notebook that fails shows its errors; the server keeps running. Ctrl-C stops it.

      Examples:
        lemma preview
        lemma preview --port 8080
      """)

  @Option(help: "The port to listen on (0: any free port).")
  var port: UInt16 = 4000

  @Option(help: "The cache folder.")
  var cache = ".lemma-cache"

  func run() throws {
    let setup = try SiteSetup.load()
    let site = PreviewSite(
      configuration: setup.configuration, runner: SessionRunner(force: false, jobs: nil, cache: cache))
    site.rebuild()
    let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
    let server = HTTPServer(address: address, timeout: 60, logger: .disabled, handler: PreviewHandler(site: site))
    let stopping = StopFlag()
    let serving = Task {
      do {
        try await server.run()
      } catch {
        if stopping.isSet { return }
        FileHandle.standardError.write(Data("error: cannot serve on 127.0.0.1:\(port): \(error)\n".utf8))
        endProcess(1)
      }
    }
    Task {
      try await server.waitUntilListening()
      guard case .ip4(_, let actualPort) = await server.listeningAddress else { return }
      print("serving http://127.0.0.1:\(actualPort)/  (Ctrl-C stops)")
      fflush(stdout)
    }
    let watcher = NotebookWatcher(
      folder: setup.configuration.notebooksFolder, configuration: SiteConfiguration.fileName)
    watcher.start { changed in
      for path in changed { print("changed: \(path)") }
      site.rebuild()
    }
    signal(SIGINT, SIG_IGN)
    signal(SIGTERM, SIG_IGN)
    let stop: @Sendable () -> Void = {
      stopping.set()
      Task {
        await server.stop(timeout: 1)
        serving.cancel()
        print("stopped")
        fflush(stdout)
        endProcess(0)
      }
    }
    let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .main)
    interrupt.setEventHandler(handler: stop)
    interrupt.resume()
    let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .main)
    terminate.setEventHandler(handler: stop)
    terminate.resume()
    withExtendedLifetime((interrupt, terminate, watcher)) { dispatchMain() }
  }
}

/// Ends the process (Glibc's `exit`, named apart from ArgumentParser's `exit`).
func endProcess(_ code: Int32) -> Never { Foundation.exit(code) }

/// Set once the server is being stopped on purpose, so its ending is not an error.
final class StopFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  var isSet: Bool { lock.withLock { value } }

  func set() { lock.withLock { value = true } }
}
