"""The GUI's one door to the services: a GUI intent becomes one service call and a signal."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from .datafolder import reconcile
from .datafolder.errors import describe
from .datafolder.logbook import Logbook
from .domain import Session
from .domain.calculations import E1rmRule, OneRepMaxFormula
from .domain.reports import SavedPaths, SyncReport
from .store import queries, session_pages

log = logging.getLogger(__name__)


class Controller(QObject):
    """Saves, deletes and reads through the logbook; widgets listen to its signals."""

    saved = Signal(object)  # SavedPaths
    deleted = Signal(str, object)  # session id, trash path
    changed = Signal()  # the stored sessions changed
    progress = Signal(int, int)
    error = Signal(str)  # a failure the lifter can act on, in words
    bug = Signal(object, str)  # anything else: the exception and what was being done

    def __init__(self, logbook: Logbook, parent: QObject | None = None):
        super().__init__(parent)
        self.logbook = logbook

    @property
    def folders(self):
        return self.logbook.folders

    @property
    def read_only(self) -> bool:
        return self.logbook.read_only

    @property
    def read_only_why(self) -> str | None:
        return self.logbook.read_only_why

    def save(self, session: Session) -> SavedPaths | None:
        """Save through the save service; None (and `error`) when it could not be done."""
        try:
            paths = self.logbook.save(session)
        except Exception as error:  # every failure reaches the lifter as a message
            self._report(error, "save the session")
            return None
        self.saved.emit(paths)
        self.changed.emit()
        return paths

    def delete(self, session_id: str):
        try:
            trash_path = self.logbook.delete(session_id)
        except Exception as error:
            self._report(error, "delete the session")
            return None
        self.deleted.emit(session_id, trash_path)
        self.changed.emit()
        return trash_path

    def restore(self, trash_path) -> SavedPaths | None:
        try:
            paths = self.logbook.restore(trash_path)
        except Exception as error:
            self._report(error, "restore the session")
            return None
        self.saved.emit(paths)
        self.changed.emit()
        return paths

    def restore_all(self, trash_paths) -> list:
        """Restore several sessions (the undo of an import that replaced them), telling the
        views once; returns the paths not restored (the first failure stops the rest)."""
        left = list(trash_paths)
        while left:
            try:
                paths = self.logbook.restore(left[0])
            except Exception as error:
                self._report(error, "restore the sessions")
                break
            left.pop(0)
            self.saved.emit(paths)
        self.changed.emit()
        return left

    def sync(self) -> SyncReport | None:
        """The startup scan; the window shows its warnings."""
        if self.read_only:
            return None
        try:
            report = reconcile.sync(self.folders)
        except Exception as error:
            self._report(error, "scan the sessions folder")
            return None
        if report.changed_anything:
            self.changed.emit()
        return report

    # -- reading (fast index lookups; the window calls these directly) -----------------------

    def load_session(self, session_id: str) -> Session | None:
        return queries.load_session(session_id)

    def latest_session(self, focus: str | None = None) -> Session | None:
        session_id = session_pages.latest_session_id(focus)
        return queries.load_session(session_id) if session_id else None

    def last_time(self, exercise_name: str, before: str | None = None):
        return queries.last_time(exercise_name, before=before)

    def best_e1rm_kg(self, exercise_name: str, rule: E1rmRule | OneRepMaxFormula) -> float | None:
        return queries.best_estimated_one_rep_max(exercise_name, rule)

    def exercise_names(self) -> list[str]:
        return queries.exercise_names()

    def focuses(self) -> list[str]:
        return queries.focuses()

    def _report(self, error: Exception, doing: str) -> None:
        message = describe(error)
        if message is None:
            log.exception("could not %s", doing)
            self.bug.emit(error, doing)  # a dialog with the details and a Copy button
            return
        self.error.emit(message)

    def close(self) -> None:
        self.logbook.close()
