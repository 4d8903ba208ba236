"""Keeping the index in line with the session files: the startup scan, check and rebuild.

The files win. The scan compares the folder with the index by name, size and mtime and
reads only what changed; `check` reports without changing anything; `rebuild` makes a new
index from the files alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from ..domain import Session
from ..domain.reports import CheckReport, Rejection, SyncReport, TrashedSession
from ..files import faults
from ..files.atomic import fsync_folder
from ..sessionfiles import NewerFormatError, SessionFileError, decode, encode, file_name
from ..sessionfiles.naming import is_conventional
from ..sessionfiles.scan import (
    FileStat,
    UnreadableFile,
    list_sessions_folder,
    read_with_stat,
    sha256_hex,
)
from ..store import queries, writes
from ..store.db import init_db
from ..store.index_builder import IndexBuilder
from ..store.models import database
from ..store.writes import IndexRows, StoredFile
from .datadir import DataDirectory
from .file_steps import stamp_from
from .quarantine import (
    copy_into,
    free_path,
    is_noted,
    is_quarantined,
    note_unreadable,
    quarantine_copy,
)
from .reading import Invalid, Newer, ReadFile, Unreadable, read_folder
from .saving import Cancelled, Progress

REBUILD_BATCH = 500
# Every one of this many sessions or more gone at once is a folder not there, not deletions.
ALL_GONE_AT_ONCE = 3


def sync(folders: DataDirectory) -> SyncReport:
    """The startup scan: bring the index in line with the sessions folder.

    Nothing the index holds is dropped without a copy in trash/ and a line in the report: a
    file that vanished, that now holds another session, or that can no longer be read leaves
    its session in trash/. Files are never removed from the sessions folder, except the older
    name of an edit-and-rename the app itself was cut short in.
    """
    report = SyncReport(sessions_folder=str(folders.sessions))
    # A rebuild that died before swapping its new index in leaves it beside the old one.
    for leftover in _database_files(_rebuilding(folders.database)):
        leftover.unlink(missing_ok=True)
    listing = list_sessions_folder(folders.sessions)
    for temp in listing.temp_files:
        # One writer holds the lock, so a temp file now is a save that never finished.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folders.sessions / temp)
            report.temp_files_removed += 1
    if not listing.not_files and listing.files == queries.file_stamps():
        # Every file has the name, size and mtime the index recorded, and the index has no
        # other: nothing was touched since (compared in C, not file by file in Python).
        report.conflicts = list(listing.conflicts.items())
        return report
    index = queries.file_index()
    owner_of = {sid: name for name, (sid, _) in index.items()}
    changed: list[tuple[Session, StoredFile, FileStat]] = []
    no_longer_held: dict[str, str] = {}  # file name → why its indexed session is not in it
    for name, stat in listing.files.items():
        known = index.get(name)
        if _stamp_unchanged(known, stat) or (read := _read(folders, name)) is None:
            continue
        if isinstance(read, UnreadableFile):
            if note_unreadable(folders, name, read.stat, read.why):
                report.quarantined.append(Rejection(name, tuple(read.problems)))
            if known is not None:
                no_longer_held[name] = read.why
            continue
        data, stat = read
        if known is not None and known[1].sha256 == sha256_hex(data):
            writes.update_file_stamp(known[0], stat.size, stat.mtime_ns)
            continue
        try:
            session = decode(data)
        except NewerFormatError:
            # Not ours to read, copy or rewrite: left as it is, and the index forgets its
            # older copy (a save or a restore would otherwise write that back over it).
            report.newer.append(name)
            if known is not None:
                writes.delete_session(known[0])
                report.newer_dropped.append(name)
            continue
        except SessionFileError as error:
            rejection = quarantine_copy(folders, name, data, error.problems)
            if rejection is not None:
                report.quarantined.append(rejection)
            if known is not None:
                no_longer_held[name] = "can no longer be read"
            continue
        if known is not None and known[0] != session.id:
            no_longer_held[name] = "now holds another session"
        changed.append((session, stamp_from(stat, data), stat))

    report.conflicts = list(listing.conflicts.items())
    for name, kind in sorted(listing.not_files.items()):
        report.not_files.append((name, kind))
        if name in index:
            no_longer_held[name] = f"is not a file ({kind})"
    listed = {n: s for n, s in listing.files.items() if n not in no_longer_held}
    winners = _one_file_per_session(changed, report, folders, listed, owner_of)
    claimed = {session.id for session, _, _ in winners}
    for name, why in sorted(no_longer_held.items()):
        session_id = index[name][0]
        if session_id not in claimed and owner_of.get(session_id) == name:
            _trash_indexed(folders, report, session_id, name, f"{name} {why}")
    # (A file or folder of this name that is not a session stays as it is.)
    for session, stamp, _stat in winners:
        writes.upsert_session(session, stamp)
        (report.updated if stamp.name in index else report.imported).append(stamp.name)

    # Nothing moved: the listing and index in hand are current, so no second look is needed.
    unchanged = not (changed or report.quarantined or report.superseded or no_longer_held)
    if len(index) >= ALL_GONE_AT_ONCE and not listing.files and not listing.not_files:
        # Not one of the sessions the index holds is there: a folder not mounted, not synced
        # yet, or the wrong one, far likelier than every session deleted. Nothing is moved to
        # trash; the lifter is told.
        report.folder_holds_none = len(index)
        return report
    _rows_without_files(folders, report, (listing, index) if unchanged else None)
    return report


def _one_file_per_session(changed, report, folders, listed, owner_of):
    """Which file each changed session is read from.

    Two files holding one session: the one the index had it in is kept; of new files, the
    newest. The other is reported and left as it is, never deleted (a copy made by hand, or by
    a sync tool). Only an edit that changed the date and was cut short before the old name
    went (every claimant under the name the app gives its content) is finished: the newest
    wins and the older name moves to trash/.
    """
    claims: dict[str, list[tuple[Session | ReadFile | None, StoredFile | None, FileStat]]] = {}
    for session, stamp, stat in changed:
        claims.setdefault(_session_id(session), []).append((session, stamp, stat))
    winners = []
    for session_id, claimants in claims.items():
        indexed = owner_of.get(session_id)
        if (
            indexed is not None
            and indexed in listed
            and all(stat.name != indexed for _, _, stat in claimants)
        ):
            claimants.append((None, None, listed[indexed]))
        claimants.sort(key=lambda c: (c[2].mtime_ns, c[2].name), reverse=True)
        if len(claimants) > 1 and _an_unfinished_rename(claimants):
            for _, _, stat in claimants[1:]:
                move_to(folders.trash, folders.sessions / stat.name)
                report.superseded.append(stat.name)
            kept = claimants[0]
        else:
            kept = next((c for c in claimants if c[2].name == indexed), claimants[0])
            for _, _, stat in claimants:
                if stat is not kept[2]:
                    report.duplicates.append((stat.name, kept[2].name))
        if kept[0] is not None:
            winners.append(kept)
    return winners


def _an_unfinished_rename(claimants) -> bool:
    """The same session under two of the app's names, the newest named as the app names its
    content: what an edit cut short between writing the new name and removing the old one
    leaves behind. (The older name may hold a date it does not say, if the file was redated
    by hand; a copy made by hand or by a sync tool has a name of its own, or is the newer.)"""
    (newest_session, _, newest), *older = claimants
    # The newest is named as the app names its content, so its name's id part is the id's.
    id_part = newest.name.removesuffix(".json").rsplit("_", 1)[-1]
    return (
        is_conventional(newest.name)
        and (newest_session is None or _app_name(newest_session) == newest.name)
        and all(
            is_conventional(stat.name) and stat.name.endswith(f"_{id_part}.json")
            for _, _, stat in older
        )
    )


def _session_id(found: Session | ReadFile) -> str:
    return found.session_id if isinstance(found, ReadFile) else found.id


def _app_name(found: Session | ReadFile) -> str:
    """The name the app gives this session's content."""
    return found.app_name if isinstance(found, ReadFile) else file_name(found)


