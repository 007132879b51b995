import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaCLI

/// The order a run starts its notebooks in.
final class RenderSessionTests: XCTestCase {
  /// Notebooks that declare a longer time limit start first, so a long one does not run alone
  /// at the end while the other workers idle; the rest keep their order, and a notebook that
  /// cannot be read keeps its place among the default limits (it fails when it runs).
  func testNotebooksWithLongerTimeLimitsStartFirst() throws {
    let folder = temporaryDirectory(self)
    let notebooks: [(String, String)] = [
      ("a-short.md", "# Short\n"),
      ("b-unreadable.md", "---\ntimeout: [\n---\n"),
      ("c-long.md", "---\ntimeout: 90\n---\n# Long\n"),
      ("d-short.md", "---\ntimeout: 30\n---\n# Shorter\n"),
      ("e-longest.md", "---\ntimeout: 400\n---\n# Longest\n"),
    ]
    for (name, text) in notebooks { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
    let paths = notebooks.map { folder + "/" + $0.0 } + [folder + "/missing.md"]
    let order = RenderSession.longestFirst(paths).map { URL(fileURLWithPath: $0).lastPathComponent }
    XCTAssertEqual(order, ["e-longest.md", "c-long.md", "a-short.md", "b-unreadable.md", "missing.md", "d-short.md"])
  }
}
