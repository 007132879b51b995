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
    let directions = Matrix<Scalar>.normal(rows: features, columns: dimension, sd: 1, using: &rng).normalisedRows
    let frequencies = (0..<features).map { _ in libcExp(rng.uniform(libcLog(lowest)..<libcLog(highest))) }
    return SparseFeatureData(directions: directions, frequencies: frequencies)
  }

  /// `count` samples, one per row (count × d).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func batch(_ count: Int, using rng: inout Xoshiro256StarStar) -> Matrix<Scalar> {
    generate(count, keepingCoefficients: false, using: &rng).data
  }

  /// `count` samples and their coefficients (count × K; zero where a feature is absent).
  ///
  /// Each feature's occurrences are drawn as geometric gaps between the samples it is present
  /// in, so the cost grows with the number of occurrences, not with count × K.
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  public func sample(_ count: Int, using rng: inout Xoshiro256StarStar) -> (
    data: Matrix<Scalar>, coefficients: Matrix<Scalar>
  ) {
    generate(count, keepingCoefficients: true, using: &rng)
  }

  /// The samples, and their coefficients if asked for (else an empty matrix).
  @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
  func generate(_ count: Int, keepingCoefficients: Bool, using rng: inout Xoshiro256StarStar) -> (
    data: Matrix<Scalar>, coefficients: Matrix<Scalar>
  ) {
    let (features, dimension) = (directions.rows, directions.columns)
    var coefficients = Matrix<Scalar>(rows: keepingCoefficients ? count : 0, columns: features)
    var data = Matrix<Scalar>(rows: count, columns: dimension)
    directions.values.withUnsafeBufferPointer { f in
      data.values.withUnsafeMutableBufferPointer { out in
        coefficients.values.withUnsafeMutableBufferPointer { c in
          for i in 0..<features where frequencies[i] > 0 {
            let logMiss = libcLog(1 - frequencies[i])
            var r = -1
            while true {
              // Samples skipped before the next occurrence: ⌊ln U / ln(1 − p)⌋, geometric.
              let gap = frequencies[i] >= 1 ? 0 : libcLog(1 - rng.nextDouble()) / logMiss
              guard gap < Double(count - r) else { break }
              r += 1 + Int(gap)
              guard r < count else { break }
              let magnitude = Scalar(rng.nextDouble())
              if keepingCoefficients { c[r * features + i] = magnitude }
              for k in 0..<dimension { out[r * dimension + k] += magnitude * f[i * dimension + k] }
            }
          }
        }
      }
    }
    return (data, coefficients)
  }
}
