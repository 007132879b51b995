import LemmaMath
import LemmaTestSupport
import XCTest

final class TeXMathTests: XCTestCase {
  /// The TeX of quantitative writing, one formula per line (`D ` marks display math); their
  /// MathML is kept in a golden file, looked at in Chromium when it changes.
  static let formulas = [
    "x",
    "x^2 + y_i - 3.14",
    "\\alpha + \\beta \\Gamma \\varepsilon \\phi \\varphi",
    "D \\frac{1}{2} + \\frac12 + \\dfrac{a}{b} + \\tfrac{a}{b}",
    "D \\sqrt{x} + \\sqrt[3]{x^2+1}",
    "D \\sum_{i=1}^{n} x_i = \\prod_{k} p_k \\int_0^\\infty e^{-x}\\,dx",
    "\\sum\\limits_{i} a_i \\sum\\nolimits_i b_i",
    "D \\lim_{n \\to \\infty} \\left(1 + \\frac{1}{n}\\right)^n = e",
    "\\operatorname{Var}(X) = \\mathbb{E}[X^2] - \\mathbb{E}[X]^2",
    "D \\operatorname*{arg\\,max}_{\\theta} \\log p(x \\mid \\theta)",
    "\\mathbb{R}^n \\mathcal{L} \\mathrm{d}x \\mathbf{x} \\mathfrak{g} \\mathsf{A} \\mathtt{B} \\boldsymbol{\\mu}",
    "\\hat{\\theta} \\bar{x} \\tilde{y} \\vec{v} \\dot{x} \\ddot{x} \\overline{AB} \\widehat{xyz}",
    "D \\underbrace{a + \\dots + a}_{n} \\overbrace{b b}^{2}",
    "D \\left\\{ x \\in \\mathbb{R} \\;\\middle|\\; x > 0 \\right\\}",
    "D \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}",
    "D |x| = \\begin{cases} x & \\text{if } x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}",
    "D \\begin{aligned} f(x) &= (x+1)^2 \\\\ &= x^2 + 2x + 1 \\end{aligned}",
    "D \\begin{array}{lr} a & b \\\\ cc & dd \\end{array}",
    "a \\le b \\ne c \\approx d \\sim e \\propto f \\to g \\Rightarrow h \\iff i \\mapsto j",
    "\\pm \\times \\cdot \\div \\cup \\cap \\setminus \\otimes \\oplus \\circ",
    "\\not\\in \\not= \\not\\subset",
    "f'(x) + f''(x) + g'^2",
    "\\Pr(A \\mid B) = \\frac{\\Pr(B \\mid A)\\Pr(A)}{\\Pr(B)}",
    "\\binom{n}{k} p^k (1-p)^{n-k}",
    "\\sin x + \\cos(x) + \\log_2 n + \\exp\\{x\\}",
    "\\bigl( x \\bigr) \\Big[ y \\Big]",
    "x \\quad y \\qquad z \\, w \\; v \\! u",
    "\\text{a \\$5 bet}",
    "\\overset{d}{\\to} \\underset{n}{\\min} \\stackrel{?}{=} \\xrightarrow[n]{p}",
    "\\sum_{\\substack{i < n \\\\ j < m}} a_{ij}",
    "a \\pmod{n} b \\bmod c",
    "\\langle x, y \\rangle \\lfloor z \\rfloor \\lceil w \\rceil \\|v\\|",
    "\\infty \\partial \\nabla \\forall \\exists \\emptyset \\ell \\hbar \\cdots \\ldots",
    "D a \\\\ b",
    "\\mathbb{1}_{x > 0} \\mathbb{E}_{x \\sim p} {\\rm d}x",
    "x < y > z & w",
    "f(-x) = -f(x), [-1, 1], a - b, |x| - 1, x^{-1}, \\pm a \\cdot -b",
  ]

  func testFormulasMatchTheirGoldenMathML() throws {
    var lines: [String] = []
    for formula in Self.formulas {
      let display = formula.hasPrefix("D ")
      let tex = display ? String(formula.dropFirst(2)) : formula
      let result: String
      do { result = try TeXMath.mathML(tex, display: display) } catch {
        result = "error at \(error.offset): \(error.message)"
      }
      lines += [formula, result, ""]
    }
    assertGolden(lines.joined(separator: "\n"), testDirectory() + "/Golden/formulas.txt")
  }

  private func math(_ tex: String, display: Bool = false) throws -> String { try TeXMath.mathML(tex, display: display) }

  private func error(_ tex: String) -> TeXError? {
    do {
      _ = try TeXMath.mathML(tex, display: true)
      return nil
    } catch { return error }
  }

