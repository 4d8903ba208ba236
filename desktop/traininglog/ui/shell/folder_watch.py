"""Sessions that arrive while the window is open: saved on another computer and carried into
the sessions folder by a sync tool, changed there, or deleted there.

The folder is watched (QFileSystemWatcher); a burst of changes is taken in once it settles,
and a light rescan every little while covers file systems where watching is unreliable
(network shares, some FUSE mounts). The scan runs off the GUI thread; what it took in is told
in the status bar, and the pages refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ...controller import Controller
from ...datafolder.errors import describe
from ...domain.reports import SyncReport
from ..common.formatting import plural
from ..common.worker import Worker

SETTLE_MS = 300  # a sync tool writes a temp file and renames it: wait for the burst to end
RESCAN_MS = 10_000  # the fallback where change notices don't come


class FolderWatch(QObject):
    """Watches the sessions folder and takes in what changed there."""

    arrived = Signal(object)  # the SyncReport of a scan that changed something
    scanned_at_start = Signal(object)  # the SyncReport of the startup scan

    def __init__(self, controller: Controller, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self.soon)
        self.settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.settle.timeout.connect(self.scan_now)
        self.fallback = QTimer(self, interval=RESCAN_MS)
        self.fallback.timeout.connect(self.scan_now)
        self.worker = Worker(self, closing=controller.logbook.db.close)
        self.worker.finished.connect(self._scanned)
        self.worker.failed.connect(self._failed)
        self._again = False
        self._told: set[tuple[str, str] | str] = set()  # conflicts and newer files told of
        self._failure: str | None = None  # the failure told, until a scan works again
        self._at_start = False  # the scan running is the startup scan

    def start(self) -> None:
        if self.controller.read_only:
            return  # nothing is taken in: the index is not written
        folder = str(self.controller.folders.sessions)
        if folder not in self.watcher.directories():
            self.watcher.addPath(folder)
        self.fallback.start()

    def stop(self) -> None:
        self.settle.stop()
        self.fallback.stop()
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())

    def soon(self, *_args: object) -> None:
        """Something changed in the folder: scan once it has been quiet for a moment."""
        self.settle.start()

    def scan_at_start(self) -> None:
        """The startup scan, off the GUI thread once the window is up: its report goes to
        `scanned_at_start` (its warnings, sessions kept in trash, conflicts), the pages
        refresh if it changed anything. The window shows the index as it is meanwhile."""
        if self.controller.read_only:
            return  # nothing is taken in: the index is not written
        self._at_start = True
        self.scan_now()

    def scan_now(self) -> None:
        if self.worker.running:
            self._again = True  # once this one ends: it may have missed the latest
            return
        self.worker.start(lambda _job: self.controller.scan())

    def _scanned(self, report: SyncReport) -> None:
        self._failure = None
        if self._at_start:
            self._at_start = False
            self._told = {*report.conflicts, *report.newer}  # told now, with the warnings
            if report.changed_anything:
                self.controller.changed.emit()
            self.scanned_at_start.emit(report)
            self._again_if_asked()
            return
        waiting = {*report.conflicts, *report.newer}
        news = waiting - self._told
        self._told = waiting  # a conflict resolved and made again is told again
        if report.changed_anything:
            self.controller.changed.emit()
        if report.changed_anything or news:
            self.arrived.emit(report)
        self._again_if_asked()

    def _failed(self, error: BaseException) -> None:
        if self._at_start:
            self._at_start = False
            self.controller.report_failure(error, "scan the sessions folder")  # type: ignore[arg-type]
            self._again_if_asked()
            return
        # Told once through the controller's usual path, not at every rescan (a folder on an
        # unplugged drive fails every 10 s); the next change or rescan tries again.
        said = describe(error) or f"{type(error).__name__}: {error}"
        if said != self._failure:
            self._failure = said
            self.controller.report_failure(error, "take in the sessions folder's changes")
        self._again_if_asked()

    def _again_if_asked(self) -> None:
        if self._again:
            self._again = False
            self.scan_now()


def arrival_text(report: SyncReport) -> str:
    """ "2 sessions arrived, 1 changed elsewhere, 1 deleted elsewhere (kept in trash)"."""
    told = (
        (len(report.imported), lambda n: f"{plural(n, 'session')} arrived"),
        (len(report.updated), lambda n: f"{n:,} changed elsewhere"),
        (len(report.trashed), lambda n: f"{n:,} deleted elsewhere (kept in trash)"),
        (len(report.conflicts), lambda n: f"{plural(n, 'conflict')} to resolve"),
        (len(report.newer), lambda n: f"{n:,} written by a newer Training Log"),
    )
    return ", ".join(say(count) for count, say in told if count)
