#!/usr/bin/env bash
# The Learning library against numpy in one run. So far: GEMM GFLOP/s at 512 and 2048, Float32
# and Float64, with one thread and with every core (numpy's own OpenBLAS, thread count set by
# OPENBLAS_NUM_THREADS), and the ratio Swift / numpy (target: at least 0.8).
# Then one SAE training epoch and one grokking run, each against the same algorithm in numpy.
#
#   bash benchmarks/learning.sh     # needs: make build, numpy
set -euo pipefail
cd "$(dirname "$0")/.."
bench=.build/release/learning-bench
[ -x "$bench" ] || { echo "build first: make build" >&2; exit 1; }
python3 -c "import numpy" 2> /dev/null || python3 -m pip install -q numpy
cores=$(nproc)
# Both sides run with the OpenBLAS kernels Lemma pins for notebook programs (Haswell, on any CPU
# with AVX2 and FMA; LEMMA_OPENBLAS_CORETYPE overrides, as it does for Lemma).
flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
if [[ -n "${LEMMA_OPENBLAS_CORETYPE:-}" ]]; then
  export OPENBLAS_CORETYPE=$LEMMA_OPENBLAS_CORETYPE
elif [[ "$flags" == *avx2* && "$flags" == *" fma"* ]]; then
  export OPENBLAS_CORETYPE=Haswell
fi
echo "OpenBLAS kernels: ${OPENBLAS_CORETYPE:-detected by OpenBLAS}"
grokking_steps=1000
results=$("$bench" all "$grokking_steps")
for threads in 1 "$cores"; do
  results+=$'\n'$(OPENBLAS_NUM_THREADS=$threads python3 benchmarks/learning_gemm.py)
  results+=$'\n'$(OPENBLAS_NUM_THREADS=$threads python3 benchmarks/learning_sae.py)
  results+=$'\n'$(OPENBLAS_NUM_THREADS=$threads python3 benchmarks/learning_grokking.py "$grokking_steps")
done
echo "GEMM: Learning (Debian's OpenBLAS) against numpy, $cores cores, $(date -u +%Y-%m-%d)"
echo
echo "| case | Swift GFLOP/s | numpy GFLOP/s | Swift / numpy |"
echo "| --- | ---: | ---: | ---: |"
echo "$results" | awk '$1 ~ /^swift-gemm-/ { sub(/^swift-gemm-/, "", $1); print $1, $3 }' | sort -u | while read -r case swift; do
  numpy=$(echo "$results" | awk -v c="numpy-gemm-$case" '$1 == c { print $3 }')
  ratio=$([ -n "$numpy" ] && awk "BEGIN { printf \"%.2f\", $swift / $numpy }" || echo "-")
  echo "| $case | $swift | ${numpy:--} | $ratio |"
done
echo
echo "Target: Swift at least 0.8x numpy on the same shapes and threads."
echo
echo "SAE training epoch (300 steps from initialisation, batch 1024, d=64, 1024 latents; same algorithm in numpy):"
echo
echo "| threads | Swift s | numpy s | speed-up (numpy / Swift) |"
echo "| ---: | ---: | ---: | ---: |"
echo "$results" | awk '$1 ~ /^swift-sae-epoch-/ { sub(/^swift-sae-epoch-/, "", $1); print $1, $2 }' | while read -r case swift; do
  numpy=$(echo "$results" | awk -v c="numpy-sae-epoch-$case" '$1 == c { print $2 }')
  ratio=$([ -n "$numpy" ] && awk "BEGIN { printf \"%.2fx\", $numpy / $swift }" || echo "-")
  echo "| $case | $swift | ${numpy:--} | $ratio |"
done
echo
echo "Target: SAE training at least 1.5x faster than numpy."
echo
echo "Grokking run ($grokking_steps full-batch AdamW steps: addition mod 59, 40% of pairs, 256 ReLU units; same algorithm in numpy):"
echo
echo "| threads | Swift s | numpy s | speed-up (numpy / Swift) | accuracy train / test (Swift, numpy) |"
echo "| ---: | ---: | ---: | ---: | --- |"
echo "$results" | awk '$1 ~ /^swift-grokking-/ { sub(/^swift-grokking-/, "", $1); print $1, $2, $3, $4 }' | while read -r case swift train test; do
  line=$(echo "$results" | awk -v c="numpy-grokking-$case" '$1 == c { print $2, $3, $4 }')
  read -r numpy ntrain ntest <<< "${line:-- - -}"
  ratio=$([ "$numpy" != "-" ] && awk "BEGIN { printf \"%.2fx\", $numpy / $swift }" || echo "-")
  echo "| $case | $swift | $numpy | $ratio | $train / $test, $ntrain / $ntest |"
done
echo
echo "Target: the grokking run at least 1.5x faster than numpy."
