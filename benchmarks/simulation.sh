#!/usr/bin/env bash
# The belief-walk kernel (20 000 walks from 50%, ±1 point, absorbed at 0 and 100) in Swift
# against a C program and numpy doing the same work, in one run; steps per second and ratios.
#
#   bash benchmarks/simulation.sh     # needs: make build (and gcc, numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=.build/release/simulation-bench
[ -x "$bench" ] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

results=$("$bench")
if command -v gcc >/dev/null; then
  gcc -O2 -march=native -o "$work/belief_walk" benchmarks/belief_walk.c && results+=$'\n'$("$work/belief_walk")
fi
if python3 -c "import numpy" 2>/dev/null; then results+=$'\n'$(python3 benchmarks/belief_walk.py); fi

c_rate=$(echo "$results" | awk '$1 == "c-bit-per-step-1-thread" { print $4 }')
numpy_rate=$(echo "$results" | awk '$1 == "numpy-vectorised" { print $4 }')
echo
echo "Belief-walk kernel: 20 000 walks from 50 of 100, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| kernel | seconds | steps | steps/s | vs C | vs numpy |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
echo "$results" | while read -r name seconds steps rate; do
  vs_c=$([ -n "$c_rate" ] && awk "BEGIN { printf \"%.2fx\", $rate / $c_rate }" || echo "-")
  vs_numpy=$([ -n "$numpy_rate" ] && awk "BEGIN { printf \"%.1fx\", $rate / $numpy_rate }" || echo "-")
  echo "| $name | $seconds | $steps | $rate | $vs_c | $vs_numpy |"
done
echo
echo "Targets: Swift at least as fast as C and 10x numpy per thread; past the naive loop, 5x the C loop"
echo "(popcount: d moves at once; prefix table: 16 moves at once, walk-for-walk identical to bit-per-step)."
if [ -x .build/release/lemma ]; then
  # The notebooks built on Simulation alone (the training notebooks: benchmarks/notebooks.sh).
  simulation_notebooks=$(grep -LE 'SparseAutoencoder|ModularAdditionMLP|TwoLayerReLUNetwork|ScaleInvariantClassifier' notebooks/*.md)
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  .build/release/lemma render --force --cache "$work/cache" --output "$work/out" $simulation_notebooks > /dev/null || true
  end=$(date +%s.%N)
  echo "The $(echo "$simulation_notebooks" | wc -w) notebooks that train no networks, cold render: $(awk "BEGIN { printf \"%.2f\", $end - $start }") s (target: under 20 s)"
fi
