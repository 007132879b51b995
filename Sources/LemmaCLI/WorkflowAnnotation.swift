import LemmaNotebook

/// A problem written as a GitHub Actions workflow command (`::error file=…,line=…::message`),
/// which a CI job shows as an annotation on the notebook's line.
struct WorkflowAnnotation: Equatable {
  var path: String
  var location: SourceLocation?
  var title: String
  var message: String

  /// The command's one line. Values are escaped as the runner expects: `%`, CR and LF
  /// everywhere, and `:` and `,` in properties too.
  var command: String {
    var properties = ["file=\(Self.escapeProperty(path))"]
    if let location {
      properties.append("line=\(location.line)")
      properties.append("col=\(location.column)")
    }
    properties.append("title=\(Self.escapeProperty(title))")
    return "::error \(properties.joined(separator: ","))::\(Self.escapeData(message))"
  }

  private static func escapeData(_ text: String) -> String {
    escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A"])
  }

  private static func escapeProperty(_ text: String) -> String {
    escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
  }

  /// `text` with each Unicode scalar in `escapes` replaced, scalar by scalar: a Windows line
  /// break (one `Character`) is its `\r` and its `\n`.
  private static func escape(_ text: String, _ escapes: [Unicode.Scalar: String]) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      if let replacement = escapes[scalar] { escaped += replacement } else { escaped.unicodeScalars.append(scalar) }
    }
    return escaped
  }
}
