/// Something `show(_:)` can put in a report. New kinds (charts) are new cases.
public enum Figure: Codable, Equatable, Sendable {
  case table(Table)
  case chart(Chart)
}

/// A value that `show(_:)` accepts.
public protocol FigureConvertible {
  var figure: Figure { get }
}

extension Table: FigureConvertible {
  public var figure: Figure { .table(self) }
}
