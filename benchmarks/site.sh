#!/usr/bin/env bash
# Publishing and preview, measured: `lemma publish` with nothing changed (shipped notebooks,
# target under 0.5 s), a publish after a prose edit of one notebook, and in `lemma preview`
# the time from saving a prose edit to the change showing in an open headless-Chromium page
# (target under 1 s). Needs `make build`, chromium, chromium-driver and selenium
# (scripts/browser-test.sh installs them).
#
#   bash benchmarks/site.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lemma=.build/release/lemma
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r notebooks lemma.yml "$work/"
cd "$work"
seconds() { python3 -c 'import sys, time; start = time.perf_counter(); import subprocess; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); print(f"{time.perf_counter() - start:.3f}")' "$@"; }
"$OLDPWD/$lemma" publish > /dev/null
unchanged=()
for _ in 1 2 3 4 5; do unchanged+=("$(seconds "$OLDPWD/$lemma" publish)"); done
edited=()
for run in 1 2 3; do
  printf '\nAn added sentence, edit %s.\n' "$run" >> notebooks/doom-clock.md
  edited+=("$(seconds "$OLDPWD/$lemma" publish)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
cd "$OLDPWD"
preview=$(python3 scripts/browser_test.py --site output --artifacts "$work/artifacts" --lemma "$lemma" \
  --preview-timings 5 | awk '$1 == "latencies" { $1 = ""; print }')
echo "Publishing and preview: $(ls notebooks/*.md | wc -l) shipped notebooks, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| case | median | runs (s) | target |"
echo "| --- | ---: | --- | --- |"
echo "| lemma publish, nothing changed | $(median "${unchanged[@]}") s | ${unchanged[*]} | < 0.5 s |"
echo "| lemma publish, prose edit of one notebook | $(median "${edited[@]}") s | ${edited[*]} | |"
echo "| preview: save a prose edit -> visible in the open page | $(median $preview) s | $preview | < 1 s |"
