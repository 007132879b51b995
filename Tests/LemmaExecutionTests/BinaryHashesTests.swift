import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// Lemma's binaries are hashed once per build, not on every run: the hash is remembered with
/// the file's stat, and a file whose content (hence size or time) changes is hashed again.
final class BinaryHashesTests: XCTestCase {
  func testRemembersHashesAndNoticesChanges() throws {
    let folder = temporaryDirectory(self)
    let binary = folder + "/binary"
    try Data("first".utf8).write(to: URL(fileURLWithPath: binary))
    var hashes = BinaryHashes(directory: folder)
    let first = hashes.hash(of: binary)
    XCTAssertEqual(first, CacheKey.ofFile(binary))
    hashes.save()
    let remembered = try String(contentsOfFile: folder + "/" + BinaryHashes.fileName, encoding: .utf8)
    XCTAssertTrue(remembered.hasSuffix(" " + binary + " " + first + "\n"), remembered)
    // A remembered hash is used as it is while the file's stat is unchanged...
    try remembered.replacingOccurrences(of: first, with: "remembered")
      .write(toFile: folder + "/" + BinaryHashes.fileName, atomically: true, encoding: .utf8)
    var again = BinaryHashes(directory: folder)
    XCTAssertEqual(again.hash(of: binary), "remembered")
    // ...and the file is hashed again once it changes (same size, new content and time).
    Thread.sleep(forTimeInterval: 0.01)
    try Data("other".utf8).write(to: URL(fileURLWithPath: binary))
    var changed = BinaryHashes(directory: folder)
    XCTAssertEqual(changed.hash(of: binary), CacheKey.ofFile(binary))
    XCTAssertNotEqual(changed.hash(of: binary), first)
  }
}
