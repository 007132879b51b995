#if os(Linux)
  @_implementationOnly import CMalloc
#endif

/// Keeps freed large blocks for reuse instead of handing them back to the system.
///
/// Training allocates the same large matrices every step. glibc serves blocks above its mmap
/// threshold (128 KB at first) with fresh mappings and trims freed heap memory, so each step
/// page-faults its matrices in again: a quarter of the grokking model's step time here
/// (`benchmarks/learning.sh`: 1000 steps took 4.1–5.1 s before, 3.1–3.2 s after). Serving
/// blocks up to 64 MB from the heap and trimming it only above 256 MB lets the next step reuse
/// the last step's memory. Applied once, when `Learning` first calls BLAS.
enum AllocatorTuning {
  static func keepLargeBlocks() {
    #if os(Linux)
      mallopt(M_MMAP_THRESHOLD, 64 << 20)
      mallopt(M_TRIM_THRESHOLD, 256 << 20)
    #endif
  }
}
