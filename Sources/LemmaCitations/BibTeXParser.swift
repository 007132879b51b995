import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Reads a BibTeX file into entries: `@type{key, name = value, …}` (or with parentheses),
/// values in braces, quotes, bare numbers or `@string` macros joined with `#`; `@comment`,
/// `@preamble` and text between entries are skipped. Errors name the line and column.
public struct BibTeXParser {
  private let bytes: [UInt8]
  private var position = 0
  private var line = 1
  private var lineStart = 0
  /// `@string` macros, and the month abbreviations BibTeX predefines.
  private var macros: [String: String] = [
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
  ]

  public init(_ text: String) { bytes = Array(text.utf8) }

  /// Every entry in the file, in order; a key used twice is an error.
  public mutating func parse() throws(BibTeXError) -> [BibTeXEntry] {
    var entries: [BibTeXEntry] = []
    var lines: [String: Int] = [:]
    while let at = nextEntryStart() {
      position = at + 1
      let startLine = line
      let type = readName().lowercased()
      guard !type.isEmpty else { throw error("`@` must be followed by an entry type, as in `@article{key, …}`") }
      skipSpace()
      guard let open = peek(), open == UInt8(ascii: "{") || open == UInt8(ascii: "(") else {
        throw error("`@\(type)` must be followed by `{`", hint: "write entries as `@\(type){key, title = {…}}`")
      }
      let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
      advance()
      switch type {
      case "comment", "preamble":
        try skipBalanced(until: close, openedAt: startLine)
      case "string":
        skipSpace()
        let name = readName().lowercased()
        guard !name.isEmpty else { throw error("`@string` needs a name, as in `@string{acl = {Proceedings of ACL}}`") }
        skipSpace()
        try expect(UInt8(ascii: "="), "`=` after the macro name")
        macros[name] = try readValue()
        skipSpace()
        try expect(close, "`\(Character(Unicode.Scalar(close)))` to end the `@string`")
      default:
        skipSpace()
        let key = readKey()
        guard !key.isEmpty else {
          throw error("the `@\(type)` entry has no key", hint: "write its key first, as in `@\(type){smith2020, …}`")
        }
        if let first = lines[key] {
          throw error(
            "the key `\(key)` is used twice (first on line \(first))", hint: "give each entry its own key",
            line: startLine)
        }
        lines[key] = startLine
        var fields: [String: String] = [:]
        while true {
          skipSpace()
          guard let byte = peek() else {
            throw error("the entry `\(key)` is not closed", hint: "end it with `}`", line: startLine)
          }
          if byte == close {
            advance()
            break
          }
          if byte == UInt8(ascii: ",") {
            advance()
            continue
          }
          let name = readName().lowercased()
          guard !name.isEmpty else {
            throw error("expected a field name in `\(key)`", hint: "write fields as `title = {…}`, separated by commas")
          }
          skipSpace()
          try expect(UInt8(ascii: "="), "`=` after the field name `\(name)`")
          fields[name] = try readValue()
        }
        entries.append(BibTeXEntry(type: type, key: key, fields: fields, line: startLine))
      }
    }
    return entries
  }

  // MARK: Values

  /// A field value: parts joined by `#`.
  private mutating func readValue() throws(BibTeXError) -> String {
    var value = ""
    while true {
      skipSpace()
      guard let byte = peek() else { throw error("a field value is missing at the end of the file") }
      switch byte {
      case UInt8(ascii: "{"):
        let opened = line
        advance()
        value += try readBalanced(until: UInt8(ascii: "}"), openedAt: opened)
      case UInt8(ascii: "\""):
        let opened = line
        advance()
        value += try readBalanced(until: UInt8(ascii: "\""), openedAt: opened)
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        while let digit = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) {
          value.unicodeScalars.append(Unicode.Scalar(digit))
          advance()
        }
      default:
        let name = readName()
        guard !name.isEmpty else {
          throw error(
            "a field value must be `{…}`, `\"…\"`, a number or a macro name", hint: "for example `year = 2020`")
        }
        guard let expansion = macros[name.lowercased()] else {
          throw error("unknown macro `\(name)`", hint: "put the value in braces, or define it with `@string`")
        }
        value += expansion
      }
      skipSpace()
      guard peek() == UInt8(ascii: "#") else { return value }
      advance()
    }
  }

  /// The text up to the `end` that closes a group opened on line `opened`, braces balanced.
  private mutating func readBalanced(until end: UInt8, openedAt opened: Int) throws(BibTeXError) -> String {
    let start = position
    var depth = 0
    while let byte = peek() {
      if byte == UInt8(ascii: "\\") {
        advance()
        if peek() != nil { advance() }
        continue
      }
      if byte == end && depth == 0 {
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        advance()
        return text
      }
      if byte == UInt8(ascii: "{") { depth += 1 }
      if byte == UInt8(ascii: "}") {
        if depth == 0 { throw error("unbalanced brace: this `}` closes nothing", hint: "remove it or add its `{`") }
        depth -= 1
      }
      advance()
    }
    throw error(
      "a `\(Character(Unicode.Scalar(end)))` is missing: the value opened on line \(opened) is not closed",
      hint: "close it (braces must balance)", line: opened)
  }

  private mutating func skipBalanced(until end: UInt8, openedAt opened: Int) throws(BibTeXError) {
    _ = try readBalanced(until: end, openedAt: opened)
  }

  // MARK: Reading

  /// The next `@` that starts an entry (text between entries is a comment).
  private mutating func nextEntryStart() -> Int? {
    while let byte = peek() {
      if byte == UInt8(ascii: "@") { return position }
      advance()
    }
    return nil
  }

  private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func advance() {
    if bytes[position] == UInt8(ascii: "\n") {
      line += 1
      lineStart = position + 1
    }
    position += 1
  }

  private mutating func skipSpace() {
    while let byte = peek() {
      if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
        advance()
      } else if byte == UInt8(ascii: "%") {
        while let next = peek(), next != 10 { advance() }
      } else {
        return
      }
    }
  }

  /// A type, field or macro name: letters, digits and `_-:.+/`.
  private mutating func readName() -> String {
    let start = position
    while let byte = peek(),
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || Array("_-:.+/".utf8).contains(byte)
    {
      advance()
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// An entry's key: everything up to the comma (or the entry's end), spaces trimmed.
  private mutating func readKey() -> String {
    let start = position
    while let byte = peek(), byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: ")"),
      byte != 10
    {
      advance()
    }
    return String(decoding: bytes[start..<position], as: UTF8.self).trimmingWhitespace
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(BibTeXError) {
    skipSpace()
    guard peek() == byte else { throw error("expected \(what)") }
    advance()
  }

  private func error(_ message: String, hint: String = "", line: Int? = nil) -> BibTeXError {
    BibTeXError(
      line: line ?? self.line, column: line == nil ? position - lineStart + 1 : 1, message: message, hint: hint)
  }
}
