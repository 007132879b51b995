/// A Markov chain on states 0..<n with a transition matrix, for generating token sequences.
public struct MarkovChain: Sendable {
  /// Row i: probabilities of moving from state i to each state.
  public let transitions: [[Double]]
  private let rows: [Categorical]

  public init(transitions: [[Double]]) {
    precondition(transitions.allSatisfy { $0.count == transitions.count }, "the transition matrix must be square")
    self.transitions = transitions
    rows = transitions.map { Categorical(weights: $0) }
  }

  /// A chain whose rows are drawn from a symmetric Dirichlet(`concentration`): small
  /// concentrations give rows with a few likely successors, that is, predictable sequences.
  public static func randomDirichlet(states: Int, concentration: Double, rng: inout Xoshiro256StarStar) -> MarkovChain {
    let rows = (0..<states).map { _ -> [Double] in
      let weights = (0..<states).map { _ in rng.gamma(shape: concentration) }
      let total = weights.reduce(0, +)
      return weights.map { $0 / total }
    }
    return MarkovChain(transitions: rows)
  }

  public var states: Int { transitions.count }

  /// A sequence of `length` states starting from a uniformly chosen state.
  public func sample(length: Int, rng: inout Xoshiro256StarStar) -> [Int] {
    guard length > 0 else { return [] }
    var sequence = [Int.random(in: 0..<states, using: &rng)]
    sequence.reserveCapacity(length)
    while sequence.count < length { sequence.append(rows[sequence.last!].sample(using: &rng)) }
    return sequence
  }
}
