import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Which OpenBLAS kernels notebook programs use.
///
/// OpenBLAS picks its kernels by CPU when it loads, and different kernels sum in different
/// orders, so the same notebook would give different last bits on different machines. Lemma
/// therefore pins the Haswell (AVX2 + FMA) kernels for every program it starts, on any CPU that
/// has AVX2 and FMA: a report's numbers depend on the notebook, seed and params, not on the
/// machine. `LEMMA_OPENBLAS_CORETYPE` overrides the choice (for example `SkylakeX`, about 1.6×
/// faster GEMM on AVX-512 CPUs, measured by benchmarks/learning.sh) at the cost of that promise.
public enum BLASCore {
  /// The kernels Lemma pins when the CPU can run them.
  public static let pinned = "Haswell"

  /// `["OPENBLAS_CORETYPE": ...]` for notebook programs: the override when set, else the
  /// pinned kernels when the CPU has AVX2 and FMA, else nothing (OpenBLAS chooses).
  public static let environment: [String: String] = {
    if let chosen = ProcessInfo.processInfo.environment["LEMMA_OPENBLAS_CORETYPE"], !chosen.isEmpty {
      return ["OPENBLAS_CORETYPE": chosen]
    }
    guard let cpuinfo = readWholeFile("/proc/cpuinfo").map({ String(decoding: $0, as: UTF8.self) }),
      let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [:] }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    return ["avx2", "fma"].allSatisfy(flags.contains) ? ["OPENBLAS_CORETYPE": pinned] : [:]
  }()
}
