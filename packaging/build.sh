#!/usr/bin/env bash
# Build the one-folder bundle (dist/training-log/) and wrap it in a Debian package
# (dist/training-log_<version>_<arch>.deb):
#
#   /opt/training-log/                  the bundle: no Python needed on the machine
#   /usr/bin/traininglog                a launcher for the command line and the menu entry
#   /usr/share/applications/            training-log.desktop
#   /usr/share/icons/hicolor/…/apps/    training-log.png at 16–512 px, and the SVG
#   /usr/share/metainfo/                the AppStream metadata (software centres read it)
#
# Needs: the project's venv with the packaging extra (pip install -e ".[packaging]"), and
# dpkg-deb. Options: --bundle-only (no .deb). PYTHON overrides the venv's interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
BUNDLE_ONLY=0
[ "${1:-}" = "--bundle-only" ] && BUNDLE_ONLY=1

say() { echo "build.sh: $*" >&2; }
die() { say "$*"; exit 1; }

"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 ||
    die "PyInstaller is missing: $PYTHON -m pip install -e '.[packaging]'"

# The version the bundle reports is the installed metadata's; refuse a stale install.
VERSION="$("$PYTHON" -c 'from importlib.metadata import version; print(version("training-log"))')"
DECLARED="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
[ "$VERSION" = "$DECLARED" ] ||
    die "pyproject.toml says $DECLARED but the venv has $VERSION installed: pip install -e ."

"$PYTHON" packaging/render_icons.py --check ||
    die "the icon PNGs are stale: $PYTHON packaging/render_icons.py"

started=$(date +%s)
say "building the bundle (PyInstaller)"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/training-log.spec
say "bundle: dist/training-log ($(du -sh dist/training-log | cut -f1)) in $(($(date +%s) - started)) s"
[ "$BUNDLE_ONLY" = 1 ] && exit 0

command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (apt-get install dpkg-dev)"
ARCH="$(dpkg --print-architecture)"
ROOT="build/deb/root"
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
    "$ROOT/usr/share/metainfo" "$ROOT/usr/share/doc/training-log" \
    "$ROOT/usr/share/icons/hicolor/scalable/apps"

cp -a dist/training-log "$ROOT/opt/training-log"
cat > "$ROOT/usr/bin/traininglog" <<'EOF'
#!/bin/sh
# Training Log: the bundled app in /opt/training-log, for the menu and the command line.
exec /opt/training-log/training-log "$@"
EOF
chmod 755 "$ROOT/usr/bin/traininglog"

install -m 644 resources/training-log.desktop "$ROOT/usr/share/applications/"
install -m 644 resources/io.github.traininglog.TrainingLog.metainfo.xml "$ROOT/usr/share/metainfo/"
install -m 644 resources/icons/training-log.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/"
for png in resources/icons/hicolor/*/apps/training-log.png; do
    size_dir="$(basename "$(dirname "$(dirname "$png")")")"
    install -D -m 644 "$png" "$ROOT/usr/share/icons/hicolor/$size_dir/apps/training-log.png"
done
install -m 644 packaging/debian/copyright "$ROOT/usr/share/doc/training-log/copyright"

# Qt's system libraries: what the bundle links against but does not carry (PyInstaller
# leaves out libGL, libEGL, fontconfig, glib, dbus, X11/xcb, …, which belong to the system).
# packaging/test_bundle.sh checks every such library against this list.
DEPENDS="libc6, libgcc-s1, libstdc++6, zlib1g, libgl1, libegl1, libopengl0, libfontconfig1, libfreetype6,
 libglib2.0-0, libdbus-1-3, libx11-6, libx11-xcb1, libxkbcommon0, libxkbcommon-x11-0,
 libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0,
 libxcb-render0, libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0,
 libxcb-xinerama0, libxcb-xkb1, libxcb-glx0, libxcb-util1, libwayland-client0,
 libwayland-cursor0, libwayland-egl1"
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)"
cat > "$ROOT/DEBIAN/control" <<EOF
Package: training-log
Version: $VERSION
Architecture: $ARCH
Maintainer: Training Log contributors <traininglog@users.noreply.github.com>
Installed-Size: $INSTALLED_KB
Depends: $(echo "$DEPENDS" | tr -d '\n')
Recommends: libgtk-3-0, xdg-desktop-portal
Section: utils
Priority: optional
Homepage: https://github.com/traininglog/training-log
Description: desktop training log for people who lift
 Log lifting sessions after training — exercises, warm-up sets, working sets with
 weight, full and partial reps, RPE, rest and notes — in a keyboard-fast form.
 Every save lands in a readable JSON file per session and in a SQLite database
 that indexes them for fast review.
 .
 This package carries its own Python and Qt in /opt/training-log.
EOF

# Debian wants no group- or world-writable files, whatever this checkout's umask was.
chmod -R u+rwX,go+rX,go-w "$ROOT"
DEB="dist/training-log_${VERSION}_${ARCH}.deb"
# xz is the smallest (about 33 MB against gzip's 46 MB) and what every dpkg reads; it is also
# the slow step (minutes on 2 cores). DEB_COMPRESSION=gzip for a quick local package.
COMPRESS=(-Z"${DEB_COMPRESSION:-xz}")
dpkg-deb --help | grep -- --threads-max >/dev/null && COMPRESS+=(--threads-max="$(nproc)")
say "packing $DEB (${DEB_COMPRESSION:-xz})"
dpkg-deb "${COMPRESS[@]}" --build --root-owner-group "$ROOT" "$DEB" >/dev/null
say "package: $DEB ($(du -h "$DEB" | cut -f1)); total $(($(date +%s) - started)) s"
