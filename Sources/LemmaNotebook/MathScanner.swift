/// Finds TeX math — `$…$` inline and `$$…$$` display — in the text of one paragraph, heading
/// or table cell, before cmark reads its inlines (cmark would take `_` and `*` in TeX for
/// emphasis). It knows what else a `$` can stand in: code spans, backslash escapes, autolinks
/// and link destinations. Blocks (fenced and indented code, HTML) never reach it: cmark has
/// already told them apart.
///
/// Pandoc's rules (`tex_math_dollars`): an opening `$` has a non-space character after it, a
/// closing `$` a non-space character before it and no digit after it (so `$5 and $6` stay
/// text), `\$` is a dollar; `$$` opens display math, which may hold spaces and line breaks but
/// must close in the same paragraph (an unclosed `$$` is an error). Linear in the text's length.
struct MathScanner {
  /// A span of math: byte offsets into the scanned text (end exclusive, delimiters included).
  struct Span: Equatable {
    var start: Int
    var end: Int
    var display: Bool
    /// An opening `$$` with no closing one: an error, not math.
    var unclosed = false

    /// The TeX between the delimiters.
    var content: Range<Int> {
      unclosed ? end..<end : (start + (display ? 2 : 1))..<(end - (display ? 2 : 1))
    }
  }

  /// The math spans in `text`, in order.
  static func spans(in text: [UInt8]) -> [Span] {
    guard text.contains(dollar) else { return [] }
    var scanner = MathScanner(text)
    return scanner.scan()
  }

  private static let dollar = UInt8(ascii: "$")
  private static let backslash = UInt8(ascii: "\\")
  private static let backtick = UInt8(ascii: "`")

  private let text: [UInt8]
  /// Closing candidates, in order: `$` that may close inline math, and `$$` pairs.
  private var inlineClosers: [Int] = []
  private var displayClosers: [Int] = []
  private var nextInlineCloser = 0
  private var nextDisplayCloser = 0
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
      case UInt8(ascii: "]") where index + 1 < text.count && text[index + 1] == UInt8(ascii: "("):
        index = text[(index + 2)...].firstIndex(of: UInt8(ascii: ")")).map { $0 + 1 } ?? index + 2
      case Self.dollar where index + 1 < text.count && text[index + 1] == Self.dollar:
        if let close = firstCloser(after: index + 2, in: displayClosers, next: &nextDisplayCloser) {
          spans.append(Span(start: index, end: close + 2, display: true))
          index = close + 2
        } else {
          spans.append(Span(start: index, end: index + 2, display: true, unclosed: true))
          index += 2
        }
      case Self.dollar:
        if index + 1 < text.count, !Self.isSpace(text[index + 1]),
          let close = firstCloser(after: index + 1, in: inlineClosers, next: &nextInlineCloser)
        {
          spans.append(Span(start: index, end: close + 1, display: false))
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
