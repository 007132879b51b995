import LemmaNotebook

/// One option a command accepts: a flag (`--force`) or an option with a value (`--jobs 2`,
/// `--jobs=2`, `-j 2`, `-j2`), which may be given more than once when it `repeats`.
struct OptionSpec: Sendable {
  var long: String?
  var short: Character?
  /// The value's name in help (`<jobs>`); nil for a flag.
  var valueName: String?
  var help: String
  var repeats = false

  /// The key values are stored under: the long name, else the short one.
  var key: String { long ?? short.map(String.init) ?? "" }

  /// `-j, --jobs <jobs>` as help shows it.
  var label: String {
    let names = [short.map { "-\($0)" }, long.map { "--\($0)" }].compactMap { $0 }.joined(separator: ", ")
    return valueName.map { "\(names) <\($0)>" } ?? names
  }
}

/// What a command is and accepts: its name, help, positional arguments and options.
struct CommandSpec: Sendable {
  var name: String
  var abstract: String
  /// Paragraphs (wrapped to the terminal by `HelpText`) and indented lines (kept as written).
  var discussion: String
  /// The positional arguments' name in help, and their help; nil when it takes none.
  var arguments: (name: String, help: String, repeats: Bool)?
  var options: [OptionSpec]
}

/// A command line that does not fit its command: the message, and the command to name in the
/// hint to read its help.
struct UsageError: Error, Equatable {
  var message: String
  var command: String
}

/// A command that ran but failed: end with `status` (its message is already printed).
struct CommandFailure: Error {
  var status: Int32 = 1
}

/// What a command line said, read against a `CommandSpec`.
struct ParsedCommandLine {
  var positionals: [String] = []
  var values: [String: [String]] = [:]
  /// Whether `-h` or `--help` was given.
  var wantsHelp = false
  let command: String

  init(command: String) { self.command = command }

  func flag(_ key: String) -> Bool { values[key] != nil }
  func value(_ key: String) -> String? { values[key]?.last }
  func all(_ key: String) -> [String] { values[key] ?? [] }

  /// The value of `key` read by `convert`; a usage error naming the option when it cannot be.
  func value<T>(_ key: String, expecting kind: String, _ convert: (String) -> T?) throws(UsageError) -> T? {
    guard let text = value(key) else { return nil }
    guard let converted = convert(text) else {
      throw UsageError(message: "--\(key) expects \(kind) (got `\(text)`)", command: command)
    }
    return converted
  }

  /// Reads `arguments` against `spec`. `--` ends options: what follows is positional.
  static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedCommandLine {
    var parsed = ParsedCommandLine(command: spec.name)
    var index = 0
    func fail(_ message: String) -> UsageError { UsageError(message: message, command: spec.name) }
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "--" {
        parsed.positionals += arguments[index...]
        break
      }
      if argument == "-h" || argument == "--help" {
        parsed.wantsHelp = true
        continue
      }
      guard argument.hasPrefix("-"), argument.count > 1 else {
        parsed.positionals.append(argument)
        continue
      }
      let (option, attached) = try find(argument, in: spec, fail: fail)
      var value: String?
      if option.valueName != nil {
        if let attached {
          value = attached
        } else if index < arguments.count {
          value = arguments[index]
          index += 1
        } else {
          throw fail("\(option.label) needs a value")
        }
      } else if attached != nil {
        throw fail("\(argument.split(separator: "=")[0]) takes no value")
      }
      if parsed.values[option.key] != nil && !option.repeats && option.valueName != nil {
        throw fail("\(option.label) is given twice")
      }
      parsed.values[option.key, default: []].append(value ?? "")
    }
    if spec.arguments == nil, let first = parsed.positionals.first {
      throw fail("unexpected argument `\(first)`")
    }
    if let arguments = spec.arguments, !arguments.repeats, parsed.positionals.count > 1 {
      throw fail("unexpected argument `\(parsed.positionals[1])`")
    }
    return parsed
  }

  /// The option `argument` names, and a value attached to it (`--jobs=2`, `-j2`).
  private static func find(_ argument: String, in spec: CommandSpec, fail: (String) -> UsageError) throws(UsageError)
    -> (OptionSpec, String?)
  {
    if argument.hasPrefix("--") {
      let body = argument.dropFirst(2)
      let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      guard let option = spec.options.first(where: { $0.long == name }) else {
        let hint = didYouMean(name, in: spec.options.compactMap(\.long), prefix: "--")
        throw fail("unknown option `--\(name)`" + (hint.isEmpty ? "" : "; " + hint.dropLast()))
      }
      return (option, parts.count > 1 ? String(parts[1]) : nil)
    }
    let letter = argument[argument.index(after: argument.startIndex)]
    guard let option = spec.options.first(where: { $0.short == letter }) else {
      throw fail("unknown option `\(argument)`")
    }
    let rest = argument.dropFirst(2)
    return (option, rest.isEmpty ? nil : String(rest.hasPrefix("=") ? rest.dropFirst() : rest))
  }
}
