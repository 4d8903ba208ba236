"""A dialog whose long work runs on the worker thread (import, export)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QWidget

from ...controller import Controller
from ...datafolder.errors import describe
from ..common.worker import Worker


class WorkerDialog(QDialog):
    """Runs jobs on a worker that closes the index's connection for its thread when done;
    the subclass answers `_on_finished` and `_on_failed`, and has the `progress` bar, the
    `status` label and the `cancel_button` these use."""

    def __init__(
        self,
        controller: Controller,
        title: str,
        name: str,
        parent: QWidget | None,
        settings: QSettings | None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.setWindowTitle(title)
        self.setObjectName(name)
        self.worker = Worker(self, closing=controller.logbook.db.close)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)

    def cancel(self) -> None:
        """Ask the running job to stop; it stops at its next check."""
        if self.worker.running:
            self.worker.cancel()
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failure_text(self, error: BaseException, what: str) -> str:
        """The lifter's sentence for a failed job; a bug is logged with its traceback."""
        message = describe(error)
        if message is None:
            logging.getLogger(type(self).__module__).error("%s failed", what, exc_info=error)
            message = f"{type(error).__name__}: {error}"
        return message
