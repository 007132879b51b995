/// CSV text split into records of fields, as RFC 4180 describes it: fields separated by one
/// delimiter character; records ended by LF, CRLF or CR; a field in double quotes may hold the
/// delimiter, line breaks and `""` for a quote. A leading byte-order mark is skipped, and blank
/// lines are not records. Kept in the runtime (not a CSV package) because a package's Foundation
/// would be loaded by every notebook program at start.
enum CSVRecords {
  /// Why text is not CSV, with the line it is on.
  struct Malformed: Error {
    var reason: String
  }

  /// The records of `text`, each its fields in order.
  static func parse(_ text: String, delimiter: Character) throws(Malformed) -> [[String]] {
    let separator = try separatorScalar(delimiter)
    var scalars = Substring(text).unicodeScalars
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var records: [[String]] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var index = scalars.startIndex
    /// Whether the current field began with a quote and its closing quote has been read.
    var quotedFieldClosed = false

    func endField() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
      quotedFieldClosed = false
    }
    func endRecord() {
      endField()
      if fields != [""] { records.append(fields) }
      fields = []
    }

    while index < scalars.endIndex {
      let scalar = scalars[index]
      scalars.formIndex(after: &index)
      switch scalar {
      case separator:
        endField()
      case "\n", "\r":
        if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" { scalars.formIndex(after: &index) }
        endRecord()
        line += 1
      case "\"" where field.isEmpty && !quotedFieldClosed:
        // A quoted field: up to the quote not followed by another.
        let opening = line
        while true {
          guard index < scalars.endIndex else {
            throw Malformed(reason: "a quoted field that opens on line \(opening) is never closed")
          }
          let inner = scalars[index]
          scalars.formIndex(after: &index)
          if inner == "\"" {
            guard index < scalars.endIndex, scalars[index] == "\"" else { break }
            scalars.formIndex(after: &index)
          } else if inner == "\n" || (inner == "\r" && (index == scalars.endIndex || scalars[index] != "\n")) {
            line += 1
          }
          field.append(inner)
        }
        quotedFieldClosed = true
      default:
        if quotedFieldClosed {
          throw Malformed(reason: "line \(line) has text after a quoted field's closing quote")
        }
        if scalar == "\"" {
          throw Malformed(reason: "line \(line) has a quote inside a field that does not start with one")
        }
        field.append(scalar)
      }
    }
    if !field.isEmpty || !fields.isEmpty || quotedFieldClosed { endRecord() }
    return records
  }

  /// The delimiter as one Unicode scalar that can separate fields.
  private static func separatorScalar(_ delimiter: Character) throws(Malformed) -> Unicode.Scalar {
    guard let scalar = delimiter.unicodeScalars.first, delimiter.unicodeScalars.count == 1,
      !["\"", "\n", "\r"].contains(scalar)
    else {
      throw Malformed(reason: "the delimiter must be one character other than a quote or a line break")
    }
    return scalar
  }
}
