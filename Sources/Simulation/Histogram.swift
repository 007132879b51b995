#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Counts of values in bins with given edges (each bin [edgeᵢ, edgeᵢ₊₁), the last one closed).
public struct Histogram: Sendable, Equatable {
  /// Bin edges, increasing; `counts.count == edges.count - 1`.
  public let edges: [Double]
  public private(set) var counts: [Int]
  /// Values below the first edge or above the last.
  public private(set) var outside = 0

  public init(edges: [Double]) {
    precondition(edges.count >= 2 && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }, "edges must increase")
    self.edges = edges
    counts = Array(repeating: 0, count: edges.count - 1)
  }

  /// `bins` equal-width bins over `range`.
  public init(bins: Int, range: ClosedRange<Double>) {
    let width = (range.upperBound - range.lowerBound) / Double(bins)
    self.init(edges: (0...bins).map { range.lowerBound + Double($0) * width })
  }

  /// `bins` bins of equal width in log scale over `range` (positive).
  public init(logBins bins: Int, range: ClosedRange<Double>) {
    let low = log10(range.lowerBound)
    let high = log10(range.upperBound)
    self.init(edges: (0...bins).map { pow(10, low + (high - low) * Double($0) / Double(bins)) })
  }

  /// A histogram of `values`.
  public init(_ values: some Sequence<Double>, edges: [Double]) {
    self.init(edges: edges)
    for value in values { add(value) }
  }

  public mutating func add(_ value: Double) {
    guard value >= edges[0] && value <= edges[edges.count - 1] else {
      outside += 1
      return
    }
    var low = 0
    var high = edges.count - 1
    while high - low > 1 {
      let middle = (low + high) / 2
      if value < edges[middle] { high = middle } else { low = middle }
    }
    counts[low] += 1
  }

  /// Total values counted inside the edges.
  public var total: Int { counts.reduce(0, +) }

  /// Bin centres (arithmetic).
  public var centers: [Double] { zip(edges, edges.dropFirst()).map { ($0 + $1) / 2 } }

  /// Share of all added values (including those outside) in each bin.
  public var shares: [Double] {
    let all = Double(total + outside)
    return counts.map { Double($0) / all }
  }
}
