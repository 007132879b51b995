/// Reduces long series to what can be seen at a given width, keeping their shape exactly.
public enum Downsampler {
  /// Indices to keep of a line whose pixel x positions are `columns`: the first, lowest,
  /// highest and last point in each pixel column, in their original order. Every local
  /// extreme survives, so the drawn line looks the same. Returns all indices when `columns`
  /// is not sorted (a line that doubles back cannot be reduced per column).
  public static func minMaxPerColumn(columns: [Double], values: [Double]) -> [Int] {
    guard columns.count > 4 else { return Array(columns.indices) }
    for index in 1..<columns.count where columns[index] < columns[index - 1] {
      return Array(columns.indices)
    }
    var kept: [Int] = []
    kept.reserveCapacity(min(columns.count, 4 * 2000))
    var start = 0
    while start < columns.count {
      let column = columns[start].rounded(.down)
      var end = start
      var lowest = start
      var highest = start
      while end < columns.count, columns[end].rounded(.down) == column {
        if values[end] < values[lowest] { lowest = end }
        if values[end] > values[highest] { highest = end }
        end += 1
      }
      for index in Set([start, lowest, highest, end - 1]).sorted() { kept.append(index) }
      start = end
    }
    return kept
  }
}
