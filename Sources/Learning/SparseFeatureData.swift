import Simulation

/// Synthetic data made of sparse features, the usual test bed for sparse autoencoders: each
/// sample is Σᵢ cᵢ·fᵢ over feature directions fᵢ, where feature i is present with probability pᵢ
/// and then has magnitude cᵢ ~ Uniform(0, 1).
public struct SparseFeatureData<Scalar: LearningScalar> {
  /// One feature direction per row (K × d).
  public let directions: Matrix<Scalar>
  /// pᵢ for each feature.
  public let frequencies: [Double]

  public init(directions: Matrix<Scalar>, frequencies: [Double]) {
    precondition(directions.rows == frequencies.count, "one frequency per feature direction")
    self.directions = directions
    self.frequencies = frequencies
  }

  /// `features` random unit directions in `dimension` dimensions, with frequencies log-uniform
  /// between `lowest` and `highest`.
  public static func random(
    features: Int, dimension: Int, lowest: Double, highest: Double, using rng: inout Xoshiro256StarStar
  ) -> SparseFeatureData {
    var directions = Matrix<Scalar>.normal(rows: features, columns: dimension, sd: 1, using: &rng)
    let norms = directions.rowNorms
    for r in 0..<features { for c in 0..<dimension { directions[r, c] /= norms[r] } }
    let frequencies = (0..<features).map { _ in libcExp(rng.uniform(libcLog(lowest)..<libcLog(highest))) }
    return SparseFeatureData(directions: directions, frequencies: frequencies)
  }

  /// `count` samples, one per row (count × d).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func batch(_ count: Int, using rng: inout Xoshiro256StarStar) -> Matrix<Scalar> {
    sample(count, using: &rng).data
  }

  /// `count` samples and their coefficients (count × K; zero where a feature is absent).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func sample(_ count: Int, using rng: inout Xoshiro256StarStar) -> (
    data: Matrix<Scalar>, coefficients: Matrix<Scalar>
  ) {
    let (features, dimension) = (directions.rows, directions.columns)
    var coefficients = Matrix<Scalar>(rows: count, columns: features)
    var data = Matrix<Scalar>(rows: count, columns: dimension)
    directions.values.withUnsafeBufferPointer { f in
      data.values.withUnsafeMutableBufferPointer { out in
        for r in 0..<count {
          for i in 0..<features where rng.nextDouble() < frequencies[i] {
            let magnitude = Scalar(rng.nextDouble())
            coefficients.values[r * features + i] = magnitude
            for c in 0..<dimension { out[r * dimension + c] += magnitude * f[i * dimension + c] }
          }
        }
      }
    }
    return (data, coefficients)
  }
}
