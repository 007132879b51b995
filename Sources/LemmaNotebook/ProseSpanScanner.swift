/// Finds the spans of prose that Lemma reads itself, before cmark reads the inlines of one
/// paragraph, heading or table cell: TeX math — `$…$` inline and `$$…$$` display (cmark would
/// take `_` and `*` in TeX for emphasis) — and, when the notebook has a bibliography, Pandoc
/// citations — `[@key]`, `[see @key, p. 3]`, `[@a; @b]`. It knows what else a `$` or `[@` can
/// stand in: code spans, backslash escapes, autolinks and link destinations. Blocks (fenced
/// and indented code, HTML) never reach it: cmark has already told them apart.
///
/// Math follows Pandoc's rules (`tex_math_dollars`): an opening `$` has a non-space character
/// after it, a closing `$` a non-space character before it and no digit after it (so `$5 and
/// $6` stay text), `\$` is a dollar; `$$` opens display math, which may hold spaces and line
/// breaks but must close in the same paragraph (an unclosed `$$` is an error). A citation is a
/// bracketed list of items separated by `;`, each with one `@key` (at the item's start or after
/// a space, prefix text before it and a locator after it), not followed by `(`, `[` or `:` (a
/// link). Linear in the text's length.
struct ProseSpanScanner {
  /// A span: byte offsets into the scanned text (end exclusive, delimiters included).
  struct Span: Equatable {
    enum Kind: Equatable {
      case inlineMath, displayMath
      /// An opening `$$` with no closing one: an error, not math.
      case unclosedDisplayMath
      case citation
    }

    var start: Int
    var end: Int
    var kind: Kind

    /// The text between the delimiters.
    var content: Range<Int> {
      switch kind {
      case .inlineMath, .citation: (start + 1)..<(end - 1)
      case .displayMath: (start + 2)..<(end - 2)
      case .unclosedDisplayMath: end..<end
      }
    }
  }

  /// The spans in `text`, in order; citations only when `citations`.
  static func spans(in text: [UInt8], citations: Bool) -> [Span] {
    guard text.contains(dollar) || (citations && text.contains(at)) else { return [] }
    var scanner = ProseSpanScanner(text)
    scanner.citations = citations
    return scanner.scan()
  }

  private static let dollar = UInt8(ascii: "$")
  private static let backslash = UInt8(ascii: "\\")
  private static let backtick = UInt8(ascii: "`")
  private static let at = UInt8(ascii: "@")

  private let text: [UInt8]
  private var citations = false
  /// Closing candidates, in order: `$` that may close inline math, and `$$` pairs.
  private var inlineClosers: [Int] = []
  private var displayClosers: [Int] = []
  private var nextInlineCloser = 0
  private var nextDisplayCloser = 0
  /// Where each `)` stands (a link destination ends at the next one), and how far that list
  /// has been used.
  private var closingParentheses: [Int] = []
  private var nextClosingParenthesis = 0
  /// Backtick runs by length, in order, and how far each list has been used.
  private var backtickRuns: [Int: [Int]] = [:]
  private var nextBacktickRun: [Int: Int] = [:]

  private init(_ text: [UInt8]) {
    self.text = text
    var index = 0
    var escaped = false
    while index < text.count {
      let byte = text[index]
      if byte == Self.backtick {
        // Runs count whether escaped or not: a closing run may follow a backslash.
        var end = index
        while end < text.count, text[end] == Self.backtick { end += 1 }
        backtickRuns[end - index, default: []].append(index)
        escaped = false
        index = end
        continue
      }
      if byte == UInt8(ascii: ")") { closingParentheses.append(index) }
      if escaped {
        escaped = false
      } else if byte == Self.backslash {
        escaped = true
      } else if byte == Self.dollar {
        if index + 1 < text.count, text[index + 1] == Self.dollar {
          displayClosers.append(index)
        }
        let before = index > 0 ? text[index - 1] : 32
        let after = index + 1 < text.count ? text[index + 1] : 32
        if !Self.isSpace(before), !(48...57).contains(after) { inlineClosers.append(index) }
      }
      index += 1
    }
  }

