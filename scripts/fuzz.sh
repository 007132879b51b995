#!/usr/bin/env bash
# Fuzzes the notebook stages (read, parse, options, front matter, inline spans, program
# generation, report, HTML and GFM) with lemma-fuzz: mutated notebooks from fuzz/corpus, the
# shipped notebooks and the CommonMark spec's examples. A crash or an input that runs over
# 10 s stops the run with the input saved in fuzz/crashes/ (replay: lemma-fuzz --replay FILE).
#
#   bash scripts/fuzz.sh                 # 1,000,000 inputs (about 7 minutes on one core)
#   RUNS=20000 SEED=3 bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz=.build/release/lemma-fuzz
[ -x "$fuzz" ] || { echo "build first: make build" >&2; exit 1; }
"$fuzz" --runs "${RUNS:-1000000}" --seed "${SEED:-1}" --corpus fuzz/corpus --corpus notebooks \
  --spec Tests/LemmaRenderingTests/Fixtures/commonmark-spec-0.30.json --crashes fuzz/crashes