def _trash_indexed(
    folders: DataDirectory, report: SyncReport, session_id: str, name: str, why: str
) -> None:
    """The index's copy of a session whose file no longer holds it goes to trash/, and its row
    goes: the lifter is told, and restoring it from trash/ brings it back."""
    session = queries.load_session(session_id)
    if session is not None:
        target = copy_into(folders.trash, name, encode(session))
        report.trashed.append(TrashedSession(name, target, session.date, session.focus, why))
    writes.delete_session(session_id)


def _rows_without_files(folders: DataDirectory, report: SyncReport, known=None) -> None:
    listing, index = known or (list_sessions_folder(folders.sessions), queries.file_index())
    on_disk = set(listing.files)
    for name, (session_id, recorded) in index.items():
        if name in on_disk:
            continue
        if _in_trash(folders, recorded):
            writes.delete_session(session_id)
            report.dropped.append(name)
            continue
        # A deletion made elsewhere (by hand, or on another computer through a sync tool):
        # never written back silently, never lost.
        _trash_indexed(folders, report, session_id, name, f"{name} is gone from the folder")


def _in_trash(folders: DataDirectory, recorded: StoredFile) -> bool:
    """True when trash/ holds the very file the index recorded (a delete cut short).

    The move keeps the file's size and mtime. A copy trashed by an earlier delete of the same
    session, before it was saved or imported again, has another mtime and does not count.
    """
    first = folders.trash / recorded.name
    candidate, n = first, 0
    while candidate.exists():
        st = candidate.stat()
        if (st.st_size, st.st_mtime_ns) == (recorded.size, recorded.mtime_ns) and sha256_hex(
            candidate.read_bytes()
        ) == recorded.sha256:
            return True
        n += 1
        candidate = first.with_name(f"{first.stem}.{n}{first.suffix}")
    return False


