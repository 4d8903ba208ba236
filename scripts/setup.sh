#!/usr/bin/env bash
# Set up Training Log on Debian/Ubuntu: Qt's system libraries, a virtual environment in
# .venv, and the project with its test tools. Installs only what is missing; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

QT_LIBS=(libgl1 libxkbcommon0 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
         libxcb-shape0 libxkbcommon-x11-0)
EXTRA=(python3-venv desktop-file-utils appstream)
[ "${WITH_XVFB:-0}" = 1 ] && EXTRA+=(xvfb)
[ "${WITH_PACKAGING:-0}" = 1 ] && EXTRA+=(binutils)   # PyInstaller needs objdump and strip
[ "${WITH_SYNCTHING:-0}" = 1 ] && EXTRA+=(syncthing)  # tests/sync: two real instances on loopback

missing=()
for pkg in "${QT_LIBS[@]}" "${EXTRA[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
EXTRAS=test
[ "${WITH_PACKAGING:-0}" = 1 ] && EXTRAS=test,packaging
.venv/bin/python -m pip install -q -e ".[$EXTRAS]"
echo "Ready: .venv/bin/traininglog opens the app; .venv/bin/python -m pytest runs the tests."
