"""Backups of the index, kept thinned, and the sessions folder as one zip file.

The index is copied with SQLite's backup API on a connection of its own (never a file copy of
a live database), so a backup may run off the GUI thread while the window goes on. Each copy
is checked with `PRAGMA quick_check` and kept only if it passes. Copies are taken before
every migration (`store/db.py`), on quit when something changed, and on demand (File ▸ Back up
now), and thinned the way backup tools do it: the newest copy of each of the last 7 days that
have one, of the last 4 weeks and of the last 12 months. Copies taken before a migration are
kept apart (the newest for each old schema); a damaged index moved aside is never deleted.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..files.atomic import fsync_folder, replace
from ..sessionfiles.scan import list_sessions_folder
from ..store.db import backup_to, integrity_problem
from .datadir import DataDirectory
from .saving import Cancelled, Progress, SaveError

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
STAMP = "%Y%m%d-%H%M%S"
_REGULAR = re.compile(r"^traininglogs-(\d{8}-\d{6})(?:\.\d+)?\.db$")
_MIGRATION = re.compile(r"^traininglogs-schema(\d+)-(\d{8}-\d{6})(?:\.\d+)?\.db$")


class BackupFailed(SaveError):
    """A backup that could not be made, or whose copy failed its check (and was not kept)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    written_ns: int = 0  # orders two backups taken within one second

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.taken, self.written_ns)


def back_up(folders: DataDirectory, now: datetime | None = None) -> Path:
    """Copy the index into backups/, check the copy, thin the older ones; returns the copy."""
    now = now or datetime.now()
    target = _free_name(folders.backups, now)
    source = _open_read_only(folders.database)
    try:
        backup_to(source, target)
    finally:
        source.close()
    problem = _check(target)
    if problem is not None:
        _remove(target)
        raise BackupFailed(
            f"the database failed its integrity check ({problem}), so the backup was not "
            "kept; run Help ▸ Check data to rebuild it from your session files"
        )
    fsync_folder(folders.backups)
    thin(folders.backups, keeping=target)
    return target


def back_up_if_changed(folders: DataDirectory, now: datetime | None = None) -> Path | None:
    """`back_up` unless the newest backup already holds what the index holds (quitting)."""
    if not folders.database.exists():
        return None
    found = regular_backups(folders.backups)
    if found and _fingerprint(found[0].path) == _fingerprint(folders.database):
        return None
    return back_up(folders, now)


def regular_backups(folder: Path) -> list[Backup]:
    """The backups taken now or on quit, newest first."""
    return sorted(_backups(folder, _REGULAR, 1), key=lambda b: b.order, reverse=True)


def thin(folder: Path, keeping: Path | None = None) -> list[Path]:
    """Delete the backups the keeping rules do not keep; returns what was deleted."""
    found = regular_backups(folder)
    keep = backups_to_keep(found) | {keeping}
    deleted = [b.path for b in found if b.path not in keep]
    newest_per_schema: dict[str, Backup] = {}
    for backup, schema in _migration_backups(folder):
        if schema not in newest_per_schema or backup.order > newest_per_schema[schema].order:
            if schema in newest_per_schema:
                deleted.append(newest_per_schema[schema].path)
            newest_per_schema[schema] = backup
        else:
            deleted.append(backup.path)
    for path in deleted:
        _remove(path)
    return deleted


def backups_to_keep(backups: list[Backup]) -> set[Path]:
    """The newest backup of each of the last 7 days, 4 weeks and 12 months that have one."""
    newest_first = sorted(backups, key=lambda b: b.order, reverse=True)
    keep = {newest_first[0].path} if newest_first else set()
    periods: list[tuple[Callable[[datetime], object], int]] = [
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ]
    for period_of, count in periods:
        seen: set[object] = set()
        for backup in newest_first:
            period = period_of(backup.taken)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(backup.path)
    return keep


def export_sessions_zip(
    folders: DataDirectory,
    target: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Every session file in one zip (under `sessions/`); returns how many went in.

    Written under a temporary name and renamed when complete: a cancel or a crash never
    leaves a zip that looks whole but is not.
    """
    names = sorted(list_sessions_folder(folders.sessions).files)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for done, name in enumerate(names, start=1):
                try:
                    archive.write(folders.sessions / name, f"sessions/{name}")
                except FileNotFoundError:
                    continue  # deleted while the zip was written
                if progress:
                    progress(done, len(names))
                if cancelled and cancelled():
                    raise _Cancelled
        with open(partial, "rb+") as file:
            os.fsync(file.fileno())
        replace(partial, target)
    except _Cancelled:
        partial.unlink(missing_ok=True)
        return 0
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(names)


class _Cancelled(Exception):
    pass


def _backups(folder: Path, pattern: re.Pattern[str], group: int) -> list[Backup]:
    found = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match:
            taken = datetime.strptime(match.group(group), STAMP)
            found.append(Backup(path, taken, path.stat().st_mtime_ns))
    return found


def _migration_backups(folder: Path) -> list[tuple[Backup, str]]:
    found = []
    for backup in _backups(folder, _MIGRATION, 2):
        match = _MIGRATION.match(backup.path.name)
        assert match is not None
        found.append((backup, match.group(1)))
    return found


def _free_name(folder: Path, now: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime(STAMP)
    target, n = folder / f"traininglogs-{stamp}.db", 0
    while target.exists():
        n += 1
        target = folder / f"traininglogs-{stamp}.{n}.db"
    return target


def _open_read_only(database: Path) -> sqlite3.Connection:
    if not database.exists():
        raise BackupFailed(f"there is no database at {database} to back up")
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)


def _check(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        return integrity_problem(connection)
    finally:
        connection.close()


def _fingerprint(database: Path) -> str | None:
    """What the index holds, in one hash: every session's id, file name and content hash."""
    try:
        connection = _open_read_only(database)
    except (BackupFailed, sqlite3.Error):
        return None
    digest = hashlib.sha256()
    try:
        rows = connection.execute(
            "SELECT id, file_name, file_sha256 FROM session ORDER BY id"
        ).fetchall()
        digest.update(str(connection.execute("PRAGMA user_version").fetchone()[0]).encode())
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    for row in rows:
        digest.update("\0".join(row).encode("utf-8") + b"\n")
    return digest.hexdigest()


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        candidate.unlink(missing_ok=True)
