import Simulation
import XCTest

final class CounterfactualMemorizationTests: XCTestCase {
  func testBigramProbabilitiesAreSmoothedCountsThatSumToOne() {
    var model = BigramLanguageModel(vocabularySize: 4, smoothing: 0.5)
    model.train(on: [0, 1, 0, 1, 2])
    XCTAssertEqual(model.probability(of: 1, after: 0), 2.5 / 4, accuracy: 1e-15)
    XCTAssertEqual(model.probability(of: 3, after: 3), 0.25, accuracy: 1e-15)
    XCTAssertEqual((0..<4).reduce(0) { $0 + model.probability(of: $1, after: 1) }, 1, accuracy: 1e-15)
    XCTAssertEqual(model.loss(on: [0, 1]), -log(2.5 / 4), accuracy: 1e-15)
  }

  func testMarkovChainFollowsItsTransitions() {
    var rng = Xoshiro256StarStar(seed: 1)
    let chain = MarkovChain(transitions: [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    let sequence = chain.sample(length: 30, rng: &rng)
    for (a, b) in zip(sequence, sequence.dropFirst()) { XCTAssertEqual(b, (a + 1) % 3) }
  }

  /// Unique random documents are memorised far more than generic ones; a near-duplicate is
  /// memorised little on its own but a lot when its whole cluster is left out together.
  func testMemorizationOrdersDocumentTypes() {
    var rng = Xoshiro256StarStar(seed: 8)
    let vocabulary = 32
    let chain = MarkovChain.randomDirichlet(states: vocabulary, concentration: 0.1, rng: &rng)
    var documents = (0..<60).map { _ in chain.sample(length: 40, rng: &rng) }
    let unique = (0..<10).map { _ in (0..<40).map { _ in Int.random(in: 0..<vocabulary, using: &rng) } }
    documents += unique
    let cluster = CounterfactualMemorization.nearDuplicates(
      of: unique[0].shuffled(using: &rng), copies: 8, edits: 2, vocabularySize: vocabulary, rng: &rng)
    documents += cluster
    var groups = Array(documents.indices)
    for index in (documents.count - 8)..<documents.count { groups[index] = documents.count - 8 }
    let single = CounterfactualMemorization.estimate(
      documents: documents, models: 200, vocabularySize: vocabulary, smoothing: 0.1, seed: 1)
    let together = CounterfactualMemorization.estimate(
      documents: documents, groups: groups, models: 200, vocabularySize: vocabulary, smoothing: 0.1, seed: 1)
    let generic = Statistics.mean(Array(single.memorization[0..<60]))
    let random = Statistics.mean(Array(single.memorization[60..<70]))
    let duplicate = Statistics.mean(Array(single.memorization[70...]))
    let clusterOut = Statistics.mean(Array(together.memorization[70...]))
    XCTAssertGreaterThan(random, 5 * generic)
    XCTAssertLessThan(duplicate, random / 2)
    XCTAssertGreaterThan(clusterOut, 3 * duplicate)
    let again = CounterfactualMemorization.estimate(
      documents: documents, models: 200, vocabularySize: vocabulary, smoothing: 0.1, seed: 1)
    XCTAssertEqual(again, single, "the same seed gives the same estimate")
  }

  /// The exact expectation agrees with an average over every one of the 2^groups training
  /// halves, each equally likely, for single documents and for groups left out together.
  func testExactExpectationMatchesEveryTrainingHalf() {
    var rng = Xoshiro256StarStar(seed: 3)
    let vocabulary = 4
    let documents = (0..<7).map { index in
      (0..<(3 + index % 4)).map { _ in Int.random(in: 0..<vocabulary, using: &rng) }
    }
    for groups in [Array(documents.indices), [0, 0, 1, 2, 2, 2, 3]] {
      let groupCount = groups.max()! + 1
      var inside = [Double](repeating: 0, count: documents.count)
      var outside = [Double](repeating: 0, count: documents.count)
      for pattern in 0..<(1 << groupCount) {
        var model = BigramLanguageModel(vocabularySize: vocabulary, smoothing: 0.3)
        for (document, group) in zip(documents, groups) where pattern >> group & 1 == 1 { model.train(on: document) }
        for (index, document) in documents.enumerated() {
          if pattern >> groups[index] & 1 == 1 {
            inside[index] += model.loss(on: document)
          } else {
            outside[index] += model.loss(on: document)
          }
        }
      }
      let half = Double(1 << (groupCount - 1))
      let exact = CounterfactualMemorization.expectation(
        documents: documents, groups: groups, vocabularySize: vocabulary, smoothing: 0.3)
      for index in documents.indices {
        XCTAssertEqual(exact[index], outside[index] / half - inside[index] / half, accuracy: 1e-12, "document \(index)")
      }
    }
  }

  /// Sampled memorization converges to the exact expectation: the mean over documents lies
  /// within a few of its own standard errors, and that error shrinks like 1/√models.
  func testEstimateAgreesWithTheExactExpectationWithinItsError() {
    var rng = Xoshiro256StarStar(seed: 5)
    let chain = MarkovChain.randomDirichlet(states: 12, concentration: 0.2, rng: &rng)
    let documents = (0..<80).map { _ in chain.sample(length: 20, rng: &rng) }
    let exact = CounterfactualMemorization.expectation(documents: documents, vocabularySize: 12, smoothing: 0.1)
    let everyone = Array(documents.indices)
    let few = CounterfactualMemorization.estimate(
      documents: documents, models: 100, vocabularySize: 12, smoothing: 0.1, seed: 2
    ).mean(of: everyone)
    let many = CounterfactualMemorization.estimate(
      documents: documents, models: 1600, vocabularySize: 12, smoothing: 0.1, seed: 2
    ).mean(of: everyone)
    let truth = Statistics.mean(exact)
    XCTAssertGreaterThan(truth, 0)
    XCTAssertEqual(many.mean, truth, accuracy: 4 * many.standardError)
    XCTAssertEqual(few.mean, truth, accuracy: 4 * few.standardError)
    XCTAssertEqual(few.standardError / many.standardError, 4, accuracy: 1.2)
  }
}
