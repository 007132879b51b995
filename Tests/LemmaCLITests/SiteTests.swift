import Foundation
import LemmaExecution
import LemmaTestSupport
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `lemma publish` and `lemma preview` on a small project, run as a user runs them (in the
/// project's folder).
final class SiteTests: XCTestCase {
  private var project = ""

  override func setUpWithError() throws {
    project = temporaryDirectory(self)
    try FileManager.default.createDirectory(atPath: project + "/notebooks", withIntermediateDirectories: true)
    try write("notebooks/a-intro.md", intro)
    try write("notebooks/b-next.md", next)
    try write("lemma.yml", "title: Test site\norder: [b-next, a-intro]\n")
  }

  private let intro = """
    ---
    title: Intro
    summary: The first notebook.
    ---
    ## Numbers

    ```swift
    //| label: fig-line
    //| caption: A line.
    show(Chart.line(x: [0, 1, 2], y: [1, 3, 2], label: "line"))
    claim("two and two", 2 + 2, equals: 4, tolerance: .absolute(0))
    ```
    """

  private let next = """
    ---
    title: Next
    ---
    See [the intro](a-intro.md#numbers) first.

    ```swift
    print("hello")
    ```
    """

  private func write(_ path: String, _ text: String) throws {
    try text.write(toFile: project + "/" + path, atomically: true, encoding: .utf8)
  }

  private func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: project + "/" + path).map { String(decoding: $0, as: UTF8.self) }
  }

  private var lemmaPath: String { get throws { try RuntimeLibrary.locate().directory + "/lemma" } }

  /// Runs `lemma` in the project folder; returns its status and output.
  private func lemma(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runToEnd(
      try lemmaPath, arguments + (arguments.first == "publish" ? ["--cache", project + "/cache"] : []), in: project)
  }

  private func listing(_ folder: String) -> [String] {
    let base = project + "/" + folder
    let enumerator = FileManager.default.enumerator(atPath: base)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isFolder)
      if !isFolder.boolValue { files.append(path) }
    }
    return files.sorted()
  }

  func testPublishWritesTheSiteWithIndexNavigationAndNothingElse() throws {
    let run = try lemma(["publish"])
    XCTAssertEqual(run.status, 0, run.stderr)
    assertGolden(listing("output").joined(separator: "\n") + "\n", testDirectory() + "/Golden/site-listing.txt")
    let index = try XCTUnwrap(read("output/index.html"))
    let nextAt = try XCTUnwrap(index.range(of: "href=\"b-next.html\"")).lowerBound
    let introAt = try XCTUnwrap(index.range(of: "href=\"a-intro.html\"")).lowerBound
    XCTAssertLessThan(nextAt, introAt, "lemma.yml puts b-next first")
    XCTAssertTrue(index.contains("<img src=\"a-intro/fig-line.svg\" alt=\"Figure 1: A line.\""), index)
    XCTAssertTrue(index.contains("1 of 1 claim holds"), index)
    XCTAssertFalse(index.contains("<script"))
    let nextPage = try XCTUnwrap(read("output/b-next.html"))
    XCTAssertTrue(nextPage.contains("rel=\"next\" href=\"a-intro.html\">Intro →</a>"), nextPage)
    XCTAssertTrue(nextPage.contains("href=\"a-intro.html#numbers\""), "a link to a notebook becomes a link to its page")
    XCTAssertTrue(try XCTUnwrap(read("output/a-intro.html")).contains("rel=\"prev\" href=\"b-next.html\">← Next</a>"))
    XCTAssertTrue(try XCTUnwrap(read("output/b-next.md")).contains("[the intro](a-intro.md#numbers)"))
    XCTAssertTrue(try XCTUnwrap(read("output/index.md")).contains("## [Intro](a-intro.md)"))
    try assertLinksResolve(in: "output")
  }

  /// Every relative `href` and `src` of every page names a file of the site (and an id in it).
  private func assertLinksResolve(in folder: String) throws {
    let pattern = try NSRegularExpression(pattern: "(?:href|src)=\"([^\"]+)\"")
    for page in listing(folder) where page.hasSuffix(".html") {
      let html = try XCTUnwrap(read(folder + "/" + page))
      for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        let target = String(html[Range(match.range(at: 1), in: html)!])
        XCTAssertFalse(target.hasPrefix("/") || target.contains("://"), "\(page): \(target) is not relative")
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let file = parts[0].isEmpty ? page : parts[0]
        let text = read(folder + "/" + file)
        XCTAssertNotNil(text, "\(page): \(target) names a missing file")
        if parts.count == 2, let text { XCTAssertTrue(text.contains("id=\"\(parts[1])\""), "\(page): no #\(parts[1])") }
      }
    }
  }

  func testPublishIsDeterministicAndLeavesUnchangedFilesAlone() throws {
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    let modified = try FileManager.default.attributesOfItem(atPath: project + "/output/a-intro.html")[.modificationDate]
    XCTAssertEqual(try lemma(["publish", "--site", project + "/again"]).status, 0)
    XCTAssertEqual(listing("output"), listing("again"))
    for file in listing("output") { XCTAssertEqual(read("output/" + file), read("again/" + file), file) }
    Thread.sleep(forTimeInterval: 0.05)
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    let after = try FileManager.default.attributesOfItem(atPath: project + "/output/a-intro.html")[.modificationDate]
    XCTAssertEqual(modified as? Date, after as? Date, "an unchanged report keeps its file")
  }

  /// An unchanged report is not rendered again, but one whose file was touched, or whose
  /// neighbour's title changed, is.
  func testUnchangedReportsAreSkippedAndChangedOnesRewritten() throws {
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    let original = try XCTUnwrap(read("output/a-intro.html"))
    try write("output/a-intro.html", original + "tampered")
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    XCTAssertEqual(read("output/a-intro.html"), original)
    try write("notebooks/b-next.md", next.replacingOccurrences(of: "title: Next", with: "title: Renamed"))
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    XCTAssertTrue(try XCTUnwrap(read("output/a-intro.html")).contains("← Renamed</a>"))
    XCTAssertTrue(try XCTUnwrap(read("output/index.html")).contains(">Renamed</a>"))
  }

  /// A reference into another notebook reads that notebook's numbering and title, and follows
  /// it when it changes (the report quoting it is rendered again); so does a cited work when
  /// its `.bib` entry changes. A reference to a label the other notebook lacks fails the run.
  func testReferencesIntoOtherNotebooksAndBibliographiesFollowTheirChanges() throws {
    try write("notebooks/refs.bib", "@book{k, author = {Doe, Jane}, title = {Old Title}, year = 2001}\n")
    try write(
      "notebooks/b-next.md",
      next.replacingOccurrences(of: "---\nSee", with: "bibliography: refs.bib\n---\nSee @a-intro.md#fig-line [@k]. See")
    )
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    let first = try XCTUnwrap(read("output/b-next.html"))
    XCTAssertTrue(first.contains("<a class=\"xref\" href=\"a-intro.html#fig-line\">Figure 1 of Intro</a>"), first)
    XCTAssertTrue(first.contains("<em>Old Title</em>"), first)
    XCTAssertTrue(try XCTUnwrap(read("output/b-next.md")).contains("[Figure 1 of Intro](a-intro.md#fig-line)"))
    let earlier = "```swift\n//| label: fig-first\nshow(Chart.line(x: [0, 1], y: [0, 1]))\n```\n\n"
    try write(
      "notebooks/a-intro.md", intro.replacingOccurrences(of: "## Numbers\n\n", with: "## Numbers\n\n" + earlier))
    try write("notebooks/refs.bib", "@book{k, author = {Doe, Jane}, title = {New Title}, year = 2001}\n")
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    let second = try XCTUnwrap(read("output/b-next.html"))
    XCTAssertTrue(second.contains(">Figure 2 of Intro</a>"), second)
    XCTAssertTrue(second.contains("<em>New Title</em>"), second)
    try write("notebooks/a-intro.md", intro.replacingOccurrences(of: "fig-line", with: "fig-renamed"))
    let broken = try lemma(["publish"])
    XCTAssertNotEqual(broken.status, 0)
    XCTAssertTrue(
      (broken.stdout + broken.stderr).contains(
        "notebooks/b-next.md:5:5: error: `a-intro.md` has no block labelled `fig-line`"),
      broken.stdout + broken.stderr)
  }

  func testAReportWhoseNotebookIsGoneIsRemoved() throws {
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    try FileManager.default.removeItem(atPath: project + "/notebooks/a-intro.md")
    try write("lemma.yml", "title: Test site\n")
    let run = try lemma(["publish"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(listing("output"), ["b-next.html", "b-next.md", "index.html", "index.md"])
  }

  /// Images and linked files of prose are copied beside the reports (same relative paths); an
  /// edited image is copied again; copies no longer referred to are removed by publish, while
  /// files Lemma did not put there stay, and a failed notebook keeps its copies.
  func testProseFilesAreCopiedBesideTheReportsAndStaleCopiesRemoved() throws {
    let files = FileManager.default
    try files.createDirectory(atPath: project + "/notebooks/img/deep", withIntermediateDirectories: true)
    try write("notebooks/img/deep/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    try write("notebooks/img/table.csv", "a,b\n1,2\n")
    try write("notebooks/b-next.md", next + "\n![A diagram](img/deep/diagram.svg) and [data](img/table.csv).\n")
    var run = try lemma(["publish"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(read("output/img/deep/diagram.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    XCTAssertEqual(read("output/img/table.csv"), "a,b\n1,2\n")
    XCTAssertTrue(try XCTUnwrap(read("output/b-next.html")).contains("<img src=\"img/deep/diagram.svg\""))
    XCTAssertTrue(try XCTUnwrap(read("output/b-next.md")).contains("![A diagram](img/deep/diagram.svg)"))
    try assertLinksResolve(in: "output")
    try write("notebooks/img/deep/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>")
    XCTAssertEqual(try lemma(["publish"]).status, 0)
    XCTAssertEqual(read("output/img/deep/diagram.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>")
    try write("output/img/mine.txt", "a file someone put here")
    try write("notebooks/b-next.md", next + "\n[data](img/table.csv).\n")
    run = try lemma(["publish"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertNil(read("output/img/deep/diagram.svg"), "a copy no longer referred to is removed")
    XCTAssertFalse(files.fileExists(atPath: project + "/output/img/deep"), "and the folder it emptied")
    XCTAssertEqual(read("output/img/mine.txt"), "a file someone put here")
    XCTAssertTrue(run.stderr.contains("img/mine.txt is not part of the site"), "named as left alone: \(run.stderr)")
    try write("notebooks/b-next.md", "```swift\nlet x: Int = \"no\"\n```\n[data](img/table.csv).\n")
    XCTAssertEqual(try lemma(["publish"]).status, 1)
    XCTAssertEqual(read("output/img/table.csv"), "a,b\n1,2\n", "a failed notebook keeps its copies")
  }

  func testConfigurationErrorsNameTheLine() throws {
    try write("lemma.yml", "title: Test site\norder:\n  - b-next\n  - a-intor\n")
    var run = try lemma(["publish"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("lemma.yml:4:1: error: `order` names `a-intor`"), run.stderr)
    XCTAssertTrue(run.stderr.contains("did you mean `a-intro`?"), run.stderr)
    try write("lemma.yml", "titel: Test site\n")
    run = try lemma(["publish"])
    XCTAssertTrue(run.stderr.contains("lemma.yml:1:1: error: unknown key `titel`"), run.stderr)
    XCTAssertTrue(run.stderr.contains("did you mean `title`?"), run.stderr)
    XCTAssertNil(read("output/index.html"), "nothing is written when lemma.yml is wrong")
  }

  /// Preview serves the site with a reload script, re-renders a saved notebook, shows an error
  /// page for a broken one and keeps serving, and stops on SIGINT.
  func testPreviewServesReRendersAndSurvivesABrokenNotebook() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try lemmaPath)
    process.arguments = ["preview", "--port", "0", "--cache", project + "/cache"]
    process.currentDirectoryURL = URL(fileURLWithPath: project)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    let printed = LockedText()
    out.fileHandleForReading.readabilityHandler = { handle in printed.append(handle.availableData) }
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    let base = try XCTUnwrap(waitFor(60) { printed.firstMatch(#"serving (http://127\.0\.0\.1:\d+/)"#) }, printed.text)
    let first = try XCTUnwrap(get(base + "a-intro.html"))
    XCTAssertTrue(first.contains("Numbers") && first.contains("<script>"), first)
    XCTAssertFalse(try XCTUnwrap(read("output/a-intro.html")).contains("<script"), "published files have no script")
    try write("notebooks/a-intro.md", intro.replacingOccurrences(of: "## Numbers", with: "## Figures"))
    XCTAssertNotNil(waitFor(10) { self.get(base + "a-intro.html").flatMap { $0.contains("Figures") ? $0 : nil } })
    try write("notebooks/a-intro.md", "---\ntitle: [unclosed\n---\n")
    let broken = waitFor(10) {
      self.get(base + "a-intro.html").flatMap { $0.contains("could not be rendered") ? $0 : nil }
    }
    // The line where the `]` is missing (libyaml's own count would name the `---` after it).
    XCTAssertTrue(
      try XCTUnwrap(broken).contains("notebooks/a-intro.md:2: front matter is not valid YAML"), broken ?? "")
    XCTAssertNotNil(get(base + "index.html"), "the server keeps running")
    try write("notebooks/a-intro.md", intro)
    XCTAssertNotNil(waitFor(10) { self.get(base + "a-intro.html").flatMap { $0.contains("Numbers") ? $0 : nil } })
    XCTAssertNotNil(get(base + "_lemma/wait?since=0"))
    XCTAssertNil(get(base + "../lemma.yml"), "nothing outside the site is served")
    let port = try XCTUnwrap(UInt16(try XCTUnwrap(base.split(separator: ":").last?.dropLast())))
    XCTAssertEqual(
      loopbackExchange(port: port, "GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n").first, "HTTP/1.1 403 Forbidden",
      "DNS rebinding")
    XCTAssertEqual(
      loopbackExchange(port: port, "GET / HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n").first, "HTTP/1.1 200 OK")
    process.interrupt()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
  }

  /// The body of a successful GET, or nil.
  private func get(_ url: String) -> String? {
    guard let url = URL(string: url) else { return nil }
    let done = DispatchSemaphore(value: 0)
    let body = LockedText()
    let succeeded = LockedText()
    let task = URLSession.shared.dataTask(with: url) { data, response, _ in
      if (response as? HTTPURLResponse)?.statusCode == 200 { succeeded.append(Data("ok".utf8)) }
      if let data { body.append(data) }
      done.signal()
    }
    task.resume()
    guard done.wait(timeout: .now() + 30) == .success, succeeded.text == "ok" else { return nil }
    return body.text
  }
}
