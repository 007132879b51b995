#!/usr/bin/env bash
# Installs what the tests compare Lemma against, with apt when missing: Debian's cmark-gfm
# (GitHub's Markdown renderer), the oracle of GFMDifferentialTests.
set -euo pipefail
command -v cmark-gfm > /dev/null && [ -x /usr/bin/cmark-gfm ] && exit 0
echo "Installing cmark-gfm (Debian package)..."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq cmark-gfm > /dev/null
