#!/usr/bin/env bash
# What a new user waits for on a fresh machine, measured from a clean clone of this checkout
# (nothing in .build/, no cache): the build part of the first `make render`, the whole first
# `make render` (build plus every notebook cold), and, with CI=1, `bash .ci/run` in another
# clean clone. Installing system packages (scripts/setup.sh) is not counted. Targets (issue
# "Fast first run"): build under 2 minutes, first render under 4, CI under 8. Takes as long as
# it measures; run it on a quiet machine.
#
#   bash benchmarks/first-run.sh
#   CI=1 bash benchmarks/first-run.sh
#   LEMMA_SWIFT_SYNTAX=package bash benchmarks/first-run.sh   # the fallback, for comparison
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
minutes() { awk "BEGIN { printf \"%.1f\", $1 / 60 }"; }
elapsed() { ELAPSED_LOG="$work/last.log" python3 "$root/benchmarks/elapsed.py" "$@" || {
  tail -20 "$work/last.log" >&2
  exit 1
}; }

git clone -q "$root" "$work/render"
(cd "$work/render" && bash scripts/setup.sh > /dev/null)
# `make render` is `make build-lemma` then `lemma publish`: timed apart, so the build part shows.
build=$(cd "$work/render" && elapsed make build-lemma)
publish=$(cd "$work/render" && elapsed .build/release/lemma publish)
render=$(awk "BEGIN { printf \"%.1f\", $build + $publish }")
echo "| step | seconds | minutes |"
echo "| --- | ---: | ---: |"
echo "| first \`make render\`, its build part (\`make build-lemma\`) | $build | $(minutes "$build") |"
echo "| first \`make render\`, every notebook cold (\`lemma publish\`) | $publish | $(minutes "$publish") |"
echo "| first \`make render\` in all | $render | $(minutes "$render") |"
if [ "${CI:-}" = 1 ]; then
  git clone -q "$root" "$work/ci"
  ci=$(cd "$work/ci" && elapsed bash .ci/run)
  echo "| \`bash .ci/run\` | $ci | $(minutes "$ci") |"
fi
