"""The app's look: Fusion everywhere (the same on every desktop) and one stylesheet."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from ...files.shipped import shipped_file


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f6f7f9"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f9fafb"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fde"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#2f6fde"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    # A missing stylesheet leaves the plain Fusion look, never a failed start.
    with contextlib.suppress(FileNotFoundError):
        app.setStyleSheet(shipped_file("resources", "style", "training-log.qss").read_text("utf-8"))
