#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CounterfactualMemorization {
  /// Each document's counterfactual memorization under a bigram model with add-α smoothing,
  /// computed exactly — the limit of `estimate` as the number of models grows — rather than
  /// sampled.
  ///
  /// Every group is in a model's training half independently with probability ½, so the count of
  /// a bigram (or of a row, the bigrams leaving one token) over the other groups is a sum of
  /// independent ½-Bernoulli-weighted counts: its distribution is the convolution of one
  /// two-point distribution per group. A document's expected loss with its group in or out is
  /// the mean over its bigrams of E[log(row count + V·α)] − E[log(pair count + α)], with the
  /// group's own counts added when it is in. The distribution over all groups is built once per
  /// row and per bigram; the one without a document's group comes from it by undoing that group's
  /// factor (P_without(k) = 2·P_all(k) − P_without(k − c)).
  public static func expectation(documents: [[Int]], groups: [Int]? = nil, vocabularySize: Int, smoothing: Double)
    -> [Double]
  {
    let groupOf = groups ?? Array(documents.indices)
    precondition(groupOf.count == documents.count, "one group per document")
    precondition(vocabularySize > 0 && smoothing > 0, "need a vocabulary and a positive smoothing")
    let v = vocabularySize
    let groupCount = (groupOf.max() ?? -1) + 1
    // Each group's row and pair counts, sparse.
    var rowCounts = [[Int: Int]](repeating: [:], count: groupCount)
    var pairCounts = [[Int: Int]](repeating: [:], count: groupCount)
    for (document, group) in zip(documents, groupOf) {
      for (a, b) in zip(document, document.dropFirst()) {
        precondition((0..<v).contains(a) && (0..<v).contains(b), "tokens must be in 0..<vocabularySize")
        rowCounts[group][a, default: 0] += 1
        pairCounts[group][a * v + b, default: 0] += 1
      }
    }
    let rows = CountDistributions(counts: rowCounts)
    let pairs = CountDistributions(counts: pairCounts)
    let rowLogs = LogTable(offset: Double(v) * smoothing, count: rows.largestTotal + 1)
    let pairLogs = LogTable(offset: smoothing, count: pairs.largestTotal + 1)
    // E[log(count without the group + offset)] − E[log(count with it + offset)], per group and key.
    var rowGaps: [Int: Double] = [:]
    var pairGaps: [Int: Double] = [:]
    var scratch: [Double] = []
    return documents.indices.map { index in
      let document = documents[index]
      guard document.count > 1 else { return 0 }
      let group = groupOf[index]
      var total = 0.0
      for (a, b) in zip(document, document.dropFirst()) {
        let rowKey = group * v + a
        if rowGaps[rowKey] == nil {
          rowGaps[rowKey] = rows.gap(key: a, without: rowCounts[group][a]!, logs: rowLogs, scratch: &scratch)
        }
        let pairKey = (group * v + a) * v + b
        if pairGaps[pairKey] == nil {
          pairGaps[pairKey] = pairs.gap(
            key: a * v + b, without: pairCounts[group][a * v + b]!, logs: pairLogs, scratch: &scratch)
        }
        // Loss = log(row + Vα) − log(pair + α): out minus in is the row's gap minus the pair's.
        total += rowGaps[rowKey]! - pairGaps[pairKey]!
      }
      return total / Double(document.count - 1)
    }
  }
}

/// log(k + offset) for k = 0..<count.
private struct LogTable {
  let values: [Double]

  init(offset: Double, count: Int) { values = (0..<count).map { log(Double($0) + offset) } }
}

/// For each key (a row or a bigram), the distribution of its count over a random half of the
/// groups: P(count = k) for k = 0...total.
private struct CountDistributions {
  private var distributions: [Int: [Double]] = [:]
  private(set) var largestTotal = 0

  init(counts: [[Int: Int]]) {
    var contributions: [Int: [Int]] = [:]
    for group in counts {
      for (key, count) in group { contributions[key, default: []].append(count) }
    }
    for (key, parts) in contributions {
      let total = parts.reduce(0, +)
      var distribution = [Double](repeating: 0, count: total + 1)
      distribution[0] = 1
      var reach = 0
      for part in parts.sorted() {
        // Convolve with ½δ₀ + ½δ_part, from the top down so that each entry is read before it is
        // overwritten.
        reach += part
        var k = reach
        while k >= 0 {
          let shifted = k >= part ? distribution[k - part] : 0
          distribution[k] = 0.5 * distribution[k] + 0.5 * shifted
          k -= 1
        }
      }
      distributions[key] = distribution
      largestTotal = max(largestTotal, total)
    }
  }

  /// E[log(C + offset)] − E[log(C + own + offset)], where C is the key's count over the groups
  /// other than one whose own count is `own` (> 0): the distribution with that group's factor
  /// undone.
  func gap(key: Int, without own: Int, logs: LogTable, scratch: inout [Double]) -> Double {
    let all = distributions[key]!
    let top = all.count - 1 - own
    scratch.removeAll(keepingCapacity: true)
    var out = 0.0
    var inside = 0.0
    for k in 0...top {
      let earlier = k >= own ? scratch[k - own] : 0
      let p = max(2 * all[k] - earlier, 0)
      scratch.append(p)
      out += p * logs.values[k]
      inside += p * logs.values[k + own]
    }
    return out - inside
  }
}
