/// FLOP accounting for dense transformers: what a compute budget buys.
///
/// Training costs about 6 FLOP per parameter per token (forward 2, backward 4); a forward pass
/// alone, as in evaluating a model, costs about 2. GPT-3 (175e9 parameters, 300e9 tokens) took
/// about 6·N·D ≈ 3.15e23 FLOP.
public enum ComputeBudget {
  /// FLOP per parameter per token for training (forward and backward pass).
  public static let trainingFLOPPerParameterToken = 6.0
  /// FLOP per parameter per token for a forward pass only.
  public static let forwardFLOPPerParameterToken = 2.0

  /// FLOP to train a model of `parameters` on `tokens` tokens: 6·N·D.
  public static func trainingFLOP(parameters: Double, tokens: Double) -> Double {
    trainingFLOPPerParameterToken * parameters * tokens
  }

  /// FLOP for forward passes over `tokens` tokens: 2·N·D.
  public static func forwardFLOP(parameters: Double, tokens: Double) -> Double {
    forwardFLOPPerParameterToken * parameters * tokens
  }

  /// How many evaluations of a `parameters`-sized model, each reading `tokensPerCall` tokens,
  /// a budget of `flop` pays for, charging `flopPerParameterToken` (2 for forward passes).
  public static func evaluations(
    budget flop: Double, parameters: Double, tokensPerCall: Double,
    flopPerParameterToken: Double = forwardFLOPPerParameterToken
  ) -> Double {
    flop / (flopPerParameterToken * parameters * tokensPerCall)
  }
}
