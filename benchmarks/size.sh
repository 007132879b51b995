#!/usr/bin/env bash
# Notebook size: cold render of generated notebooks with N blocks and N inline values
# (N = 250, 500, 1000 by default), and `swiftc -typecheck` of the program Lemma generates for
# each, to show how much of the time is the compiler's own. Target (DESIGN.md): 1000 of each
# under 4 s, cost linear in N.
#
#   bash benchmarks/size.sh            # needs a release build: make build
#   SIZES="100 200 400" bash benchmarks/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lemma="$root/.build/release/lemma"
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
elapsed() { python3 benchmarks/elapsed.py "$@"; }
echo "| blocks + inline values | cold render (s) | swiftc -typecheck of the program (s) | per block (ms) |"
echo "| ---: | ---: | ---: | ---: |"
for n in ${SIZES:-250 500 1000}; do
  python3 - "$n" "$work/size-$n.md" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
parts = ["---\ntitle: %d blocks\n---\n" % n]
for i in range(n):
    parts.append(
        "Block %d computes a value.\n\n```swift\nlet v%d = %d * 2 + Int(sqrt(Double(%d)))\nprint(\"v%d =\", v%d)\n```\n\n"
        "The value is `{swift} v%d`.\n" % (i, i, i, i, i, i, i))
open(path, "w").write("\n".join(parts))
PY
  render=$(elapsed "$lemma" render "$work/size-$n.md" --output "$work/out" --cache "$work/cache-$n")
  program=$(ls -d "$work/cache-$n"/build/*/ | head -1)main.swift
  typecheck=$(elapsed swiftc -typecheck "$program" -module-name Notebook -suppress-warnings \
    -I "$root/.build/release/Modules")
  echo "| $n | $render | $typecheck | $(awk "BEGIN { printf \"%.1f\", $render * 1000 / $n }") |"
done
