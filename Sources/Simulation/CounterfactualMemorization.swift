/// Counterfactual memorization (Zhang et al., 2021): how much worse a model does on a document
/// when the document is left out of training — the expected loss over models trained without it
/// minus the expected loss over models trained with it — estimated from many models, each trained
/// on a random half of the corpus.
public enum CounterfactualMemorization {
  /// Memorization of each document with its standard error.
  public struct Estimate: Sendable, Equatable {
    public var memorization: [Double]
    public var standardErrors: [Double]
    /// Each model's training half (by document) and its loss on every document.
    private var included: [[Bool]]
    private var losses: [[Double]]

    init(memorization: [Double], standardErrors: [Double], included: [[Bool]], losses: [[Double]]) {
      (self.memorization, self.standardErrors, self.included, self.losses) =
        (memorization, standardErrors, included, losses)
    }

    /// The mean memorization of the documents `indices`, and its standard error over models
    /// by the delete-one jackknife: the mean is recomputed with each model left out, and the
    /// spread of those means gives the error. Documents share models, so their errors are
    /// correlated; the jackknife keeps that, where combining per-document errors would not.
    public func mean(of indices: [Int]) -> (mean: Double, standardError: Double) {
      precondition(!indices.isEmpty, "need documents")
      let modelCount = included.count
      var inside = [(count: Double, sum: Double)](repeating: (0, 0), count: indices.count)
      var outside = inside
      for (model, modelLosses) in zip(included, losses) {
        for (slot, index) in indices.enumerated() {
          if model[index] {
            inside[slot] = (inside[slot].count + 1, inside[slot].sum + modelLosses[index])
          } else {
            outside[slot] = (outside[slot].count + 1, outside[slot].sum + modelLosses[index])
          }
        }
      }
      let n = Double(indices.count)
      let full = zip(outside, inside).reduce(0.0) { $0 + $1.0.sum / $1.0.count - $1.1.sum / $1.1.count } / n
      var leftOut = RunningStatistics()
      for (model, modelLosses) in zip(included, losses) {
        var total = 0.0
        for (slot, index) in indices.enumerated() {
          var (inPart, outPart) = (inside[slot], outside[slot])
          if model[index] {
            inPart = (inPart.count - 1, inPart.sum - modelLosses[index])
          } else {
            outPart = (outPart.count - 1, outPart.sum - modelLosses[index])
          }
          total += outPart.sum / outPart.count - inPart.sum / inPart.count
        }
        leftOut.add(total / n)
      }
      let m = Double(modelCount)
      return (full, ((m - 1) * leftOut.variance * (m - 1) / m).squareRoot())
    }
  }

  /// Trains `models` bigram models, each on a random half of the *groups* of `documents` (a group
  /// is in or out as a whole; by default every document is its own group), and returns each
  /// document's memorization. Models run in parallel; the result depends only on `seed`.
  public static func estimate(
    documents: [[Int]], groups: [Int]? = nil, models: Int, vocabularySize: Int, smoothing: Double, seed: UInt64
  ) -> Estimate {
    let groupOf = groups ?? Array(documents.indices)
    precondition(groupOf.count == documents.count, "one group per document")
    let groupCount = (groupOf.max() ?? -1) + 1
    let runs = ParallelMonteCarlo.run(chunks: models, seed: seed) { _, rng -> (included: [Bool], losses: [Double]) in
      let groupIncluded = (0..<groupCount).map { _ in rng.next() >> 63 == 1 }
      let included = groupOf.map { groupIncluded[$0] }
      var model = BigramLanguageModel(vocabularySize: vocabularySize, smoothing: smoothing)
      for (document, isIn) in zip(documents, included) where isIn { model.train(on: document) }
      return (included, documents.map { model.loss(on: $0) })
    }
    var memorization: [Double] = []
    var standardErrors: [Double] = []
    for index in documents.indices {
      var inside = RunningStatistics()
      var outside = RunningStatistics()
      for run in runs {
        if run.included[index] { inside.add(run.losses[index]) } else { outside.add(run.losses[index]) }
      }
      memorization.append(outside.mean - inside.mean)
      standardErrors.append(
        (outside.variance / Double(outside.count) + inside.variance / Double(inside.count)).squareRoot())
    }
    return Estimate(
      memorization: memorization, standardErrors: standardErrors, included: runs.map(\.included),
      losses: runs.map(\.losses))
  }

  /// `copies` near-duplicates of `document`: each a copy with `edits` positions set to random tokens.
  public static func nearDuplicates(
    of document: [Int], copies: Int, edits: Int, vocabularySize: Int, rng: inout Xoshiro256StarStar
  ) -> [[Int]] {
    (0..<copies).map { _ in
      var copy = document
      for _ in 0..<edits {
        copy[Int.random(in: 0..<copy.count, using: &rng)] = Int.random(in: 0..<vocabularySize, using: &rng)
      }
      return copy
    }
  }
}
