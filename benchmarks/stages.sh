#!/usr/bin/env bash
# Where a cold render of benchmarks/coin.md spends its time: the median moment, from lemma's
# start, of each stage mark it prints with LEMMA_STAGE_TIMES=1 (main, planned, generated,
# frontends started, objects written, link started (before the last object when the first of
# two frontends ends first), linked, compiled, program ended, executed, written, exit).
#
#   bash benchmarks/stages.sh                     # needs a release build: make build
#   RUNS=25 bash benchmarks/stages.sh             # more renders (default 15)
#   AFTER_NBCONVERT=1 bash benchmarks/stages.sh   # each render after a run of jupyter nbconvert,
#                                                 # as in render.sh's pairs
set -euo pipefail
cd "$(dirname "$0")/.."
lemma="$(pwd)/.build/release/lemma"
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
runs=${RUNS:-15}
before=()
if [ "${AFTER_NBCONVERT:-0}" = 1 ]; then
  python3 -c "import nbconvert, nbclient, ipykernel" 2>/dev/null || { echo "needs jupyter nbconvert" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  python3 benchmarks/coin.py "$work/coin.ipynb"
  before=(python3 -m jupyter nbconvert --execute --to html --output-dir "$work/nb" "$work/coin.ipynb")
fi
echo "Cold render of benchmarks/coin.md, median of $runs, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| stage reached | from start |"
echo "| --- | ---: |"
python3 benchmarks/stages.py "$lemma" benchmarks/coin.md "$runs" "${before[@]}"
