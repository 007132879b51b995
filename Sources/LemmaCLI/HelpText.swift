import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Help pages in the usual shape (overview, discussion, usage, arguments, options), wrapped to
/// 80 columns: discussion paragraphs are wrapped here, indented lines (examples) kept as written.
enum HelpText {
  static let width = 80
  private static let column = 26

  /// The page for `spec`, run as `lemma <name>`; `subcommands` are listed for the root command.
  static func page(_ spec: CommandSpec, invokedAs path: String, subcommands: [CommandSpec] = []) -> String {
    var lines = wrap(spec.abstract, first: "OVERVIEW: ", rest: "")
    lines.append("")
    for line in spec.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
      lines += line.hasPrefix(" ") || line.isEmpty ? [String(line)] : wrap(String(line), first: "", rest: "")
    }
    lines.append("")
    lines += wrap(
      usage(spec, invokedAs: path, hasSubcommands: !subcommands.isEmpty), first: "USAGE: ", rest: "         ")
    if let arguments = spec.arguments {
      lines += ["", "ARGUMENTS:"] + entry("<\(arguments.name)>", arguments.help)
    }
    lines += ["", "OPTIONS:"]
    for option in spec.options { lines += entry(option.label, option.help) }
    lines += entry("-h, --help", "Show help information.")
    if !subcommands.isEmpty {
      lines += ["", "SUBCOMMANDS:"]
      for command in subcommands { lines += entry(command.name, command.abstract) }
      lines += ["", "  See '\(path) help <subcommand>' for detailed help."]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `lemma render [<paths> ...] [--force] [--jobs <jobs>] ...`
  static func usage(_ spec: CommandSpec, invokedAs path: String, hasSubcommands: Bool = false) -> String {
    if hasSubcommands { return "\(path) <subcommand>" }
    var parts = [path]
    if let arguments = spec.arguments {
      parts.append(arguments.repeats ? "[<\(arguments.name)> ...]" : "<\(arguments.name)>")
    }
    for option in spec.options {
      let name = option.long.map { "--\($0)" } ?? option.short.map { "-\($0)" } ?? ""
      let shown = option.valueName.map { "\(name) <\($0)>" } ?? name
      parts.append(option.repeats ? "[\(shown) ...]" : "[\(shown)]")
    }
    return parts.joined(separator: " ")
  }

  /// An option or argument with its help in a second column, wrapped under itself.
  private static func entry(_ label: String, _ help: String) -> [String] {
    let indent = String(repeating: " ", count: column)
    let label = "  " + label
    if label.count + 2 > column {
      return [label] + wrap(help, first: indent, rest: indent)
    }
    return wrap(help, first: label + String(repeating: " ", count: column - label.count), rest: indent)
  }

  /// The words of `text` in lines of at most `width` columns, the first starting with `first`
  /// and the others with `rest`. A word longer than a line stays whole.
  static func wrap(_ text: String, first: String, rest: String) -> [String] {
    var lines: [String] = []
    var line = first
    var lineHasWords = false
    for word in text.split(separator: " ") {
      if lineHasWords && line.count + 1 + word.count > width {
        lines.append(line)
        line = rest
        lineHasWords = false
      }
      line += (lineHasWords ? " " : "") + word
      lineHasWords = true
    }
    lines.append(line)
    return lines
  }
}
