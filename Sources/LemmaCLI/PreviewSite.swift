import Dispatch
import Figures
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

/// The site `lemma preview` serves: published into the output folder, rebuilt when a notebook
/// changes, with a version number that open pages wait on to reload.
final class PreviewSite: @unchecked Sendable {
  let configuration: SiteConfiguration
  let runner: SessionRunner
  private let lock = Lock()
  private var versionValue = 0
  /// Error pages of notebooks that could not be parsed or run this time, by report name.
  private var errorPages: [String: String] = [:]
  private let rebuilding = DispatchQueue(label: "lemma.preview.rebuild")

  init(configuration: SiteConfiguration, runner: SessionRunner) {
    self.configuration = configuration
    self.runner = runner
  }

  var directory: String { configuration.output }

  /// Increases every time the site is rebuilt.
  var version: Int { lock.withLock { versionValue } }

  /// The error page that stands in for `name`'s report, if its notebook failed without a report.
  func errorPage(for name: String) -> String? { lock.withLock { errorPages[name] } }

  /// Re-renders what changed (through the cache) and rewrites the index; one rebuild at a time.
  func rebuild() {
    rebuilding.sync {
      let started = Date()
      var pages: [String: String] = [:]
      do {
        let configuration = try SiteConfiguration.load()
        let plan = try SitePlan.make(configuration)
        let summary = try runner.publish(plan, into: directory).summary
        for entry in plan.entries where summary.digests[entry.path] == nil {
          pages[entry.name] = Self.errorPage(title: entry.title, error: summary.failures[entry.path] ?? "not rendered")
        }
      } catch {
        pages["index"] = Self.errorPage(title: "lemma.yml", error: "\(error)")
      }
      lock.withLock {
        errorPages = pages
        versionValue += 1
      }
      print("site rebuilt in \(cFormat("%.2f", Date().timeIntervalSince(started))) s")
      fflush(stdout)
    }
  }

  static func errorPage(title: String, error: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head><meta charset="utf-8"><title>Error: \(HTMLText.escape(title))</title></head>
    <body style="font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem">
    <p><a href="index.html">All reports</a></p>
    <h1>\(HTMLText.escape(title)) could not be rendered</h1>
    <pre style="white-space: pre-wrap; border-left: 4px solid #cf222e; padding: 0.5rem 1rem">\(HTMLText.escape(error))</pre>
    <p>Fix the notebook and save it: this page reloads by itself.</p>
    </body>
    </html>

    """
  }
}
