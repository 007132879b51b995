import LemmaExecution
import LemmaNotebook
import XCTest

final class CacheTests: ExecutionTestCase {
  private let original = """
    ---
    seed: 1
    ---
    Intro prose.

    ```swift
    let value = Int.random(in: 0..<1000, using: &rng)
    print(value)
    ```
    """

  func testSecondRunIsACacheHit() throws {
    let executor = try executor()
    let first = try executor.execute(notebook(original))
    let second = try executor.execute(notebook(original))
    XCTAssertEqual(first.source, .ran)
    XCTAssertEqual(second.source, .cached)
    XCTAssertEqual(first.outputs.blocks, second.outputs.blocks)
  }

  func testProseEditIsACacheHitAndBlockEditIsAMiss() throws {
    let executor = try executor()
    _ = try executor.execute(notebook(original))
    let proseEdit = original.replacingOccurrences(of: "Intro prose.", with: "New intro.\n\nA whole new paragraph.")
    XCTAssertEqual(try executor.execute(notebook(proseEdit)).source, .cached)
    let blockEdit = original.replacingOccurrences(of: "print(value)", with: "print(value + 1)")
    XCTAssertEqual(try executor.execute(notebook(blockEdit)).source, .ran)
    let seedEdit = original.replacingOccurrences(of: "seed: 1", with: "seed: 2")
    XCTAssertEqual(try executor.execute(notebook(seedEdit)).source, .ran)
  }

  func testCachedErrorsFollowTheBlockWhenProseMovesIt() throws {
    let executor = try executor()
    let failing = "```swift\nlet a = 1\nprint(a + nope)\n```\n"
    let first = try notebook(failing)
    let firstRun = try executor.execute(first)
    let moved = try notebook("# Heading\n\nTwo new\nlines of prose.\n\n" + failing)
    let cached = try executor.execute(moved)
    XCTAssertEqual(cached.source, .cached)
    let location = cached.outputs.blocks[0].failures.first?.location
    XCTAssertEqual(firstRun.outputs.blocks[0].failures.first?.location, location)
    XCTAssertEqual(location.flatMap(first.sourceLocation(of:))?.line, 3)
    XCTAssertEqual(location.flatMap(moved.sourceLocation(of:))?.line, 8)
  }

  func testForceBypassesTheCache() throws {
    _ = try executor().execute(notebook(original))
    XCTAssertEqual(try executor(force: true).execute(notebook(original)).source, .ran)
  }

  func testCorruptEntryIsAMiss() throws {
    let executor = try executor()
    let first = try executor.execute(notebook(original))
    let entry = cacheDirectory + "/outputs/" + first.cacheKey + ".json"
    try Data("{\"format\":1,\"key\":\"".utf8).write(to: URL(fileURLWithPath: entry))
    let again = try executor.execute(notebook(original))
    XCTAssertEqual(again.source, .ran)
    XCTAssertEqual(again.outputs.blocks, first.outputs.blocks)
  }
}
