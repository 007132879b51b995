/// The YAML header of a notebook: what the report is called and what the program runs with.
public struct FrontMatter: Equatable, Sendable {
  /// The keys a notebook's front matter may use; anything else is an error.
  public static let knownKeys = ["title", "summary", "seed", "params", "timeout", "files", "bibliography"]
  /// The run time limit when the front matter sets none, in seconds.
  public static let defaultTimeout = 60.0

  public var title: String?
  public var summary: String?
  /// The seed of the notebook's random generator (`seed` and `rng` in blocks).
  public var seed: UInt64
  /// Parameters in the order written; blocks read them as `params.name`.
  public var params: [Param]
  /// Seconds the notebook's program may run before it is stopped.
  public var timeout: Double
  /// The lines the front matter occupies, `---` to `---` (empty when there is none).
  public var lines: ClosedRange<Int>?
  /// Files the program reads (glob patterns relative to the notebook's folder, `files:`): their
  /// contents are part of the cache key, so editing one re-runs the notebook.
  public var files: [FilePattern] = []
  /// BibTeX files that `[@key]` citations refer to (`bibliography:`), relative to the
  /// notebook's folder; with none, `[@key]` is plain text.
  public var bibliography: [FilePattern] = []

  public init(
    title: String? = nil, summary: String? = nil, seed: UInt64 = 0, params: [Param] = [],
    timeout: Double = FrontMatter.defaultTimeout, lines: ClosedRange<Int>? = nil
  ) {
    self.title = title
    self.summary = summary
    self.seed = seed
    self.params = params
    self.timeout = timeout
    self.lines = lines
  }
}

/// One named parameter: its type comes from its default value.
public struct Param: Equatable, Sendable {
  public var name: String
  public var value: ParamValue
  public var location: SourceLocation

  public init(name: String, value: ParamValue, location: SourceLocation) {
    self.name = name
    self.value = value
    self.location = location
  }
}

/// A parameter's value; the case fixes the Swift type blocks see.
public enum ParamValue: Equatable, Hashable, Sendable, CustomStringConvertible {
  case int(Int)
  case double(Double)
  case bool(Bool)
  case string(String)

  /// The Swift type name used in the generated program.
  public var swiftType: String {
    switch self {
    case .int: "Int"
    case .double: "Double"
    case .bool: "Bool"
    case .string: "String"
    }
  }

  /// The value as text, as it is passed to the program and shown in reports.
  public var description: String {
    switch self {
    case .int(let value): String(value)
    case .double(let value): String(value)
    case .bool(let value): String(value)
    case .string(let value): value
    }
  }

  /// Parses `text` as a value of the same type as `self`, for `-P name=value` overrides.
  public func parsingOverride(_ text: String) -> ParamValue? {
    switch self {
    case .int: Int(text).map(ParamValue.int)
    case .double: Double(text).map(ParamValue.double)
    case .bool: Bool(text).map(ParamValue.bool)
    case .string: .string(text)
    }
  }
}

/// A `files:` entry of the front matter: a glob pattern (`data/*.csv`) and where it is written.
public struct FilePattern: Equatable, Sendable {
  public var pattern: String
  public var location: SourceLocation

  public init(pattern: String, location: SourceLocation) {
    self.pattern = pattern
    self.location = location
  }
}
