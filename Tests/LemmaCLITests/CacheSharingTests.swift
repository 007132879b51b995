import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// Two `lemma` processes sharing one cache folder, and `lemma cache prune`.
final class CacheSharingTests: XCTestCase {
  private var project = ""

  override func setUpWithError() throws {
    project = temporaryDirectory(self)
    try FileManager.default.createDirectory(atPath: project + "/notebooks", withIntermediateDirectories: true)
    try "title: Shared cache\n".write(toFile: project + "/lemma.yml", atomically: true, encoding: .utf8)
    for number in 1...3 {
      let notebook = """
        ---
        seed: \(number)
        ---
        ```swift
        var total = 0.0
        for _ in 0..<100_000 { total += Double.random(in: 0..<1, using: &rng) }
        print("notebook \(number):", fmt(total / 100_000, .fixed(3)))
        show(Chart.line(x: [0, 1, 2], y: [1, Double(\(number)), 2]))
        claim("the mean is near one half", total / 100_000, equals: 0.5, tolerance: .absolute(0.01))
        ```
        """
      try notebook.write(toFile: project + "/notebooks/n\(number).md", atomically: true, encoding: .utf8)
    }
  }

  private var lemmaPath: String { get throws { try RuntimeLibrary.locate().directory + "/lemma" } }

  private func start(_ arguments: [String]) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try lemmaPath)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: project)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    return (process, output)
  }

  func testTwoProcessesRenderingIntoOneCacheAtOnceCorruptNothing() throws {
    let first = try start(["render", "--jobs", "2", "--output", "a"])
    let second = try start(["render", "--jobs", "2", "--output", "b"])
    let firstText = String(decoding: first.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let secondText = String(decoding: second.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    first.0.waitUntilExit()
    second.0.waitUntilExit()
    XCTAssertEqual(first.0.terminationStatus, 0, firstText)
    XCTAssertEqual(second.0.terminationStatus, 0, secondText)
    for number in 1...3 {
      let a = try String(contentsOfFile: project + "/a/n\(number).html", encoding: .utf8)
      XCTAssertEqual(a, try String(contentsOfFile: project + "/b/n\(number).html", encoding: .utf8))
      XCTAssertTrue(a.contains("1 of 1 claim holds"), a)
    }
    // Every entry left in the cache reads back whole, and a third run finds them all.
    let cache = OutputCache(directory: project + "/.lemma-cache")
    let keys = try FileManager.default.contentsOfDirectory(atPath: cache.directory + "/outputs")
    XCTAssertFalse(keys.isEmpty)
    for file in keys { XCTAssertNotNil(cache.outputs(for: String(file.dropLast(".json".count))), file) }
    XCTAssertFalse(keys.contains { $0.hasSuffix(".tmp") || $0.hasPrefix(".") }, "no temporary file is left")
    let third = try runToEnd(try lemmaPath, ["render", "--output", "c"], in: project)
    XCTAssertEqual(third.status, 0, third.stderr)
    XCTAssertEqual(third.stdout.components(separatedBy: "cached").count - 1, 3, third.stdout)
  }

  func testPruneRemovesTheLeastRecentlyUsedEntriesAndKeepsRecentOnes() throws {
    XCTAssertEqual(try runToEnd(try lemmaPath, ["render"], in: project).status, 0)
    let cache = OutputCache(directory: project + "/.lemma-cache")
    let pruner = CachePruner(cache: cache)
    var entries = pruner.removableEntries()
    XCTAssertGreaterThanOrEqual(entries.count, 6, "outputs, build folders and render stamps")
    // Make the entries old, the oldest first in path order, then keep room for about half.
    for (age, entry) in entries.sorted(by: { $0.path < $1.path }).enumerated() {
      var times = [timeval(tv_sec: 1_000_000 + age, tv_usec: 0), timeval(tv_sec: 1_000_000 + age, tv_usec: 0)]
      let target = entry.path.hasSuffix(".json") ? entry.path : entry.path + "/program"
      XCTAssertEqual(utimes(target, &times), 0, target)
    }
    entries = pruner.removableEntries().sorted { $0.used < $1.used }
    let total = CachePruner.size(of: cache.directory)
    let half = total - entries.prefix(entries.count / 2).map(\.bytes).reduce(0, +)
    let result = pruner.prune(toBytes: half)
    XCTAssertLessThanOrEqual(result.bytesAfter, half)
    XCTAssertEqual(result.entriesRemoved, entries.count / 2, "only as many as needed, oldest first")
    for entry in entries.prefix(entries.count / 2) {
      XCTAssertFalse(FileManager.default.fileExists(atPath: entry.path))
    }
    for entry in entries.dropFirst(entries.count / 2) {
      XCTAssertTrue(FileManager.default.fileExists(atPath: entry.path))
    }
    // Recently used entries stay, whatever the limit; the command says so.
    let rendered = try runToEnd(try lemmaPath, ["render"], in: project)
    XCTAssertEqual(rendered.status, 0, rendered.stderr)
    let pruned = try runToEnd(try lemmaPath, ["cache", "prune", "--max-size", "1K"], in: project)
    XCTAssertEqual(pruned.status, 0, pruned.stderr)
    XCTAssertTrue(pruned.stdout.contains("used in the last ten minutes and stays"), pruned.stdout)
    XCTAssertTrue(try runToEnd(try lemmaPath, ["render"], in: project).stdout.contains("cached"))
    XCTAssertEqual(try runToEnd(try lemmaPath, ["cache", "prune", "--max-size", "lots"], in: project).status, 64)
  }

  func testSizesReadAsPeopleWriteThem() {
    XCTAssertEqual(CachePruner.bytes("1000"), 1000)
    XCTAssertEqual(CachePruner.bytes("500M"), 500 << 20)
    XCTAssertEqual(CachePruner.bytes("2G"), 2 << 30)
    XCTAssertEqual(CachePruner.bytes("1.5kb"), 1536)
    XCTAssertNil(CachePruner.bytes("-1"))
    XCTAssertNil(CachePruner.bytes("many"))
    XCTAssertEqual(CachePruner.describe(1536), "1.5 KB")
  }
}
