/// A CSV file read into typed columns by `readCSV(_:)`: the first record names the columns, and
/// each column is integers, numbers or text, whichever fits every one of its fields.
///
///     let prices = readCSV("data/prices.csv")
///     let days = prices.integers("day"), close = prices.numbers("close")
public struct CSVTable: Sendable {
  /// One column's values, typed by what all its fields hold.
  public enum Values: Equatable, Sendable {
    /// Every field is a whole number.
    case integers([Int])
    /// Every field is a number (an empty field is missing, read as `.nan`).
    case numbers([Double])
    /// Some field is not a number.
    case texts([String])
  }

  /// A named column.
  public struct Column: Sendable {
    public var name: String
    public var values: Values
    /// The fields as written.
    public var texts: [String]
  }

  /// The file's path, as passed to `readCSV`.
  public let path: String
  /// The columns in file order.
  public let columns: [Column]
  /// Records after the header.
  public let rowCount: Int

  /// The column names in file order.
  public var columnNames: [String] { columns.map(\.name) }

  /// The column `name`; a name the file does not have stops the program at this line.
  public func column(_ name: String, file: StaticString = #file, line: UInt = #line) -> Column {
    guard let column = columns.first(where: { $0.name == name }) else {
      let names = columns.map { "`\($0.name)`" }.joined(separator: ", ")
      fatalError("`\(path)` has no column `\(name)`; its columns are \(names)", file: file, line: line)
    }
    return column
  }

  /// Column `name` as numbers (integers included); text in it stops the program at this line.
  public func numbers(_ name: String, file: StaticString = #file, line: UInt = #line) -> [Double] {
    let column = column(name, file: file, line: line)
    switch column.values {
    case .integers(let values): return values.map(Double.init)
    case .numbers(let values): return values
    case .texts(let texts): fatalError(notA("numbers", column, texts, "a number"), file: file, line: line)
    }
  }

  /// Column `name` as integers; a field that is not a whole number stops the program at this line.
  public func integers(_ name: String, file: StaticString = #file, line: UInt = #line) -> [Int] {
    let column = column(name, file: file, line: line)
    guard case .integers(let values) = column.values else {
      fatalError(notA("integers", column, column.texts, "a whole number"), file: file, line: line)
    }
    return values
  }

  /// Column `name`'s fields as written.
  public func texts(_ name: String, file: StaticString = #file, line: UInt = #line) -> [String] {
    column(name, file: file, line: line).texts
  }

  private func notA(_ kind: String, _ column: Column, _ texts: [String], _ one: String) -> String {
    let row = texts.firstIndex { Int($0) == nil && (one == "a whole number" || !CSVTable.isNumber($0)) } ?? 0
    return "column `\(column.name)` of `\(path)` is not \(kind): record \(row + 1) holds `\(texts[row])`, not \(one)"
  }

  /// Whether a field reads as a number: a decimal or `nan`/`inf` spelling, or empty (missing).
  static func isNumber(_ field: String) -> Bool { field.isEmpty || Double(field) != nil }

  /// Types a column by what every field holds.
  static func values(of texts: [String]) -> Values {
    let integers = texts.compactMap { Int($0) }
    if integers.count == texts.count { return .integers(integers) }
    if texts.allSatisfy(isNumber), texts.contains(where: { !$0.isEmpty }) {
      return .numbers(texts.map { $0.isEmpty ? .nan : Double($0)! })
    }
    return .texts(texts)
  }

  init(path: String, text: String, delimiter: Character) throws(Problem) {
    self.path = path
    var records: [[String]]
    do {
      records = try CSVRecords.parse(text, delimiter: delimiter)
    } catch {
      throw Problem(reason: "it is not well-formed CSV: \(error.reason)")
    }
    let header = records.isEmpty ? [] : records.removeFirst()
    guard !header.isEmpty, header != [""] else { throw Problem(reason: "it has no header record naming its columns") }
    var seen: Set<String> = []
    for name in header where !seen.insert(name).inserted {
      throw Problem(reason: "two columns are named `\(name)`")
    }
    for (number, fields) in records.enumerated() where fields.count != header.count {
      throw Problem(
        reason: "record \(number + 1) after the header has \(fields.count) field\(fields.count == 1 ? "" : "s"); "
          + "the header has \(header.count)")
    }
    rowCount = records.count
    columns = header.enumerated().map { index, name in
      let texts = records.map { $0[index] }
      return Column(name: name, values: CSVTable.values(of: texts), texts: texts)
    }
  }

  struct Problem: Error {
    var reason: String
  }
}

/// Reads the CSV file at `path` (relative to the notebook's folder, or absolute) into typed
/// columns: its first record names them. A file that cannot be read, is not UTF-8, or is not
/// well-formed CSV (a record with the wrong number of fields, a stray quote) stops the program
/// with an error at this line.
public func readCSV(_ path: String, delimiter: Character = ",", file: StaticString = #file, line: UInt = #line)
  -> CSVTable
{
  let text = readText(path, file: file, line: line)
  do {
    return try CSVTable(path: path, text: text, delimiter: delimiter)
  } catch {
    fatalError("cannot read `\(path)` as CSV: \(error.reason)", file: file, line: line)
  }
}
