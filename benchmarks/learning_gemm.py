"""numpy's GEMM at 512 and 2048, float32 and float64; thread count from OPENBLAS_NUM_THREADS.

Prints: name, seconds (best of runs), GFLOP/s — the same lines as LearningBench."""
import os
import time

import numpy as np

threads = os.environ.get("OPENBLAS_NUM_THREADS", str(os.cpu_count()))
rng = np.random.default_rng(1)
for size in (512, 2048):
    for dtype, label in ((np.float32, "f32"), (np.float64, "f64")):
        a = rng.standard_normal((size, size)).astype(dtype)
        b = rng.standard_normal((size, size)).astype(dtype)
        a @ b
        best = float("inf")
        for _ in range(3 if size >= 2048 else 10):
            start = time.perf_counter()
            a @ b
            best = min(best, time.perf_counter() - start)
        print(f"numpy-gemm-{label}-{size}-{threads}t {best:.5f} {2 * size**3 / best / 1e9:.1f}")
