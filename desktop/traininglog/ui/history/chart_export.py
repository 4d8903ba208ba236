"""Saving a chart as a PNG image, as it is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget


def save_png(view: QWidget, path: Path) -> Path | None:
    """Render the chart view into `path` (".png" added when missing); the path written, or
    None when the image could not be written."""
    if path.suffix.lower() != ".png":
        path = path.with_name(path.name + ".png")
    return path if view.grab().save(str(path), "PNG") else None
