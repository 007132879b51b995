import Foundation
import SystemSupport
import XCTest

/// The engine's stand-ins for what FoundationEssentials lacks, each checked against
/// Foundation's own behaviour (which the tests may load) on inputs chosen to differ.
final class SystemSupportTests: XCTestCase {
  func testPathTextReadsPathsAsNSStringDoes() {
    let paths = [
      "a/b.txt", "/a/b.txt", "b.txt", "/", "", "a//b/", "/b", ".profile", "a/.profile", "a/b.tar.gz", "a.b/c",
      "a/b.", "./x.md", "../y", "notebooks/coin.md", "/tmp//x//", "é/ü.md", "a/b c.json", "..", "a/..", "a.",
      "a//b.c", "x/y..z", "a/b.c/", "//a",
    ]
    for path in paths {
      let text = path as NSString
      XCTAssertEqual(PathText.lastComponent(path), text.lastPathComponent, path)
      XCTAssertEqual(PathText.deletingLastComponent(path), text.deletingLastPathComponent, path)
      XCTAssertEqual(PathText.pathExtension(path), text.pathExtension, path)
      XCTAssertEqual(PathText.deletingPathExtension(path), text.deletingPathExtension, path)
    }
    // Paths Foundation itself crashes on (this toolchain's NSString.deletingLastPathComponent).
    XCTAssertEqual(["a/", "."].map(PathText.lastComponent), ["a", "."])
    XCTAssertEqual(["a/", "."].map(PathText.deletingLastComponent), ["", ""])
    XCTAssertEqual(["a/", "."].map(PathText.deletingPathExtension), ["a", "."])
  }

  func testTrimmingMatchesFoundationsCharacterSets() {
    let texts = [
      "", " ", "  a b  ", "\n\ta\u{00A0}\r\n", "\u{2003}x\u{2028}", "a", "\t \n", " é ", "\r\n\r\n", "x\u{85}",
    ]
    for text in texts {
      XCTAssertEqual(
        text.trimmingWhitespace, text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
      XCTAssertEqual(text.trimmingSpacesAndTabs, text.trimmingCharacters(in: .whitespaces), text.debugDescription)
    }
  }

  func testPercentEscapesAreRemovedAsFoundationRemovesThem() {
    let texts = ["a%20b", "%", "%2", "%zz", "100%25", "caf%C3%A9", "%FF", "plain", "a+b", "%2f%2F", ""]
    for text in texts {
      XCTAssertEqual(text.removingPercentEscapes, text.removingPercentEncoding, text)
    }
  }

  func testCFormatIsFoundationsFormatOfAnyLength() {
    for value in [0, 0.005, 1.005, 2.675, -0.0, 123456.789, 1e21, 1e300, .infinity, -.infinity, 0.125] {
      for digits in [0, 1, 2, 3, 30] {
        XCTAssertEqual(
          cFormat("%.*f", Int32(digits), value), String(format: "%.\(digits)f", value), "\(value) \(digits)")
      }
      XCTAssertEqual(cFormat("%.*e", Int32(4), value), String(format: "%.4e", value))
    }
    XCTAssertEqual(cFormat("%.400f", 1.0).count, 402, "longer than the first buffer")
  }

  func testAFileErrorSaysThePathAndTheSystemsReason() {
    XCTAssertEqual("\(FileError(path: "/a/b.txt", code: ENOENT))", "/a/b.txt: No such file or directory")
  }

  func testARecursiveLockIsTakenTwiceAndALockGuardsItsWork() {
    let lock = Lock(recursive: true)
    XCTAssertEqual(lock.withLock { lock.withLock { 42 } }, 42)
    let counter = Lock()
    final class Box: @unchecked Sendable { var count = 0 }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    for _ in 0..<8 {
      XCTAssertTrue(
        startDetachedThread(stackSize: 1 << 20) {
          for _ in 0..<1000 { counter.withLock { box.count += 1 } }
          done.signal()
        })
    }
    for _ in 0..<8 { done.wait() }
    XCTAssertEqual(box.count, 8000)
  }

  /// A file under /proc says it is empty; it is read to its end all the same.
  func testAWholeFileIsReadToItsEndEvenUnderProc() throws {
    let maps = String(decoding: try XCTUnwrap(readWholeFile("/proc/self/maps")), as: UTF8.self)
    XCTAssertGreaterThan(maps.utf8.count, 4096, "a test process maps dozens of libraries")
    XCTAssertTrue(maps.hasSuffix("\n"))
    XCTAssertTrue(maps.contains("libc.so.6"))
    let path = NSTemporaryDirectory() + "/whole-\(getpid()).bin"
    let bytes = (0..<100_000).map { UInt8($0 % 251) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    XCTAssertEqual(readWholeFile(path), bytes)
    XCTAssertNil(readWholeFile(path + ".missing"))
  }

  func testSleepingWaitsAtLeastThatLong() {
    let start = Date()
    sleepThread(seconds: 0.02)
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.02)
  }
}