  func testStyledLettersAreTheirUnicodeCharacters() throws {
    // MathML Core allows only mathvariant="normal": the alphabets are characters.
    XCTAssertTrue(try math("\\mathbb{E}").contains("<mi>𝔼</mi>"))
    XCTAssertTrue(try math("\\mathbb{R}").contains("<mi>ℝ</mi>"))
    XCTAssertTrue(try math("\\mathcal{L}").contains("<mi>ℒ</mi>"))
    XCTAssertTrue(try math("\\mathcal{A}").contains("<mi>𝒜</mi>"))
    XCTAssertTrue(try math("\\mathbf{x}").contains("<mi>𝐱</mi>"))
    XCTAssertTrue(try math("\\mathfrak{g}").contains("<mi>𝔤</mi>"))
    XCTAssertTrue(try math("\\boldsymbol{\\mu}").contains("<mi>𝝁</mi>"))
    XCTAssertTrue(try math("\\mathrm{d}").contains("<mi mathvariant=\"normal\">d</mi>"))
    XCTAssertFalse(try math("\\mathbb{E} \\mathbf{x} \\mathcal{L}").contains("mathvariant=\"double"))
  }

  func testLimitsGoUnderSumsAndBesideIntegrals() throws {
    XCTAssertTrue(try math("\\sum_{i=1}^n i", display: true).contains("<munderover><mo movablelimits=\"true\">∑</mo>"))
    XCTAssertTrue(try math("\\int_0^1 x", display: true).contains("<msubsup><mo movablelimits=\"false\">∫</mo>"))
    XCTAssertTrue(try math("\\lim_{n} a_n").contains("<munder><mo movablelimits=\"true\""))
    XCTAssertTrue(try math("\\int\\limits_0^1 x").contains("<munderover>"))
  }

  func testErrorsNameTheCommandAndItsOffset() {
    XCTAssertEqual(error("x + \\foo y")?.offset, 4)
    XCTAssertEqual(error("x + \\foo y")?.message, "unknown TeX command `\\foo`")
    XCTAssertEqual(error("ä + \\nope")?.offset, 5, "offsets count UTF-8 bytes")
    XCTAssertEqual(error("\\frac{a}{b")?.message, "unbalanced brace: a `{` is not closed")
    XCTAssertEqual(error("a}")?.offset, 1)
    XCTAssertEqual(error("\\left( x")?.message, "`\\left` without `\\right`")
    XCTAssertEqual(error("x \\right)")?.message, "`\\right` without `\\left`")
    XCTAssertEqual(
      error("\\begin{pmatrix} a \\end{bmatrix}")?.message, "`\\begin{pmatrix}` is ended by `\\end{bmatrix}`")
    XCTAssertEqual(error("\\begin{foo} a \\end{foo}")?.message, "unknown environment `foo`")
    XCTAssertEqual(error("\\begin{matrix} a")?.message, "an environment is not closed")
    XCTAssertEqual(error("x^a^b")?.message, "double superscript")
    XCTAssertEqual(error("\\frac{a}")?.message, "`\\frac` needs an argument here")
    XCTAssertEqual(error("a & b")?.message, "`&` outside an environment that aligns columns")
    XCTAssertEqual(error("\\sqrt[3 x")?.message, "a `[` option is not closed")
    XCTAssertEqual(error("x \\")?.message, "a lone `\\` ends the formula")
    XCTAssertNotNil(error("\\text{\\alpha}"))
    XCTAssertThrowsError(try TeXMath.mathML("a \\\\ b", display: false), "a new line needs display math")
  }

  func testDeepNestingIsRefusedNotOverflowed() {
    for tex in [
      String(repeating: "{", count: 100_000), String(repeating: "{", count: 5000) + String(repeating: "}", count: 5000),
      String(repeating: "\\frac{", count: 50_000), String(repeating: "\\left(", count: 50_000),
      String(repeating: "x^{", count: 50_000), String(repeating: "\\sqrt{", count: 50_000),
    ] {
      XCTAssertEqual(error(tex)?.message.hasPrefix("the formula nests more than"), true, String(tex.prefix(12)))
    }
    XCTAssertNoThrow(try math(String(repeating: "{", count: 90) + "x" + String(repeating: "}", count: 90)))
  }

  func testTextIsEscapedAndKeepsItsSpaces() throws {
    XCTAssertTrue(try math("\\text{ if a<b & c }").contains("<mtext>\u{A0}if a&lt;b &amp; c\u{A0}</mtext>"))
    XCTAssertTrue(try math("x<y").contains("<mo>&lt;</mo>"))
    XCTAssertTrue(try math("a<b").contains("<annotation encoding=\"application/x-tex\">a&lt;b</annotation>"))
  }

  func testHostileInputNeverCrashes() {
    // Every prefix of a formula rich in structure either converts or gives an error.
    let tex =
      "\\left\\{ \\begin{aligned} x &= \\frac{\\sqrt[3]{a_{i}^{2}}}{\\sum\\limits_{k}} \\\\ y' &\\not\\in \\text{ok}"
      + " \\end{aligned} \\right\\} \\operatorname*{max}_x \\mathbb{R} \\xrightarrow[a]{b} \\big( \\substack{a \\\\ b}"
    for count in 0...tex.unicodeScalars.count {
      let prefix = String(String.UnicodeScalarView(tex.unicodeScalars.prefix(count)))
      for display in [false, true] { _ = try? TeXMath.mathML(prefix, display: display) }
    }
  }
}
