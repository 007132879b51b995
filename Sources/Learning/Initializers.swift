import Simulation

extension Matrix {
  /// Independent normal entries with standard deviation `sd`, from `rng`.
  public static func normal(rows: Int, columns: Int, sd: Scalar, using rng: inout Xoshiro256StarStar) -> Matrix {
    Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Scalar(rng.normal()) * sd })
  }

  /// Independent uniform entries in [−limit, limit), from `rng`.
  public static func uniform(rows: Int, columns: Int, limit: Scalar, using rng: inout Xoshiro256StarStar) -> Matrix {
    Matrix(
      rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Scalar(rng.uniform(-1..<1)) * limit })
  }

  /// Glorot/Xavier uniform for a fan-in × fan-out weight: limit √(6 / (in + out)).
  public static func xavier(fanIn: Int, fanOut: Int, using rng: inout Xoshiro256StarStar) -> Matrix {
    uniform(rows: fanIn, columns: fanOut, limit: Scalar.sqrt(6 / Scalar(fanIn + fanOut)), using: &rng)
  }

  /// He/Kaiming normal for a fan-in × fan-out weight feeding a ReLU: sd √(2 / in).
  public static func he(fanIn: Int, fanOut: Int, using rng: inout Xoshiro256StarStar) -> Matrix {
    normal(rows: fanIn, columns: fanOut, sd: Scalar.sqrt(2 / Scalar(fanIn)), using: &rng)
  }
}
