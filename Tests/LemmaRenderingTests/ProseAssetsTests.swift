import Foundation
import LemmaNotebook
import LemmaTestSupport
import XCTest

@testable import LemmaRendering

/// Which files prose refers to are copied with the report, and which references are errors
/// or warnings, each at its line:col.
final class ProseAssetsTests: XCTestCase {
  private var folder = ""

  override func setUpWithError() throws {
    folder = temporaryDirectory(self) + "/notes"
    try FileManager.default.createDirectory(atPath: folder + "/img", withIntermediateDirectories: true)
    for file in ["img/a b.png", "img/c.svg", "data.csv", "other.md"] {
      XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data(file.utf8)))
    }
  }

  private func assets(_ prose: String) throws -> ProseAssets {
    try ProseAssets.of(NotebookParser().parse(source: prose, path: folder + "/report.md"))
  }

  private func error(_ prose: String) -> NotebookError? {
    do {
      _ = try assets(prose)
      return nil
    } catch let error as NotebookError {
      return error
    } catch {
      return nil
    }
  }

  func testLocalImagesAndLinkedFilesAreCopiedOnceAndTheRestLeftAlone() throws {
    let found = try assets(
      """
      ![a](<img/a b.png>) ![again](./img/a%20b.png?v=2) [c](img/c.svg#part) [data](data.csv "the data")

      [page](other.md#top) [top](#top) [site](https://example.com/x) [mail](mailto:a@b.c) [root](/about)
      ![inline](data:image/png;base64,AAAA) [folder](img/)
      """)
    XCTAssertEqual(found.assets.map(\.path), ["data.csv", "img/a b.png", "img/c.svg"])
    XCTAssertEqual(found.assets[0].sha256.count, 64)
    XCTAssertEqual(found.warnings.map(\.message), ["`img/` is a folder: only files are copied with the report"])
    let copies = try found.copy(into: folder + "/../out")
    XCTAssertEqual(copies.count, 3)
    XCTAssertEqual(FileManager.default.contents(atPath: folder + "/../out/img/a b.png"), Data("img/a b.png".utf8))
  }

  func testAMissingImageOrAPathOutOfTheFolderIsAnErrorAtItsPlace() throws {
    try FileManager.default.createSymbolicLink(atPath: folder + "/img/out.png", withDestinationPath: "/etc/hostname")
    let cases: [(prose: String, message: String, line: Int, column: Int)] = [
      ("Text\n\nSee ![x](img/none.png).", "there is no image `img/none.png` in the notebook's folder", 3, 5),
      ("![x](../secret.png)", "the image `../secret.png` is outside the notebook's folder", 1, 1),
      ("[x](img/../../secret.txt)", "the linked file `img/../../secret.txt` is outside the notebook's folder", 1, 1),
      ("![x](/etc/hostname)", "the image `/etc/hostname` is not a path relative to the notebook's folder", 1, 1),
      ("![x](img/out.png)", "the image `img/out.png` leads outside the notebook's folder", 1, 1),
      ("[x](report.html)", "would be copied over a report or its charts", 1, 1),
      ("![x](other/fig-1.svg)", "would be copied over a report or its charts", 1, 1),
    ]
    try FileManager.default.createDirectory(atPath: folder + "/other", withIntermediateDirectories: true)
    XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/other/fig-1.svg", contents: Data()))
    XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/report.html", contents: Data()))
    for (prose, message, line, column) in cases {
      let found = error(prose)
      XCTAssertTrue(found?.message.contains(message) == true, "\(prose): \(String(describing: found))")
      XCTAssertEqual(found?.location, SourceLocation(line: line, column: column), prose)
    }
  }

  func testAMissingLinkedFileAndARemoteImageAreWarnings() throws {
    let found = try assets("[gone](files/gone.pdf)\n\n![remote](https://images.example.org/a.png)")
    XCTAssertEqual(found.assets, [])
    XCTAssertEqual(
      found.warnings.map { $0.line(path: "report.md") },
      [
        "report.md:1:1: warning: there is no linked file `files/gone.pdf` in the notebook's folder: the link will be broken",
        "report.md:3:1: warning: remote image `https://images.example.org/a.png`: the page will request "
          + "images.example.org when it is opened; put the file beside the notebook to keep the report offline",
      ])
  }
}
