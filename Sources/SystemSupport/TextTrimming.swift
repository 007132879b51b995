extension StringProtocol {
  /// The text without white space (Unicode's White_Space: spaces, tabs, line breaks) at either end.
  public var trimmingWhitespace: String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }

  /// The text without spaces and tabs (white space other than line breaks) at either end.
  public var trimmingSpacesAndTabs: String {
    let isSpace = { (character: Character) in character.isWhitespace && !character.isNewline }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}

extension String {
  /// The text with each `%XX` replaced by the byte it names; nil when a `%` is not followed by
  /// two hexadecimal digits or the bytes are not UTF-8 (as Foundation's `removingPercentEncoding`).
  public var removingPercentEscapes: String? {
    var bytes: [UInt8] = []
    var input = utf8[...]
    func hex(_ byte: UInt8) -> UInt8? {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
      default: nil
      }
    }
    while let byte = input.popFirst() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = input.popFirst().flatMap(hex), let low = input.popFirst().flatMap(hex) else { return nil }
      bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
  }
}
