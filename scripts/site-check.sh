#!/usr/bin/env bash
# Publishes the shipped notebooks into a fresh folder and compares it with the committed
# output/: any difference means output/ is stale (run `make render` and commit it).
set -euo pipefail
cd "$(dirname "$0")/.."
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
.build/release/lemma publish --site "$site" > /dev/null
if ! diff -r output "$site" > "$site.diff" 2>&1; then
  echo "output/ is stale: it differs from what \`lemma publish\` writes now:" >&2
  head -40 "$site.diff" >&2
  echo "Run \`make render\` and commit output/." >&2
  rm -f "$site.diff"
  exit 1
fi
rm -f "$site.diff"
echo "output/ matches a fresh publish ($(find output -type f | wc -l) files)"
