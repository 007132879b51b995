#!/usr/bin/env bash
# Measures chart rendering: a 100 000-point and a 1 000-point line drawn as SVG by Lemma's
# Figures module, and by matplotlib in the same run when it can be installed (pip).
#
#   bash benchmarks/charts.sh       # needs: make build
# Targets (issue: figures): 100k-point line under 50 ms and under 60 KB; 1k-point line under 40 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=.build/release/chart-bench
[ -x "$bench" ] || { echo "build first: make build" >&2; exit 1; }

lemma=$("$bench")
mpl="not measured"
if ! python3 -c "import matplotlib" 2>/dev/null; then pip install -q matplotlib >/dev/null 2>&1 || true; fi
if python3 -c "import matplotlib" 2>/dev/null; then
  mpl=$(python3 - <<'PY'
import io, random, time
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt

def walk(n):
    random.seed(42)
    level, ys = 0.0, []
    for _ in range(n):
        level += random.uniform(-1, 1)
        ys.append(level)
    return ys

for name, n, runs in (("line-100k", 100_000, 5), ("line-1k", 1_000, 21)):
    ys = walk(n)
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        fig, ax = plt.subplots(figsize=(6.4, 4))
        ax.plot(ys, label="walk")
        ax.set_xlabel("step"); ax.set_ylabel("position"); ax.legend()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
        plt.close(fig)
        times.append((time.perf_counter() - start) * 1000)
        size = len(buffer.getvalue().encode())
    times.sort()
    print(name, f"{times[len(times) // 2]:.2f}", size)
PY
)
fi

echo
echo "Chart rendering benchmark, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| case | Lemma ms | Lemma bytes | matplotlib ms | matplotlib bytes | time ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
while read -r name ms bytes; do
  if [ "$mpl" != "not measured" ]; then
    read -r _ pms pbytes <<< "$(echo "$mpl" | grep "^$name ")"
    ratio=$(awk "BEGIN { printf \"%.1fx\", $pms / $ms }")
  else
    pms="-"; pbytes="-"; ratio="-"
  fi
  echo "| $name | $ms | $bytes | $pms | $pbytes | $ratio |"
done <<< "$lemma"
echo
echo "Targets: line-100k under 50 ms and 60 000 bytes; line-1k under 40 000 bytes."
