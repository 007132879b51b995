#!/usr/bin/env bash
# Gives a first build a head start. The swift-syntax probe (scripts/swift-syntax-choice.sh)
# spends about 20 s on one core compiling the toolchain's swift-syntax interfaces, and the build
# cannot start before it answers; meanwhile the other core builds LemmaExecution and what it
# needs (LemmaNotebook, Figures, LemmaProtocol...): the start of the chain of modules that wait
# one for another, which SwiftPM would otherwise queue behind the runtime's modules.
# A later build (the answer kept in .build/) skips all this. When the probe rejects the
# toolchain's swift-syntax, the build that follows redoes that work with the package.
#
#   bash scripts/head-start.sh -c release -Xswiftc -enable-testing   # the build's own flags
set -euo pipefail
cd "$(dirname "$0")/.."
# The toolchain's flags while the probe has still to decide; nothing once it has (or when the
# package is forced, or the toolchain has no swift-syntax): then there is nothing to overlap.
flags=$(bash scripts/swift-syntax-choice.sh --pending)
[ -n "$flags" ] || exit 0
bash scripts/swift-syntax-choice.sh > /dev/null &
probe=$!
# The same flags, in the same order, as the build that follows (see the Makefile), so its
# products are reused; a failure here is the build's to report.
# shellcheck disable=SC2086
LEMMA_SWIFT_SYNTAX=toolchain swift build "$@" $flags --target LemmaExecution > .build/head-start.log 2>&1 || true
wait "$probe"
