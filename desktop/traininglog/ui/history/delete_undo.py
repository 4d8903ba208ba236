"""Deleting a session and taking it back: an undo command, and the status bar's "Restore".

A delete moves the session's file into trash/ and drops its row; undoing it saves the file
back through the save service, so both stores agree again. An import that replaced sessions
(File ▸ Import…, "Replace sessions already imported") is taken back the same way: each
replaced version is restored from trash/, and the import's reading goes to trash/ in turn.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QLabel

from ...controller import Controller

NOTICE_MS = 60_000


class DeleteSession(QUndoCommand):
    """A delete already done; undo restores it from trash/, redo deletes it again."""

    def __init__(self, controller: Controller, session_id: str, trash_path: Path, label: str):
        super().__init__(f"Delete session {label}")
        self.controller = controller
        self.session_id = session_id
        self.trash_path = trash_path
        self.label = label
        self._done = True  # the first redo(), from push(), finds the delete already done

    def redo(self) -> None:
        if self._done:
            return
        trash_path = self.controller.delete(self.session_id)
        if trash_path is None:
            self.setObsolete(True)
            return
        self.trash_path = trash_path
        self._done = True

    def undo(self) -> None:
        if self.controller.restore(self.trash_path) is None:
            self.setObsolete(True)
            return
        self._done = False


class ReplaceImported(QUndoCommand):
    """An import that replaced sessions, already done; undo restores the versions it replaced.

    There is no redo: the import's reading is in trash/ after the undo, and importing the file
    again with "Replace" reads it again.
    """

    def __init__(self, controller: Controller, trash_paths: list[Path]):
        super().__init__(f"Replace {_sessions(len(trash_paths))}")
        self.controller = controller
        self.trash_paths = list(trash_paths)

    def redo(self) -> None:
        pass  # push() calls this; the import did the work

    def undo(self) -> None:
        self.trash_paths = self.controller.restore_all(self.trash_paths)
        self.setObsolete(True)


def _sessions(count: int) -> str:
    return f"{count} imported session{'s' * (count != 1)}"


class RestoreNotice(QLabel):
    """ "Deleted the session of Tue 4 Mar 2025. Restore" in the status bar, for a minute."""

    restore_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("restoreNotice")
        self.setAccessibleName("Deleted session")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(lambda _link: self.restore_requested.emit())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_deleted(self, label: str) -> None:
        self.setText(
            f"Deleted the session of {label} (its file is in trash/). <a href='restore'>Restore</a>"
        )
        self.show()
        self._timer.start()

    def show_replaced(self, count: int) -> None:
        self.setText(
            f"Replaced {_sessions(count)} (the versions replaced are in trash/). "
            "<a href='restore'>Restore</a>"
        )
        self.show()
        self._timer.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
