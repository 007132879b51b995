import LemmaNotebook
import LemmaTestSupport
import XCTest

final class NotebookParserTests: XCTestCase {
  private let fixtures = testDirectory() + "/Fixtures"

  func testRichNotebookTreeMatchesGolden() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/rich.md"))
    let notebook = try NotebookParser().parse(data, path: "Fixtures/rich.md")
    assertGolden(notebook.dump(), testDirectory() + "/Golden/rich.dump")
  }

  func testExperimentsAndInlinesAreNumberedInOrder() throws {
    let notebook = try NotebookParser().parse(contentsOf: fixtures + "/rich.md")
    XCTAssertEqual(notebook.experiments.map(\.index), [0, 1, 2])
    XCTAssertEqual(notebook.experiments.map(\.firstCodeLine), [21, 34, 44])
    XCTAssertEqual(notebook.inlineExpressions.map(\.expression), ["walks * 2", "fmt(rate)", "\"a `tick`\"", "walks"])
    XCTAssertEqual(notebook.inlineExpressions.map(\.afterBlockCount), [0, 0, 2, 3])
    XCTAssertEqual(notebook.experiments[0].displayCode, "let walks = params.walks")
  }

  func testNotebookWithoutFrontMatterUsesDefaults() throws {
    let notebook = try NotebookParser().parse(source: "# Hi\n\n```swift\nprint(1)\n```\n", path: "notes/hi.md")
    XCTAssertEqual(notebook.frontMatter, FrontMatter())
    XCTAssertEqual(notebook.title, "hi")
    XCTAssertEqual(notebook.experiments.first?.lines, 3...5)
  }

  func testUnknownFrontMatterKeyNamesItsLineAndSuggests() {
    let error = parseError("---\ntitle: x\nsede: 4\n---\n")
    XCTAssertEqual(error?.headline, "n.md:3:1: error: unknown front matter key `sede`")
    XCTAssertEqual(error?.hint?.hasPrefix("did you mean `seed`?"), true)
  }

  func testBadYAMLNamesItsLine() {
    let error = parseError("---\ntitle: x\nparams: { walks: 1\n---\n")
    // Where the `}` is missing: the end of line 3 (libyaml itself would say line 4, the line it
    // starts at the end of the text).
    XCTAssertEqual(error?.location, SourceLocation(line: 3, column: 19))
    XCTAssertEqual(error?.message.hasPrefix("front matter is not valid YAML"), true)
  }

  func testFilesTakeOnePatternOrAList() throws {
    let one = try NotebookParser().parse(source: "---\nfiles: data.csv\n---\n", path: "n.md")
    XCTAssertEqual(
      one.frontMatter.files, [FilePattern(pattern: "data.csv", location: SourceLocation(line: 2, column: 8))])
    let list = try NotebookParser().parse(source: "---\nfiles: [a.txt, \"data/*.csv\"]\n---\n", path: "n.md")
    XCTAssertEqual(list.frontMatter.files.map(\.pattern), ["a.txt", "data/*.csv"])
    XCTAssertEqual(
      parseError("---\nfiles: [a.txt, {b: 1}]\n---\n")?.headline,
      "n.md:2:16: error: `files` must list file names or patterns")
  }

  func testBadSeedAndTimeoutAreRejected() {
    XCTAssertEqual(
      parseError("---\nseed: -3\n---\n")?.headline, "n.md:2:7: error: `seed` must be a whole number from 0 to 2^64-1")
    XCTAssertEqual(parseError("---\ntimeout: 0\n---\n")?.location?.line, 2)
    XCTAssertEqual(
      parseError("---\nparams: { 2x: 1 }\n---\n")?.message, "parameter name `2x` is not a Swift identifier")
    XCTAssertEqual(parseError("---\nparams: { xs: [1, 2] }\n---\n")?.location?.line, 2)
  }

  func testUnclosedFrontMatterIsAnError() {
    XCTAssertEqual(
      parseError("---\ntitle: x\n\nText.\n")?.headline, "n.md:1:1: error: front matter opened here is never closed")
  }

  func testUnknownCellOptionNamesItsLine() {
    let error = parseError(
      "Text\n\n```swift\nlet a = 1\n```\n\n```swift\n//| echo: false\n//| lable: x\nprint(1)\n```\n")
    XCTAssertEqual(error?.headline, "n.md:9:1: error: unknown cell option `lable`")
    XCTAssertEqual(error?.hint?.hasPrefix("did you mean `label`?"), true)
  }

  func testBadOptionValuesAreRejected() {
    XCTAssertEqual(
      parseError("```swift\n//| echo: maybe\n```\n")?.headline,
      "n.md:2:1: error: cell option `echo` must be true or false, not `maybe`")
    XCTAssertEqual(parseError("```swift\n//| label: a b\n```\n")?.location?.line, 2)
    XCTAssertEqual(parseError("```swift\n//| echo\n```\n")?.message, "cell option line has no `key: value`")
    XCTAssertEqual(parseError("```swift\n//| echo: true\n//| echo: false\n```\n")?.location?.line, 3)
  }

  func testUnterminatedSwiftFenceIsAnError() {
    XCTAssertEqual(
      parseError("Text\n\n```swift\nlet a = 1\n")?.headline, "n.md:3:1: error: this ```swift block is never closed")
  }

  func testNonUTF8NamesTheLine() {
    let bytes = Data("line one\nline two\n".utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8)
    XCTAssertThrowsError(try NotebookParser().parse(bytes, path: "n.md")) { error in
      XCTAssertEqual(
        (error as? NotebookError)?.headline, "n.md:3:1: error: the notebook is not valid UTF-8 text (byte 0xFF)")
    }
  }

  func testMissingFileIsAnErrorNamingIt() {
    XCTAssertThrowsError(try NotebookParser().parse(contentsOf: "/nonexistent/x.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.headline, "/nonexistent/x.md: error: no such file")
    }
  }

  func testCrossReferencesAreFoundWithTheirColumns() throws {
    let notebook = try NotebookParser().parse(
      source: "See @fig-a and (@tbl-b), not me@fig-a or `@fig-a` or @other.\n\n```swift\n//| label: fig-a\n```\n"
        + "```swift\n//| label: tbl-b\n```\n",
      path: "n.md")
    XCTAssertEqual(
      notebook.crossReferences,
      [
        CrossReference(label: "fig-a", location: SourceLocation(line: 1, column: 5)),
        CrossReference(label: "tbl-b", location: SourceLocation(line: 1, column: 17)),
      ])
  }

  func testUnknownReferenceAndDuplicateLabelNameTheirLines() {
    let unknown = parseError("```swift\n//| label: fig-steps\n```\n\nAs @fig-step shows.\n")
    XCTAssertEqual(unknown?.headline, "n.md:5:4: error: no block is labelled `fig-step`")
    XCTAssertEqual(unknown?.hint?.hasPrefix("did you mean `@fig-steps`?"), true)
    let duplicate = parseError("```swift\n//| label: fig-a\n```\n\n```swift\n//| echo: true\n//| label: fig-a\n```\n")
    XCTAssertEqual(duplicate?.headline, "n.md:7:1: error: label `fig-a` is already used at line 2")
  }

  func testParamOverridesParseAsTheDefaultsType() {
    XCTAssertEqual(ParamValue.int(3).parsingOverride("500"), .int(500))
    XCTAssertNil(ParamValue.int(3).parsingOverride("5.5"))
    XCTAssertEqual(ParamValue.double(0.5).parsingOverride("1e-3"), .double(0.001))
    XCTAssertEqual(ParamValue.bool(true).parsingOverride("false"), .bool(false))
    XCTAssertNil(ParamValue.bool(true).parsingOverride("no"))
  }

  private func parseError(_ source: String) -> NotebookError? {
    do {
      _ = try NotebookParser().parse(source: source, path: "n.md")
      XCTFail("expected an error")
      return nil
    } catch {
      return error
    }
  }
}