  private mutating func scan() -> [Span] {
    var spans: [Span] = []
    var index = 0
    while index < text.count {
      let byte = text[index]
      switch byte {
      case Self.backslash:
        index += 2
      case Self.backtick:
        var end = index
        while end < text.count, text[end] == Self.backtick { end += 1 }
        index = closingBacktickRun(length: end - index, after: end) ?? end
      case UInt8(ascii: "<"):
        index = autolinkEnd(from: index) ?? index + 1
      case UInt8(ascii: "[") where citations:
        if let end = citationEnd(from: index) {
          spans.append(Span(start: index, end: end, kind: .citation))
          index = end
        } else {
          index += 1
        }
      case UInt8(ascii: "]") where index + 1 < text.count && text[index + 1] == UInt8(ascii: "("):
        index =
          firstCloser(after: index + 2, in: closingParentheses, next: &nextClosingParenthesis).map { $0 + 1 }
          ?? index + 2
      case Self.dollar where index + 1 < text.count && text[index + 1] == Self.dollar:
        if let close = firstCloser(after: index + 2, in: displayClosers, next: &nextDisplayCloser) {
          spans.append(Span(start: index, end: close + 2, kind: .displayMath))
          index = close + 2
        } else {
          spans.append(Span(start: index, end: index + 2, kind: .unclosedDisplayMath))
          index += 2
        }
      case Self.dollar:
        if index + 1 < text.count, !Self.isSpace(text[index + 1]),
          let close = firstCloser(after: index + 1, in: inlineClosers, next: &nextInlineCloser)
        {
          spans.append(Span(start: index, end: close + 1, kind: .inlineMath))
          index = close + 1
        } else {
          index += 1
        }
      default:
        index += 1
      }
    }
    return spans
  }

  /// The first candidate at or after `offset`; `next` remembers where the last search ended
  /// (searches only move forward, so the whole scan stays linear).
  private func firstCloser(after offset: Int, in closers: [Int], next: inout Int) -> Int? {
    while next < closers.count, closers[next] < offset { next += 1 }
    return next < closers.count ? closers[next] : nil
  }

  /// Just past the backtick run of exactly `length` that closes a code span opened before
  /// `offset`; nil when none does (the opening run is then literal).
  private mutating func closingBacktickRun(length: Int, after offset: Int) -> Int? {
    guard let runs = backtickRuns[length] else { return nil }
    var next = nextBacktickRun[length] ?? 0
    while next < runs.count, runs[next] < offset { next += 1 }
    nextBacktickRun[length] = next
    return next < runs.count ? runs[next] + length : nil
  }

  /// Just past the citation that starts at `offset` (a `[`), if one does. Looks no further
  /// than the next `[`, so every failed try covers text no other try covers.
  private func citationEnd(from offset: Int) -> Int? {
    var index = offset + 1
    var keys = 0
    var itemHasKey = false
    var previous = UInt8(ascii: "[")
    while index < text.count {
      let byte = text[index]
      switch byte {
      case UInt8(ascii: "["), Self.backslash, Self.backtick:
        return nil
      case UInt8(ascii: "]"):
        guard keys > 0, itemHasKey else { return nil }
        let after = index + 1 < text.count ? text[index + 1] : 32
        guard after != UInt8(ascii: "("), after != UInt8(ascii: "["), after != UInt8(ascii: ":") else { return nil }
        return index + 1
      case UInt8(ascii: ";"):
        guard itemHasKey else { return nil }
        itemHasKey = false
      case Self.at where !itemHasKey && Self.startsItem(previous):
        let keyEnd = Self.keyEnd(in: text, from: index + 1)
        guard keyEnd > index + 1 else { return nil }
        keys += 1
        itemHasKey = true
        previous = text[keyEnd - 1]
        index = keyEnd
        continue
      case UInt8(ascii: "\n") where index + 1 < text.count && text[index + 1] == UInt8(ascii: "\n"):
        return nil
      default: break
      }
      previous = byte
      index += 1
    }
    return nil
  }

  /// Whether a `@` after `byte` may start a citation key (at an item's start or after a space
  /// or `-`, Pandoc's author-suppressing mark).
  private static func startsItem(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "[") || byte == UInt8(ascii: ";") || isSpace(byte) || byte == UInt8(ascii: "-")
  }

  /// Just past a citation key starting at `offset`: letters, digits and `_`, with `:.#$%&-+?<>~/`
  /// inside when a letter or digit follows (Pandoc's rule); `offset` when there is none.
  static func keyEnd(in text: [UInt8], from offset: Int) -> Int {
    func isAlphanumeric(_ byte: UInt8) -> Bool {
      (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95 || byte >= 0x80
    }
    var end = offset
    while end < text.count {
      if isAlphanumeric(text[end]) {
        end += 1
      } else if end > offset, Array(":.#$%&-+?<>~/".utf8).contains(text[end]), end + 1 < text.count,
        isAlphanumeric(text[end + 1])
      {
        end += 2
      } else {
        break
      }
    }
    return end
  }

  /// Just past an autolink (`<scheme:…>` or `<user@host>`) starting at `offset`, if one does.
  private func autolinkEnd(from offset: Int) -> Int? {
    var index = offset + 1
    var looksLikeLink = false
    while index < text.count, index - offset < 2048 {
      let byte = text[index]
      if byte == UInt8(ascii: ">") { return looksLikeLink ? index + 1 : nil }
      if Self.isSpace(byte) || byte == UInt8(ascii: "<") { return nil }
      if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@") { looksLikeLink = true }
      index += 1
    }
    return nil
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
}
