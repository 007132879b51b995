#!/usr/bin/env bash
# Notebook size: cold render of generated notebooks with N blocks and N inline values
# (N = 250, 500, 1000 by default), and `swiftc -typecheck` of the program Lemma generates for
# each, to show how much of the time is the compiler's own. Two kinds of block:
#   light  `let vI = I * 2` and `print(vI)`
#   heavy  `let vI = I * 2 + Int(sqrt(Double(I)))` and `print("vI =", vI)` (the type checker
#          alone spends about 4 ms on each such line)
# Target (DESIGN.md): 1000 of each under 4 s, cost linear in N.
#
#   bash benchmarks/size.sh            # needs a release build: make build
#   SIZES="100 200 400" KINDS=light bash benchmarks/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lemma="$root/.build/release/lemma"
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
elapsed() { python3 benchmarks/elapsed.py "$@"; }
echo "| blocks | cold render (s) | swiftc -typecheck of the program (s) | per block (ms) |"
echo "| --- | ---: | ---: | ---: |"
for kind in ${KINDS:-light heavy}; do
  for n in ${SIZES:-250 500 1000}; do
    python3 - "$n" "$kind" "$work/size-$kind-$n.md" <<'PY'
import sys
n, kind, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
parts = ["---\ntitle: %d blocks\n---\n" % n]
for i in range(n):
    if kind == "light":
        code = "let v%d = %d * 2\nprint(v%d)" % (i, i, i)
    else:
        code = "let v%d = %d * 2 + Int(sqrt(Double(%d)))\nprint(\"v%d =\", v%d)" % (i, i, i, i, i)
    parts.append("Block %d computes a value.\n\n```swift\n%s\n```\n\nThe value is `{swift} v%d`.\n" % (i, code, i))
open(path, "w").write("\n".join(parts))
PY
    render=$(elapsed "$lemma" render "$work/size-$kind-$n.md" --output "$work/out" --cache "$work/cache-$kind-$n")
    folder=$(ls -d "$work/cache-$kind-$n"/build/*/ | head -1)
    files=$(ls "$folder"main.swift "$folder"part-*.swift 2> /dev/null || true)
    # grep on the files, not through a pipe: with pipefail, `cat | grep -q` fails when grep
    # stops reading early.
    library=$(grep -q '^@main enum __LemmaNotebook' $files && echo -parse-as-library || true)
    typecheck=$(elapsed swiftc -typecheck $files $library -module-name Notebook -suppress-warnings \
      -I "$root/.build/release/Modules")
    echo "| $n $kind | $render | $typecheck | $(awk "BEGIN { printf \"%.1f\", $render * 1000 / $n }") |"
  done
done
