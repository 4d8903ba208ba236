"""The main figures at several history sizes, as a PNG drawn with Qt (no plotting library).

    python tests/bench/plot_growth.py OUT.png RUN.json [RUN.json…]

Each RUN.json holds the output of `run.py` (its last line is the JSON object); one panel per
figure, one bar per run, each bar labelled with its value, and the figure's target at 5,000
sessions drawn as a dashed line where it is a fixed amount (a ratio's limit is shown as
such). Offscreen: QT_QPA_PLATFORM is set to "offscreen" unless given.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

PANELS = (
    ("startup_s", "start to usable window", "s"),
    ("save_ms", "save one session", "ms"),
    ("rebuild_5000_s", "rebuild from the files", "s"),
    ("import_5000_s", "import the files", "s"),
    ("scan_unchanged_ms", "startup scan, nothing changed", "ms"),
    ("last_time_ms", "last time", "ms"),
    ("history_table_ms", "history table filled and painted", "ms"),
    ("exercise_view_ms", "one exercise's view", "ms"),
    ("chart_ms", "estimated-1RM chart", "ms"),
    ("peak_rss_mb", "peak memory, every view opened", "MB"),
)
BARS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2")
WIDTH, PANEL_H, COLUMNS = 1200, 230, 2


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8").strip().splitlines()[-1])


def draw(runs: list[dict], out: Path) -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    rows = (len(PANELS) + COLUMNS - 1) // COLUMNS
    image = QImage(WIDTH, 70 + rows * PANEL_H, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    title = QFont()
    title.setPointSize(13)
    title.setBold(True)
    painter.setFont(title)
    sizes = ", ".join(f"{run['sessions']:,}" for run in runs)
    painter.drawText(
        QRectF(0, 10, WIDTH, 30),
        Qt.AlignmentFlag.AlignCenter,
        f"Training Log: the main figures at {sizes} sessions (medians, 2 cores, offscreen)",
    )
    small = QFont()
    small.setPointSize(9)
    for index, (key, label, unit) in enumerate(PANELS):
        column, row = index % COLUMNS, index // COLUMNS
        box = QRectF(
            20 + column * WIDTH / COLUMNS, 50 + row * PANEL_H, WIDTH / COLUMNS - 40, PANEL_H - 20
        )
        _panel(painter, box, key, f"{label} ({unit})", runs, small)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))
    del app


def _panel(painter: QPainter, box: QRectF, key: str, label: str, runs: list[dict], font) -> None:
    figures = [run["figures"].get(key) for run in runs]
    values = [f["value"] if f else 0.0 for f in figures]
    limits = [f.get("limit") for f in figures if f and f.get("target")]
    painter.setFont(font)
    painter.setPen(QColor("#222"))
    painter.drawText(QRectF(box.left(), box.top(), box.width(), 18), label)
    plot = QRectF(box.left() + 10, box.top() + 24, box.width() - 20, box.height() - 48)
    top = max([*values, *(limits[:1] or [0])]) * 1.15 or 1.0
    painter.setPen(QPen(QColor("#999"), 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    width = plot.width() / (len(runs) * 1.6)
    for n, (run, value) in enumerate(zip(runs, values, strict=True)):
        height = plot.height() * value / top
        x = plot.left() + width * (0.4 + n * 1.6)
        bar = QRectF(x, plot.bottom() - height, width, height)
        painter.fillRect(bar, QColor(BARS[n % len(BARS)]))
        painter.setPen(QColor("#222"))
        shown = f"{value:,.3g}" if value < 100 else f"{value:,.0f}"
        ratio = figures[n].get("ratio") if figures[n] else None
        if ratio and figures[n].get("target", "").endswith("floor"):
            shown += f"  ({ratio:g}× floor)"
        painter.drawText(
            QRectF(x - width, bar.top() - 16, width * 3, 14), Qt.AlignmentFlag.AlignCenter, shown
        )
        painter.drawText(
            QRectF(x - width, plot.bottom() + 4, width * 3, 14),
            Qt.AlignmentFlag.AlignCenter,
            f"{run['sessions']:,}",
        )
    target = next((f for f in figures if f and f.get("target")), None)
    if target and not str(target["target"]).endswith("floor"):
        y = plot.bottom() - plot.height() * target["limit"] / top
        painter.setPen(QPen(QColor("#d62728"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(plot.left(), y, plot.right(), y)
        painter.drawText(
            QRectF(plot.right() - 220, y - 15, 220, 14),
            Qt.AlignmentFlag.AlignRight,
            f"target at 5,000: {target['target']}",
        )


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    draw([load(Path(p)) for p in argv[1:]], Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
