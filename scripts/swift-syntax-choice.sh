#!/usr/bin/env bash
# Chooses where Lemma's swift-syntax comes from and prints it: "toolchain" when the swiftc on
# PATH ships its own build (usr/lib/swift/host, which the compiler uses for macros) and a probe
# importing SwiftParser and SwiftIDEUtils from there compiles, links and runs; "package" (the
# swift-syntax package, a six-minute release build) otherwise. Package.swift reads the answer
# from LEMMA_SWIFT_SYNTAX. The answer is kept in .build/ per compiler version.
#
#   scripts/swift-syntax-choice.sh           toolchain | package
#   scripts/swift-syntax-choice.sh --flags   swift build flags that find the toolchain's modules
#                                            from every module, including generated test targets
#   scripts/swift-syntax-choice.sh --pending  the flags the toolchain's answer would give, when
#                                            the probe has still to decide (no answer kept yet and
#                                            the toolchain has the modules); nothing otherwise
set -euo pipefail
cd "$(dirname "$0")/.."
# LEMMA_SWIFT_SYNTAX=package in the environment forces the package (the Makefile passes the
# answer on as LEMMA_SWIFT_SYNTAX, so without this it would override the user's choice).
if [ "${LEMMA_SWIFT_SYNTAX:-}" = package ]; then
  [ -n "${1:-}" ] || echo package
  exit 0
fi
mkdir -p .build
version=$(swiftc --version 2>&1 | head -1)
memo=.build/lemma-swift-syntax
host="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/swift/host"
toolchain_flags="-Xswiftc -I -Xswiftc $host"
answer() {
  case "${1:-}" in
    --flags) [ "$(head -1 "$memo")" = toolchain ] && echo "$toolchain_flags" ;;
    --pending) ;;
    *) head -1 "$memo" ;;
  esac
  exit 0
}
if [ -f "$memo" ] && [ "$(sed -n 2p "$memo")" = "$version" ]; then
  answer "${1:-}"
fi
has_modules() { [ -d "$host/SwiftParser.swiftmodule" ] && [ -d "$host/SwiftIDEUtils.swiftmodule" ]; }
if [ "${1:-}" = --pending ]; then
  if has_modules; then echo "$toolchain_flags"; fi
  exit 0
fi
choice=package
if has_modules; then
  probe=$(mktemp -d)
  trap 'rm -rf "$probe"' EXIT
  cat > "$probe/main.swift" <<'SWIFT'
import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

let tree = Parser.parse(source: "let x = 1")
print(Array(tree.classifications).isEmpty ? "empty" : "ok")
SWIFT
  # Compiling the modules' interfaces takes most of the probe's time; doing it in the module
  # cache `swift build -c release` uses (the modules' hashes do not depend on -O) spares the
  # build that work.
  triple=$(swiftc -print-target-info 2> /dev/null | sed -n 's/.*"triple": "\(.*\)".*/\1/p' | head -1)
  cache=".build/${triple:-unknown}/release/ModuleCache"
  mkdir -p "$cache"
  if swiftc "$probe/main.swift" -I "$host" -L "$host" -lSwiftIDEUtils -lSwiftParser -lSwiftSyntax \
    -Xlinker -rpath -Xlinker "$host" -module-cache-path "$cache" -o "$probe/probe" > /dev/null 2>&1 \
    && [ "$("$probe/probe" 2> /dev/null)" = ok ]; then
    choice=toolchain
  fi
fi
if [ "$choice" = toolchain ]; then
  # Modules left by an earlier build of the package would shadow the toolchain's.
  rm -rf .build/*/Modules/{SwiftSyntax,SwiftParser,SwiftIDEUtils,SwiftDiagnostics,SwiftBasicFormat}*.swift* \
    .build/*/Modules/SwiftParserDiagnostics.swift* .build/*/Modules/_SwiftSyntaxCShims*
fi
printf '%s\n%s\n' "$choice" "$version" > "$memo"
answer "${1:-}"
