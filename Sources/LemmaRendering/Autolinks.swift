import LemmaNotebook

/// GFM's extended autolinks: `www.example.org`, `https://example.org/path` and
/// `someone@example.org` in text become links without `<…>`. Found by one pass over the text
/// nodes of the document tree (as cmark-gfm finds them in its text nodes), outside links and
/// images.
///
/// Rules of GFM 0.29 as cmark-gfm applies them: a `www.` link starts a text node or follows a
/// space or one of `*`, `_`, `~`, `(`, and an `http://`, `https://` or `ftp://` link follows
/// anything but a letter; its domain is segments of letters, digits, `_`
/// and `-` joined by periods, with no `_` in its last two segments; the link runs to a space
/// or `<`, less trailing `?!.,:*_~"'`, unbalanced trailing `)`, and a trailing entity-like `&x;`.
/// An email address is `[A-Za-z0-9.+_-]+@` and a domain with a period, ending in a letter.
enum Autolinks {
  /// A link inside a text node: which bytes, and where it goes.
  struct Link: Equatable {
    var offset: Int
    var length: Int
    var href: String
  }

  /// The links found, by text node index.
  static func find(in document: Document) -> [Int: [Link]] {
    var found: [Int: [Link]] = [:]
    for (index, node) in document.nodes.enumerated() {
      guard case .text(let literal) = node.kind else { continue }
      let bytes = document.bytes[Int(literal.start)..<Int(literal.end)]
      guard mayHoldLink(bytes), !isInsideLink(index, document) else { continue }
      let links = scan(Array(bytes))
      if !links.isEmpty { found[index] = links }
    }
    return found
  }

