#!/usr/bin/env bash
# Installs what Lemma needs beyond the Swift toolchain, with apt when missing: cmark
# (libcmark-dev), libyaml for front matter and lemma.yml (libyaml-dev), OpenBLAS
# (libopenblas-dev; notebook programs load it when they first multiply matrices), OpenSSL's
# libcrypto for SHA-256 (libssl-dev) and pkg-config, which finds them.
set -euo pipefail
missing=()
command -v pkg-config > /dev/null || missing+=(pkg-config)
pkg-config --exists libcmark 2> /dev/null || missing+=(libcmark-dev)
pkg-config --exists yaml-0.1 2> /dev/null || missing+=(libyaml-dev)
pkg-config --exists openblas 2> /dev/null || missing+=(libopenblas-dev)
pkg-config --exists libcrypto 2> /dev/null || missing+=(libssl-dev)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing ${missing[*]} (Debian packages)..."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" pkg-config
