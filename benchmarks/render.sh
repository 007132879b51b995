#!/usr/bin/env bash
# Measures Lemma's render times for the shipped notebooks that train no networks, and jupyter
# nbconvert on an equivalent Python notebook in the same run, then prints a table with the ratio.
#
#   bash benchmarks/render.sh            # needs a release build: make build
#   RUNS=20 bash benchmarks/render.sh    # more repetitions for the fast cases
#
# Cases, each on a private copy of notebooks/ with its own cache:
#   cold          empty cache: compile, run, write (median of 3)
#   coin.md       cold render of benchmarks/coin.md, and nbconvert on coin.py's equivalent notebook,
#                 in PAIRS alternating pairs (default 7)
#   unchanged     nothing changed since the last render (median of RUNS)
#   prose edit    one sentence added to the prose (median of RUNS, a new sentence each time)
#   block edit    one line added to the last block: recompiles that notebook (median of 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lemma="$root/.build/release/lemma"
runs=${RUNS:-10}
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The engine's cases use the notebooks that do not train networks: those take a minute each
# and measure the Learning library, not rendering (benchmarks/notebooks.sh times every notebook).
mkdir -p "$work/notebooks"
# The files notebooks read, show or cite (data, images, the bibliography) come along.
for f in notebooks/*; do
  case "$f" in *.md) ;; *) cp -r "$f" "$work/notebooks/" ;; esac
done
for f in notebooks/*.md; do
  grep -qE 'SparseAutoencoder|ModularAdditionMLP|TwoLayerReLUNetwork|ScaleInvariantClassifier' "$f" || cp "$f" "$work/notebooks/"
done
count=$(ls "$work"/notebooks/*.md | wc -l)

# seconds for one `lemma render` of the copy
elapsed() { ELAPSED_LOG="$work/last.log" python3 benchmarks/elapsed.py "$@"; }
render_time() {
  elapsed "$lemma" render "$work/notebooks" --output "$work/output" --cache "$work/cache" "$@" || {
    cat "$work/last.log" >&2
    exit 1
  }
}
calc() { awk "BEGIN { print $1 }"; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

cold=$(for i in 1 2 3; do rm -rf "$work/cache"; render_time; done | median)
unchanged=$(for i in $(seq "$runs"); do render_time; done | median)
prose=$(for i in $(seq "$runs"); do
  for f in "$work"/notebooks/*.md; do printf '\nA prose-only edit, number %s.\n' "$i" >> "$f"; done
  render_time
done | median)
block=$(for i in 1 2 3; do
  for f in "$work"/notebooks/*.md; do
    # add a comment line before the last closing fence of a swift block
    python3 - "$f" "$i" <<'PY'
import sys
path, n = sys.argv[1], sys.argv[2]
lines = open(path).read().split("\n")
opening = max(i for i, l in enumerate(lines) if l.startswith("```swift"))
closing = next(i for i in range(opening + 1, len(lines)) if lines[i].startswith("```"))
lines.insert(closing, f"// block edit {n}")
open(path, "w").write("\n".join(lines))
PY
  done
  render_time
done | median)

# The small benchmark notebook against jupyter nbconvert on the same experiment in Python.
mkdir -p "$work/small"
cp benchmarks/coin.md "$work/small/coin.md"
small_once() {
  rm -rf "$work/small-cache"
  elapsed "$lemma" render "$work/small/coin.md" --output "$work/small-out" --cache "$work/small-cache"
}
nbconvert="not measured"
if ! python3 -c "import nbconvert, nbclient, ipykernel" 2>/dev/null; then
  pip install -q nbconvert nbclient ipykernel >/dev/null 2>&1 || true
fi
# Alternating pairs (PAIRS, default 7), so both sides see the same moments of a noisy machine;
# the ratio is the median of the pairs' ratios.
pairs=${PAIRS:-7}
if python3 -c "import nbconvert, nbclient, ipykernel" 2>/dev/null; then
  python3 benchmarks/coin.py "$work/coin.ipynb"
  for i in $(seq "$pairs"); do
    echo "$(small_once) $(elapsed python3 -m jupyter nbconvert --execute --to html --output-dir "$work/nb" "$work/coin.ipynb")"
  done > "$work/pairs"
  small=$(awk '{ print $1 }' "$work/pairs" | median)
  nbconvert=$(awk '{ print $2 }' "$work/pairs" | median)
  ratio=$(awk '{ print $2 / $1 }' "$work/pairs" | median)
else
  small=$(for i in $(seq "$pairs"); do small_once; done | median)
fi

per() { calc "$1 / $count"; }
ms() { printf '%.1f ms' "$(calc "$1 * 1000")"; }
echo
echo "Lemma render benchmark: $count notebook(s), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| case | total | per notebook | target |"
echo "| --- | ---: | ---: | --- |"
echo "| cold render (empty cache) | $(ms "$cold") | $(ms "$(per "$cold")") | < 1 s for a small notebook |"
echo "| re-render, nothing changed | $(ms "$unchanged") | $(ms "$(per "$unchanged")") | < 20 ms per notebook |"
echo "| prose-only edit | $(ms "$prose") | $(ms "$(per "$prose")") | < 100 ms per notebook |"
echo "| one-block edit | $(ms "$block") | $(ms "$(per "$block")") | recompiles one notebook |"
echo "| cold render of benchmarks/coin.md | $(ms "$small") | $(ms "$small") | < 1 s |"
if [ "$nbconvert" != "not measured" ]; then
  echo "| jupyter nbconvert --execute --to html, same experiment | $(ms "$nbconvert") | $(ms "$nbconvert") | |"
  echo
  printf 'nbconvert / Lemma, cold render of the same small notebook: %.1fx (median of %s alternating pairs; target: at least 15x)\n' \
    "$ratio" "$pairs"
else
  echo
  echo "jupyter nbconvert could not be installed; no ratio."
fi
