#!/usr/bin/env bash
# Build "Training Log.app" with the PyInstaller spec (its BUNDLE section runs on macOS) and
# wrap it in a disk image: dist/Training-Log-<version>.dmg, with an Applications link to drag
# the app onto.
#
#   packaging/macos/make-dmg.sh
#
# Needs: macOS 11+, Python 3.11+ from python.org or Homebrew, Xcode command line tools
# (hdiutil and codesign ship with macOS). The app is built for the Mac's own architecture.
# Optional signing and notarisation: set CODESIGN_IDENTITY ("Developer ID Application: …")
# and NOTARY_PROFILE (a `xcrun notarytool store-credentials` profile). Unsigned, Gatekeeper
# asks the user to open it with right-click → Open the first time.
#
# Not run on the Linux machine the project is developed on; see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "make-dmg.sh: macOS only" >&2; exit 1; }

[ -x .venv/bin/python ] || python3 -m venv .venv
PYTHON=.venv/bin/python
"$PYTHON" -m pip install -q --upgrade pip
"$PYTHON" -m pip install -q -e ".[packaging]"   # PyInstaller, and Pillow for the .icns
VERSION="$("$PYTHON" -c 'from importlib.metadata import version; print(version("training-log"))')"

"$PYTHON" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/training-log.spec
APP="dist/Training Log.app"
[ -d "$APP" ] || { echo "make-dmg.sh: PyInstaller made no $APP" >&2; exit 1; }

# The bundle must work before it is wrapped: window (offscreen), save, both files.
"$APP/Contents/MacOS/training-log" --version
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/training-log" --self-test

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --strict --verbose=2 "$APP"
fi

DMG="dist/Training-Log-$VERSION.dmg"
STAGING="$(mktemp -d)"
trap 'rm -rf "$STAGING"' EXIT
cp -R "$APP" "$STAGING/"
ln -s /Applications "$STAGING/Applications"
rm -f "$DMG"
hdiutil create -volname "Training Log $VERSION" -srcfolder "$STAGING" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
    if [ -n "${NOTARY_PROFILE:-}" ]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
    fi
fi
hdiutil verify "$DMG"
echo "make-dmg.sh: $DMG ($(du -h "$DMG" | cut -f1))"
