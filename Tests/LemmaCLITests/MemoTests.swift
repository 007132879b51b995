import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// `memo`: a stored result comes back when nothing above it changed, with the generator, the
/// printed output, charts and claims of the closure, so a hit and a cold run give the same bytes.
final class MemoTests: XCTestCase {
  private var root = ""

  override func setUpWithError() throws { root = temporaryDirectory(self) }

  private var lemma: String { get throws { try RuntimeLibrary.locate().directory + "/lemma" } }

  /// A notebook whose memo counts its runs in `runs.txt` (a side effect a memo cannot restore,
  /// which is the point: it shows whether the closure ran).
  private func notebook(scale: String = "2.0", seed: Int = 5, downstream: String = "", extra: String = "") -> String {
    """
    ---
    seed: \(seed)
    params: { rate: 1 }
    ---
    ```swift
    import Foundation
    let scale = \(scale)
    var log: [Int] = []
    ```

    ```swift
    let trained = memo("training", &rng) { rng -> [Double] in
      let runs = (try? String(contentsOfFile: "runs.txt", encoding: .utf8)) ?? ""
      try? (runs + "run\\n").write(toFile: "runs.txt", atomically: true, encoding: .utf8)
      print("training with scale", scale)
      progress("training", step: 1, of: 1)
      claim("the scale is positive", scale, equals: 2, tolerance: .absolute(5))
      show(Chart.line(x: [0, 1, 2], y: [1, scale, 2]))
      return (0..<5).map { _ in Double.random(in: 0..<1, using: &rng) * scale * Double(params.rate) }
    }
    \(extra)
    ```

    ```swift
    let after = Double.random(in: 0..<1, using: &rng)
    print("after", fmt(after, .fixed(6)), "sum", fmt(trained.reduce(0, +), .fixed(6)))
    \(downstream)
    ```
    """
  }

  private func write(_ text: String, to folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try text.write(toFile: folder + "/n.md", atomically: true, encoding: .utf8)
  }

