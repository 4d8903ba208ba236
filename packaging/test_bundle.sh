#!/usr/bin/env bash
# Build the bundle and the .deb, then test what a user would get, without installing it:
# extract the .deb into a temporary root, validate its menu entry and metadata, start the
# bundled app offscreen with `--self-test` (opens the window, saves a session, checks both
# files), check `--version`, check that the app reads data the pip-installed one wrote and
# the other way round, and check that `Depends:` names every system library it links to.
#
#   packaging/test_bundle.sh              build, then test
#   packaging/test_bundle.sh --no-build   test the .deb already in dist/
#
# Exit 0 when every check passed. Not part of the default pytest run (it takes minutes);
# tests/packaging/test_bundle.py runs it under pytest, and .ci/run runs it in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"

failures=0
passes=0
ok() { echo "ok    $*"; passes=$((passes + 1)); }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

if [ "${1:-}" != "--no-build" ]; then
    packaging/build.sh
fi

VERSION="$("$PYTHON" -c 'from importlib.metadata import version; print(version("training-log"))')"
DEB="dist/training-log_${VERSION}_$(dpkg --print-architecture).deb"
[ -f "$DEB" ] || { echo "no $DEB: run packaging/build.sh" >&2; exit 1; }

WORK="$(mktemp -d -t training-log-bundle-test.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/root"
dpkg-deb -x "$DEB" "$ROOT"
APP="$ROOT/opt/training-log/training-log"

echo "== the package: $DEB ($(du -h "$DEB" | cut -f1); bundle $(du -sh "$ROOT/opt/training-log" | cut -f1))"
check "control names the package and version" \
    test "$(dpkg-deb -f "$DEB" Package Version | tr '\n' ' ')" = "Package: training-log Version: $VERSION "
for path in usr/bin/traininglog usr/share/applications/training-log.desktop \
    usr/share/metainfo/io.github.traininglog.TrainingLog.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/training-log.svg opt/training-log/training-log; do
    check "ships /$path" test -s "$ROOT/$path"
done
for size in 16 24 32 48 64 128 256 512; do
    check "ships the ${size}px icon" test -s "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/training-log.png"
done
check "the launcher runs the bundle" grep -q '^exec /opt/training-log/training-log "\$@"$' "$ROOT/usr/bin/traininglog"
check "the launcher is executable" test -x "$ROOT/usr/bin/traininglog"
check "files belong to root" test -z "$(dpkg-deb -c "$DEB" | awk '$2 != "root/root"')"

echo "== the menu entry and the AppStream metadata"
check "desktop-file-validate" desktop-file-validate "$ROOT/usr/share/applications/training-log.desktop"
check "appstreamcli validate --no-net" appstreamcli validate --no-net \
    "$ROOT/usr/share/metainfo/io.github.traininglog.TrainingLog.metainfo.xml"

echo "== the bundled app"
# No display: the self-test must choose offscreen by itself, as in CI.
offscreen() { env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@"; }
check "--version prints $VERSION" test "$(offscreen "$APP" --version)" = "traininglog $VERSION"
started=$(date +%s%N)
if offscreen "$APP" --self-test --data-dir "$WORK/data" 2> "$WORK/selftest.log"; then
    ok "--self-test exits 0 ($(( ($(date +%s%N) - started) / 1000000 )) ms)"
else
    fail "--self-test exits 0"
fi
sed 's/^/      /' "$WORK/selftest.log"
check "--self-test says it passed" grep -qx "self-test passed" "$WORK/selftest.log"
check "--self-test wrote the database" test -s "$WORK/data/traininglogs.db"
check "--self-test wrote one session file" \
    test "$(find "$WORK/data/sessions" -name 'training_session_*.json' | wc -l)" = 1

echo "== the bundled and the pip-installed app share their data"
# The same default data directory (platformdirs under this HOME), each reading the other's.
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share"
unset TRAININGLOG_DATA_DIR
check "the bundle imports a session into the default data directory" \
    offscreen "$APP" import "$REPO/data/samples/"
check "the pip-installed app finds it there" \
    test "$(offscreen "$PYTHON" -m traininglog history --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1
check "the pip-installed app saves a session in the bundle's data directory" \
    offscreen "$PYTHON" -m traininglog.ui.shell.selftest --data-dir "$WORK/data"
check "the bundle reads both sessions and agrees with the files" \
    offscreen "$APP" --data-dir "$WORK/data" check
check "the bundle lists both sessions" \
    test "$(offscreen "$APP" --data-dir "$WORK/data" history --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 2

echo "== Depends: names every system library the bundle links to"
# Qt's GTK theme plugin loads only where GTK is installed, and its libraries come with GTK:
# Recommends: libgtk-3-0, not Depends. Qt skips the plugin quietly when GTK is missing.
depends="$(dpkg-deb -f "$DEB" Depends | tr ',|' '\n\n' | sed 's/(.*)//; s/ //g' | sort -u)"
find "$ROOT/opt/training-log" -type f \( -name '*.so*' -o -name training-log \) \
    ! -name libqgtk3.so -print0 |
    xargs -0 objdump -p 2>/dev/null | awk '/NEEDED/ {print $2}' | sort -u > "$WORK/needed"
find "$ROOT/opt/training-log" \( -type f -o -type l \) -name '*.so*' -printf '%f\n' | sort -u > "$WORK/bundled"
# Debian's name for a library package: libfoo.so.3 is libfoo3, libfoo-2.0.so.0 is libfoo-2.0-0.
debian_name() {
    local name="${1%%.so.*}" major="${1##*.so.}"
    major="${major%%.*}"
    case "$name" in *[0-9]) echo "$name-$major" ;; *) echo "$name$major" ;; esac | tr 'A-Z_' 'a-z-'
}
missing=""
for soname in $(comm -23 "$WORK/needed" "$WORK/bundled"); do
    path="$(ldconfig -p | awk -v n="$soname" '$1 == n && !found {print $NF; found = 1}')"
    package=""
    if [ -n "$path" ]; then
        package="$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true)"
        package="${package%%:*}"
    fi
    # Not installed here (e.g. Wayland's client libraries on a headless builder): its name.
    [ -n "$package" ] || package="$(debian_name "$soname")"
    grep -qx "$package" <<< "$depends" || missing="$missing $soname($package)"
done
check "every linked system library's package is in Depends${missing:+ — missing:$missing}" test -z "$missing"

echo
# The plain closing line test runners print: what passed and what failed.
echo "test_bundle.sh: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
