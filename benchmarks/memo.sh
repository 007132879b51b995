#!/usr/bin/env bash
# A one-block downstream edit of each training notebook, before and after `memo`: the notebook
# is rendered once (which stores its memo), then a block is added at its end and it is rendered
# again with --no-memo (every closure runs: how an edit cost before memos) and, after another
# such edit, with memos (the training is a hit). Target: the memo render under 2 s each.
#
#   bash benchmarks/memo.sh                 # NOTEBOOKS="sae-rare-features sae-target grokking weight-norms"
set -euo pipefail
cd "$(dirname "$0")/.."
lemma=$PWD/.build/release/lemma
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
notebooks=${NOTEBOOKS:-sae-rare-features sae-target grokking weight-norms}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r notebooks lemma.yml "$work/"
cd "$work"
seconds() { python3 -c 'import sys, time, subprocess; start = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); print(f"{time.perf_counter() - start:.2f}")' "$@"; }
edit() { printf '\n```swift\nprint("downstream edit %s")\n```\n' "$2" >> "notebooks/$1.md"; }
rows=()
for name in $notebooks; do
  cold=$(seconds "$lemma" render "notebooks/$name.md")
  edit "$name" 1
  before=$(seconds "$lemma" render --no-memo "notebooks/$name.md")
  edit "$name" 2
  after=$(seconds "$lemma" render "notebooks/$name.md")
  ratio=$(python3 -c "print(f'{$before / $after:.0f}x')")
  rows+=("| $name | $cold s | $before s | $after s | $ratio |")
done
echo "A one-block downstream edit, before and after memo: $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| notebook | first render | edit, --no-memo (before) | edit, memo hit (after) | speedup |"
echo "| --- | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo
echo "Target: the memo render under 2 s for each notebook."
