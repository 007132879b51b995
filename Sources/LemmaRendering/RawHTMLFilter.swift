/// What the HTML report does with raw HTML and unsafe link targets in prose.
public enum RawHTML: String, Sendable {
  /// Safe by default: tags that run script or load other pages are neutralised, event
  /// attributes removed, and `javascript:`, `vbscript:` and non-image `data:` targets dropped.
  case filtered
  /// Raw HTML passes through as written (`raw_html: true` in lemma.yml).
  case allowed
}

/// Makes an author's raw HTML keep the report's promise of no script and no other page inside
/// it. GFM's tag filter neutralises `<script>`, `<iframe>`, `<style>` and the other tags it
/// names by writing their `<` as `&lt;`; Lemma adds the tags that load or embed other pages
/// (`<object>`, `<embed>`, `<base>`, `<link>`, `<meta>`, `<frame>`...). In every other start
/// tag, `on…` event attributes are removed and URL attributes whose target is not provably
/// safe (see `isSafe(url:)`) are dropped. A tag that does not end in the same raw chunk is
/// written as text, so it cannot swallow the markup after it.
enum RawHTMLFilter {
  static let neutralisedTags: Set<String> = [
    "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
    "object", "embed", "applet", "base", "link", "meta", "frame", "frameset", "portal",
  ]
  static let urlAttributes: Set<String> = [
    "href", "src", "action", "formaction", "data", "poster", "background", "cite", "codebase", "srcset",
    "xlink:href", "ping", "longdesc", "manifest", "icon",
  ]

  static func filter(_ html: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(html.count)
    var index = 0
    while index < html.count {
      guard html[index] == UInt8(ascii: "<") else {
        out.append(html[index])
        index += 1
        continue
      }
      let closing = index + 1 < html.count && html[index + 1] == UInt8(ascii: "/")
      let nameStart = index + (closing ? 2 : 1)
      var nameEnd = nameStart
      while nameEnd < html.count, isNameByte(html[nameEnd], first: nameEnd == nameStart) { nameEnd += 1 }
      guard nameEnd > nameStart else {
        out.append(html[index])
        index += 1
        continue
      }
      let name = String(decoding: html[nameStart..<nameEnd], as: UTF8.self).lowercased()
      if neutralisedTags.contains(name) {
        out += Array("&lt;".utf8)
        index += 1
        continue
      }
      guard let (tag, end) = startTag(html, from: nameEnd, closing: closing) else {
        out += Array("&lt;".utf8)
        index += 1
        continue
      }
      out += html[index..<nameEnd]
      out += tag
      index = end
    }
    return out
  }

