#!/usr/bin/env bash
# Gives a first build a head start. The swift-syntax probe (scripts/swift-syntax-choice.sh)
# spends about 20 s on one core compiling the toolchain's swift-syntax interfaces, and the build
# cannot start before it answers; meanwhile the other core builds LemmaNotebook and what it
# needs (Yams, cmark's module map), which come first in the build order whatever the answer.
# A later build (the answer kept in .build/) skips all this. When the probe rejects the
# toolchain's swift-syntax, the build that follows redoes that work with the package.
#
#   bash scripts/head-start.sh -c release -Xswiftc -enable-testing   # the build's own flags
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${LEMMA_SWIFT_SYNTAX:-}" != package ] || exit 0 # forced: the build needs no probe
memo=.build/lemma-swift-syntax
version=$(swiftc --version 2>&1 | head -1)
if [ -f "$memo" ] && [ "$(sed -n 2p "$memo")" = "$version" ]; then
  exit 0
fi
host="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/swift/host"
if [ ! -d "$host/SwiftParser.swiftmodule" ] || [ ! -d "$host/SwiftIDEUtils.swiftmodule" ]; then
  exit 0 # the package it will be: the build needs its answer before anything else
fi
mkdir -p .build
bash scripts/swift-syntax-choice.sh > /dev/null &
probe=$!
# The same flags, in the same order, as the build that follows (see the Makefile), so its
# products are reused; a failure here is the build's to report.
LEMMA_SWIFT_SYNTAX=toolchain swift build "$@" -Xswiftc -I -Xswiftc "$host" --target LemmaNotebook \
  > .build/head-start.log 2>&1 || true
wait "$probe"
