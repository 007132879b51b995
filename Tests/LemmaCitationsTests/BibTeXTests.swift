import XCTest

@testable import LemmaCitations

/// BibTeX as people write it: braces and quotes, macros and `#`, accents, `and`-separated
/// names in either order; and files that are wrong, located to the line.
final class BibTeXTests: XCTestCase {
  private func parse(_ text: String) throws -> [BibTeXEntry] {
    var parser = BibTeXParser(text)
    return try parser.parse()
  }

  private func parseError(_ text: String) -> BibTeXError? {
    do {
      _ = try parse(text)
      return nil
    } catch { return error as? BibTeXError }
  }

  func testEntriesFieldsAndValues() throws {
    let entries = try parse(
      #"""
      Text before entries is a comment. @comment{ignored {nested}}
      @preamble{"\newcommand{\x}{y}"}
      @string{ jml = "Journal of {Machine} Learning" }
      @ARTICLE{a1,
        Author = {Doe, Jane},
        title = "A {Study} of {"}Things{"}",
        journal = jml # { Research},
        year = 2020, month = sep,
        pages = {1--10},
      }
      @book(b2, title = {Braces {inside {deeply}}}, year = {1999})
      """#)
    XCTAssertEqual(entries.map(\.key), ["a1", "b2"])
    XCTAssertEqual(entries[0].type, "article")
    XCTAssertEqual(entries[0].line, 4)
    XCTAssertEqual(entries[0].fields["author"], "Doe, Jane")
    XCTAssertEqual(entries[0].fields["journal"], "Journal of {Machine} Learning Research")
    XCTAssertEqual(entries[0].fields["year"], "2020")
    XCTAssertEqual(entries[0].fields["month"], "September")
    XCTAssertEqual(entries[1].fields["title"], "Braces {inside {deeply}}")
    XCTAssertEqual(entries[1].line, 11)
  }

  func testErrorsNameTheirLine() {
    XCTAssertEqual(parseError("@article{a,\n  title = {open\n")?.line, 2)
    XCTAssertEqual(
      parseError("@article{a,\n  title = {open\n")?.message,
      "a `}` is missing: the value opened on line 2 is not closed")
    XCTAssertEqual(parseError("@article{a,\n  title = {x\n}\n")?.message, "the entry `a` is not closed")
    XCTAssertEqual(
      parseError("@article{a, title = {x}}\n\n@book{a, title = {y}}")?.message,
      "the key `a` is used twice (first on line 1)")
    XCTAssertEqual(parseError("@article{a, title = {x}}\n\n@book{a, title = {y}}")?.line, 3)
    XCTAssertEqual(parseError("@misc{k,\n  journal = unknownmacro\n}")?.message, "unknown macro `unknownmacro`")
    XCTAssertEqual(parseError("@misc{k,\n  journal = unknownmacro\n}")?.line, 2)
    XCTAssertEqual(parseError("@misc{, title = {x}}")?.message, "the `@misc` entry has no key")
    XCTAssertEqual(parseError("@misc{k, title {x}}")?.message, "expected `=` after the field name `title`")
    XCTAssertEqual(parseError("@misc{k, title = {x}")?.message, "the entry `k` is not closed")
    XCTAssertEqual(parseError("@misc k")?.message, "`@misc` must be followed by `{`")
    XCTAssertEqual(parseError("@misc{k,\n title = \"a}b\"}")?.message, "unbalanced brace: this `}` closes nothing")
    XCTAssertEqual(try parse("@misc{k, title = {x}}}} text @misc{j, title = {a}}").map(\.key), ["k", "j"])
  }

  func testLaTeXTextBecomesWhatItWrites() {
    XCTAssertEqual(
      LaTeXText.plain("Erd{\\H{o}}s, G\\\"odel, Andr{\\'e}, {\\c{C}}a\\c c, \\~n"), "Erdős, Gödel, André, Çaç, ñ")
    XCTAssertEqual(LaTeXText.plain("Stra{\\ss}e, \\o{}ystein, {\\aa}se, \\L{}\\'od\\'z"), "Straße, øystein, åse, Łódź")
    XCTAssertEqual(
      LaTeXText.plain("pp.~1--10 --- and ``quoted'' \\& \\emph{em} {Caps}"), "pp.\u{A0}1–10 — and “quoted” & em Caps")
    XCTAssertEqual(LaTeXText.plain("  spaced\n   out  "), "spaced out")
    XCTAssertEqual(LaTeXText.plain("{\\'e}").unicodeScalars.count, 1, "composed")
  }

  func testNamesInEitherOrder() {
    XCTAssertEqual(FormattedReference.names("Doe, Jane"), "Jane Doe")
    XCTAssertEqual(FormattedReference.names("Jane Doe and Smith, John"), "Jane Doe and John Smith")
    XCTAssertEqual(FormattedReference.names("A and B and C"), "A, B and C")
    XCTAssertEqual(FormattedReference.names("A and others"), "A et al.")
    XCTAssertEqual(FormattedReference.names("{Barnes and Noble} and Doe, J."), "Barnes and Noble and J. Doe")
    XCTAssertEqual(FormattedReference.names("Ford, Jr., Henry"), "Henry Ford, Jr.")
    XCTAssertEqual(FormattedReference.names((1...11).map { "N\($0)" }.joined(separator: " and ")), "N1 et al.")
  }

  func testReferencesByType() throws {
    let entries = try parse(
      """
      @article{a, author = {Doe, Jane}, title = {T}, journal = {J}, volume = 3, number = 2, pages = {5--9},
        year = 2001, doi = {https://doi.org/10.1/x}}
      @inproceedings{p, author = {A}, title = {P?}, booktitle = {Proc. X}, year = 2002, url = {https://x.org/p}}
      @book{b, editor = {E and F}, title = {B}, publisher = {Pub}, edition = {2nd}, year = 2003}
      @online{o, title = {Page}, date = {2024-03-01}, eprint = {2401.00001}, eprinttype = {arxiv}}
      @phdthesis{t, author = {S}, title = {Th}, school = {U}, year = 2005}
      """)
    let references = entries.map(FormattedReference.init)
    XCTAssertEqual(references[0].venue, "J 3(2), 5–9")
    XCTAssertEqual(references[0].link?.url, "https://doi.org/10.1/x")
    XCTAssertEqual(references[0].link?.text, "doi:10.1/x")
    XCTAssertEqual(references[1].venue, "In Proc. X")
    XCTAssertEqual(references[1].link?.url, "https://x.org/p")
    XCTAssertEqual(references[2].authors, "E and F (eds.)")
    XCTAssertEqual(references[2].venue, "2nd edition, Pub")
    XCTAssertTrue(references[2].titleIsWork)
    XCTAssertEqual(references[3].year, "2024")
    XCTAssertEqual(references[3].link?.url, "https://arxiv.org/abs/2401.00001")
    XCTAssertEqual(references[3].venue, "", "the link already says arXiv")
    XCTAssertEqual(references[4].venue, "PhD thesis, U")
  }
}
