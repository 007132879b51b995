import Yams

/// What Yams says is wrong with a YAML text, and where (1-based, relative to the text).
public struct YAMLProblem: Sendable {
  public var problem: String
  public var location: SourceLocation?

  public init(_ error: Error) {
    let (problem, mark): (String, Mark?) =
      switch error as? YamlError {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
        .composer(_, let problem, let mark, _):
        (problem, mark)
      case .duplicatedKeysInMapping(let duplicates, let context):
        ("duplicate key " + duplicates.joined(separator: ", "), context.mark)
      default: ("\(error)", nil)
      }
    self.problem = problem
    location = mark.map { SourceLocation(line: $0.line, column: $0.column) }
  }
}
