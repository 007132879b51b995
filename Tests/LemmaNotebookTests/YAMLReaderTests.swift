import LemmaNotebook
import XCTest

/// `YAMLReader`: libyaml's events composed into nodes, with the places errors point at.
final class YAMLReaderTests: XCTestCase {
  private func read(_ text: String) throws -> YAMLNode? { try YAMLReader.read(text) }

  private func problem(_ text: String) -> YAMLProblem? {
    do {
      _ = try YAMLReader.read(text)
      return nil
    } catch {
      return error
    }
  }

  func testEmptyTextAndCommentsHoldNoDocument() throws {
    XCTAssertNil(try read(""))
    XCTAssertNil(try read("# only a comment\n\n"))
  }

  func testBlockAndFlowCollectionsKeepTheirOrderAndPlaces() throws {
    let root = try XCTUnwrap(
      try read("title: A walk\nparams: { walks: 20, start: -1.5 }\nfiles:\n  - a.csv\n  - 'b c'\n"))
    let pairs = try XCTUnwrap(root.pairs)
    XCTAssertEqual(pairs.map { $0.key.text }, ["title", "params", "files"])
    XCTAssertEqual(pairs[0].value.text, "A walk")
    XCTAssertEqual(pairs[0].value.location, SourceLocation(line: 1, column: 8))
    let params = try XCTUnwrap(pairs[1].value.pairs)
    XCTAssertEqual(params.map { $0.key.text }, ["walks", "start"])
    XCTAssertEqual(params[1].value.text, "-1.5")
    XCTAssertEqual(params[1].key.location, SourceLocation(line: 2, column: 22))
    let files = try XCTUnwrap(pairs[2].value.items)
    XCTAssertEqual(files.map(\.text), ["a.csv", "b c"])
    XCTAssertEqual(files.map(\.style), [.plain, .singleQuoted])
    XCTAssertEqual(files[1].location, SourceLocation(line: 5, column: 5))
  }

  func testScalarStylesAndBlockText() throws {
    let root = try XCTUnwrap(try read("a: \"x\\ty\"\nb: |\n  one\n  two\nc: >\n  folded\n  line\n"))
    let values = try XCTUnwrap(root.pairs).map(\.value)
    XCTAssertEqual(values.map(\.text), ["x\ty", "one\ntwo\n", "folded line\n"])
    XCTAssertEqual(values.map(\.style), [.doubleQuoted, .literal, .folded])
  }

  func testBooleansAreYAML11PlainWordsUnlessText() throws {
    let root = try XCTUnwrap(try read("[yes, No, TRUE, off, On, 'yes', \"true\", !!str on, maybe, 1, y]"))
    XCTAssertEqual(
      try XCTUnwrap(root.items).map(\.bool), [true, false, true, false, true, nil, nil, nil, nil, nil, nil])
  }

  func testAliasesStandForTheirAnchorsNode() throws {
    let root = try XCTUnwrap(try read("base: &b { walks: 3 }\ncopy: *b\nname: &n plain\nagain: *n\n"))
    let pairs = try XCTUnwrap(root.pairs)
    XCTAssertEqual(pairs[1].value.pairs?.first?.value.text, "3")
    XCTAssertEqual(pairs[3].value.text, "plain")
    let undefined = problem("a: *nowhere\n")
    XCTAssertEqual(undefined?.location, SourceLocation(line: 1, column: 4))
    XCTAssertEqual(undefined?.problem.contains("`*nowhere`"), true)
    // An anchor's own collection is not finished inside itself.
    XCTAssertNotNil(problem("a: &x [*x]\n"))
  }

  func testKeysWrittenTwiceAreAnError() {
    let twice = problem("seed: 1\ntitle: x\nseed: 2\ntitle: y\n")
    XCTAssertEqual(twice, YAMLProblem("duplicate key seed, title", at: SourceLocation(line: 1, column: 1)))
    XCTAssertEqual(problem("p: { a: 1, a: 2 }\n")?.location, SourceLocation(line: 1, column: 6))
    // The same text quoted and plain is the same key.
    XCTAssertNotNil(problem("a: 1\n'a': 2\n"))
  }

  /// libyaml counts characters and breaks lines at U+2028 too; positions are the notebook's:
  /// columns in UTF-8 bytes, lines at "\n" only.
  func testPositionsCountBytesAndNewlinesAsTheNotebookDoes() throws {
    XCTAssertEqual(
      problem("a: é: c\n"),
      YAMLProblem("mapping values are not allowed in this context", at: SourceLocation(line: 1, column: 6)))
    let root = try XCTUnwrap(try read("title: \"Ünïcödé\"\nsummary: \"one\u{2028}two\"\nseed: 1\n"))
    let pairs = try XCTUnwrap(root.pairs)
    XCTAssertEqual(
      pairs.map(\.value.location),
      [SourceLocation(line: 1, column: 8), SourceLocation(line: 2, column: 10), SourceLocation(line: 3, column: 7)])
    XCTAssertEqual(
      problem("summary: \"one\u{2028}two\"\nseed: 1\nseed: 2\n")?.location, SourceLocation(line: 2, column: 1),
      "a U+2028 inside a value starts no line of the notebook")
    // Far into a long text, after many multi-byte characters (the walk goes on from mark to mark).
    let long = (0..<2000).map { "k\($0): \"ééé\"\n" }.joined() + "a: é: c\n"
    XCTAssertEqual(problem(long)?.location, SourceLocation(line: 2001, column: 6))
  }

  func testSyntaxErrorsAreLibyamlsWordsAtTheirPlace() {
    let unclosed = problem("title: x\nparams: { walks: 1\n")
    XCTAssertEqual(unclosed?.location?.line, 3)
    XCTAssertEqual(
      problem("a: b: c\n"),
      YAMLProblem("mapping values are not allowed in this context", at: SourceLocation(line: 1, column: 5)))
    XCTAssertEqual(problem("a: 'x\n")?.location?.line, 2)
    XCTAssertEqual(problem("a:\n\t- b\n")?.location?.line, 2)
  }

  func testControlCharactersAreRefusedWithTheirLine() {
    let control = problem("a: 1\nb: \u{1}\n")
    XCTAssertEqual(control?.location?.line, 2)
    XCTAssertEqual(control?.problem, "control characters are not allowed")
  }

  func testOneDocumentOnly() {
    XCTAssertEqual(problem("a: 1\n---\nb: 2\n")?.location?.line, 2)
    XCTAssertNotNil(try read("--- \na: 1\n...\n"))
  }

  func testNestingPastTheLimitIsAnErrorNotACrash() throws {
    let limit = YAMLReader.maximumDepth
    XCTAssertNotNil(try read(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)))
    let deep = problem(String(repeating: "[", count: 100_000))
    XCTAssertEqual(deep?.location, SourceLocation(line: 1, column: limit + 1))
    XCTAssertEqual(problem(String(repeating: "{a: ", count: 5_000))?.problem.contains("nest deeper"), true)
  }

  func testUnicodeTextAndColumnsInBytes() throws {
    let root = try XCTUnwrap(try read("tïtle: «ça» — ok\nπ: 3.14\n"))
    let pairs = try XCTUnwrap(root.pairs)
    XCTAssertEqual(pairs[0].value.text, "«ça» — ok")
    XCTAssertEqual(pairs[0].value.location, SourceLocation(line: 1, column: 9), "`ï` is two bytes")
    XCTAssertEqual(pairs[1].key.text, "π")
  }
}
