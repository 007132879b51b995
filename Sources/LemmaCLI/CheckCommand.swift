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
      Every `claim(...)` in a block is listed as PASS or FAIL with its notebook line, and the \
      run ends with "N passed, M failed". Exits with status 1 when a claim fails or a notebook \
      has an error its blocks do not allow. Uses the same cache as `lemma render`.

      With `--format github`, each failing claim and error is also printed as a GitHub Actions \
      workflow command (`::error file=…,line=…::…`), so a CI job shows it on the notebook's line.

      Examples:
        lemma check
        lemma check notebooks/belief-martingale.md -P walks=2000
        lemma check --format github
      """)

  /// How results are printed.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, github
  }

  @OptionGroup var options: NotebookRunOptions

  @Option(help: "text, or github to add GitHub Actions annotations for failing claims and errors.")
  var format: Format = .text

  func run() throws {
    let project = ProjectRoot.enter()
    let configuration = try SiteSetup.configuration()
    let summary = try options.located(in: project).runSession(
      goal: .check, defaultPaths: [configuration.notebooksFolder], annotate: format == .github)
    print("\(summary.claimsPassed) passed, \(summary.claimsFailed) failed")
    if summary.failed > 0 || summary.claimsFailed > 0 { throw ExitCode.failure }
  }
}
