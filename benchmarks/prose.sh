#!/usr/bin/env bash
# Prose throughput: `lemma render` of a multi-megabyte notebook with no blocks (read, parse,
# HTML and Markdown reports written) against the cmark CLI and the cmark-gfm CLI with its
# table, strikethrough and autolink extensions (parse, HTML to /dev/null) on the same file, in
# the same run, alternating, median of RUNS each. The notebook holds GFM tables, strikethrough
# and autolinks (benchmarks/make_prose.py).
#
#   bash benchmarks/prose.sh           # needs a release build (make build); installs cmark (apt)
#   SIZE=7000000 RUNS=9 bash benchmarks/prose.sh
#
# Target (DESIGN.md): Lemma at least half the cmark CLI's throughput.
set -euo pipefail
cd "$(dirname "$0")/.."
lemma="$(pwd)/.build/release/lemma"
size=${SIZE:-7000000}
runs=${RUNS:-9}
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
for tool in cmark cmark-gfm; do
  command -v $tool >/dev/null || apt-get install -y $tool >/dev/null 2>&1 || {
    apt-get update >/dev/null 2>&1 && apt-get install -y $tool >/dev/null 2>&1
  }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benchmarks/make_prose.py "$size" "$work/prose.md"
bytes=$(stat -c %s "$work/prose.md")
elapsed() { python3 benchmarks/elapsed.py "$@"; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
: > "$work/cmark.txt"
: > "$work/gfm.txt"
: > "$work/lemma.txt"
for i in $(seq "$runs"); do
  elapsed cmark "$work/prose.md" >> "$work/cmark.txt"
  elapsed cmark-gfm -e table -e strikethrough -e autolink "$work/prose.md" >> "$work/gfm.txt"
  elapsed "$lemma" render "$work/prose.md" --output "$work/out" --cache "$work/cache" --force >> "$work/lemma.txt"
done
cmark_s=$(median < "$work/cmark.txt")
gfm_s=$(median < "$work/gfm.txt")
lemma_s=$(median < "$work/lemma.txt")
mb() { awk "BEGIN { printf \"%.1f\", $bytes / $1 / 1e6 }"; }
echo "Prose throughput: $(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }") MB notebook, no blocks, median of $runs, $(nproc) cores"
echo
echo "| what | seconds | MB/s |"
echo "| --- | ---: | ---: |"
echo "| cmark CLI (parse + HTML to /dev/null) | $cmark_s | $(mb "$cmark_s") |"
echo "| cmark-gfm CLI, table + strikethrough + autolink | $gfm_s | $(mb "$gfm_s") |"
echo "| lemma render (read, parse, HTML + GFM reports written) | $lemma_s | $(mb "$lemma_s") |"
echo
awk "BEGIN { printf \"Lemma / cmark throughput: %.2fx (target: at least 0.5x)\n\", $cmark_s / $lemma_s }"
awk "BEGIN { printf \"Lemma / cmark-gfm throughput: %.2fx\n\", $gfm_s / $lemma_s }"
