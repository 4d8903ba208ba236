"""The status bar's "Saved · <db> · <json>": both paths clickable, each opens its folder."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from ...domain.reports import SavedPaths


class SavedPathsLabel(QLabel):
    """Shows the paths the last save wrote; clicking one opens the folder that holds it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("savedPaths")
        self.setTextFormat(self.textFormat().RichText)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self.open_folder)
        self.setAccessibleName("Files written by the last save")
        self.paths: SavedPaths | None = None

    def show_paths(self, paths: SavedPaths) -> None:
        self.paths = paths
        links = " · ".join(_link(p) for p in (paths.database, paths.session_file))
        self.setText(f"Saved · {links}")
        self.setToolTip("Click a path to open its folder")

    @staticmethod
    def open_folder(url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))


def _link(path: Path) -> str:
    folder = QUrl.fromLocalFile(str(path.parent)).toString()
    return f'<a href="{html.escape(folder)}">{html.escape(str(path))}</a>'
