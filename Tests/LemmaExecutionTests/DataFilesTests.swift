import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaExecution

/// `files:` patterns are matched in the notebook's folder, whatever that folder is called.
final class DataFilesTests: XCTestCase {
  func testPatternsMatchRegularFilesInAFolderWhoseNameLooksLikeAPattern() throws {
    let folder = temporaryDirectory(self) + "/runs [2024]*"
    try FileManager.default.createDirectory(atPath: folder + "/data/sub.csv", withIntermediateDirectories: true)
    for name in ["data/a.csv", "data/b.csv", "data/c.txt"] {
      try "x\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
    XCTAssertEqual(DataFiles.expand("data/*.csv", in: folder), ["data/a.csv", "data/b.csv"], "folders are left out")
    XCTAssertEqual(DataFiles.expand("data/c.txt", in: folder), ["data/c.txt"])
    XCTAssertEqual(DataFiles.expand("nothing-*.csv", in: folder), [])
  }

  func testChangedNamesNewChangedAndGoneFiles() {
    let before = DataFiles(hashes: [(path: "a", hash: "1"), (path: "b", hash: "2"), (path: "gone", hash: "3")])
    let after = DataFiles(hashes: [(path: "a", hash: "1"), (path: "b", hash: "9"), (path: "new", hash: "4")])
    XCTAssertEqual(after.changed(since: before), ["b", "gone", "new"])
    XCTAssertEqual(after.changed(since: after), [])
  }
}
