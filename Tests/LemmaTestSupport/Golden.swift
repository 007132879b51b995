import Foundation
import XCTest

/// Compares text with a golden file beside the tests; `LEMMA_RECORD=1` rewrites the file.
///
/// On a mismatch the failure names the first differing line, so a reviewer sees what changed.
public func assertGolden(
  _ actual: String, _ goldenPath: String, file: StaticString = #filePath, line: UInt = #line
) {
  if ProcessInfo.processInfo.environment["LEMMA_RECORD"] == "1" {
    try? FileManager.default.createDirectory(
      atPath: (goldenPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    XCTAssertNoThrow(try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8), file: file, line: line)
    return
  }
  guard let expected = try? String(contentsOfFile: goldenPath, encoding: .utf8) else {
    XCTFail("missing golden file \(goldenPath); run with LEMMA_RECORD=1 to record it", file: file, line: line)
    return
  }
  guard actual != expected else { return }
  let actualLines = actual.components(separatedBy: "\n")
  let expectedLines = expected.components(separatedBy: "\n")
  let common = min(actualLines.count, expectedLines.count)
  let index = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
  let got = index < actualLines.count ? actualLines[index] : "<end of text>"
  let wanted = index < expectedLines.count ? expectedLines[index] : "<end of file>"
  XCTFail(
    "differs from \(goldenPath) at line \(index + 1):\n  expected: \(wanted)\n  actual:   \(got)\n"
      + "(LEMMA_RECORD=1 re-records golden files)", file: file, line: line)
}

/// The folder of the test file that calls it: golden files live beside their tests.
public func testDirectory(_ file: String = #filePath) -> String {
  (file as NSString).deletingLastPathComponent
}

/// A fresh temporary folder, removed when the test ends.
public func temporaryDirectory(_ testCase: XCTestCase) -> String {
  let path = NSTemporaryDirectory() + "lemma-test-" + UUID().uuidString
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  testCase.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
  return path
}
