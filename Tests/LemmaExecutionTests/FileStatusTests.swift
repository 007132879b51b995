import Foundation
import LemmaExecution
import LemmaTestSupport
import XCTest

final class FileStatusTests: XCTestCase {
  func testSizeAndModificationTimeAreFoundationsAndAMissingFileHasNone() throws {
    let directory = temporaryDirectory(self)
    let path = directory + "/notes.txt"
    try Data(repeating: 7, count: 1234).write(to: URL(fileURLWithPath: path))
    let modified = Date(timeIntervalSince1970: 1_700_000_000.25)
    try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
    let status = try XCTUnwrap(FileStatus(path: path))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    XCTAssertEqual(status.size, 1234)
    XCTAssertEqual(status.size, (attributes[.size] as? NSNumber)?.intValue)
    XCTAssertEqual(status.modified, 1_700_000_000.25, accuracy: 1e-6)
    XCTAssertEqual(
      status.modified, try XCTUnwrap(attributes[.modificationDate] as? Date).timeIntervalSince1970, accuracy: 1e-6)
    XCTAssertNotNil(FileStatus(path: directory), "a folder has a status too")
    XCTAssertNil(FileStatus(path: directory + "/missing.txt"))
  }
}
