import Simulation

/// Changes an input the way hostile or careless notebooks differ from good ones: flipped and
/// inserted bytes, cut and repeated stretches, pieces of other inputs, and the tokens that
/// matter to Lemma (line endings, fences, options, spans, references, nesting), sometimes
/// repeated thousands of times.
enum Mutator {
  static let tokens: [[UInt8]] =
    [
      "\r", "\r\n", "\n", "\n\n", "\u{FEFF}", "\t", "    ", "```swift\n", "```\n", "~~~swift\n", "~~~\n", "````\n",
      "`{swift} x`", "`{swift} ", "``{swift} `a` ``", "`", "{swift}", "@fig-a", "@tbl-b", "\\@fig-a",
      "//| label: fig-a\n", "//| label: tbl-b\n", "//| echo: false\n", "//| error: true\n", "//| eval: maybe\n",
      "//| caption: \"x\"\n", "---\n", "...\n", "title: t\n", "params: { n: 1 }\n", "seed: 1\n", "> ", "- ", "1. ",
      "* ", "[", "]", "(", ")", "![a](b.png)", "[x](other.md#y)", "<div>", "</div>", "<!--", "-->", "&amp;", "&#0;",
      "\\", "*", "_", "#", "## ", "|", "$", "$$", "{", "}", "é", "😀", "\u{0301}",
    ].map { Array($0.utf8) } + [[0], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]]

  static func mutate(_ input: [UInt8], corpus: FuzzCorpus, using generator: inout Xoshiro256StarStar) -> [UInt8] {
    var bytes = input
    for _ in 0..<(1 + generator.below(4)) {
      let at = generator.below(bytes.count + 1)
      switch generator.below(8) {
      case 0 where !bytes.isEmpty:
        bytes[min(at, bytes.count - 1)] ^= UInt8(1 << generator.below(8))
      case 1:
        bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: at)
      case 2 where !bytes.isEmpty:
        let end = min(bytes.count, at + 1 + generator.below(64))
        bytes.removeSubrange(min(at, bytes.count - 1)..<end)
      case 3:
        let end = min(bytes.count, at + generator.below(64))
        bytes.insert(contentsOf: bytes[at..<end], at: at)
      case 4:
        let other = corpus.pick(&generator)
        let from = generator.below(other.count + 1)
        let end = min(other.count, from + generator.below(512))
        bytes.insert(contentsOf: other[from..<end], at: at)
      case 5:
        // Deep nesting or a flood of one token: up to 5,000 times.
        let token = tokens[generator.below(tokens.count)]
        let times = [2, 10, 100, 1000, 5000][generator.below(5)]
        bytes.insert(contentsOf: Array(repeating: token, count: times).joined(), at: at)
      default:
        bytes.insert(contentsOf: tokens[generator.below(tokens.count)], at: at)
      }
    }
    // Keep inputs small enough to run many: the big-input cases are in the tests.
    return bytes.count > 65_536 ? Array(bytes.prefix(65_536)) : bytes
  }
}

extension Xoshiro256StarStar {
  /// A number in 0..<bound (0 when bound is 0).
  mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int.random(in: 0..<bound, using: &self) }
}