def move_to(folder: Path, source: Path) -> Path:
    target = free_path(folder / source.name)
    shutil.move(source, target)
    fsync_folder(folder)
    fsync_folder(source.parent)
    return target


def check(folders: DataDirectory, deep: bool = False) -> CheckReport:
    """Compare the index with the files without changing either.

    `deep` also decodes every file and compares it with what the index holds.
    """
    report = CheckReport()
    listing = list_sessions_folder(folders.sessions)
    index = queries.file_index()
    report.sessions_in_database = len(index)
    report.session_files = len(listing.files)
    report.leftover_temp_files = listing.temp_files
    report.quarantined_files = sorted(
        p.name for p in folders.quarantine.glob("*") if not p.name.endswith((".reason.txt", ".txt"))
    )
    report.not_files = sorted(listing.not_files.items())
    report.conflicts = list(listing.conflicts.items())
    ids_seen: dict[str, str] = {}
    for name, stat in sorted(listing.files.items()):
        known = index.get(name)
        if _stamp_unchanged(known, stat) and not deep:
            if known[0] in ids_seen:
                report.duplicate_ids.append(name)
            ids_seen[known[0]] = name
            continue
        if (read := _read(folders, name)) is None:
            continue
        if isinstance(read, UnreadableFile):
            if is_noted(folders, name, read.stat, read.why):
                report.known_unreadable.append(name)
            else:
                report.invalid_files.append(Rejection(name, tuple(read.problems)))
            continue
        data, stat = read
        try:
            session = decode(data)
        except NewerFormatError:
            report.newer.append(name)
            continue
        except SessionFileError as error:
            rejection = Rejection(name, tuple(error.problems))
            if is_quarantined(folders, name, data):  # told already, and kept
                report.known_unreadable.append(name)
            else:
                report.invalid_files.append(rejection)
            continue
        if session.id in ids_seen:
            report.duplicate_ids.append(name)
        ids_seen[session.id] = name
        if known is None:
            report.files_not_in_database.append(name)
        elif _differs(known, data, session, deep):
            report.content_differs.append(name)
    report.rows_without_file = sorted(set(index) - set(listing.files))
    report.open_to_others = [(str(f), f.stat().st_mode & 0o777) for f in folders.open_to_others()]
    return report


def _stamp_unchanged(known: tuple[str, StoredFile] | None, stat: FileStat) -> bool:
    """The file has the size and mtime the index recorded: it was not touched since."""
    return known is not None and (known[1].size, known[1].mtime_ns) == (stat.size, stat.mtime_ns)


def _read(folders: DataDirectory, name: str) -> tuple[bytes, FileStat] | UnreadableFile | None:
    """A session file's bytes and stat; why it can't be read; or None when it has gone."""
    try:
        return read_with_stat(folders.sessions / name)
    except FileNotFoundError:
        return None
    except UnreadableFile as error:
        return error


def _differs(known: tuple[str, StoredFile], data: bytes, session: Session, deep: bool) -> bool:
    if known[1].sha256 != sha256_hex(data) or known[0] != session.id:
        return True
    return deep and queries.load_session(session.id) != session


