/// What is wrong with a YAML text, and where (1-based, relative to the text).
public struct YAMLProblem: Error, Sendable, Equatable {
  public var problem: String
  public var location: SourceLocation?

  public init(_ problem: String, at location: SourceLocation?) {
    self.problem = problem
    self.location = location
  }
}
