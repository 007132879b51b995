import Foundation
import LemmaExecution
import LemmaTestSupport
import XCTest

/// Runs the built `lemma` executable the way a user does, on notebooks in a temporary project.
final class RenderCommandTests: XCTestCase {
  private var project = ""

  override func setUpWithError() throws {
    project = temporaryDirectory(self)
    try FileManager.default.createDirectory(atPath: project + "/notebooks", withIntermediateDirectories: true)
  }

  private func write(_ name: String, _ text: String) throws {
    try text.write(toFile: project + "/notebooks/" + name, atomically: true, encoding: .utf8)
  }

  private func output(_ name: String) -> Data? {
    FileManager.default.contents(atPath: project + "/output/" + name)
  }

  /// Runs `lemma` with `arguments`; returns its exit status, stdout and stderr.
  private func lemma(_ arguments: [String], environment: [String: String] = [:]) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let executable = try RuntimeLibrary.locate().directory + "/lemma"
    let result = try ProcessRunner().run(executable, arguments: arguments, environment: environment, timeout: 120)
    guard case .exited(let status) = result.termination else {
      XCTFail("lemma did not exit normally: \(result.termination)")
      return (-1, "", "")
    }
    return (status, String(decoding: result.stdout, as: UTF8.self), String(decoding: result.stderr, as: UTF8.self))
  }

  private func render(_ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
    try lemma(
      ["render", project + "/notebooks", "--output", project + "/output", "--cache", project + "/cache"] + extra)
  }

  private let good = """
    ---
    title: Good
    params: { n: 3 }
    ---
    Intro.

    ```swift
    print((1...params.n).reduce(0, +))
    ```
    """

  /// `LEMMA_STAGE_TIMES=1` marks each stage a cold render reaches, in order, on stderr
  /// (`benchmarks/stages.sh` reads them); without it nothing is marked.
  func testStageTimesMarkEachStageInOrderOnlyWhenAskedFor() throws {
    try write("good.md", good)
    let marked = try lemma(
      ["render", project + "/notebooks", "--output", project + "/output", "--cache", project + "/cache"],
      environment: ["LEMMA_STAGE_TIMES": "1"])
    XCTAssertEqual(marked.status, 0, marked.stderr)
    let marks = marked.stderr.split(separator: "\n").filter { $0.hasPrefix("lemma-stage ") }.map { line in
      let parts = line.split(separator: " ", maxSplits: 2)
      return (time: Double(parts[1]) ?? -1, name: String(parts[2]))
    }
    // The link starts after the objects are written, or (a program compiled in parts) as the
    // first frontend ends, before the last object is; the frontends of a program compiled in
    // parts start before it is generated (`FrontendHeadStart`).
    let stages = [
      "main", "planned", "generated", "frontends started", "objects written", "link started", "linked", "compiled",
      "program ended", "executed", "written", "exit",
    ]
    var earlyLink = stages
    earlyLink.swapAt(4, 5)
    let orders = [stages, earlyLink].flatMap { order -> [[String]] in
      var headStart = order
      headStart.swapAt(2, 3)
      return [order, headStart]
    }
    XCTAssertTrue(orders.contains(marks.map(\.name)), marked.stderr)
    XCTAssertEqual(marks.map(\.time), marks.map(\.time).sorted(), marked.stderr)
    XCTAssertTrue(marks.allSatisfy { $0.time > 0 }, marked.stderr)
    let unmarked = try render(["--force"])
    XCTAssertEqual(unmarked.status, 0, unmarked.stderr)
    XCTAssertFalse(unmarked.stderr.contains("lemma-stage"), unmarked.stderr)
  }

  /// A notebook with many broken links prints its first warnings and a count of the rest;
  /// `--all-warnings` prints every one.
  func testManyWarningsAreCountedAfterTheFirstFew() throws {
    let links = (1...25).map { "[file \($0)](missing-\($0).txt)" }.joined(separator: "\n\n")
    try write("links.md", "# Links\n\n" + links + "\n")
    let run = try render()
    XCTAssertEqual(run.status, 0, run.stderr)
    let warnings = run.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
    XCTAssertEqual(warnings.count, 21, run.stderr)
    XCTAssertTrue(warnings[0].contains("links.md:3:1: warning: there is no"), run.stderr)
    XCTAssertTrue(
      warnings[20].hasSuffix(
        "links.md: warning: 5 more warnings like these (25 in all); --all-warnings prints every one"),
      run.stderr)
    let every = try render(["--all-warnings"])
    XCTAssertEqual(every.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }.count, 25, every.stderr)
  }

  func testRenderWritesReportsAndAFailingNotebookDoesNotStopTheOthers() throws {
    try write("a-good.md", good)
    try write("b-broken.md", "# Broken\n\n```swift\nlet x: Int = \"text\"\n```\n")
    let run = try render(["--jobs", "1"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stdout.contains("[1/2] \(project)/notebooks/a-good.md  ran 1 block in "), run.stdout)
    XCTAssertTrue(run.stdout.contains("[2/2] FAILED: \(project)/notebooks/b-broken.md:4: cannot convert"), run.stdout)
    XCTAssertTrue(run.stderr.contains("b-broken.md:4:14: error: cannot convert"), run.stderr)
    let html = String(decoding: try XCTUnwrap(output("a-good.html")), as: UTF8.self)
    XCTAssertTrue(html.contains("<samp>6</samp>"))
    XCTAssertNotNil(output("a-good.md"))
    XCTAssertNotNil(output("b-broken.html"), "a broken notebook still gets a report showing the failure")
  }

  func testSecondRenderIsCachedAndProseEditsStayCached() throws {
    try write("a.md", good)
    XCTAssertEqual(try render().status, 0)
    XCTAssertTrue(try render().stdout.contains("a.md  cached"))
    try write("a.md", good.replacingOccurrences(of: "Intro.", with: "A new introduction."))
    let edited = try render()
    XCTAssertTrue(edited.stdout.contains("a.md  cached"))
    XCTAssertTrue(String(decoding: try XCTUnwrap(output("a.html")), as: UTF8.self).contains("A new introduction."))
  }

  func testForcedRendersAreByteIdentical() throws {
    try write(
      "a.md",
      good + "\n\n```swift\nvar t = Table(\"x\")\nt.addRow(Double.random(in: 0..<1, using: &rng))\nshow(t)\n```\n")
    XCTAssertEqual(try render(["--force"]).status, 0)
    let first = [output("a.html"), output("a.md")]
    XCTAssertEqual(try render(["--force"]).status, 0)
    XCTAssertEqual([output("a.html"), output("a.md")], first)
  }

  func testParamOverrides() throws {
    try write("a.md", good)
    XCTAssertEqual(try render(["-P", "n=4"]).status, 0)
    XCTAssertTrue(String(decoding: try XCTUnwrap(output("a.md")), as: UTF8.self).contains("\n10\n"))
    let unknown = try render(["-P", "m=4"])
    XCTAssertEqual(unknown.status, 1)
    XCTAssertTrue(unknown.stderr.contains("no notebook has a parameter named m"), unknown.stderr)
    let badType = try render(["-P", "n=four"])
    XCTAssertEqual(badType.status, 1)
    XCTAssertTrue(badType.stderr.contains("a.md:3:11: error: -P n=four: parameter `n` is an Int"), badType.stderr)
  }

  func testBadInputIsAnErrorWithFileAndLineAndKeepsTheOldReport() throws {
    try write("a.md", good)
    XCTAssertEqual(try render().status, 0)
    let before = output("a.html")
    try write("a.md", good.replacingOccurrences(of: "title: Good", with: "title: Good\ncolour: red"))
    let run = try render()
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("a.md:3:1: error: unknown front matter key `colour`"), run.stderr)
    XCTAssertEqual(output("a.html"), before, "a notebook that cannot be read leaves its last report alone")
  }

  func testCheckListsClaimsAndFailsOnAFailedClaim() throws {
    try write(
      "a.md",
      "```swift\nclaim(\"sum\", 1 + 1, equals: 2)\nclaim(\"wrong\", 0.5, equals: 1, tolerance: .relative(0.1))\n```\n")
    let run = try lemma(["check", project + "/notebooks", "--cache", project + "/cache"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stdout.contains("  PASS \(project)/notebooks/a.md:2: sum: 2 = 2 (±0)"), run.stdout)
    XCTAssertTrue(run.stdout.contains("  FAIL \(project)/notebooks/a.md:3: wrong: 0.5 ≠ 1 (±10%)"), run.stdout)
    XCTAssertTrue(run.stdout.hasSuffix("1 passed, 1 failed\n"), run.stdout)
    XCTAssertNil(output("a.html"), "check writes no report")
    try write("a.md", "```swift\nclaim(\"sum\", 1 + 1, equals: 2)\n```\n")
    XCTAssertEqual(try lemma(["check", project + "/notebooks", "--cache", project + "/cache"]).status, 0)
  }

  func testMissingPathIsAClearError() throws {
    let run = try lemma(["render", project + "/nope.md"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("nope.md: no such file or folder"), run.stderr)
  }

  func testHelpExplainsCommandsWithExamples() throws {
    let help = try lemma(["--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.stdout.contains("render"))
    XCTAssertTrue(help.stdout.contains("Examples:"))
    XCTAssertTrue(try lemma(["render", "--help"]).stdout.contains("-P <name=value>"))
  }
}
