import Foundation
import LemmaExecution
import LemmaTestSupport
import XCTest

@testable import LemmaCLI

/// The commands around rendering: `lemma new`, the project root found from any folder,
/// `check --format github`, help text, and the preview server's Host check.
final class ProjectCommandTests: XCTestCase {
  private var project = ""

  override func setUpWithError() throws {
    project = temporaryDirectory(self)
    try FileManager.default.createDirectory(atPath: project + "/notebooks/drafts", withIntermediateDirectories: true)
    try "title: Test site\n".write(toFile: project + "/lemma.yml", atomically: true, encoding: .utf8)
  }

  private func lemma(_ arguments: [String], in folder: String? = nil) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    try runToEnd(try RuntimeLibrary.locate().directory + "/lemma", arguments, in: folder ?? project)
  }

  func testNewWritesANotebookThatRendersWithAChartAndAPassingClaim() throws {
    let created = try lemma(["new", "coin-flips"])
    XCTAssertEqual(created.status, 0, created.stderr)
    XCTAssertTrue(created.stdout.contains("wrote notebooks/coin-flips.md"), created.stdout)
    let text = try String(contentsOfFile: project + "/notebooks/coin-flips.md", encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("---\ntitle: Coin flips\n"), text)
    let rendered = try lemma(["render", "notebooks/coin-flips.md"])
    XCTAssertEqual(rendered.status, 0, rendered.stderr)
    let html = try String(contentsOfFile: project + "/output/coin-flips.html", encoding: .utf8)
    XCTAssertTrue(html.contains("<svg"), "the notebook shows a chart")
    XCTAssertTrue(html.contains("1 of 1 claim holds"), "its claim holds")
    let again = try lemma(["new", "coin-flips"])
    XCTAssertEqual(again.status, 1)
    XCTAssertTrue(again.stderr.contains("notebooks/coin-flips.md already exists"), again.stderr)
    XCTAssertEqual(try String(contentsOfFile: project + "/notebooks/coin-flips.md", encoding: .utf8), text)
    let bad = try lemma(["new", "../escape"])
    XCTAssertEqual(bad.status, 1)
    XCTAssertTrue(bad.stderr.contains("`../escape` is not a notebook name"), bad.stderr)
  }

  func testCommandsFromASubfolderWorkFromTheProjectRoot() throws {
    _ = try lemma(["new", "inner"])
    let folder = project + "/notebooks"
    let rendered = try lemma(["render", "inner.md"], in: folder)
    XCTAssertEqual(rendered.status, 0, rendered.stderr)
    XCTAssertTrue(rendered.stdout.contains("notebooks/inner.md  ran 2 blocks"), rendered.stdout)
    XCTAssertTrue(FileManager.default.fileExists(atPath: project + "/output/inner.html"))
    XCTAssertTrue(FileManager.default.fileExists(atPath: project + "/.lemma-cache"))
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/output"), "no output/ beside the notebook")
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/.lemma-cache"))
    let deeper = try lemma(["check", "../inner.md"], in: project + "/notebooks/drafts")
    XCTAssertEqual(deeper.status, 0, deeper.stderr)
    XCTAssertTrue(deeper.stdout.contains("[1/1] notebooks/inner.md  1 of 1 claims hold"), deeper.stdout)
    XCTAssertEqual(ProjectRoot.find(from: project + "/notebooks/drafts"), project)
    XCTAssertEqual(ProjectRoot(start: folder, root: project).locate("a.md"), "notebooks/a.md")
    XCTAssertEqual(ProjectRoot(start: folder, root: project).locate("/elsewhere/a.md"), "/elsewhere/a.md")
    XCTAssertEqual(ProjectRoot(start: project, root: project).locate("a.md"), "a.md")
  }

  func testCheckCanPrintGitHubAnnotations() throws {
    let notebook =
      "# Claims\n\n```swift\nclaim(\"sum\", 1 + 1, equals: 2)\nclaim(\"half, roughly\", 0.5, equals: 1)\n```\n"
    try notebook.write(toFile: project + "/notebooks/claims.md", atomically: true, encoding: .utf8)
    let plain = try lemma(["check"])
    XCTAssertFalse(plain.stdout.contains("::error"), plain.stdout)
    let run = try lemma(["check", "--format", "github"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(
      run.stdout.contains(
        "::error file=notebooks/claims.md,line=5,col=1,title=Claim failed::half, roughly: 0.5 ≠ 1"), run.stdout)
    XCTAssertEqual(run.stdout.components(separatedBy: "::error").count, 2, "one annotation, for the failing claim")
    try "```swift\nlet x: Int = \"a\"\n```\n".write(
      toFile: project + "/notebooks/claims.md", atomically: true, encoding: .utf8)
    let broken = try lemma(["check", "--format", "github"])
    XCTAssertTrue(
      broken.stdout.contains("::error file=notebooks/claims.md,line=2,col=14,title=Lemma::cannot convert"),
      broken.stdout)
  }

  func testAnnotationsEscapeWhatTheRunnerReads() {
    let annotation = WorkflowAnnotation(
      path: "a,b:c.md", location: .init(line: 3, column: 2), title: "T: x", message: "50% done\nnext")
    XCTAssertEqual(annotation.command, "::error file=a%2Cb%3Ac.md,line=3,col=2,title=T%3A x::50%25 done%0Anext")
    // A Windows line break is one Character but two escapes.
    let windows = WorkflowAnnotation(path: "w.md", location: nil, title: "T\r\n2", message: "a\r\nb\rc")
    XCTAssertEqual(windows.command, "::error file=w.md,title=T%0D%0A2::a%0D%0Ab%0Dc")
  }

  func testHelpParagraphsAreWrappedByTheParserNotMidSentence() throws {
    for command in [[], ["render"], ["check"], ["publish"], ["preview"], ["new"]] {
      let help = try lemma(command + ["--help"])
      XCTAssertEqual(help.status, 0)
      for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
        XCTAssertLessThanOrEqual(line.count, 80, "\(command): \(line)")
      }
      XCTAssertFalse(help.stdout.contains("runs the\nblocks"), help.stdout)
    }
    XCTAssertTrue(try lemma(["--help"]).stdout.contains("lemma new coin-flips"))
  }

  func testPreviewAcceptsOnlyLoopbackHosts() {
    for host in ["127.0.0.1:4000", "localhost", "LOCALHOST:80", "[::1]:4000", "[::1]", nil] {
      XCTAssertTrue(PreviewHandler.isLoopback(host: host), host ?? "nil")
    }
    for host in [
      "attacker.example", "attacker.example:4000", "127.0.0.1.nip.io", "localhost.evil", "[::2]", "127.0.0.1:x", "",
    ] {
      XCTAssertFalse(PreviewHandler.isLoopback(host: host), host)
    }
  }

  func testPreviewServerReadsRequestHeadsAndRefusesBadOnes() throws {
    let request = try XCTUnwrap(
      PreviewServer.parse(Array("GET /a%20b.html?since=3&x HTTP/1.1\r\nHost: localhost:4000\r\nX-A:  1 ".utf8)))
    XCTAssertEqual(request.method, "GET")
    XCTAssertEqual(request.path, "/a%20b.html")
    XCTAssertEqual(request.query, ["since": "3", "x": ""])
    XCTAssertEqual(request.headers, ["host": "localhost:4000", "x-a": "1"])
    for head in ["GET / HTTP/2", "GET nopath HTTP/1.1", "GET / HTTP/1.1\r\nno colon", "GET /  HTTP/1.1", ""] {
      XCTAssertNil(PreviewServer.parse(Array(head.utf8)), head)
    }
    XCTAssertNil(
      PreviewServer.parse(Array("GET / HTTP/1.1\r\nHost: localhost\r\nHost: attacker.example".utf8)),
      "two Host headers are refused")

    let server = try PreviewServer(port: 0) { request in .text("path \(request.path)") }
    server.start()
    XCTAssertEqual(
      loopbackExchange(port: server.port, "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").first, "HTTP/1.1 200 OK")
    XCTAssertEqual(loopbackExchange(port: server.port, "GET /x HTTP/1.1\r\n\r\n").last, "path /x")
    XCTAssertEqual(loopbackExchange(port: server.port, "BREW\r\n\r\n").first, "HTTP/1.1 400 Bad Request")
    let huge = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 40_000) + "\r\n\r\n"
    XCTAssertEqual(loopbackExchange(port: server.port, huge).first, "HTTP/1.1 400 Bad Request", "a head over 32 KB")
    let head = loopbackExchange(port: server.port, "HEAD /x HTTP/1.1\r\n\r\n")
    XCTAssertEqual(head.first, "HTTP/1.1 200 OK")
    XCTAssertEqual(head.last, "", "HEAD has no body")
    XCTAssertThrowsError(try PreviewServer(port: server.port) { _ in .text("") }, "the port is taken")
  }

  func testRawHTMLIsFilteredUnlessLemmaYmlOptsIn() throws {
    let notebook = "# Raw\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=a.png onerror=alert(3)>\n"
    try notebook.write(toFile: project + "/notebooks/raw.md", atomically: true, encoding: .utf8)
    XCTAssertEqual(try lemma(["render"]).status, 0)
    let safe = try String(contentsOfFile: project + "/output/raw.html", encoding: .utf8)
    XCTAssertFalse(safe.contains("<script>alert(1)"), safe)
    XCTAssertTrue(safe.contains("&lt;script>alert(1)&lt;/script>"), safe)
    XCTAssertTrue(safe.contains("<a href=\"\">x</a> <img src=a.png>"), safe)
    try "title: Test site\nraw_html: true\n".write(toFile: project + "/lemma.yml", atomically: true, encoding: .utf8)
    XCTAssertEqual(try lemma(["render"]).status, 0)
    let raw = try String(contentsOfFile: project + "/output/raw.html", encoding: .utf8)
    XCTAssertTrue(raw.contains("<script>alert(1)</script>"), "opted in: the author's HTML as written")
    XCTAssertTrue(raw.contains("onerror=alert(3)"))
    try "title: Test site\nraw_html: sometimes\n".write(
      toFile: project + "/lemma.yml", atomically: true, encoding: .utf8)
    let wrong = try lemma(["render"])
    XCTAssertEqual(wrong.status, 1)
    XCTAssertTrue(wrong.stderr.contains("lemma.yml:2:11: error: `raw_html` must be true or false"), wrong.stderr)
  }

  func testANotebooksProgramRunsInTheNotebooksFolder() throws {
    try "42\n".write(toFile: project + "/notebooks/drafts/data.txt", atomically: true, encoding: .utf8)
    let notebook = """
      ```swift
      import Foundation
      let text = try String(contentsOfFile: "data.txt", encoding: .utf8)
      print("read", text.trimmingCharacters(in: .whitespacesAndNewlines), "in", FileManager.default.currentDirectoryPath)
      ```
      """
    try notebook.write(toFile: project + "/notebooks/drafts/reads.md", atomically: true, encoding: .utf8)
    let run = try lemma(["render", "notebooks/drafts/reads.md"])
    XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
    let html = try String(contentsOfFile: project + "/output/reads.html", encoding: .utf8)
    let folder = URL(fileURLWithPath: project + "/notebooks/drafts").resolvingSymlinksInPath().path
    XCTAssertTrue(html.contains("read 42 in \(folder)"), html)
  }

  func testAnEditedDataFileReRunsExactlyTheNotebooksThatDeclareIt() throws {
    let data = project + "/notebooks/data.csv"
    try "x\n1\n2\n".write(toFile: data, atomically: true, encoding: .utf8)
    let reader = """
      ---
      files: [data.csv]
      ---
      ```swift
      import Foundation
      let rows = try String(contentsOfFile: "data.csv", encoding: .utf8).split(separator: "\\n").dropFirst()
      print("sum", rows.compactMap { Int($0) }.reduce(0, +))
      ```
      """
    try reader.write(toFile: project + "/notebooks/reader.md", atomically: true, encoding: .utf8)
    try "```swift\nprint(\"other\")\n```\n".write(
      toFile: project + "/notebooks/other.md", atomically: true, encoding: .utf8)
    let first = try lemma(["render", "--jobs", "1"])
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertTrue(try String(contentsOfFile: project + "/output/reader.html", encoding: .utf8).contains("sum 3"))
    XCTAssertTrue(try lemma(["render", "--jobs", "1"]).stdout.contains("notebooks/reader.md  cached"))
    try "x\n1\n2\n39\n".write(toFile: data, atomically: true, encoding: .utf8)
    let second = try lemma(["render", "--jobs", "1"])
    XCTAssertTrue(second.stdout.contains("notebooks/other.md  cached"), second.stdout)
    XCTAssertTrue(
      second.stdout.contains("notebooks/reader.md  ran 1 block in ") && second.stdout.contains("(changed: data.csv)"),
      second.stdout)
    XCTAssertTrue(try String(contentsOfFile: project + "/output/reader.html", encoding: .utf8).contains("sum 42"))
    try reader.replacingOccurrences(of: "[data.csv]", with: "[data/*.tsv]").write(
      toFile: project + "/notebooks/reader.md", atomically: true, encoding: .utf8)
    let missing = try lemma(["render", "notebooks/reader.md"])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(
      missing.stderr.contains("notebooks/reader.md:2:9: error: `files` pattern `data/*.tsv` matches no file"),
      missing.stderr)
  }

  func testAnEditedDataFileReRunsExactlyTheNotebooksThatReadIt() throws {
    let data = project + "/notebooks/data.csv"
    try "x\n1\n2\n".write(toFile: data, atomically: true, encoding: .utf8)
    let reader = "```swift\nprint(\"sum\", readCSV(\"data.csv\").integers(\"x\").reduce(0, +))\n```\n"
    try reader.write(toFile: project + "/notebooks/reader.md", atomically: true, encoding: .utf8)
    try "```swift\nprint(\"other\")\n```\n".write(
      toFile: project + "/notebooks/other.md", atomically: true, encoding: .utf8)
    XCTAssertEqual(try lemma(["render", "--jobs", "1"]).status, 0)
    let firstReport = try String(contentsOfFile: project + "/output/reader.html", encoding: .utf8)
    XCTAssertTrue(firstReport.contains("sum 3"), firstReport)
    try "x\n1\n2\n39\n".write(toFile: data, atomically: true, encoding: .utf8)
    let edited = try lemma(["render", "--jobs", "1"])
    XCTAssertTrue(edited.stdout.contains("notebooks/other.md  cached"), edited.stdout)
    XCTAssertTrue(edited.stdout.contains("notebooks/reader.md  ran 1 block in "), edited.stdout)
    XCTAssertTrue(edited.stdout.contains("(changed: data.csv)"), edited.stdout)
    XCTAssertTrue(try String(contentsOfFile: project + "/output/reader.html", encoding: .utf8).contains("sum 42"))
    // Back to the first data: the outputs it gave are still cached, and the report is the same bytes.
    try "x\n1\n2\n".write(toFile: data, atomically: true, encoding: .utf8)
    let restored = try lemma(["render", "--jobs", "1"])
    XCTAssertTrue(restored.stdout.contains("notebooks/reader.md  cached"), restored.stdout)
    XCTAssertEqual(try String(contentsOfFile: project + "/output/reader.html", encoding: .utf8), firstReport)
    XCTAssertEqual(try lemma(["render", "--force", "notebooks/reader.md"]).status, 0)
    XCTAssertEqual(
      try String(contentsOfFile: project + "/output/reader.html", encoding: .utf8), firstReport,
      "the same notebook and data give the same bytes when run again")
    try FileManager.default.removeItem(atPath: data)
    let missing = try lemma(["render", "notebooks/reader.md"])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(
      missing.stderr.contains("notebooks/reader.md:2:14: error: Fatal error: cannot read `data.csv`"), missing.stderr)
    try "x\n5\n".write(toFile: data, atomically: true, encoding: .utf8)
    let back = try lemma(["render", "notebooks/reader.md"])
    XCTAssertTrue(back.stdout.contains("(changed: data.csv)"), back.stdout)
    XCTAssertTrue(try String(contentsOfFile: project + "/output/reader.html", encoding: .utf8).contains("sum 5"))
  }

  func testShardsSplitTheNotebooksStablyAndCompletely() throws {
    let names = (1...12).map { "n\($0)" }
    for name in names {
      try "# \(name)\n".write(toFile: project + "/notebooks/\(name).md", atomically: true, encoding: .utf8)
    }
    func shard(_ value: String) throws -> Set<String> {
      let run = try lemma(["check", "--shard", value])
      XCTAssertEqual(run.status, 0, run.stderr)
      return Set(names.filter { run.stdout.contains("notebooks/\($0).md ") })
    }
    let shards = try (1...3).map { try shard("\($0)/3") }
    XCTAssertEqual(shards.reduce(Set<String>()) { $0.union($1) }, Set(names), "every notebook in some shard")
    XCTAssertEqual(shards.map(\.count).reduce(0, +), names.count, "and in only one")
    XCTAssertTrue(shards.allSatisfy { !$0.isEmpty })
    try "# new\n".write(toFile: project + "/notebooks/zz-new.md", atomically: true, encoding: .utf8)
    XCTAssertEqual(try (1...3).map { try shard("\($0)/3") }, shards, "a new notebook moves no other")
    XCTAssertEqual(try lemma(["check", "--shard", "1/1"]).stdout.components(separatedBy: "\n[").count, 13, "all 13")
    for bad in ["0/3", "4/3", "1/0", "a/b", "2"] {
      let run = try lemma(["render", "--shard", bad])
      XCTAssertEqual(run.status, 64, bad)
      XCTAssertTrue(
        run.stderr.contains("--shard expects i/n with 1 ≤ i ≤ n, for example 2/4 (got `\(bad)`)"), run.stderr)
    }
  }
}
