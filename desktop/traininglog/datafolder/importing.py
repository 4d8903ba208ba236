"""Importing sessions read elsewhere: each one sorted into imported, already stored, replacing,
in conflict or refused, then written in batches, files first and the index after.

A cancel or a crash between batches leaves both stores holding what was imported before it
(the startup scan takes in the rest). `--replace` saves the new reading of a session stored
in another version over it, keeping the stored version in one `trash/replaced-…` folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from concurrent import futures
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import InvalidSession, Problem, Session
from ..domain.reports import ImportReport, Rejection
from ..files import faults
from ..files.atomic import fsync_folder, write_atomically
from ..sessionfiles import encode, file_name
from ..sessionfiles.scan import sha256_hex
from ..store import queries, writes
from ..store.writes import StoredFile
from .file_steps import remove_if_there, write_session_file
from .quarantine import free_path
from .saving import Cancelled, Progress, SaveError, validate_for_saving

if TYPE_CHECKING:
    from .logbook import Logbook

IMPORT_BATCH = 250

# The files of a batch are written by a few threads at once: fsync releases the GIL, and the
# file system commits concurrent fsyncs together, so a batch costs a fraction of writing its
# files one by one.
_WRITERS = futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="session-file-writer")

Pending = list[tuple[Session, Path, bytes, str]]  # a new session, its path, bytes and digest
Replacing = list[tuple[str, Session, bytes, StoredFile]]  # source, new reading, stored file


def import_sessions(
    book: Logbook,
    items: Iterable[tuple[str, Session]],
    dry_run: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
    replace: bool,
) -> ImportReport:
    """Sort each session, write the new ones a batch at a time, then replace, if asked."""
    todo = list(items)
    run = _Sorting(book, dry_run, replace)
    for done, (source, session) in enumerate(todo, start=1):
        run.sort(source, session)
        if len(run.pending) >= IMPORT_BATCH:
            commit_batch(book, run.pending)
        if progress:
            progress(done, len(todo))
        if cancelled and cancelled():
            run.report.cancelled = True
            break
    commit_batch(book, run.pending)
    if run.replacing:
        replace_stored(book, run.replacing, run.report)
    return run.report


class _Sorting:
    """Where each session of an import goes, given what is stored and what came before it."""

    def __init__(self, book: Logbook, dry_run: bool, replace: bool):
        self.book, self.dry_run, self.replace = book, dry_run, replace
        self.report = ImportReport()
        self.index = queries.file_index()
        self.stored_by_id = {sid: stamp for sid, stamp in self.index.values()}
        self.taken_names = set(self.index) | set(os.listdir(book.folders.sessions))
        self.seen: set[str] = set()
        self.new_names: set[str] = set()
        self.pending: Pending = []
        self.replacing: Replacing = []

    def sort(self, source: str, session: Session) -> None:
        try:
            validate_for_saving(session, schema=False)
        except InvalidSession as invalid:
            self.report.rejected.append(Rejection(source, tuple(invalid.problems)))
            return
        data = encode(session)
        digest = sha256_hex(data)
        stored = self.stored_by_id.get(session.id)
        if session.id in self.seen or (
            stored is not None and stored_unchanged(session.id, stored, data, digest)
        ):
            self.report.already_stored.append(source)
        elif stored is not None and self.replace:
            self._replacing(source, session, data, stored)
        elif stored is not None:
            self.report.conflicts.append(
                f"{source}: a different version of session {session.id} is already "
                f"stored ({stored.name}); kept the stored one"
            )
        elif self._name_taken(name := file_name(session)):
            problem = Problem("_id", f"{name} is already taken by another session")
            self.report.rejected.append(Rejection(source, (problem,)))
        else:
            self._new(source, session, name, data, digest)

    def _name_taken(self, name: str) -> bool:
        return name in self.taken_names and (
            name in self.new_names or not self.book._unreadable_and_kept(name, self.index)
        )

    def _replacing(self, source: str, session: Session, data: bytes, stored: StoredFile) -> None:
        self.seen.add(session.id)
        path = self.book.folders.sessions / file_name(session)
        self.report.replaced.append((source, path))
        if not self.dry_run:
            self.replacing.append((source, session, data, stored))

    def _new(self, source: str, session: Session, name: str, data: bytes, digest: str) -> None:
        self.seen.add(session.id)
        self.taken_names.add(name)
        self.new_names.add(name)
        path = self.book.folders.sessions / name
        self.report.imported.append((source, path))
        if not self.dry_run:
            self.pending.append((session, path, data, digest))


def stored_unchanged(session_id: str, stored: StoredFile, data: bytes, digest: str) -> bool:
    """True when the index holds this very session, whatever the stored file's formatting."""
    if stored.sha256 == digest:
        return True
    # A file written by hand or by another program holds the same session in other bytes.
    held = queries.load_session(session_id)
    return held is not None and encode(held) == data


def commit_batch(book: Logbook, pending: Pending) -> None:
    """Write a batch's files, make them durable, then index them in one transaction.

    Nothing is indexed before all of the batch's files are on disk; if one cannot be
    written or the index refuses the batch, the batch's files (all new ones) go, so that both
    stores hold what was imported before it and importing again picks up from there.
    """
    if not pending:
        return
    sessions = book.folders.sessions
    written = [_WRITERS.submit(write_session_file, *item) for item in pending]
    futures.wait(written)
    batch = [w.result() for w in written if w.exception() is None]
    failure = next((w.exception() for w in written if w.exception() is not None), None)
    pending.clear()
    try:
        if failure is not None:
            raise failure
        fsync_folder(sessions)
        faults.checkpoint("import-files-written")
        writes.insert_sessions(batch)
    except Exception:
        for _, stored in batch:
            remove_if_there(sessions / stored.name)
        with contextlib.suppress(OSError):
            fsync_folder(sessions)
        raise
    faults.checkpoint("db-written")


def replace_stored(book: Logbook, replacing: Replacing, report: ImportReport) -> None:
    """Copy each stored version into one trash folder, then save the new one over it.

    Each session is saved by the usual protocol; a crash leaves at worst a copy in trash/
    of a version still stored, or a new file the index lacks (the scan takes it in). A disk
    or index failure stops the rest, each of which is reported as not replaced.
    """
    folder = _replaced_folder(book)
    report.trash_folder = folder
    failed: Exception | None = None
    for source, session, data, stored in replacing:
        if failed is not None:
            _not_replaced(report, source, f"not replaced: {failed}")
            continue
        kept = folder / stored.name
        try:
            write_atomically(kept, book._stored_bytes(session.id, stored.name))
            book._store(session, data)
        except Exception as error:
            # `_store` put the stored file back: the session is as it was, and so is its
            # index row; its copy in trash/ is not needed.
            with contextlib.suppress(OSError):
                kept.unlink()
            _not_replaced(report, source, str(error))
            if not isinstance(error, SaveError):
                failed = error
            continue
        report.trashed.append(kept)
    if not report.trashed:
        with contextlib.suppress(OSError):
            folder.rmdir()
        report.trash_folder = None


def _replaced_folder(book: Logbook) -> Path:
    """One `trash/replaced-<time>` folder for the whole import."""
    stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
    folder = free_path(book.folders.trash / f"replaced-{stamp}")
    folder.mkdir(parents=True)
    fsync_folder(book.folders.trash)
    return folder


def _not_replaced(report: ImportReport, source: str, why: str) -> None:
    report.replaced = [r for r in report.replaced if r[0] != source]
    report.rejected.append(Rejection(source, (Problem("", why),)))
