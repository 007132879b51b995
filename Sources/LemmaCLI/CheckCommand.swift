import ArgumentParser
import Foundation
import LemmaEngine
import LemmaExecution

/// `lemma check`: run notebooks and report only their claims, as a test suite would.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Run notebooks and print whether each claim holds; write no reports.",
    discussion: """
      Every `claim(...)` in a block is listed as PASS or FAIL with its notebook line, and the
      run ends with "N passed, M failed". Exits with status 1 when a claim fails or a notebook
      has an error its blocks do not allow. Uses the same cache as `lemma render`.

      Examples:
        lemma check
        lemma check notebooks/belief-martingale.md -P walks=2000
      """)

  @OptionGroup var options: NotebookRunOptions

  func run() throws {
    let configuration = try SiteSetup.configuration()
    let summary = try options.runSession(goal: .check, defaultPaths: [configuration.notebooksFolder])
    print("\(summary.claimsPassed) passed, \(summary.claimsFailed) failed")
    if summary.failed > 0 || summary.claimsFailed > 0 { throw ExitCode.failure }
  }
}