  private func render(_ folder: String, _ extra: [String] = []) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    try runToEnd(try lemma, ["render", "n.md"] + extra, in: folder)
  }

  private func runs(_ folder: String) -> Int {
    ((try? String(contentsOfFile: folder + "/runs.txt", encoding: .utf8)) ?? "").split(separator: "\n").count
  }

  private func report(_ folder: String) throws -> String {
    try String(contentsOfFile: folder + "/output/n.html", encoding: .utf8)
      + String(contentsOfFile: folder + "/output/n.md", encoding: .utf8)
  }

  func testAMemoHitGivesTheBytesOfAColdRunAndADownstreamEditDoesNotRunIt() throws {
    let a = root + "/a"
    try write(notebook(), to: a)
    var result = try render(a)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertEqual(runs(a), 1)
    let cold = try report(a)
    XCTAssertTrue(cold.contains("training with scale 2.0"), cold)
    XCTAssertTrue(cold.contains("1 of 1 claim holds"), cold)

    result = try render(a, ["--force"])
    XCTAssertEqual(runs(a), 2, "--force runs every closure")
    XCTAssertEqual(try report(a), cold, "the same notebook, seed and params give the same bytes")

    // A downstream edit: the memo is a hit, and the report is what a cold run gives.
    try write(notebook(downstream: "print(\"edited below\")"), to: a)
    result = try render(a)
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertEqual(runs(a), 2, "a downstream edit does not run the memo")
    let hit = try report(a)
    XCTAssertTrue(hit.contains("edited below"), hit)
    let b = root + "/b"
    try write(notebook(downstream: "print(\"edited below\")"), to: b)
    result = try render(b, ["--no-memo"])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertEqual(runs(b), 1)
    XCTAssertEqual(hit, try report(b), "a memo hit and a cold run without memos give identical reports")
    XCTAssertFalse(FileManager.default.fileExists(atPath: b + "/.lemma-cache/memo"), "--no-memo keeps nothing")
  }

  func testAMemoHitCountsAsAUseAndPruningSeesMemoResults() throws {
    let folder = root + "/p"
    try write(notebook(), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    let memos = folder + "/.lemma-cache/memo"
    let entry = memos + "/" + (try FileManager.default.contentsOfDirectory(atPath: memos)).first!
    // Make the entry look old, then hit it: the hit marks it used again.
    var old = [timeval(tv_sec: 1_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000, tv_usec: 0)]
    XCTAssertEqual(utimes(entry, &old), 0)
    try write(notebook(downstream: "let below = 1"), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    XCTAssertEqual(runs(folder), 1)
    let used = try FileManager.default.attributesOfItem(atPath: entry)[.modificationDate] as? Date
    XCTAssertGreaterThan(used?.timeIntervalSince1970 ?? 0, 1_000_000 + 86_400)
    let pruner = CachePruner(cache: OutputCache(directory: folder + "/.lemma-cache"))
    XCTAssertTrue(pruner.removableEntries().contains { $0.path == entry }, "lemma cache prune sees memo results")
  }

  func testUpstreamEditsASeedAParameterAndALaterDeclarationRunTheMemoAgain() throws {
    let folder = root + "/u"
    try write(notebook(), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    XCTAssertEqual(runs(folder), 1)
    try write(notebook(downstream: "let unrelated = 1"), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    XCTAssertEqual(runs(folder), 1, "a later statement")
    try write(notebook(scale: "3.0", downstream: "let unrelated = 1"), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    XCTAssertEqual(runs(folder), 2, "an upstream hyperparameter")
    try write(notebook(scale: "3.0", seed: 6, downstream: "let unrelated = 1"), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    XCTAssertEqual(runs(folder), 3, "the seed")
    XCTAssertEqual(try render(folder, ["-P", "rate=2"]).status, 0)
    XCTAssertEqual(runs(folder), 4, "a parameter")
    try write(notebook(scale: "3.0", seed: 6, downstream: "func helper() -> Int { 1 }"), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    XCTAssertEqual(runs(folder), 5, "a declaration anywhere (a closure may call a function declared below)")
    XCTAssertEqual(try render(folder, ["--force"]).status, 0)
    XCTAssertEqual(runs(folder), 6)
  }

  func testAClosureThatChangesAnOuterVariableOrAMemoInALoopIsALocatedError() throws {
    let folder = root + "/e"
    try write(notebook(extra: "let again = memo(\"second\") { () -> Int in log.append(1); return 1 }"), to: folder)
    var result = try render(folder)
    XCTAssertEqual(result.status, 1)
    // Block 2 starts on notebook line 12; the memo is its 10th line.
    XCTAssertTrue(result.stderr.contains("n.md:21:47: error:"), result.stderr)
    XCTAssertTrue(result.stderr.contains("'log' is an immutable capture"), result.stderr)
    XCTAssertTrue(
      result.stderr.contains("a memo's closure may not change variables declared outside it"), result.stderr)

    try write(notebook(extra: "let other = memo(\"draws\") { Double.random(in: 0..<1, using: &rng) }"), to: folder)
    result = try render(folder)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("'rng' is an immutable capture"), result.stderr)

    try write(notebook(extra: "for step in 0..<2 {\n  _ = memo(\"looped\") { step }\n}"), to: folder)
    result = try render(folder)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("n.md:22:7: error: memo must be a statement of its block"), result.stderr)
  }

  func testACorruptOrForeignEntryIsAMissAndAThrowingClosureKeepsNothing() throws {
    let folder = root + "/c"
    try write(notebook(), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    let memos = folder + "/.lemma-cache/memo"
    let entries = try FileManager.default.contentsOfDirectory(atPath: memos)
    XCTAssertEqual(entries.count, 1, "\(entries)")
    let path = memos + "/" + entries[0]
    let stored = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    func changed(_ key: String, to value: Any) throws -> String {
      var entry = stored
      entry[key] = value
      return String(decoding: try JSONSerialization.data(withJSONObject: entry), as: UTF8.self)
    }
    // Under the right key: text that is not an entry, an entry of another format, one whose
    // value is of another type than the closure returns, and an empty file.
    let damaged = [
      "not json", try changed("format", to: 99), try changed("type", to: "Swift.Array<Swift.Float>"), "",
    ]
    for (number, text) in damaged.enumerated() {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      try write(notebook(downstream: "let edit\(number) = 1"), to: folder)
      let result = try render(folder)
      XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
      XCTAssertEqual(runs(folder), 2 + number, "a damaged entry is a miss: \(text.prefix(40))")
      XCTAssertTrue(try report(folder).contains("1 of 1 claim holds"))
    }
    // The untouched entry, put back, is a hit again.
    try String(decoding: JSONSerialization.data(withJSONObject: stored), as: UTF8.self)
      .write(toFile: path, atomically: true, encoding: .utf8)
    try write(notebook(downstream: "let edit = 1"), to: folder)
    XCTAssertEqual(try render(folder).status, 0)
    XCTAssertEqual(runs(folder), 1 + damaged.count, "a whole entry of the right type is a hit")

    let throwing = root + "/t"
    try write(
      """
      ```swift
      //| error: true
      struct Refused: Error {}
      let value = try memo("refused") { () throws -> Int in throw Refused() }
      ```
      """, to: throwing)
    XCTAssertEqual(try render(throwing).status, 0)
    var kept = (try? FileManager.default.contentsOfDirectory(atPath: throwing + "/.lemma-cache/memo")) ?? []
    XCTAssertEqual(kept, [], "a closure that throws is not stored")
    try write(
      """
      ```swift
      //| error: true
      let value = memo("trapped") { () -> Int in fatalError("stop") }
      ```
      """, to: throwing)
    XCTAssertEqual(try render(throwing).status, 0)
    kept = (try? FileManager.default.contentsOfDirectory(atPath: throwing + "/.lemma-cache/memo")) ?? []
    XCTAssertEqual(kept, [], "a closure that traps is not stored")
  }
}
