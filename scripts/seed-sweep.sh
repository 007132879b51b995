#!/usr/bin/env bash
# Checks that the shipped notebooks' claims do not pass by luck: runs `lemma check` on each
# notebook with SEEDS seeds (default 20: 1, 2, ..., 20 in place of its front-matter seed) and
# prints, per notebook, on how many seeds every claim held and which claims failed on which
# seeds (and a line per seed to standard error as it finishes). Programs are compiled once
# (the seed is passed when the program starts), so a sweep costs the notebooks' run time. Not
# part of CI (minutes of Monte Carlo).
#
#   bash scripts/seed-sweep.sh                      # the Monte Carlo argument notebooks
#   SEEDS=50 NOTEBOOKS="belief-martingale" bash scripts/seed-sweep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lemma=$PWD/.build/release/lemma
[ -x "$lemma" ] || { echo "build first: make build-lemma" >&2; exit 1; }
seeds=${SEEDS:-20}
notebooks=${NOTEBOOKS:-belief-martingale doom-clock calibrated-forecasts sgd-noise-structure sycophancy-statistics counterfactual-memorization finetuning-elicitation relu-multiplication compute-budgets}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| notebook | seeds with every claim holding | failures (claim: seeds) |"
echo "| --- | ---: | --- |"
status=0
for name in $notebooks; do
  held=0
  declare -A failed=()
  for seed in $(seq 1 "$seeds"); do
    copy=$work/$name-$seed
    mkdir -p "$copy"
    cp -r notebooks lemma.yml "$copy/"
    # The first `seed:` line of the front matter, or one added after its opening `---`.
    awk -v seed="$seed" 'NR == 1 && $0 == "---" { print; front = 1; next }
      front && /^seed:/ && !done { print "seed: " seed; done = 1; next }
      front && $0 == "---" { if (!done) print "seed: " seed; done = 1; front = 0 }
      { print }' "notebooks/$name.md" > "$copy/notebooks/$name.md"
    if output=$(cd "$copy" && "$lemma" check --cache "$work/cache" "notebooks/$name.md" 2>&1); then
      held=$((held + 1))
      echo "$name seed $seed: every claim holds" >&2
    else
      # Each failed claim by its label; a notebook that stopped (a timeout, a trap) has no
      # FAIL lines, and its first error line stands for it.
      fails=$(printf '%s\n' "$output" | grep '^ *FAIL ' | sed -E 's/^ *FAIL [^ ]+ //; s/: [^:]*$//' || true)
      [ -n "$fails" ] || fails=$(printf '%s\n' "$output" | grep -m1 'FAILED' | sed 's/.*FAILED: //' || true)
      [ -n "$fails" ] || fails="lemma check failed"
      while IFS= read -r label; do failed[$label]="${failed[$label]:-}$seed "; done <<< "$fails"
      echo "$name seed $seed: $(printf '%s' "$fails" | paste -sd ';')" >&2
    fi
    rm -rf "$copy"
  done
  summary=""
  for label in "${!failed[@]}"; do summary+="$label: ${failed[$label]% }; "; done
  echo "| $name | $held of $seeds | ${summary:-none} |"
  [ "$held" = "$seeds" ] || status=1
  unset failed
done
exit $status
