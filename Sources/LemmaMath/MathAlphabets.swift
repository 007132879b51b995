/// The Unicode mathematical alphabets that `\mathbb`, `\mathcal`, `\mathbf` and friends
/// select. MathML Core allows only `mathvariant="normal"`, so a styled letter is written as
/// its own character (`\mathbb{E}` is 𝔼), as Temml and the MathML Core spec recommend.
enum MathAlphabet: Sendable, Equatable {
  /// Upright (`\mathrm`, `\text`-like): the letter itself, set upright.
  case roman
  case bold, italic, boldItalic, script, fraktur, doubleStruck, sansSerif, monospace

  /// The command that selects each alphabet.
  static let commands: [String: MathAlphabet] = [
    "mathrm": .roman, "mathup": .roman, "mathbf": .bold, "mathit": .italic, "boldsymbol": .boldItalic,
    "bm": .boldItalic, "mathcal": .script, "mathscr": .script, "mathfrak": .fraktur, "mathbb": .doubleStruck,
    "mathsf": .sansSerif, "mathtt": .monospace, "Bbb": .doubleStruck, "bold": .bold,
  ]

  /// Where the alphabet's capital A, small a and digit zero are (nil: not in the alphabet).
  private var bases: (capital: UInt32, small: UInt32, digit: UInt32?)? {
    switch self {
    case .roman: nil
    case .bold: (0x1D400, 0x1D41A, 0x1D7CE)
    case .italic: (0x1D434, 0x1D44E, nil)
    case .boldItalic: (0x1D468, 0x1D482, 0x1D7CE)
    case .script: (0x1D49C, 0x1D4B6, nil)
    case .fraktur: (0x1D504, 0x1D51E, nil)
    case .doubleStruck: (0x1D538, 0x1D552, 0x1D7D8)
    case .sansSerif: (0x1D5A0, 0x1D5BA, 0x1D7E2)
    case .monospace: (0x1D670, 0x1D68A, 0x1D7F6)
    }
  }

  /// Where the alphabet's capital and small Alpha are, for the alphabets with Greek.
  private var greekBases: (capital: UInt32, small: UInt32)? {
    switch self {
    case .bold: (0x1D6A8, 0x1D6C2)
    case .italic: (0x1D6E2, 0x1D6FC)
    case .boldItalic: (0x1D71C, 0x1D736)
    default: nil
    }
  }

  /// Letters that Unicode had encoded before the mathematical alphabets: their places in the
  /// alphabets are holes, and these characters stand in for them.
  private static let holes: [MathAlphabet: [Character: Character]] = [
    .italic: ["h": "ℎ"],
    .script: [
      "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ",
      "o": "ℴ",
    ],
    .fraktur: ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"],
    .doubleStruck: ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"],
  ]

  /// The small Greek variants' places after small omega in the Greek alphabets (∂ is first).
  private static let greekVariants: [Unicode.Scalar: UInt32] = [
    "∂": 25, "ϵ": 26, "ϑ": 27, "ϰ": 28, "ϕ": 29, "ϱ": 30, "ϖ": 31,
  ]

  /// `character` in this alphabet; the character itself when the alphabet has no such letter.
  func map(_ character: Character) -> Character {
    if let hole = Self.holes[self]?[character] { return hole }
    guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return character }
    let value = scalar.value
    var mapped: UInt32?
    if let bases {
      switch value {
      case 0x41...0x5A: mapped = bases.capital + value - 0x41
      case 0x61...0x7A: mapped = bases.small + value - 0x61
      case 0x30...0x39: mapped = bases.digit.map { $0 + value - 0x30 }
      default: break
      }
    }
    if mapped == nil, let greek = greekBases {
      switch value {
      case 0x391...0x3A9 where value != 0x3A2: mapped = greek.capital + value - 0x391
      case 0x3B1...0x3C9: mapped = greek.small + value - 0x3B1
      default: mapped = Self.greekVariants[scalar].map { greek.small + $0 }
      }
    }
    return mapped.flatMap(Unicode.Scalar.init).map(Character.init) ?? character
  }
}
