#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The C library's functions under names that do not collide with `LearningScalar`'s
// requirements of the same name.
@inline(__always) func libcExpf(_ x: Float) -> Float { expf(x) }
@inline(__always) func libcLogf(_ x: Float) -> Float { logf(x) }
@inline(__always) func libcErff(_ x: Float) -> Float { erff(x) }
@inline(__always) func libcExp(_ x: Double) -> Double { exp(x) }
@inline(__always) func libcLog(_ x: Double) -> Double { log(x) }
@inline(__always) func libcErf(_ x: Double) -> Double { erf(x) }
