"""Long work (import, export) on a thread of its own, so the window stays responsive.

    worker = Worker(closing=logbook.db.close)
    worker.progress.connect(bar.setValue2)        # (done, total), on the GUI thread
    worker.finished.connect(show_result)          # the job's return value
    worker.failed.connect(show_error)             # the exception it raised
    worker.start(lambda job: logbook.import_sessions(items, progress=job.report,
                                                     cancelled=job.cancelled))
    worker.cancel()                               # asks; the job stops where it checks

The job is any callable taking a `Job`. It runs on a QThread; its progress, result or error
reach the GUI thread as queued signals, so the GUI thread never waits on it. `closing` runs on
the job's thread when the job ends: the services open a database connection per thread, and
that one is closed there, where it was opened.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

# Progress past the first report is passed on at most this often: a 5,000-session import
# would otherwise queue 5,000 repaints.
PROGRESS_INTERVAL_S = 0.05


class Cancelled(Exception):
    """Raised by `Job.check()` inside a job the lifter cancelled."""


class Job:
    """What a running job sees: report progress, and find out whether it was cancelled."""

    def __init__(self, report: Callable[[int, int], None]):
        self._report = report
        self._cancel = threading.Event()
        self._last_report = 0.0
        self._reported_any = False

    def report(self, done: int, total: int) -> None:
        """Tell the window how far the job is (safe to call as often as you like)."""
        now = time.monotonic()
        if (
            not self._reported_any
            or done >= total
            or now - self._last_report >= (PROGRESS_INTERVAL_S)
        ):
            self._reported_any = True
            self._last_report = now
            self._report(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise `Cancelled` when the job was cancelled: for jobs with no other way to stop."""
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        self._cancel.set()


class _Thread(QThread):
    # Emitted on the job's thread; the Worker lives on the GUI thread, so delivery is queued.
    reported = Signal(int, int)
    ended = Signal(bool, object)  # succeeded, result or exception

    def __init__(self, work: Callable[[Job], object], closing: Callable[[], object] | None):
        super().__init__()
        self.work = work
        self.closing = closing
        self.job = Job(self.reported.emit)

    def run(self) -> None:
        try:
            result = self.work(self.job)
        except BaseException as error:  # every failure goes back to the window
            self._close()
            self.ended.emit(False, error)
        else:
            self._close()
            self.ended.emit(True, result)

    def _close(self) -> None:
        if self.closing is not None:
            # A failed close must not hide the job's own outcome.
            with contextlib.suppress(Exception):
                self.closing()


class Worker(QObject):
    """Runs one job at a time off the GUI thread; `progress`, `finished`, `failed` report."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)  # the exception; `Cancelled` when the job stopped on `check()`

    def __init__(self, parent: QObject | None = None, closing: Callable[[], object] | None = None):
        super().__init__(parent)
        self.closing = closing
        self._thread: _Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, work: Callable[[Job], object]) -> None:
        """Run `work(job)` on a new thread; refused while another job runs."""
        if self._thread is not None:
            raise RuntimeError("a job is already running")
        thread = _Thread(work, self.closing)
        thread.reported.connect(self._on_reported)
        thread.ended.connect(self._on_ended)
        self._thread = thread
        _keeper().keep(thread)
        thread.start()

    def cancel(self) -> None:
        """Ask the running job to stop; it ends (with its partial result) where it checks."""
        if self._thread is not None:
            self._thread.job.cancel()

    @Slot(int, int)
    def _on_reported(self, done: int, total: int) -> None:
        if self._thread is not None and self.sender() is self._thread:
            self.progress.emit(done, total)

    @Slot(bool, object)
    def _on_ended(self, succeeded: bool, outcome: object) -> None:
        if self._thread is None or self.sender() is not self._thread:
            return
        self._thread = None
        if succeeded:
            self.finished.emit(outcome)
        else:
            self.failed.emit(outcome)


class _ThreadKeeper(QObject):
    """Holds every job thread until it has ended, then deletes it on the GUI thread.

    A Worker may go (its dialog closed) while its job still runs, and destroying a running
    QThread aborts the program; so threads belong here, not to the Worker.
    """

    def __init__(self):
        super().__init__()
        self._threads: set[QThread] = set()

    def keep(self, thread: QThread) -> None:
        self._threads.add(thread)
        thread.finished.connect(self._release)

    @Slot()
    def _release(self) -> None:
        thread = self.sender()
        if thread in self._threads:
            # The last reference: the QThread is deleted here, on the GUI thread, after
            # run() returned (Qt's destructor waits out the few instructions left).
            self._threads.discard(thread)

    def running(self) -> int:
        return sum(1 for t in self._threads if t.isRunning())

    def stop_all(self, timeout_ms: int) -> bool:
        threads = [t for t in self._threads if isinstance(t, _Thread)]
        for thread in threads:
            thread.job.cancel()
        deadline = time.monotonic() + timeout_ms / 1000
        for thread in threads:
            left = max(0, int((deadline - time.monotonic()) * 1000))
            if thread.isRunning() and not thread.wait(left):
                return False
        return True


_the_keeper: _ThreadKeeper | None = None


def _keeper() -> _ThreadKeeper:
    global _the_keeper
    if _the_keeper is None:
        _the_keeper = _ThreadKeeper()
    return _the_keeper


def jobs_running() -> int:
    """How many job threads have not ended yet (for a clean shutdown, and tests)."""
    return 0 if _the_keeper is None else _the_keeper.running()


def stop_all_jobs(timeout_ms: int = 60_000) -> bool:
    """Cancel every running job and wait for each to end: before the database is replaced
    under them (the recovery of a damaged index). False when one has not ended in time.

    An import stops between two batches, with both stores agreeing; its dialog hears that
    it was cancelled once the window's event loop runs again."""
    return True if _the_keeper is None else _the_keeper.stop_all(timeout_ms)
