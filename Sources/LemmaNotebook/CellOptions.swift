/// The `//| key: value` options at the top of an experiment block (Quarto's convention).
public struct CellOptions: Sendable, Equatable {
  /// Every option a block may set; anything else is an error.
  public static let knownKeys = ["echo", "eval", "output", "error", "label", "caption", "alt"]

  /// Show the code in the report.
  public var echo = true
  /// Run the block.
  public var eval = true
  /// Show what the block printed and showed.
  public var output = true
  /// A failure here is shown in the report but does not fail the render.
  public var error = false
  public var label: String?
  public var caption: String?
  public var alt: String?
  /// How many leading lines of the block are option lines.
  public var optionLineCount = 0
  /// Where each option was set, by key.
  public var locations: [String: SourceLocation] = [:]

  public init() {}
}

/// Reads the leading `//|` lines of a block into `CellOptions`.
struct CellOptionsParser {
  let path: String

  /// - Parameters:
  ///   - lines: the block's code lines.
  ///   - firstLine: the notebook line of `lines[0]`.
  func parse(_ lines: [Substring], firstLine: Int) throws(NotebookError) -> CellOptions {
    var options = CellOptions()
    var seen: Set<String> = []
    for (offset, line) in lines.enumerated() {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.hasPrefix("//|") else { break }
      let indent = line.count - trimmed.count
      let location = SourceLocation(line: firstLine + offset, column: indent + 1)
      try apply(String(trimmed.dropFirst(3)), at: location, to: &options, seen: &seen)
      options.optionLineCount = offset + 1
    }
    return options
  }

  private func apply(
    _ text: String, at location: SourceLocation, to options: inout CellOptions, seen: inout Set<String>
  ) throws(NotebookError) {
    guard let colon = text.firstIndex(of: ":") else {
      throw NotebookError(
        path: path, location: location, message: "cell option line has no `key: value`",
        hint: "write options as `//| key: value`, for example `//| echo: false`")
    }
    let key = text[..<colon].trimmingSpaces
    let value = unquoted(text[text.index(after: colon)...].trimmingSpaces)
    guard CellOptions.knownKeys.contains(key) else {
      let suggestion = didYouMean(key, in: CellOptions.knownKeys)
      throw NotebookError(
        path: path, location: location, message: "unknown cell option `\(key)`",
        hint: suggestion + "known options: " + CellOptions.knownKeys.joined(separator: ", "))
    }
    options.locations[key] = location
    guard seen.insert(key).inserted else {
      throw NotebookError(
        path: path, location: location, message: "cell option `\(key)` is set twice",
        hint: "keep one `//| \(key):` line")
    }
    switch key {
    case "echo": options.echo = try bool(value, key, location)
    case "eval": options.eval = try bool(value, key, location)
    case "output": options.output = try bool(value, key, location)
    case "error": options.error = try bool(value, key, location)
    case "label": options.label = try label(value, location)
    case "caption": options.caption = value
    default: options.alt = value
    }
  }

  private func bool(_ value: String, _ key: String, _ location: SourceLocation) throws(NotebookError) -> Bool {
    switch value {
    case "true": return true
    case "false": return false
    default:
      throw NotebookError(
        path: path, location: location, message: "cell option `\(key)` must be true or false, not `\(value)`",
        hint: "write `//| \(key): true` or `//| \(key): false`")
    }
  }

  private func label(_ value: String, _ location: SourceLocation) throws(NotebookError) -> String {
    let allowed = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    guard !value.isEmpty, allowed else {
      throw NotebookError(
        path: path, location: location, message: "label `\(value)` may use only letters, digits, `-` and `_`",
        hint: "for example `//| label: fig-steps`")
    }
    return value
  }

  private func unquoted(_ value: String) -> String {
    for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
      return String(value.dropFirst().dropLast())
    }
    return value
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