  /// Whether `bytes` hold an `@`, `://` or `www.`: cheap, so most text is passed over.
  private static func mayHoldLink(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    while index < bytes.endIndex {
      switch bytes[index] {
      case UInt8(ascii: "@"): return true
      case UInt8(ascii: ":"):
        if index + 2 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
          return true
        }
      case UInt8(ascii: "w"):
        if index + 3 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "w"), bytes[index + 2] == UInt8(ascii: "w"),
          bytes[index + 3] == UInt8(ascii: ".")
        {
          return true
        }
      default: break
      }
      index += 1
    }
    return false
  }

  private static func isInsideLink(_ index: Int, _ document: Document) -> Bool {
    var parent = document.nodes[index].parent
    while parent >= 0 {
      switch document.nodes[parent].kind {
      case .link, .image: return true
      case .paragraph, .heading, .tableCell, .document: return false
      default: parent = document.nodes[parent].parent
      }
    }
    return false
  }

  /// The links in one text node's bytes, in order.
  static func scan(_ bytes: [UInt8]) -> [Link] {
    var links: [Link] = []
    var index = 0
    while index < bytes.count {
      if let link = webLink(bytes, at: index) ?? emailLink(bytes, at: index, after: links.last) {
        if let previous = links.last, link.offset < previous.offset + previous.length {
          index += 1
          continue
        }
        links.append(link)
        index = link.offset + link.length
      } else {
        index += 1
      }
    }
    return links
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte >= 0x80
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

  /// A `www.` or `scheme://` link starting at `index`. As in cmark-gfm, a `www.` link follows
  /// a space or `*_~(` (or starts the text), a scheme anything but a letter.
  private static func webLink(_ bytes: [UInt8], at index: Int) -> Link? {
    guard [UInt8(ascii: "w"), UInt8(ascii: "h"), UInt8(ascii: "f")].contains(bytes[index]) else { return nil }
    let before = index > 0 ? bytes[index - 1] : nil
    let rest = bytes[index...]
    var domainStart: Int
    var prefix = ""
    if rest.starts(with: "www.".utf8) {
      if let before, !isSpace(before), !"*_~(".utf8.contains(before) { return nil }
      domainStart = index
      prefix = "http://"
    } else if let scheme = ["http://", "https://", "ftp://"].first(where: { rest.starts(with: $0.utf8) }) {
      if let before, (before | 0x20) >= UInt8(ascii: "a"), (before | 0x20) <= UInt8(ascii: "z") { return nil }
      domainStart = index + scheme.utf8.count
    } else {
      return nil
    }
    guard let domainEnd = domain(bytes, from: domainStart, minimumPeriods: prefix.isEmpty ? 0 : 1) else { return nil }
    var end = domainEnd
    while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "<") { end += 1 }
    end = trimmedEnd(bytes, start: index, end: end)
    guard end > domainStart else { return nil }
    let text = String(decoding: bytes[index..<end], as: UTF8.self)
    return Link(offset: index, length: end - index, href: prefix + text)
  }

  /// The end of a valid domain starting at `start`: segments of letters, digits, `_` and `-`
  /// joined by periods, with no `_` in the last two segments.
  private static func domain(_ bytes: [UInt8], from start: Int, minimumPeriods: Int) -> Int? {
    var end = start
    var periods = 0
    var underscoreHere = false
    var underscoreBefore = false
    while end < bytes.count {
      let byte = bytes[end]
      if byte == UInt8(ascii: ".") {
        // A period must be followed by more domain to count.
        guard end + 1 < bytes.count,
          isAlphanumeric(bytes[end + 1]) || bytes[end + 1] == UInt8(ascii: "-")
            || bytes[end + 1] == UInt8(ascii: "_")
        else { break }
        periods += 1
        underscoreBefore = underscoreHere
        underscoreHere = false
      } else if byte == UInt8(ascii: "_") {
        underscoreHere = true
      } else if !(isAlphanumeric(byte) || byte == UInt8(ascii: "-")) {
        break
      }
      end += 1
    }
    guard end > start, periods >= minimumPeriods, !underscoreHere, !underscoreBefore else { return nil }
    return end
  }

  /// GFM's path validation: trailing punctuation, unbalanced `)` and an entity-like `&x;` off.
  private static func trimmedEnd(_ bytes: [UInt8], start: Int, end: Int) -> Int {
    var end = end
    while end > start {
      let last = bytes[end - 1]
      if "?!.,:*_~\"'".utf8.contains(last) {
        end -= 1
      } else if last == UInt8(ascii: ";") {
        var back = end - 2
        while back >= start, isAlphanumeric(bytes[back]), bytes[back] < 0x80 { back -= 1 }
        if back >= start, back < end - 2, bytes[back] == UInt8(ascii: "&") { end = back } else { end -= 1 }
      } else if last == UInt8(ascii: ")") {
        let opening = bytes[start..<end].filter { $0 == UInt8(ascii: "(") }.count
        let closing = bytes[start..<end].filter { $0 == UInt8(ascii: ")") }.count
        if closing <= opening { break }
        end -= 1
      } else {
        break
      }
    }
    return end
  }

  /// An email address whose `@` is at `index`.
  private static func emailLink(_ bytes: [UInt8], at index: Int, after previous: Link?) -> Link? {
    guard bytes[index] == UInt8(ascii: "@") else { return nil }
    let floor = previous.map { $0.offset + $0.length } ?? 0
    var start = index
    while start > floor,
      isAlphanumeric(bytes[start - 1]) && bytes[start - 1] < 0x80 || ".+-_".utf8.contains(bytes[start - 1])
    {
      start -= 1
    }
    guard start < index else { return nil }
    var end = index + 1
    var periods = 0
    func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isAlphanumeric(byte) && byte < 0x80 }
    while end < bytes.count {
      let byte = bytes[end]
      if byte == UInt8(ascii: ".") {
        guard end + 1 < bytes.count, isASCIIAlphanumeric(bytes[end + 1]) else { break }
        periods += 1
      } else if !(isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")) {
        break
      }
      end += 1
    }
    // As cmark-gfm: the address ends in a letter (a period after it is left out).
    let last = bytes[end - 1] | 0x20
    guard periods > 0, end > index + 1, last >= UInt8(ascii: "a"), last <= UInt8(ascii: "z") else { return nil }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    return Link(offset: start, length: end - start, href: "mailto:" + text)
  }
}
