#!/usr/bin/env bash
# Installs what the tests compare Lemma against or start, with apt when missing: Debian's
# cmark-gfm (GitHub's Markdown renderer), the oracle of GFMDifferentialTests, and nginx-light
# (nginx with its WebDAV module), the shared cache server of RemoteCacheTests.
set -euo pipefail
missing=()
[ -x /usr/bin/cmark-gfm ] || missing+=(cmark-gfm)
command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} (Debian packages)..."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" > /dev/null
