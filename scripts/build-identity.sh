#!/usr/bin/env bash
# Writes .build/release/lemma-build-identity after a build: the SHA-256 of the sources (Sources/
# and Package.swift, by their paths relative to the project and their bytes), and the SHA-256 of
# the lemma executable and runtime library built from them. Lemma's cache keys use the sources'
# hash while the binaries match (BuildIdentity.swift), so clones at different paths share keys.
set -euo pipefail
cd "$(dirname "$0")/.."
release=.build/release
[ -f "$release/libLemmaRuntime.so" ] || exit 0
sources=$(find Sources Package.swift -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
{
  echo "sources $sources"
  [ -f "$release/lemma" ] && echo "lemma $(sha256sum "$release/lemma" | cut -d' ' -f1)"
  echo "runtime $(sha256sum "$release/libLemmaRuntime.so" | cut -d' ' -f1)"
} > "$release/lemma-build-identity.tmp"
mv "$release/lemma-build-identity.tmp" "$release/lemma-build-identity"
