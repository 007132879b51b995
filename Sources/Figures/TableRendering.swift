extension Table {
  /// The table as an HTML `<table>` with a header row; numeric columns right-aligned.
  public func html() -> String {
    var html = "<table>\n"
    if let caption { html += "<caption>\(HTMLText.escape(caption))</caption>\n" }
    html += "<thead><tr>"
    for (index, column) in columns.enumerated() {
      html += "<th scope=\"col\"\(alignment(index))>\(HTMLText.escape(column.name))</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for row in rows.indices {
      html += "<tr>"
      for column in columns.indices {
        html += "<td\(alignment(column))>\(HTMLText.escape(text(row: row, column: column)))</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>"
  }

  /// The table as a GFM pipe table, its caption (if any) in italics above it.
  public func markdown() -> String {
    var lines: [String] = []
    if let caption { lines += ["*\(MarkdownText.escape(caption))*", ""] }
    lines.append("| " + columns.map { MarkdownText.tableCell($0.name) }.joined(separator: " | ") + " |")
    lines.append("|" + columns.indices.map { isNumeric(column: $0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
    for row in rows.indices {
      let cells = columns.indices.map { MarkdownText.tableCell(text(row: row, column: $0)) }
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  private func alignment(_ column: Int) -> String {
    isNumeric(column: column) ? " class=\"num\"" : ""
  }
}
