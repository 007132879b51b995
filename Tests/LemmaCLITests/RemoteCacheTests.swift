import Foundation
import LemmaDigest
import LemmaTestSupport
import XCTest

@testable import LemmaExecution
@testable import LemmaRemote

/// The shared HTTP cache, against a real nginx (WebDAV) on 127.0.0.1 and a scripted server that
/// misbehaves on purpose: shards rendered by separate copies publish, from the cache alone, the
/// site one machine publishes; every problem is a miss and one warning line, never a failed
/// render or a wrong report.
final class RemoteCacheTests: XCTestCase {
  private var root = ""

  override func setUpWithError() throws {
    root = temporaryDirectory(self)
  }

  private var lemma: String { get throws { try RuntimeLibrary.locate().directory + "/lemma" } }

  /// A project of three small notebooks (one reads a data file) in `folder`.
  private func makeProject(_ folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder + "/notebooks", withIntermediateDirectories: true)
    try "title: Shards\n".write(toFile: folder + "/lemma.yml", atomically: true, encoding: .utf8)
    try "7\n".write(toFile: folder + "/notebooks/seven.txt", atomically: true, encoding: .utf8)
    for number in 1...3 {
      let read =
        number == 3
        ? "let seven = Int(readText(\"seven.txt\").filter(\\.isNumber))!\n"
        : "let seven = 7\n"
      let notebook = """
        ---
        title: Notebook \(number)
        seed: \(number)
        ---
        ```swift
        \(read)let draw = Double.random(in: 0..<1, using: &rng)
        print("draw", fmt(draw, .fixed(4)), "times", seven)
        show(Chart.line(x: [0, 1, 2], y: [1, draw, 2]))
        claim("seven is seven", Double(seven), equals: 7, tolerance: .absolute(0))
        ```

        The draw was `{swift} fmt(draw, .fixed(3))`.
        """
      try notebook.write(toFile: folder + "/notebooks/n\(number).md", atomically: true, encoding: .utf8)
    }
  }

  private func run(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    guard environment.isEmpty else {
      return try runToEnd("/usr/bin/env", environment.map { "\($0)=\($1)" } + [try lemma] + arguments, in: folder)
    }
    return try runToEnd(try lemma, arguments, in: folder)
  }

  private func files(under folder: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for case let path as String in FileManager.default.enumerator(atPath: folder)! {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
        result[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
      }
    }
    return result
  }

  func testShardsRenderedApartPublishFromTheCacheTheSiteOneMachinePublishes() throws {
    let server = try NginxCacheServer(folder: root + "/nginx")
    for copy in ["a", "b", "c", "one"] { try makeProject(root + "/" + copy) }
    let first = try run(["render", "--shard", "1/2", "--remote-cache", server.url], in: root + "/a")
    let second = try run(["render", "--shard", "2/2", "--remote-cache", server.url], in: root + "/b")
    XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
    XCTAssertEqual(second.status, 0, second.stdout + second.stderr)
    XCTAssertEqual((first.stdout + second.stdout).components(separatedBy: " ran 1 block").count - 1, 3)
    XCTAssertEqual(first.stderr + second.stderr, "", "no warning when the server works")
    let entries = try FileManager.default.contentsOfDirectory(atPath: server.store + "/ac")
    XCTAssertEqual(entries.count, 6, "outputs and the record of files read, for each notebook")

    // A third machine with an empty cache publishes without compiling or running anything.
    let published = try run(["publish", "--from-cache", "--remote-cache", server.url], in: root + "/c")
    XCTAssertEqual(published.status, 0, published.stdout + published.stderr)
    XCTAssertEqual(published.stdout.components(separatedBy: "  cached").count - 1, 3, published.stdout)
    XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/c/.lemma-cache/build"), "nothing compiled")
    let single = try run(["publish"], in: root + "/one")
    XCTAssertEqual(single.status, 0, single.stderr)
    let fromShards = try files(under: root + "/c/output")
    XCTAssertEqual(fromShards.keys.sorted(), try files(under: root + "/one/output").keys.sorted())
    XCTAssertEqual(fromShards, try files(under: root + "/one/output"), "byte-identical sites")
    XCTAssertTrue(String(decoding: fromShards["n3.html"] ?? Data(), as: UTF8.self).contains("1 of 1 claim holds"))

    // The server goes away: one warning line, and the notebooks run here with the same reports.
    server.stop()
    try makeProject(root + "/d")
    let alone = try run(["render", "--remote-cache", server.url], in: root + "/d")
    XCTAssertEqual(alone.status, 0, alone.stdout + alone.stderr)
    let warnings = alone.stderr.split(separator: "\n")
    XCTAssertEqual(warnings.count, 1, alone.stderr)
    XCTAssertTrue(warnings.first?.contains("cannot connect (is the server running?)") == true, alone.stderr)
    XCTAssertTrue(warnings.first?.contains("using the local cache only for the rest of this run") == true)
    for number in 1...3 {
      XCTAssertEqual(
        try files(under: root + "/d/output")["n\(number).html"], fromShards["n\(number).html"], "n\(number)")
    }
  }

  func testMemoResultsTravelThroughTheSharedCache() throws {
    let server = try NginxCacheServer(folder: root + "/nginx")
    func notebook(_ below: String) -> String {
      """
      ```swift
      import Foundation
      let drawn = memo("slow", &rng) { rng -> [Double] in
        try? "ran".write(toFile: "ran.txt", atomically: true, encoding: .utf8)
        return (0..<3).map { _ in Double.random(in: 0..<1, using: &rng) }
      }
      print(drawn, Double.random(in: 0..<1, using: &rng))
      \(below)
      ```
      """
    }
    for copy in ["m1", "m2"] {
      try FileManager.default.createDirectory(atPath: root + "/" + copy, withIntermediateDirectories: true)
    }
    try notebook("").write(toFile: root + "/m1/n.md", atomically: true, encoding: .utf8)
    let first = try run(["render", "n.md", "--remote-cache", server.url], in: root + "/m1")
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/m1/ran.txt"))
    // Another machine, another edit below the memo: its outputs are new, its memo is shared.
    try notebook("print(\"below\")").write(toFile: root + "/m2/n.md", atomically: true, encoding: .utf8)
    let second = try run(["render", "n.md", "--remote-cache", server.url], in: root + "/m2")
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertTrue(second.stdout.contains("ran 1 block"), second.stdout)
    XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/m2/ran.txt"), "the memo came from the shared cache")
    let line = { (folder: String) in
      try String(contentsOfFile: folder + "/output/n.md", encoding: .utf8).split(separator: "\n").first {
        $0.hasPrefix("[0.")
      }
    }
    XCTAssertEqual(try line(root + "/m1"), try line(root + "/m2"))
    XCTAssertNotNil(try line(root + "/m1"))
  }

  func testPublishFromTheCacheNamesEveryNotebookWithNoCachedResult() throws {
    try makeProject(root + "/p")
    let result = try run(["publish", "--from-cache"], in: root + "/p")
    XCTAssertEqual(result.status, 1)
    for number in 1...3 {
      XCTAssertTrue(
        result.stderr.contains("notebooks/n\(number).md: error: no cached result for this notebook"), result.stderr)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/p/.lemma-cache/build"), "nothing compiled")
    let both = try run(["publish", "--from-cache", "--force"], in: root + "/p")
    XCTAssertEqual(both.status, 64)
    XCTAssertTrue(both.stderr.contains("contradict"), both.stderr)
  }

  /// Renders the project at `folder` with the remote `url`; checks it succeeds with the right
  /// reports and at most one warning line, and returns that line.
  private func renderDespiteProblems(_ url: String, _ folder: String, environment: [String: String] = [:]) throws
    -> String
  {
    try? FileManager.default.removeItem(atPath: folder)
    try makeProject(folder)
    let result = try run(["render", "--remote-cache", url], in: folder, environment: environment)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertLessThanOrEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    for number in 1...3 {
      let report = try String(contentsOfFile: folder + "/output/n\(number).html", encoding: .utf8)
      XCTAssertTrue(report.contains("1 of 1 claim holds"), report)
    }
    return result.stderr
  }

  func testAnErrorStatusAWrongBodyATooLargeUploadAndRefusedCredentialsAreMissesWithOneWarning() throws {
    let server = try NginxCacheServer(folder: root + "/nginx")
    // 500 from every request.
    XCTAssertTrue(try renderDespiteProblems(server.url + "/fail", root + "/e").contains("HTTP 500;"))
    // Credentials: refused without the token (401, with advice), accepted with it.
    let refused = try renderDespiteProblems(server.url + "/auth", root + "/e")
    XCTAssertTrue(refused.contains("HTTP 401 (refused: set LEMMA_REMOTE_CACHE_TOKEN"), refused)
    XCTAssertEqual(
      try renderDespiteProblems(server.url + "/auth", root + "/e", environment: ["LEMMA_REMOTE_CACHE_TOKEN": "secret"]),
      "")
    // Every blob in the store replaced by other bytes of the same length, then of another length.
    for name in try FileManager.default.contentsOfDirectory(atPath: server.store + "/cas") {
      let path = server.store + "/cas/" + name
      let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
      try Data(repeating: UInt8(ascii: "x"), count: size).write(to: URL(fileURLWithPath: path))
    }
    XCTAssertTrue(try renderDespiteProblems(server.url, root + "/e").contains("with another hash; ignored it"))
    for name in try FileManager.default.contentsOfDirectory(atPath: server.store + "/cas") {
      try Data(repeating: UInt8(ascii: "x"), count: 1 << 20).write(
        to: URL(fileURLWithPath: server.store + "/cas/" + name))
    }
    XCTAssertTrue(try renderDespiteProblems(server.url, root + "/e").contains("bytes expected"))
    // An action-cache entry that is not JSON.
    for name in try FileManager.default.contentsOfDirectory(atPath: server.store + "/ac") {
      try Data("not json".utf8).write(to: URL(fileURLWithPath: server.store + "/ac/" + name))
    }
    XCTAssertTrue(try renderDespiteProblems(server.url, root + "/e").contains("is not a Lemma cache entry"))
    server.stop()

    // nginx's own limit on uploads (1 MB) and a result over it (a memo of 150,000 numbers):
    // 413, with advice, and the render goes on.
    let small = try NginxCacheServer(folder: root + "/small", maxBody: "1m")
    try FileManager.default.createDirectory(atPath: root + "/big", withIntermediateDirectories: true)
    try """
    ```swift
    let numbers = memo("many numbers", &rng) { rng in (0..<150_000).map { _ in Double.random(in: 0..<1, using: &rng) } }
    print(numbers.count)
    ```
    """.write(toFile: root + "/big/n.md", atomically: true, encoding: .utf8)
    let big = try run(["render", "n.md", "--remote-cache", small.url], in: root + "/big")
    XCTAssertEqual(big.status, 0, big.stdout + big.stderr)
    XCTAssertEqual(big.stderr.split(separator: "\n").count, 1, big.stderr)
    XCTAssertTrue(big.stderr.contains("HTTP 413 (the body is larger than the server accepts"), big.stderr)
    XCTAssertTrue(try String(contentsOfFile: root + "/big/output/n.md", encoding: .utf8).contains("150000"))
    small.stop()
  }

  func testAMissingEntryIsASilentMissAndATruncatedBodyIsAWarnedOne() throws {
    let server = try NginxCacheServer(folder: root + "/nginx")
    XCTAssertEqual(try renderDespiteProblems(server.url + "/empty", root + "/e"), "", "404s are misses, not problems")
    server.stop()

    // A server that lists a blob of 100 bytes and sends 40 of them before it closes.
    let blob = Array(repeating: UInt8(ascii: "y"), count: 100)
    let hash = SHA256Digest.hex(of: blob)
    let entry = ActionResultEntry(files: [
      .init(path: "lemma/outputs.json", sha256: hash, size: 100),
      .init(path: "lemma/reads.json", sha256: hash, size: 100),
    ]).json
    let liar = try ScriptedHTTPServer { method, path in
      if method == "GET" && path.hasPrefix("/ac/") { return ScriptedHTTPServer.response(200, Array(entry)) }
      if method == "GET" && path.hasPrefix("/cas/") {
        return ScriptedHTTPServer.response(200, Array(blob.prefix(40)), length: 100)
      }
      return ScriptedHTTPServer.response(method == "PUT" ? 201 : 404, [])
    }
    let truncated = try renderDespiteProblems("http://127.0.0.1:\(liar.port)", root + "/e")
    // libcurl's words, through URLSession: "transfer closed with 60 bytes remaining to read".
    XCTAssertTrue(truncated.contains("/cas/\(hash): transfer closed with 60 bytes remaining"), truncated)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: root + "/e/.lemma-cache/outputs").filter {
        $0.hasPrefix(".")
      },
      [], "no partial download is left")
  }

  func testAnUploadAnsweredWithAPageIsNoProblem() throws {
    // Apache's mod_dav answers a PUT with "201 Created" and an HTML page: the upload succeeded.
    let puts = LockedText()
    let store = try ScriptedHTTPServer { method, path in
      guard method == "PUT" else { return ScriptedHTTPServer.response(404, []) }
      puts.append(Data((path + "\n").utf8))
      return ScriptedHTTPServer.response(201, Array("<html><body><h1>Created</h1></body></html>".utf8))
    }
    defer { store.stop() }
    XCTAssertEqual(try renderDespiteProblems("http://127.0.0.1:\(store.port)", root + "/e"), "")
    XCTAssertEqual(puts.text.split(separator: "\n").filter { $0.hasPrefix("/ac/") }.count, 6, puts.text)
  }

  func testABadURLOrCredentialIsAUsageErrorBeforeAnythingRuns() throws {
    try makeProject(root + "/u")
    for (url, expected) in [
      ("ftp://example.org", "is not an http:// or https:// URL"), ("cache", "is not an http:// or https:// URL"),
      ("http://user:pw@example.org", "holds a user name or password"),
    ] {
      let result = try run(["render", "--remote-cache", url], in: root + "/u")
      XCTAssertEqual(result.status, 64, url)
      XCTAssertTrue(result.stderr.contains(expected), result.stderr)
    }
    try "cache: http://user:pw@example.org\n".write(toFile: root + "/u/lemma.yml", atomically: true, encoding: .utf8)
    let configured = try run(["render"], in: root + "/u")
    XCTAssertEqual(configured.status, 1)
    XCTAssertTrue(
      configured.stderr.contains("lemma.yml:1:8: error: the cache URL holds a user name"), configured.stderr)
    try "cache: http://127.0.0.1:9/x\n".write(toFile: root + "/u/lemma.yml", atomically: true, encoding: .utf8)
    let badHeader = try run(["render"], in: root + "/u", environment: ["LEMMA_REMOTE_CACHE_HEADER": "no colon"])
    XCTAssertEqual(badHeader.status, 1)
    XCTAssertTrue(badHeader.stderr.contains("LEMMA_REMOTE_CACHE_HEADER must be one header"), badHeader.stderr)
  }

  func testAnActionCacheEntryIsABazelActionResultAndReadsBackAsBazelRemoteGivesIt() throws {
    let entry = ActionResultEntry(files: [
      .init(path: "lemma/outputs.json", sha256: String(repeating: "ab", count: 32), size: 1234)
    ])
    XCTAssertEqual(
      String(decoding: entry.json, as: UTF8.self),
      #"{"outputFiles":[{"path":"lemma\/outputs.json","digest":{"hash":"\#(String(repeating: "ab", count: 32))","sizeBytes":"1234"}}]}"#
    )
    XCTAssertEqual(ActionResultEntry(json: entry.json), entry)
    // bazel-remote (protojson) adds executionMetadata; snake_case names and numeric sizes are JSON too.
    let fromBazelRemote = #"""
      {"outputFiles":[{"path":"lemma/outputs.json","digest":{"hash":"\#(String(repeating: "ab", count: 32))","sizeBytes":"1234"}}],
       "executionMetadata":{"worker":"127.0.0.1"}}
      """#
    XCTAssertEqual(ActionResultEntry(json: Data(fromBazelRemote.utf8)), entry)
    let snake =
      #"{"output_files":[{"path":"lemma/outputs.json","digest":{"hash":"\#(String(repeating: "ab", count: 32))","size_bytes":1234}}]}"#
    XCTAssertEqual(ActionResultEntry(json: Data(snake.utf8)), entry)
    for bad in [
      "[]", #"{"outputFiles":[{"path":"x","digest":{"hash":"AB","sizeBytes":"1"}}]}"#,
      #"{"outputFiles":[{"path":"x","digest":{"hash":"\#(String(repeating: "ab", count: 32))","sizeBytes":"-1"}}]}"#,
    ] {
      XCTAssertNil(ActionResultEntry(json: Data(bad.utf8)), bad)
    }
    // The remote key folds in the kind and a format tag: outputs and reads of one key never meet.
    XCTAssertNotEqual(RemoteCache.actionKey(.outputs, "k"), RemoteCache.actionKey(.reads, "k"))
  }

  func testEndpointsTakeCredentialsAndTimeoutFromTheEnvironmentOnly() throws {
    let endpoint = try RemoteEndpoint(
      "https://cache.example.org/lemma/",
      environment: ["LEMMA_REMOTE_CACHE_TOKEN": "t0k", "LEMMA_REMOTE_CACHE_TIMEOUT": "2.5"])
    XCTAssertEqual(endpoint.base, "https://cache.example.org/lemma")
    XCTAssertEqual(endpoint.headers, [.init(name: "Authorization", value: "Bearer t0k")])
    XCTAssertEqual(endpoint.timeout, 2.5)
    XCTAssertEqual(endpoint.url("cas", "abc")?.absoluteString, "https://cache.example.org/lemma/cas/abc")
    let basic = try RemoteEndpoint(
      "http://h:8080", environment: ["LEMMA_REMOTE_CACHE_HEADER": "Authorization: Basic dXNlcjpwYXNz"])
    XCTAssertEqual(basic.headers, [.init(name: "Authorization", value: "Basic dXNlcjpwYXNz")])
    XCTAssertThrowsError(try RemoteEndpoint("http://h/?q=1", environment: [:]))
    XCTAssertThrowsError(try RemoteEndpoint("http://h", environment: ["LEMMA_REMOTE_CACHE_TIMEOUT": "soon"]))
    XCTAssertThrowsError(try RemoteEndpoint("http://h", environment: ["LEMMA_REMOTE_CACHE_HEADER": "X: a\r\nY: b"]))
  }
}
