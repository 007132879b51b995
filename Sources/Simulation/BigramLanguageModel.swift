#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A bigram language model with add-α smoothing over a vocabulary of token ids 0..<V:
/// P(b | a) = (count(a, b) + α) / (count(a) + V·α).
public struct BigramLanguageModel: Sendable, Equatable {
  public let vocabularySize: Int
  /// The pseudo-count α added to every bigram.
  public let smoothing: Double
  private var pairCounts: [Int32]
  private var rowCounts: [Int32]

  public init(vocabularySize: Int, smoothing: Double) {
    precondition(vocabularySize > 0 && smoothing > 0, "need a vocabulary and a positive smoothing")
    self.vocabularySize = vocabularySize
    self.smoothing = smoothing
    pairCounts = Array(repeating: 0, count: vocabularySize * vocabularySize)
    rowCounts = Array(repeating: 0, count: vocabularySize)
  }

  /// Counts the bigrams of `document`.
  public mutating func train(on document: [Int]) {
    for (a, b) in zip(document, document.dropFirst()) {
      pairCounts[a * vocabularySize + b] += 1
      rowCounts[a] += 1
    }
  }

  /// P(next | previous).
  public func probability(of next: Int, after previous: Int) -> Double {
    (Double(pairCounts[previous * vocabularySize + next]) + smoothing)
      / (Double(rowCounts[previous]) + Double(vocabularySize) * smoothing)
  }

  /// Mean negative log-likelihood (nats) per predicted token of `document`.
  public func loss(on document: [Int]) -> Double {
    guard document.count > 1 else { return 0 }
    var total = 0.0
    for (a, b) in zip(document, document.dropFirst()) { total -= log(probability(of: b, after: a)) }
    return total / Double(document.count - 1)
  }
}
