"""`check --repair` and Help ▸ Check data ▸ Repair: both stores brought to agreement.

By DESIGN.md's rules, in this order, each step only when the one before left work to do:
1. an index that fails `PRAGMA quick_check`, or that opening moved aside, is rebuilt from the
   files (the damaged one is kept in backups/);
2. the startup scan: new and changed files are read in (the file wins), bad files are copied
   to quarantine/ with a reason and left in place, a row whose file is in trash/ is dropped, a
   session whose file is gone or holds another session is kept in trash/, leftover temp files
   go; a second file holding a session the index has in another (a copy) is moved to trash/,
   which the lifter asked for by asking to repair;
3. files whose content differs from their row although name, size and mtime agree are read
   in again (the file wins);
4. if anything still disagrees, the index is rebuilt from the files (step 2 has already
   put every session only the index held in trash/, so nothing is lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.reports import CheckReport, SyncReport
from ..sessionfiles import SessionFileError, decode
from ..sessionfiles.scan import read_with_stat
from ..store import writes
from ..store.db import integrity_problem
from . import health, reconcile
from .file_steps import stamp_from
from .logbook import Logbook
from .saving import Progress


@dataclass
class RepairReport:
    """What was wrong, what was done, and how the stores compare afterwards."""

    before: CheckReport
    after: CheckReport
    recovery: health.Recovery | None = None
    scan: SyncReport = field(default_factory=SyncReport)
    reread: list[str] = field(default_factory=list)
    copies_trashed: list[tuple[str, str]] = field(default_factory=list)  # (copy, kept)
    rebuilt: int | None = None

    @property
    def agrees(self) -> bool:
        return self.after.agrees

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.recovery
            or self.scan.changed_anything
            or self.scan.temp_files_removed
            or self.reread
            or self.copies_trashed
            or self.rebuilt is not None
        )

    def lines(self) -> list[str]:
        out = [self.recovery.message()] if self.recovery else []
        scan = self.scan
        if scan.imported:
            out.append(f"added {len(scan.imported)} file(s) the database lacked")
        if scan.updated:
            out.append(f"read in {len(scan.updated)} file(s) changed outside Training Log")
        if scan.dropped:
            out.append(f"dropped {len(scan.dropped)} row(s) whose file is in trash")
        if scan.temp_files_removed:
            out.append(f"removed {scan.temp_files_removed} file(s) left by interrupted saves")
        out += scan.warnings()
        out += [
            f"{name}: a second copy of the session in {kept}; moved to trash/"
            for name, kept in self.copies_trashed
        ]
        out += [f"{name}: read in again (it differed from the database)" for name in self.reread]
        if self.rebuilt is not None:
            out.append(f"rebuilt the database from {self.rebuilt} session file(s)")
        if not self.changed_anything:
            out.append("nothing needed repairing")
        return out + self.after.lines()


def repair(logbook: Logbook, progress: Progress | None = None) -> RepairReport:
    """Bring the index and the files to agreement; the logbook must be open for writing."""
    folders = logbook.folders
    recovery = health.rebuild_if_moved_aside(logbook, progress)
    if recovery is None:
        problem = integrity_problem(logbook.db.connection())
        if problem is not None:
            recovery = health.recover(logbook, problem, progress)
    before = reconcile.check(folders, deep=True)
    report = RepairReport(before, before, recovery)
    if before.agrees and not before.leftover_temp_files:
        return report
    report.scan = reconcile.sync(folders)
    for name, kept in report.scan.duplicates:
        copy = folders.sessions / name
        if copy.exists():
            reconcile.move_to(folders.trash, copy)
            report.copies_trashed.append((name, kept))
    report.scan.duplicates = []
    after = reconcile.check(folders, deep=True)
    for name in after.content_differs:
        try:
            data, stat = read_with_stat(folders.sessions / name)
            session = decode(data)
        except (OSError, SessionFileError):
            continue  # gone or spoiled since: the rebuild below settles it
        writes.upsert_session(session, stamp_from(stat, data))
        report.reread.append(name)
    if report.reread:
        after = reconcile.check(folders, deep=True)
    if not after.agrees:
        report.rebuilt, rejected = reconcile.rebuild(folders, progress)
        report.scan.quarantined += rejected
        after = reconcile.check(folders, deep=True)
    report.after = after
    return report
