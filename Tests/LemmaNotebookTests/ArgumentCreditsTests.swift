import Foundation
import LemmaTestSupport
import XCTest

/// The argument notebooks credit the one person whose comment they test, and quote that
/// comment word for word: every quoted stretch (between `[…]` elisions) is in the author's seed
/// file (`Fixtures/seeds/`, copied from the comments the notebooks are after).
final class ArgumentCreditsTests: XCTestCase {
  private let authors = [
    "nostalgebraist": "000_ae4411d34ef72c01.txt",
    "Lawrence Chan": "004_3b24d659eea95afb.txt",
  ]

  /// Notebooks that test a comment, by their credited author.
  private let expected = [
    "belief-martingale": "Lawrence Chan", "doom-clock": "Lawrence Chan", "calibrated-forecasts": "Lawrence Chan",
    "relu-multiplication": "Lawrence Chan", "weight-norms": "Lawrence Chan",
    "finetuning-elicitation": "Lawrence Chan", "grokking": "Lawrence Chan", "embedding-gradients": "Lawrence Chan",
    "sgd-noise-structure": "nostalgebraist", "compute-budgets": "nostalgebraist",
    "sycophancy-statistics": "nostalgebraist", "counterfactual-memorization": "nostalgebraist",
    "sae-rare-features": "nostalgebraist", "sae-target": "nostalgebraist",
  ]

  /// Text as compared: code marks, footnote markers (`see[5]`) and line breaks gone, spaces
  /// collapsed (and none before a comma), quotes straightened.
  private func normalized(_ text: String) -> String {
    text.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "’", with: "'")
      .replacingOccurrences(of: "\\[[0-9]+\\]", with: "", options: .regularExpression)
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .replacingOccurrences(of: " ,", with: ",")
  }

  func testEachNotebookCreditsItsAuthorAloneAndQuotesWordForWord() throws {
    let root = testDirectory() + "/../.."
    for (name, author) in expected.sorted(by: { $0.key < $1.key }) {
      let text = try String(contentsOfFile: root + "/notebooks/\(name).md", encoding: .utf8)
      // The opening: after the front matter, before the first section.
      let body = text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
      let opening = body.components(separatedBy: "\n## ").first ?? ""
      XCTAssertTrue(opening.contains(author), "\(name) credits \(author)")
      for other in authors.keys where other != author {
        XCTAssertFalse(text.contains(other), "\(name) credits only \(author), not \(other)")
      }
      XCTAssertFalse(opening.contains("```"), "\(name): the credit comes before the first block")
      // Each blockquote on its own: two quotes need not be next to each other in the comment.
      let quotes = opening.components(separatedBy: "\n\n").map { paragraph in
        paragraph.split(separator: "\n").filter { $0.hasPrefix(">") }
          .map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
      }.filter { !$0.isEmpty }
      XCTAssertFalse(quotes.isEmpty, "\(name) quotes the comment it tests")
      let seed = normalized(
        try String(contentsOfFile: testDirectory() + "/Fixtures/seeds/" + authors[author]!, encoding: .utf8))
      let stretches = quotes.flatMap { quote in
        quote.replacingOccurrences(of: " [sic]", with: "").components(separatedBy: "[...]").map(normalized)
      }.filter { !$0.isEmpty }
      for stretch in stretches {
        XCTAssertTrue(seed.contains(stretch), "\(name): not word for word in the seed: \(stretch)")
      }
    }
  }
}
