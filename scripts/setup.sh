#!/usr/bin/env bash
# Installs what Lemma needs beyond the Swift toolchain: cmark (libcmark-dev) and pkg-config.
set -euo pipefail
if pkg-config --exists libcmark 2>/dev/null; then
  exit 0
fi
echo "Installing libcmark-dev and pkg-config (Debian packages)..."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq libcmark-dev pkg-config
