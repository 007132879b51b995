/// Something `show(_:)` can put in a report. New kinds (charts) are new cases.
public enum Figure: Codable, Equatable, Sendable {
  case table(Table)
}

/// A value that `show(_:)` accepts.
public protocol FigureConvertible {
  var figure: Figure { get }
}

extension Table: FigureConvertible {
  public var figure: Figure { .table(self) }
}

extension Figure {
  /// The figure as an HTML fragment.
  public func html() -> String {
    switch self {
    case .table(let table): table.html()
    }
  }

  /// The figure as GitHub-flavoured Markdown.
  public func markdown() -> String {
    switch self {
    case .table(let table): table.markdown()
    }
  }
}
