/// TeX math to MathML Core, in Swift, with no script or web font: what the HTML report shows
/// for `$…$` and `$$…$$`. Chromium (since 109), Firefox and Safari render MathML Core.
public enum TeXMath {
  /// The MathML for `tex`: a `<math>` element (`display="block"` for display math) whose
  /// `<annotation>` keeps the TeX, so copying the formula copies its source.
  public static func mathML(_ tex: String, display: Bool) throws(TeXError) -> String {
    var parser = TeXParser(tex)
    let body = try parser.parseFormula(display: display)
    let open = display ? "<math display=\"block\" class=\"tex-display\">" : "<math>"
    return open + "<semantics>" + body + "<annotation encoding=\"application/x-tex\">"
      + MathMLText.escape(tex) + "</annotation></semantics></math>"
  }
}

/// Escaping for MathML text and attributes.
enum MathMLText {
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 }) else { return text }
    var escaped = ""
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
