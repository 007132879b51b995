/// A table of results: named columns, rows of values, a number format per column.
///
/// Build it row by row or column by column:
/// ```swift
/// var table = Table("start", "mean steps")
/// table.addRow(50, 2497.4)
/// show(table)
///
/// show(Table().column("n", ns).column("max error", errors, format: .scientific(2)))
/// ```
public struct Table: Codable, Equatable, Sendable {
  /// A column's heading and how its numbers are written.
  public struct Column: Codable, Equatable, Sendable {
    public var name: String
    public var format: NumberFormat

    public init(_ name: String, format: NumberFormat = .automatic) {
      self.name = name
      self.format = format
    }
  }

  public var columns: [Column]
  /// Rows of values, each as long as `columns` (missing cells are `.missing`).
  public var rows: [[TableValue]]
  public var caption: String?

  /// An empty table with the given column headings.
  public init(_ columnNames: String...) {
    self.init(columns: columnNames.map { Column($0) }, rows: [])
  }

  /// A table from columns and rows; short rows are padded with empty cells.
  public init(columns: [Column], rows: [[TableValue]], caption: String? = nil) {
    self.columns = columns
    self.rows = rows.map { Self.padded($0, to: columns.count) }
    self.caption = caption
  }

  /// A table from column headings and rows of values of any table type (numbers, text, Bool).
  public init(columns: [String], rows: [[any TableValueConvertible]], caption: String? = nil) {
    self.init(columns: columns.map { Column($0) }, rows: rows.map { $0.map(\.tableValue) }, caption: caption)
  }

  /// Appends a row; values beyond the named columns get unnamed columns, so nothing is lost.
  public mutating func addRow(_ values: any TableValueConvertible...) {
    addRow(values)
  }

  /// Appends a row of values.
  public mutating func addRow(_ values: [any TableValueConvertible]) {
    while columns.count < values.count { columns.append(Column("")) }
    rows.append(Self.padded(values.map(\.tableValue), to: columns.count))
  }

  /// This table with one more column holding `values`, one per row.
  public func column(_ name: String, _ values: [some TableValueConvertible], format: NumberFormat = .automatic)
    -> Table
  {
    var table = self
    table.columns.append(Column(name, format: format))
    let height = max(table.rows.count, values.count)
    table.rows = (0..<height).map { row in
      let existing = row < rows.count ? rows[row] : Array(repeating: .missing, count: columns.count)
      return existing + [row < values.count ? values[row].tableValue : .missing]
    }
    return table
  }

  /// This table with the numbers of column `name` written in `format`.
  public func format(_ name: String, _ format: NumberFormat) -> Table {
    var table = self
    for index in table.columns.indices where table.columns[index].name == name {
      table.columns[index].format = format
    }
    return table
  }

  /// This table with a caption.
  public func caption(_ text: String) -> Table {
    var table = self
    table.caption = text
    return table
  }

  /// The cell at `row`, `column` as text, formatted for its column.
  public func text(row: Int, column: Int) -> String {
    rows[row][column].text(format: columns[column].format)
  }

  /// Whether a column holds numbers only (it is then right-aligned).
  public func isNumeric(column: Int) -> Bool {
    rows.allSatisfy { $0[column].isNumeric || $0[column] == .missing } && rows.contains { $0[column].isNumeric }
  }

  private static func padded(_ row: [TableValue], to count: Int) -> [TableValue] {
    row.count >= count ? row : row + Array(repeating: .missing, count: count - row.count)
  }
}

/// One cell of a `Table`.
public enum TableValue: Codable, Equatable, Sendable {
  case int(Int)
  case number(Double)
  case text(String)
  case bool(Bool)
  case missing

  var isNumeric: Bool {
    switch self {
    case .int, .number: true
    default: false
    }
  }

  /// The cell as text, numbers written in `format`.
  public func text(format: NumberFormat) -> String {
    switch self {
    case .int(let value): format.format(value)
    case .number(let value): format.format(value)
    case .text(let value): value
    case .bool(let value): value ? "true" : "false"
    case .missing: ""
    }
  }
}

/// A value that can stand in a table cell.
public protocol TableValueConvertible {
  var tableValue: TableValue { get }
}

extension Int: TableValueConvertible {
  public var tableValue: TableValue { .int(self) }
}
extension Double: TableValueConvertible {
  public var tableValue: TableValue { .number(self) }
}
extension Float: TableValueConvertible {
  public var tableValue: TableValue { .number(Double(self)) }
}
extension String: TableValueConvertible {
  public var tableValue: TableValue { .text(self) }
}
extension Substring: TableValueConvertible {
  public var tableValue: TableValue { .text(String(self)) }
}
extension Bool: TableValueConvertible {
  public var tableValue: TableValue { .bool(self) }
}
extension UInt64: TableValueConvertible {
  public var tableValue: TableValue { Int(exactly: self).map(TableValue.int) ?? .number(Double(self)) }
}
extension TableValue: TableValueConvertible {
  public var tableValue: TableValue { self }
}
extension Optional: TableValueConvertible where Wrapped: TableValueConvertible {
  public var tableValue: TableValue { self?.tableValue ?? .missing }
}