  /// The rest of a tag from after its name, with its attributes filtered, and where the tag
  /// ends. A tag may run to the end of the raw chunk (an HTML block can end inside a tag, as
  /// in `<div id="x"` on a line of its own): the browser then ends it at the next `>` Lemma
  /// writes, which is harmless. Not so a quoted value left open, which would swallow Lemma's
  /// markup up to its next quote and read what follows as attributes: nil.
  private static func startTag(_ html: [UInt8], from start: Int, closing: Bool) -> ([UInt8], Int)? {
    var out: [UInt8] = []
    var index = start
    while index < html.count {
      let byte = html[index]
      if byte == UInt8(ascii: ">") { return (out + [byte], index + 1) }
      if byte == UInt8(ascii: "/") {
        out.append(byte)
        index += 1
        continue
      }
      // An attribute: its leading space, name, and optional value.
      let attributeStart = index
      while index < html.count, isSpace(html[index]) { index += 1 }
      guard index < html.count, html[index] != UInt8(ascii: ">"), html[index] != UInt8(ascii: "/") else {
        out += html[attributeStart..<index]
        continue
      }
      let nameStart = index
      index += 1  // the first character may be anything but space, `/` and `>`, even `=`
      while index < html.count, !isSpace(html[index]), !"/>=".utf8.contains(html[index]) { index += 1 }
      let name = String(decoding: html[nameStart..<index], as: UTF8.self).lowercased()
      var value: [UInt8]?
      var probe = index
      while probe < html.count, isSpace(html[probe]) { probe += 1 }
      if probe < html.count, html[probe] == UInt8(ascii: "=") {
        probe += 1
        while probe < html.count, isSpace(html[probe]) { probe += 1 }
        let quote = probe < html.count ? html[probe] : 0
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
          guard let close = html[(probe + 1)...].firstIndex(of: quote) else { return nil }
          value = Array(html[(probe + 1)..<close])
          index = close + 1
        } else {
          var end = probe
          while end < html.count, !isSpace(html[end]), html[end] != UInt8(ascii: ">") { end += 1 }
          value = Array(html[probe..<end])
          index = end
        }
      }
      let keep =
        !closing && !name.hasPrefix("on")
        && !(urlAttributes.contains(name) && !isSafe(url: String(decoding: value ?? [], as: UTF8.self), inHTML: true))
      if keep { out += html[attributeStart..<index] }
    }
    return (out, index)
  }

  /// Whether a link or image target can be followed without running script: not `javascript:`,
  /// `vbscript:` or `file:`, and a `data:` target only when it is a PNG, GIF, JPEG or WebP
  /// image (cmark's rule for unsafe URLs) and, when `image` is false (a Markdown link), never. Browsers ignore tabs and line breaks inside a URL
  /// and leading spaces and control characters, so those are removed first. In raw HTML the
  /// browser decodes character references first: numeric ones and those that can hide a
  /// scheme (`&colon;`, `&Tab;`, `&NewLine;`) are decoded here; no other named reference
  /// stands for an ASCII letter or a colon.
  static func isSafe(url: String, inHTML: Bool = false, image: Bool = true) -> Bool {
    let decoded = inHTML ? decodingSchemeReferences(url) : url
    let cleaned = decoded.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
    let trimmed = String(String.UnicodeScalarView(cleaned.drop { $0.value <= 0x20 }))
    let head = trimmed.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard let colon = head.firstIndex(of: ":") else { return true }
    let scheme = head[..<colon].lowercased()
    if ["javascript", "vbscript", "file"].contains(scheme) { return false }
    guard scheme == "data" else { return true }
    guard image else { return false }
    let type = trimmed[trimmed.index(after: colon)...].lowercased()
    return ["image/png", "image/gif", "image/jpeg", "image/webp"].contains { type.hasPrefix($0) }
  }

  /// `text` with numeric character references (`&#106;`, `&#x6A`, with or without `;`) and
  /// `&colon;`, `&Tab;` and `&NewLine;` decoded, as a browser reads an attribute value.
  static func decodingSchemeReferences(_ text: String) -> String {
    guard text.contains("&") else { return text }
    let named: [String: Character] = ["colon;": ":", "Tab;": "\t", "NewLine;": "\n"]
    var result = ""
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
      result += rest[..<ampersand]
      rest = rest[rest.index(after: ampersand)...]
      if let (name, character) = named.first(where: { rest.hasPrefix($0.key) }) {
        result.append(character)
        rest = rest.dropFirst(name.count)
      } else if rest.first == "#" {
        var digits = rest.dropFirst()
        let hex = digits.first == "x" || digits.first == "X"
        if hex { digits = digits.dropFirst() }
        let number = digits.prefix { hex ? $0.isHexDigit : $0.isASCII && $0.isNumber }
        guard !number.isEmpty, let value = UInt32(number.prefix(8), radix: hex ? 16 : 10) else {
          result += "&"
          continue
        }
        result.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        rest = digits.dropFirst(number.count)
        if rest.first == ";" { rest = rest.dropFirst() }
      } else {
        result += "&"
      }
    }
    return result + rest
  }

  private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
    let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    return first
      ? letter : letter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
  }
}
