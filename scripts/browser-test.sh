#!/usr/bin/env bash
# Loads every page of the published site (output/) in headless Chromium and checks it: no
# console errors, no failed or external requests, internal links and anchors resolve, charts
# and images have text alternatives; keeps a screenshot of each page in
# .build/browser-artifacts/. Then checks `lemma preview`: a saved edit shows in the open page,
# a broken notebook shows its error and the server survives, Ctrl-C stops it.
# Installs Debian's chromium and chromium-driver, a math font (fonts-dejavu-extra), and
# selenium from PyPI, when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
  echo "Installing chromium and chromium-driver (Debian packages)..."
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver > /dev/null
fi
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf ]; then
  echo "Installing a math font (Debian's fonts-dejavu-extra)..."
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq fonts-dejavu-extra > /dev/null
fi
if ! python3 -c "import selenium" 2> /dev/null; then
  echo "Installing selenium (PyPI)..."
  python3 -m pip install -q selenium
fi
python3 scripts/browser_test.py --site output --artifacts .build/browser-artifacts --lemma .build/release/lemma