def rebuild(
    folders: DataDirectory,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    told: SyncReport | None = None,
) -> tuple[int, list[Rejection]]:
    """Make a new index from the session files alone, then swap it in.

    The new database is built beside the old one and replaces it only when complete: a crash
    or a cancel leaves the old index in place. Returns (sessions indexed, files quarantined).
    A session the old index held that no file holds goes to trash/ first, never lost; `told`
    collects those and the files holding a session twice.
    """
    told = told if told is not None else SyncReport()
    held_before = _what_the_index_holds()
    listing = list_sessions_folder(folders.sessions)
    read: list[tuple[ReadFile, StoredFile, FileStat]] = []
    rejected: list[Rejection] = []
    names = sorted(listing.files)
    stopped = False

    def asked_to_stop() -> bool:
        nonlocal stopped
        stopped = bool(cancelled and cancelled())
        return stopped

    def done(count: int) -> None:
        if progress and (count % 100 == 0 or count == len(names)):
            progress(count, len(names) * 2)

    target = folders.database
    building = _rebuilding(target)
    for leftover in _database_files(building):
        leftover.unlink(missing_ok=True)
    # The rows go into the new index as the files are read (on the builder's thread), each
    # session's first file's; which file a session held twice is read from is settled after.
    builder = IndexBuilder(building)
    inserted: dict[str, str] = {}  # session id → the file its rows came from
    coming: list[IndexRows] = []
    try:
        for outcome in read_folder(folders.sessions, names, done, asked_to_stop):
            if isinstance(outcome, ReadFile):
                read.append((outcome, outcome.stamp, outcome.stat))
                if outcome.session_id not in inserted:
                    inserted[outcome.session_id] = outcome.name
                    coming.append(outcome.rows)
                    if len(coming) >= REBUILD_BATCH:
                        builder.add(coming)
                        coming = []
            elif isinstance(outcome, Unreadable):
                note_unreadable(folders, outcome.name, outcome.stat, outcome.why)
                rejected.append(Rejection(outcome.name, outcome.problems))
            elif isinstance(outcome, Newer):  # left as it is, never copied to quarantine/
                told.newer.append(outcome.name)
            elif isinstance(outcome, Invalid):
                rejected.append(
                    quarantine_copy(folders, outcome.name, outcome.data, list(outcome.problems))
                    or Rejection(outcome.name, outcome.problems)
                )
        if stopped:
            raise _Cancelled
        builder.add(coming)
        owner_of = {sid: name for name, sid in held_before.items()}
        winners = _one_file_per_session(read, told, folders, listing.files, owner_of)
        chosen = {found.session_id: found for found, _, _ in winners}
        wrong = [
            sid for sid, name in inserted.items() if sid not in chosen or chosen[sid].name != name
        ]
        builder.drop(wrong)
        builder.add([chosen[sid].rows for sid in wrong if sid in chosen])
        for name, session_id in sorted(held_before.items()):
            if session_id not in chosen:
                _trash_indexed(folders, told, session_id, name, f"{name} holds it no longer")
        builder.finish()
    except BaseException as error:
        # Cancelled or failed: the half-built index goes, the old one stays in use.
        builder.abandon()
        for leftover in _database_files(building):
            leftover.unlink(missing_ok=True)
        if isinstance(error, _Cancelled):
            return 0, rejected
        raise
    if progress:
        progress(len(names) * 2, len(names) * 2)
    current = database.obj
    current.close()
    faults.checkpoint("rebuild-built")
    try:
        for stale in _database_files(target)[1:]:
            stale.unlink(missing_ok=True)
        os.replace(building, target)
        fsync_folder(target.parent)
    finally:
        _reopen(current, folders)
    return len(winners), rejected


def _what_the_index_holds() -> dict[str, str]:
    """file name → session id in the current index; nothing when it can't be read (a
    damaged index is what a rebuild is for)."""
    try:
        return {name: sid for name, (sid, _) in queries.file_index().items()}
    except Exception:
        return {}


def _reopen(db, folders: DataDirectory) -> None:
    """Bind the models to the caller's database object again (now on the new file), so that
    the logbook that opened it goes on using it and closes it."""
    if Path(db.database) != folders.database:
        init_db(folders.database, folders.backups)
        return
    database.initialize(db)
    db.connection()


class _Cancelled(Exception):
    pass


def _rebuilding(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".rebuilding")


def _database_files(path: Path) -> list[Path]:
    """A database and what SQLite keeps beside it (the journal until WAL is on)."""
    return [path] + [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]
