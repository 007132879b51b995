import LemmaEngine
import LemmaExecution
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `lemma check`: run notebooks and report only their claims, as a test suite would.
struct CheckCommand: LemmaSubcommand {
  static let spec = CommandSpec(
    name: "check",
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
      """,
    arguments: NotebookRunOptions.arguments,
    options: NotebookRunOptions.options + [
      OptionSpec(
        long: "format", valueName: "format",
        help: "text (the default), or github to add GitHub Actions annotations for failing claims and errors.")
    ])

  /// How results are printed.
  enum Format: String, CaseIterable {
    case text, github
  }

  var options: NotebookRunOptions
  var format: Format

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    options = try NotebookRunOptions(parsed)
    format = try parsed.value("format", expecting: "text or github") { Format(rawValue: $0) } ?? .text
  }

  func run() throws {
    let project = ProjectRoot.enter()
    let configuration = try SiteSetup.configuration()
    let summary = try options.located(in: project).runSession(
      goal: .check, defaultPaths: [configuration.notebooksFolder], annotate: format == .github)
    print("\(summary.claimsPassed) passed, \(summary.claimsFailed) failed")
    if summary.failed > 0 || summary.claimsFailed > 0 { throw CommandFailure() }
  }
}
