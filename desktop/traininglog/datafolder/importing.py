"""Importing sessions read elsewhere: each one sorted into imported, already stored, replacing,
in conflict or refused, then written in batches, files first and the index after.

A cancel or a crash between batches leaves both stores holding what was imported before it
(the startup scan takes in the rest). `--replace` saves the new reading of a session stored
in another version over it, keeping the stored version in one `trash/replaced-…` folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sized
from concurrent import futures
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import InvalidSession, Problem, Session
from ..domain.reports import ImportReport, Rejection
from ..files import faults
from ..files.atomic import fsync_folder, write_atomically
from ..sessionfiles import encode
from ..store import queries, writes
from ..store.writes import StoredFile
from .file_steps import remove_if_there, write_session_file
from .prepared import Prepared, prepare
from .quarantine import free_path
from .saving import Cancelled, Progress, SaveError

if TYPE_CHECKING:
    from .logbook import Logbook

IMPORT_BATCH = 250

# The files of a batch are written by a few threads at once: fsync releases the GIL, and the
# file system commits concurrent fsyncs together, so a batch costs a fraction of writing its
# files one by one.
_WRITERS = futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="session-file-writer")

Pending = list[tuple[Prepared, Path]]  # a new session and its path
Replacing = list[tuple[str, Session, bytes, StoredFile]]  # source, new reading, stored file


def import_sessions(
    book: Logbook,
    items: Iterable[tuple[str, Session | Prepared]],
    dry_run: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
    replace: bool,
) -> ImportReport:
    """Sort each session, write the new ones a batch at a time, then replace, if asked.

    `items` may be read as they are sorted (`prepared.PreparedFiles`): when it is sized, its
    length is the total the progress counts towards, and the batches are written while the
    rest is still being read.
    """
    todo = items if isinstance(items, Sized) else list(items)
    total = len(todo)
    run = _Sorting(book, dry_run, replace)
    batches = Batches(book)
    with writes.many_inserts():
        try:
            for done, (source, item) in enumerate(todo, start=1):
                run.sort(source, item)
                if len(run.pending) >= IMPORT_BATCH:
                    batches.write(run.pending)
                if progress:
                    progress(done, total)
                if cancelled and cancelled():
                    run.report.cancelled = True
                    break
            batches.write(run.pending)
        finally:
            # Stopped by an error or not, the batch whose files are being written is
            # finished, as it was when each batch was committed before the next was sorted.
            batches.finish()
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

    def sort(self, source: str, item: Session | Prepared) -> None:
        if isinstance(item, Prepared):
            ready = item
        else:
            try:
                ready = prepare(item)
            except InvalidSession as invalid:
                self.report.rejected.append(Rejection(source, tuple(invalid.problems)))
                return
        stored = self.stored_by_id.get(ready.id)
        if ready.id in self.seen or (
            stored is not None and stored_unchanged(ready.id, stored, ready.data, ready.digest)
        ):
            self.report.already_stored.append(source)
        elif stored is not None and self.replace:
            self._replacing(source, ready, stored)
        elif stored is not None:
            self.report.conflicts.append(
                f"{source}: a different version of session {ready.id} is already "
                f"stored ({stored.name}); kept the stored one"
            )
        elif self._name_taken(ready.name):
            problem = Problem("_id", f"{ready.name} is already taken by another session")
            self.report.rejected.append(Rejection(source, (problem,)))
        else:
            self._new(source, ready)

    def _name_taken(self, name: str) -> bool:
        return name in self.taken_names and (
            name in self.new_names or not self.book._unreadable_and_kept(name, self.index)
        )

    def _replacing(self, source: str, ready: Prepared, stored: StoredFile) -> None:
        self.seen.add(ready.id)
        path = self.book.folders.sessions / ready.name
        self.report.replaced.append((source, path))
        if not self.dry_run:
            self.replacing.append((source, ready.session(), ready.data, stored))

    def _new(self, source: str, ready: Prepared) -> None:
        self.seen.add(ready.id)
        self.taken_names.add(ready.name)
        self.new_names.add(ready.name)
        path = self.book.folders.sessions / ready.name
        self.report.imported.append((source, path))
        if not self.dry_run:
            self.pending.append((ready, path))


def stored_unchanged(session_id: str, stored: StoredFile, data: bytes, digest: str) -> bool:
    """True when the index holds this very session, whatever the stored file's formatting."""
    if stored.sha256 == digest:
        return True
    # A file written by hand or by another program holds the same session in other bytes.
    held = queries.load_session(session_id)
    return held is not None and encode(held) == data


class Batch:
    """A batch of new sessions whose files the writer threads are writing.

    `finish` waits for them, makes them durable, then indexes them in one transaction.
    Nothing is indexed before all of the batch's files are on disk; if one cannot be
    written or the index refuses the batch, the batch's files (all new ones) go, so that both
    stores hold what was imported before it and importing again picks up from there.
    """

    def __init__(self, book: Logbook, pending: Pending):
        self.sessions = book.folders.sessions
        self.written = [
            (ready, _WRITERS.submit(write_session_file, path, ready.data, ready.digest))
            for ready, path in pending
        ]

    def _wait(self) -> tuple[list[tuple[Prepared, StoredFile]], BaseException | None]:
        futures.wait([w for _, w in self.written])
        done = [(ready, w.result()) for ready, w in self.written if w.exception() is None]
        failure = next((w.exception() for _, w in self.written if w.exception() is not None), None)
        return done, failure

    def finish(self) -> None:
        batch, failure = self._wait()
        try:
            if failure is not None:
                raise failure
            fsync_folder(self.sessions)
            faults.checkpoint("import-files-written")
            writes.insert_rows([writes.with_file(ready.rows, stored) for ready, stored in batch])
        except Exception:
            self._remove(batch)
            raise
        faults.checkpoint("db-written")

    def _remove(self, batch: list[tuple[Prepared, StoredFile]]) -> None:
        for _, stored in batch:
            remove_if_there(self.sessions / stored.name)
        with contextlib.suppress(OSError):
            fsync_folder(self.sessions)


class Batches:
    """The batch whose files are being written while the next one is sorted (and read).

    Its rows go into the index before the next batch's files are started, so that at any
    moment at most one batch has files the index lacks, as when each batch was written
    whole before the next was sorted.
    """

    def __init__(self, book: Logbook):
        self.book = book
        self.writing: Batch | None = None

    def write(self, pending: Pending) -> None:
        """Finish the batch being written, then start writing the files of `pending`."""
        self.finish()
        if pending:
            self.writing = Batch(self.book, pending)
            pending.clear()

    def finish(self) -> None:
        writing, self.writing = self.writing, None
        if writing is not None:
            writing.finish()


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
