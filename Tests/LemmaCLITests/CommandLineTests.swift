import LemmaExecution
import LemmaTestSupport
import XCTest

@testable import LemmaCLI

/// Reading command lines against a command's options, and what a user sees when one is wrong.
final class CommandLineTests: XCTestCase {
  private let spec = RenderCommand.spec

  private func parse(_ arguments: [String]) throws(UsageError) -> ParsedCommandLine {
    try ParsedCommandLine.parse(arguments, spec: spec)
  }

  func testOptionsInEveryForm() throws {
    let parsed = try parse(["a.md", "--jobs=2", "-Pwalks=5", "-P", "start=1", "--force", "-o", "site", "--", "-b.md"])
    XCTAssertEqual(parsed.positionals, ["a.md", "-b.md"])
    XCTAssertEqual(parsed.value("jobs"), "2")
    XCTAssertEqual(parsed.all("P"), ["walks=5", "start=1"])
    XCTAssertTrue(parsed.flag("force"))
    XCTAssertFalse(parsed.flag("cache"))
    XCTAssertEqual(parsed.value("output"), "site")
    XCTAssertEqual(try parse(["-j3"]).value("jobs"), "3")
    XCTAssertEqual(try RenderCommand(try parse(["-j", "4"])).options.engine.jobs, 4)
    XCTAssertTrue(try parse(["x", "-h"]).wantsHelp)
  }

  func testMistakesAreNamed() {
    let cases: [([String], String)] = [
      (["--jobz", "2"], "unknown option `--jobz`; did you mean `--jobs`?"),
      (["-x"], "unknown option `-x`"),
      (["--jobs"], "-j, --jobs <jobs> needs a value"),
      (["--force=yes"], "--force takes no value"),
      (["--jobs", "1", "--jobs", "2"], "-j, --jobs <jobs> is given twice"),
    ]
    for (arguments, message) in cases {
      XCTAssertThrowsError(try parse(arguments), "\(arguments)") { error in
        XCTAssertEqual(error as? UsageError, UsageError(message: message, command: "render"))
      }
    }
    XCTAssertThrowsError(try RenderCommand(try parse(["--jobs", "0"])))
    XCTAssertThrowsError(try RenderCommand(try parse(["--jobs", "two"]))) { error in
      XCTAssertEqual((error as? UsageError)?.message, "--jobs expects a whole number (got `two`)")
    }
    XCTAssertThrowsError(try ParsedCommandLine.parse(["a", "b"], spec: NewCommand.spec))
    XCTAssertThrowsError(try ParsedCommandLine.parse(["a"], spec: PublishCommand.spec))
  }

  func testUsageErrorsExitWith64AndHelpWith0() throws {
    let lemma = try RuntimeLibrary.locate().directory + "/lemma"
    let folder = temporaryDirectory(self)
    let wrong = try runToEnd(lemma, ["render", "--jobz", "2"], in: folder)
    XCTAssertEqual(wrong.status, 64)
    XCTAssertTrue(wrong.stderr.hasPrefix("error: unknown option `--jobz`; did you mean `--jobs`?\nusage: lemma render"))
    XCTAssertTrue(wrong.stderr.hasSuffix("  see `lemma render --help`\n"), wrong.stderr)
    let unknown = try runToEnd(lemma, ["rendr"], in: folder)
    XCTAssertEqual(unknown.status, 64)
    XCTAssertTrue(unknown.stderr.contains("did you mean `render`?"), unknown.stderr)
    XCTAssertEqual(
      try runToEnd(lemma, ["help", "check"], in: folder).stdout,
      try runToEnd(lemma, ["check", "-h"], in: folder).stdout)
    XCTAssertEqual(try runToEnd(lemma, [], in: folder).status, 0)
  }

  func testHelpWrapsWordsAndKeepsExamples() {
    XCTAssertEqual(
      HelpText.wrap(String(repeating: "word ", count: 20), first: "> ", rest: "  "),
      [
        "> " + Array(repeating: "word", count: 15).joined(separator: " "),
        "  " + Array(repeating: "word", count: 5).joined(separator: " "),
      ])
    let page = HelpText.page(spec, invokedAs: "lemma render")
    XCTAssertTrue(page.contains("\nExamples:\n  lemma render\n"), page)
    XCTAssertTrue(page.contains("  -P <name=value>         Override a front-matter parameter.\n"), page)
  }
}
