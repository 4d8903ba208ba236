"""Which sessions hold a record, worked out off the GUI thread.

Finding every exercise's records reads every set in the index; with years of history that
takes longer than a frame, so it runs in a worker with its own read-only connection, and the
sessions table shows the marks when they arrive. A newer request makes older answers stale.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...domain.calculations import PLAIN_EPLEY, E1rmRule
from ...store.history_queries import RecordMark, record_holders

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)  # request number, {session id: marks} or None on failure


class _Work(QRunnable):
    def __init__(self, number: int, database: Path, rule: E1rmRule, relay: _Relay):
        super().__init__()
        self.number, self.database, self.rule, self.relay = number, database, rule, relay

    def run(self) -> None:
        try:
            marks = record_holders(self.database, self.rule)
        except Exception:  # a locked or vanished database: no marks, never a crash
            log.exception("could not work out the record holders")
            marks = None
        self.relay.done.emit(self.number, marks)


class RecordMarks(QObject):
    """The record holders of the whole history; `ready` when a fresh answer arrived."""

    ready = Signal()

    def __init__(self, database: Path, parent=None):
        super().__init__(parent)
        self.database = database
        self.marks: dict[str, tuple[RecordMark, ...]] = {}
        self.known = False  # True once the latest request was answered
        self.rule = PLAIN_EPLEY  # what the latest request estimates by
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._arrived)
        self._requested = 0

    def request(self, rule: E1rmRule) -> None:
        """Work the marks out again (the history or the estimate's rule changed)."""
        self._requested += 1
        self.known, self.rule = False, rule
        self._pool.start(_Work(self._requested, self.database, rule, self._relay))

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the worker is idle (for tests and benchmarks)."""
        return self._pool.waitForDone(milliseconds)

    def _arrived(self, number: int, marks: dict | None) -> None:
        if number != self._requested:
            return  # an older request: a newer one is on its way
        self.known = True
        if marks is not None:
            self.marks = marks
        self.ready.emit()
