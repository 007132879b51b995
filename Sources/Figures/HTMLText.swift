/// Escaping for text placed in HTML and in Markdown.
public enum HTMLText {
  /// `text` with `&`, `<`, `>` and `"` escaped, safe in element content and attribute values.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }
}

/// Escaping for text placed in GitHub-flavoured Markdown.
public enum MarkdownText {
  private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "$"]

  /// `text` with Markdown's punctuation backslash-escaped, so it reads literally.
  public static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      if special.contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  /// `text` made safe inside one cell of a pipe table.
  public static func tableCell(_ text: String) -> String {
    escape(text).replacingNewlines(with: " ")
  }
}

extension String {
  func replacingNewlines(with replacement: String) -> String {
    split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
