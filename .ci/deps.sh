#!/bin/sh
# Installs the Debian packages ptbrief needs to build, test and run — only those missing.
# Used by `make deps`, which both README set-up commands run first.
set -eu
PACKAGES="build-essential cmake pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev libicu-dev
nlohmann-json3-dev catch2 fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai
fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-microhei fonts-dejavu-core
poppler-utils qpdf python3"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "ptbrief: installing missing packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
