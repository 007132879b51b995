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
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  private static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
