"""Starting the window: the application object, the data directory, the startup scan."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..controller import Controller
from ..datadir import DataDirectory
from ..errors import describe
from ..logbook import Logbook
from ..writerlock import DataDirectoryBusy
from .main_window import MainWindow
from .theme import apply_theme


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Training Log")
    app.setOrganizationName("TrainingLog")
    app.setApplicationVersion(__version__)
    apply_theme(app)
    return app  # type: ignore[return-value]


def open_logbook(folders: DataDirectory, parent=None) -> Logbook | None:
    """Open for writing; if another instance writes it, offer read-only. None: give up."""
    try:
        return Logbook(folders)
    except DataDirectoryBusy as busy:
        answer = QMessageBox.question(
            parent,
            "Training Log is already open",
            f"{busy}.\n\nOpen it read-only? You can look at your history but not save.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            return Logbook(folders, read_only=True)
        return None
    except Exception as error:
        message = describe(error)
        if message is None:
            raise
        QMessageBox.critical(parent, "Training Log cannot open its data", message)
        return None


def run(folders: DataDirectory) -> int:
    """Open the main window on `folders`; returns the exit code."""
    app = make_application()
    logbook = open_logbook(folders)
    if logbook is None:
        return 1
    controller = Controller(logbook)
    report = controller.sync()
    window = MainWindow(controller)
    if report is not None and report.warnings():
        window.statusBar().showMessage("; ".join(report.warnings()[:3]), 15000)
    window.show()
    window.offer_draft_restore()
    try:
        return app.exec()
    finally:
        controller.close()
