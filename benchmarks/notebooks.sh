#!/usr/bin/env bash
# Cold render of the argument notebooks (every shipped notebook but getting-started, charts,
# authoring and reading-data), as `lemma render` runs them (one notebook per core), with an empty cache. Prints each
# notebook's time from its progress line and the wall time of the whole run.
# Targets (issue 6): each training notebook under 90 s; all of them under 5 minutes together.
#
#   bash benchmarks/notebooks.sh     # needs: make build
set -euo pipefail
cd "$(dirname "$0")/.."
lemma=.build/release/lemma
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
arguments=$(ls notebooks/*.md | grep -vE 'notebooks/(getting-started|charts|authoring|reading-data)\.md$')
start=$(date +%s.%N)
# shellcheck disable=SC2086
"$lemma" render --force --cache "$work/cache" --output "$work/out" $arguments > "$work/log"
end=$(date +%s.%N)
echo "Cold render of $(echo "$arguments" | wc -w) argument notebooks, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| notebook | seconds (compile + run, while another notebook runs beside it) |"
echo "| --- | ---: |"
grep -E '^\[[0-9]+/[0-9]+\] ' "$work/log" | sed -E 's/^\[[0-9]+\/[0-9]+\] notebooks\/([^ ]+)\.md +ran [0-9]+ blocks? in ([0-9.]+) s$/| \1 | \2 |/'
echo
echo "Total wall time: $(awk "BEGIN { printf \"%.1f\", $end - $start }") s (target: under 300 s)"
