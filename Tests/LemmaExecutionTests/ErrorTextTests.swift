import Foundation
import LemmaExecution
import SystemSupport
import XCTest

final class ErrorTextTests: XCTestCase {
  /// A file error is its path and the system's reason, not Foundation's "The operation could
  /// not be completed"; other errors describe themselves.
  func testFileErrorsAreDescribedByPathAndReason() {
    XCTAssertThrowsError(try "x".write(toFile: "/nonexistent-lemma/dir/file.txt", atomically: true, encoding: .utf8)) {
      XCTAssertEqual(describeError($0), "/nonexistent-lemma/dir/file.txt: No such file or directory")
    }
    XCTAssertEqual(describeError(FileError(path: "/x", code: EACCES)), "/x: Permission denied")
    struct Plain: Error, CustomStringConvertible { var description: String { "said plainly" } }
    XCTAssertEqual(describeError(Plain()), "said plainly")
  }
}
