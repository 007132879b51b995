#!/usr/bin/env bash
# Fuzzes the notebook stages (read, parse, options, front matter, inline spans, program
# generation, report, HTML and GFM) with lemma-fuzz: mutated notebooks from fuzz/corpus, the
# shipped notebooks and the CommonMark spec's examples. A crash or an input that runs over
# 10 s stops the run with the input saved in fuzz/crashes/ (replay: lemma-fuzz --replay FILE).
# The inputs are shared among JOBS processes (one per core by default): process i draws from
# seed SEED + 1,000,003·i, so JOBS=1 gives exactly the inputs one process always drew.
#
#   bash scripts/fuzz.sh                 # 1,000,000 inputs (about 20 minutes on two cores)
#   RUNS=20000 SEED=3 bash scripts/fuzz.sh
#   JOBS=1 RUNS=20000 bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz=.build/release/lemma-fuzz
[ -x "$fuzz" ] || { echo "build first: make build" >&2; exit 1; }
runs=${RUNS:-1000000}
seed=${SEED:-1}
jobs=${JOBS:-$(nproc)}
[ "$jobs" -ge 1 ] || jobs=1
[ "$jobs" -le "$runs" ] || jobs=$runs
logs=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2> /dev/null || true; rm -rf "$logs"' EXIT
for ((i = 0; i < jobs; i++)); do
  share=$((runs / jobs + (i < runs % jobs ? 1 : 0)))
  "$fuzz" --runs "$share" --seed $((seed + 1000003 * i)) --corpus fuzz/corpus --corpus notebooks \
    --spec Tests/LemmaRenderingTests/Fixtures/commonmark-spec-0.30.json --crashes fuzz/crashes \
    > "$logs/$i.log" 2>&1 &
  pids+=($!)
done
status=0
for ((i = 0; i < jobs; i++)); do
  if ! wait "${pids[$i]}"; then status=1; fi
  sed "s/^/[fuzz $((i + 1))\/$jobs] /" "$logs/$i.log"
done
pids=()
exit "$status"
