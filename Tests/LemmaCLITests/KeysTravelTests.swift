import Foundation
import LemmaExecution
import LemmaTestSupport
import XCTest

/// Cache keys depend on content only: the same sources built at two paths (whose binaries differ,
/// since they hold their build paths) share cache entries, and so do copies of one build.
final class KeysTravelTests: XCTestCase {
  /// A Lemma installation at `folder`: the build's executable and runtime (copied, so with new
  /// times), its modules, and `identity` as its build identity file.
  private func install(at folder: String, identity: String?, extraByte: Bool = false) throws -> String {
    let build = try RuntimeLibrary.locate().directory
    let files = FileManager.default
    try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var lemma = try Data(contentsOf: URL(fileURLWithPath: build + "/lemma"))
    // Another build of the same sources differs in its bytes: an ELF file runs the same with a
    // byte appended.
    if extraByte { lemma.append(0) }
    try lemma.write(to: URL(fileURLWithPath: folder + "/lemma"))
    try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/lemma")
    try files.copyItem(atPath: build + "/libLemmaRuntime.so", toPath: folder + "/libLemmaRuntime.so")
    try files.createSymbolicLink(atPath: folder + "/Modules", withDestinationPath: build + "/Modules")
    if let identity {
      try identity.write(toFile: folder + "/" + BuildIdentity.fileName, atomically: true, encoding: .utf8)
    }
    return folder + "/lemma"
  }

  private func identity(sources: String, folder: String) -> String {
    "sources \(sources)\nlemma \(CacheKey.ofFile(folder + "/lemma"))\nruntime \(CacheKey.ofFile(folder + "/libLemmaRuntime.so"))\n"
  }

  func testTwoBuildsOfTheSameSourcesAtDifferentPathsShareTheCache() throws {
    let root = temporaryDirectory(self)
    try "```swift\nprint(6 * 7)\n```\n".write(toFile: root + "/n.md", atomically: true, encoding: .utf8)
    let first = try install(at: root + "/clone-a", identity: nil)
    try identity(sources: "same", folder: root + "/clone-a").write(
      toFile: root + "/clone-a/" + BuildIdentity.fileName, atomically: true, encoding: .utf8)
    let second = try install(at: root + "/elsewhere/clone-b-at-a-longer-path", identity: nil, extraByte: true)
    try identity(sources: "same", folder: root + "/elsewhere/clone-b-at-a-longer-path").write(
      toFile: root + "/elsewhere/clone-b-at-a-longer-path/" + BuildIdentity.fileName, atomically: true, encoding: .utf8)
    let arguments = ["render", "n.md", "--cache", root + "/cache", "--output"]
    let ran = try runToEnd(first, arguments + ["out"], in: root)
    XCTAssertTrue(ran.stdout.contains("n.md  ran 1 block"), ran.stdout + ran.stderr)
    let reused = try runToEnd(second, arguments + ["out-b"], in: root)
    XCTAssertTrue(reused.stdout.contains("n.md  cached"), "same sources: same keys\n" + reused.stdout + reused.stderr)

    // Other sources: other keys, though nothing else changed.
    try identity(sources: "edited", folder: root + "/elsewhere/clone-b-at-a-longer-path").write(
      toFile: root + "/elsewhere/clone-b-at-a-longer-path/" + BuildIdentity.fileName, atomically: true, encoding: .utf8)
    let edited = try runToEnd(second, arguments + ["out-c"], in: root)
    XCTAssertTrue(edited.stdout.contains("n.md  ran 1 block"), edited.stdout + edited.stderr)
  }

  func testARecordThatNoLongerMatchesItsBinariesFallsBackToTheirBytes() throws {
    let root = temporaryDirectory(self)
    try "```swift\nprint(1)\n```\n".write(toFile: root + "/n.md", atomically: true, encoding: .utf8)
    // A stale record (the binaries were rebuilt by other means): keyed by the binaries' bytes,
    // so copies of one build at two paths still agree, and differ from the record's sources.
    let stale = "sources same\nlemma 00\nruntime 00\n"
    let first = try install(at: root + "/a", identity: stale)
    let second = try install(at: root + "/b-other", identity: nil)
    let arguments = ["render", "n.md", "--output", "out", "--cache", root + "/cache"]
    XCTAssertTrue(try runToEnd(first, arguments, in: root).stdout.contains("n.md  ran 1 block"))
    XCTAssertTrue(try runToEnd(second, arguments, in: root).stdout.contains("n.md  cached"))
  }
}
