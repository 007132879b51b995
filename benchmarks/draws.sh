#!/usr/bin/env bash
# Nanoseconds per `Double.random(in:using: &rng)` in a program compiled as a notebook's is
# (-Onone, against libLemmaRuntime): through the draws Simulation compiled for the notebook's
# generator, and through the standard library's generic function, in one run; checks that both
# give the same numbers.
#
#   bash benchmarks/draws.sh     # needs: make build
set -euo pipefail
cd "$(dirname "$0")/.."
release=$(pwd)/.build/release
[ -f "$release/Modules/LemmaRuntime.swiftmodule" ] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swiftc -Onone -suppress-warnings -I "$release/Modules" benchmarks/draws.swift -L "$release" -lLemmaRuntime \
  -Xlinker -rpath -Xlinker "$release" -o "$work/draws"
read -r _ compiled _ generic < <("$work/draws")
echo
echo "Draws in a notebook's unoptimised program, 2 000 000 each, $(date -u +%Y-%m-%d)"
echo
echo "| draw | ns per draw |"
echo "| --- | ---: |"
printf '| Double.random(in:using: &rng), compiled for the generator | %.1f |\n' "$compiled"
printf '| the standard library'"'"'s generic function | %.1f |\n' "$generic"
echo
awk "BEGIN { printf \"generic / compiled: %.1fx (same numbers, same generator state)\n\", $generic / $compiled }"
