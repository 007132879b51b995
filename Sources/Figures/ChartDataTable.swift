extension Chart {
  /// The numbers behind the chart as a table, for the `<details>` under it. Long series are
  /// sampled evenly to at most `maxRows` rows, and the caption says so.
  public func dataTable(maxRows: Int = 200) -> Table {
    var columns: [Table.Column] = []
    var rows: [[TableValue]] = []
    for (index, layer) in layers.enumerated() {
      let name = layer.label ?? "layer \(index + 1)"
      switch layer {
      case .line(let series), .scatter(let series), .step(let series):
        columns = [Table.Column("series"), Table.Column(x.title ?? "x"), Table.Column(y.title ?? "y")]
        rows += series.x.indices.map { [.text(name), .number(series.x[$0]), .number(series.y[$0])] }
      case .band(let band):
        columns = [Table.Column("series"), Table.Column(x.title ?? "x"), Table.Column("lower"), Table.Column("upper")]
        rows += band.x.indices.map {
          [.text(name), .number(band.x[$0]), .number(band.lower[$0]), .number(band.upper[$0])]
        }
      case .histogram(let histogram):
        columns = [
          Table.Column("bin from"), Table.Column("bin to"), Table.Column(histogram.density ? "density" : "count"),
        ]
        rows += histogram.heights.indices.map {
          [.number(histogram.edges[$0]), .number(histogram.edges[$0 + 1]), .number(histogram.heights[$0])]
        }
      case .bars(let bars):
        columns = [Table.Column("category")] + bars.groups.map { Table.Column($0.label.isEmpty ? "value" : $0.label) }
        rows += bars.categories.indices.map { category in
          [.text(bars.categories[category])]
            + bars.groups.map { category < $0.values.count ? .number($0.values[category]) : .missing }
        }
      }
    }
    let uniformLayers = Set(layers.map(\.tableShape)).count <= 1
    guard uniformLayers else {
      return Table(columns: [Table.Column("note")], rows: [[.text("layers of different kinds: see each layer's data")]])
    }
    if layers.count == 1, let first = columns.first, first.name == "series" {
      columns.removeFirst()
      rows = rows.map { Array($0.dropFirst()) }
    }
    var table = Table(columns: columns, rows: rows)
    if rows.count > maxRows {
      let stride = Double(rows.count - 1) / Double(maxRows - 1)
      table.rows = (0..<maxRows).map { rows[Int((Double($0) * stride).rounded())] }
      table.caption = "\(maxRows) of \(rows.count) rows, evenly spaced"
    }
    return table
  }
}

extension Layer {
  /// Layers whose data tables share columns.
  fileprivate var tableShape: String {
    switch self {
    case .line, .scatter, .step: "series"
    case .band: "band"
    case .histogram: "histogram"
    case .bars: "bars"
    }
  }
}
