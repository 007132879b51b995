import Foundation

/// Which OpenBLAS kernels notebook programs should use.
///
/// Debian's OpenBLAS (0.3.21) does not recognise recent Xeons and falls back to its Haswell
/// (AVX2) kernels; on a CPU with AVX-512 its SkylakeX kernels are about 1.6× faster for GEMM
/// (measured by benchmarks/learning.sh). OpenBLAS reads `OPENBLAS_CORETYPE` when it loads, so
/// Lemma sets it in the environment of the programs it starts, unless the user already has.
public enum BLASCore {
  /// `["OPENBLAS_CORETYPE": "SkylakeX"]` when the CPU has the AVX-512 subsets those kernels use
  /// and the variable is not set; otherwise nothing.
  public static let environment: [String: String] = {
    guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
      let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [:] }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    let needed = ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]
    return needed.allSatisfy(flags.contains) ? ["OPENBLAS_CORETYPE": "SkylakeX"] : [:]
  }()
}
