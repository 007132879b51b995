import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// BibTeX field text as a reader sees it: accents (`{\'e}`, `\"o`, `\c{c}`) as the characters
/// they write, special letters (`\ss`, `\o`, `\aa`) and escapes (`\&`) resolved, `--` and
/// `---` as dashes, `~` as a no-break space, braces and formatting commands (`\emph{…}`)
/// dropped, spaces collapsed; composed (NFC) so `{\'e}` is one character.
public enum LaTeXText {
  public static func plain(_ tex: String) -> String {
    var output = String.UnicodeScalarView()
    let scalars = Array(tex.unicodeScalars)
    var index = 0
    /// A pending accent's combining mark, put after the next letter written.
    var pendingMark: Unicode.Scalar?
    func put(_ scalar: Unicode.Scalar) {
      output.append(scalar)
      if let mark = pendingMark, scalar != "{" {
        output.append(mark)
        pendingMark = nil
      }
    }
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      switch scalar {
      case "\\":
        guard index < scalars.count else { break }
        var name = String(scalars[index])
        index += 1
        if scalars[index - 1].properties.isAlphabetic && scalars[index - 1].isASCII {
          while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic {
            name.unicodeScalars.append(scalars[index])
            index += 1
          }
        }
        if let mark = accents[name] {
          // The accent's argument: `{x}`, or the next character (after spaces for `\c c`).
          while index < scalars.count, scalars[index] == " ", name.first!.isLetter { index += 1 }
          pendingMark = mark
          continue
        }
        if let text = letters[name] {
          for character in text.unicodeScalars { put(character) }
          // A control word eats the spaces after it (`\ss {}`, `\o x` is "øx").
          if name.first!.isLetter, index < scalars.count, scalars[index] == " ", !output.isEmpty { index += 1 }
          continue
        }
        // Formatting and unknown commands are dropped; their arguments stay as text.
        continue
      case "{", "}":
        continue
      case "~":
        put("\u{A0}")
      case "-":
        if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] == "-" {
          put("—")
          index += 2
        } else if index < scalars.count, scalars[index] == "-" {
          put("–")
          index += 1
        } else {
          put("-")
        }
      case "`" where index < scalars.count && scalars[index] == "`":
        put("“")
        index += 1
      case "'" where index < scalars.count && scalars[index] == "'":
        put("”")
        index += 1
      case "$":
        continue
      case " ", "\t", "\n", "\r":
        if let last = output.last, last != " " { output.append(" ") }
      default:
        put(scalar)
      }
    }
    while output.last == " " { output.removeLast() }
    while output.first == " " { output.removeFirst() }
    // Composed (NFC) as the standard library composes for its own comparisons: "o" and a
    // combining diaeresis become "ö".
    return String(decoding: String(output)._nfcCodeUnits, as: UTF8.self)
  }

  /// Accent commands and the combining marks they put on the next letter.
  private static let accents: [String: Unicode.Scalar] = [
    "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}",
    ".": "\u{307}", "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "c": "\u{327}", "k": "\u{328}",
    "r": "\u{30A}", "d": "\u{323}", "b": "\u{331}", "t": "\u{361}",
  ]

  /// Commands that write letters or symbols, and escaped characters.
  private static let letters: [String: String] = [
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
    "S": "§", "P": "¶", "copyright": "©", "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…",
    "textquoteleft": "‘", "textquoteright": "’", "textbackslash": "\\", "LaTeX": "LaTeX", "TeX": "TeX",
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": "\u{2009}",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ",
    "pi": "π", "sigma": "σ", "theta": "θ", "ell": "ℓ",
  ]
}
