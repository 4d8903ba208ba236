"""Render the app icon's SVG source to the hicolor PNG sizes, with Qt's own SVG renderer.

    .venv/bin/python packaging/render_icons.py          # rewrite resources/icons/hicolor/
    .venv/bin/python packaging/render_icons.py --check  # exit 1 if a PNG is missing or stale

The check allows for the renderer: Qt's antialiasing differs by a few levels from one machine
(CPU, Qt build) to another, so a PNG is stale only when it differs from a fresh render by more
than that (see `looks_the_same`), as a changed drawing does.

A size N comes from `training-log-N.svg` when that exists: the same drawing redrawn on an
N-pixel grid with fewer, bolder strokes, because detail drawn at 512 blurs into grey at 16 px.
Every other size is rendered from `training-log.svg`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "training-log.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NAME = "training-log"


def source_for(size: int) -> Path:
    """The drawing to render at `size` pixels."""
    hinted = ICONS / f"{NAME}-{size}.svg"
    return hinted if hinted.exists() else SOURCE


def target_for(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def render(source: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


# A changed drawing moves a stroke or a colour: many pixels off by a lot. Renderers differ in
# antialiasing: edge pixels off by a few levels, a handful off by more.
MEAN_LEVELS = 1.5  # average difference per channel, out of 255
FAR_LEVELS = 64  # a channel this far off counts as a changed pixel
FAR_SHARE = 0.005  # of all channels


def looks_the_same(shipped: QImage, fresh: QImage) -> bool:
    """Whether `shipped` is `fresh` up to the antialiasing that renderers differ in."""
    if shipped.isNull() or shipped.size() != fresh.size():
        return False
    a = _channels(shipped)
    b = _channels(fresh)
    total = far = 0
    for x, y in zip(a, b, strict=True):
        d = x - y if x > y else y - x
        total += d
        far += d >= FAR_LEVELS
    return total <= MEAN_LEVELS * len(a) and far <= FAR_SHARE * len(a)


def _channels(image: QImage) -> bytes:
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(argb.constBits())[: argb.sizeInBytes()]


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; write nothing")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([])
    stale = []
    for size in SIZES:
        image = render(source_for(size), size)
        target = target_for(size)
        if args.check:
            if not looks_the_same(QImage(str(target)), image):
                stale.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png_bytes(image))
        print(f"wrote {target.relative_to(ICONS.parent.parent)}", file=sys.stderr)
    for target in stale:
        print(f"{target}: missing or out of date; run packaging/render_icons.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
