"""The save service: the only code that writes the session files and the index.

Every save follows one protocol (DESIGN.md, "Saving"): validate, write the JSON file
atomically, upsert the index in one transaction, report both paths. The JSON folder is the
truth; the index can always be rebuilt from it (`reconcile.py`). Importing is
`importing.py`; the file-level steps are `file_steps.py`.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from ..domain import Session
from ..domain.reports import ImportReport, SavedPaths
from ..files import faults
from ..files.atomic import fsync_folder, write_atomically
from ..sessionfiles import NewerFormatError, SessionFileError, decode, encode, file_name
from ..sessionfiles.scan import sha256_hex
from ..store import queries, writes
from ..store.db import (
    IndexDatabase,
    IndexNotReadable,
    header_problem,
    init_db,
    is_damaged,
    move_aside,
    open_read_only,
)
from . import importing
from .datadir import DataDirectory
from .file_steps import FileBefore, make_newer, remove_if_there, stamp, writable_folder
from .prepared import Prepared
from .quarantine import copy_into, free_path, is_quarantined
from .saving import Cancelled, ChangedElsewhere, Progress, SaveError, validate_for_saving
from .writerlock import WriterLock

__all__ = ["ChangedElsewhere", "Logbook", "SaveError"]

T = TypeVar("T")


def _one_writer_at_a_time(method: Callable[..., T]) -> Callable[..., T]:
    """The method holds the logbook's `writing` lock while it runs."""

    @functools.wraps(method)
    def holding(self: Logbook, *args: object, **kwargs: object) -> T:
        with self.writing:
            return method(self, *args, **kwargs)

    return holding


class Logbook:
    """One open data directory: save, delete and import sessions; scan, check and rebuild."""

    def __init__(self, folders: DataDirectory, read_only: bool = False, why: str | None = None):
        self.folders = folders
        self.read_only = read_only
        # Why it is read-only, in a phrase the window shows beside Save.
        self.read_only_why = (why or "opened read-only") if read_only else None
        self._lock: WriterLock | None = None
        # Where a damaged index was moved to, when opening found one (then it starts empty),
        # and what was wrong with it.
        self.moved_aside: Path | None = None
        self.damage: str | None = None
        self.damage_rebuilt = False  # set once the new index was filled from the files
        # Held by every write and by a scan while the window is open: a scan running beside
        # a save would see its new file before its row, and take a rename for a copy.
        self.writing = threading.RLock()
        if not read_only:
            folders.create()
            self._lock = WriterLock(folders.lock_file).acquire()
        try:
            self.db = self._open_index()
        except BaseException:
            self.close()
            raise

    def _open_index(self) -> IndexDatabase:
        if self.read_only:
            try:
                return open_read_only(self.folders.database)
            except IndexNotReadable:
                if not writable_folder(self.folders.root):
                    raise
                # Writable after all (another instance writes it): opened as it always was.
        problem = None if self.read_only else header_problem(self.folders.database)
        if problem is None:
            try:
                return init_db(self.folders.database, self.folders.backups)
            except Exception as error:
                if self.read_only or not is_damaged(error):
                    raise
                problem = str(getattr(error, "orig", error))
        # The index is only an index: keep the damaged one for inspection and start a new
        # one, which the startup scan (or a rebuild) fills from the session files.
        self.moved_aside = move_aside(self.folders.database, self.folders.backups)
        self.damage = problem
        return init_db(self.folders.database, self.folders.backups)

    def replace_index(self, problem: str) -> Path:
        """Move a damaged index aside (with its -wal and -shm) and start an empty one.

        For damage found after opening (a failed integrity check); the caller refills the new
        index from the files (`reconcile.rebuild`). Returns where the old one went.
        """
        self._writable()
        self.db.close()
        self.moved_aside = move_aside(self.folders.database, self.folders.backups)
        self.damage, self.damage_rebuilt = problem, False
        self.db = init_db(self.folders.database, self.folders.backups)
        return self.moved_aside

    def close(self) -> None:
        db = getattr(self, "db", None)
        if db is not None and not db.is_closed():
            db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Logbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- saving ------------------------------------------------------------------------------

    @_one_writer_at_a_time
    def save(self, session: Session, based_on: str | None = None) -> SavedPaths:
        """Validate, write the file, update the index; returns both paths.

        `based_on`, the SHA-256 of the file the edit was opened from: when the file holds
        something else now (changed or deleted on another computer), nothing is written and
        `ChangedElsewhere` says what it holds.
        """
        self._writable()
        validate_for_saving(session)
        return self._store(session, encode(session), based_on)

    @_one_writer_at_a_time
    def save_over(self, session: Session) -> tuple[SavedPaths, Path | None]:
        """Save the lifter's version over one changed elsewhere, which goes to trash/ first;
        both paths, and where that other version went (None: no other version was there)."""
        self._writable()
        validate_for_saving(session)
        data = encode(session)
        name = queries.file_name_of(session.id) or file_name(session)
        kept = None
        with contextlib.suppress(FileNotFoundError):
            theirs = (self.folders.sessions / name).read_bytes()
            if theirs != data:
                kept = copy_into(self.folders.trash, name, theirs)
        return self._store(session, data), kept

    def put_in_trash(self, session: Session) -> Path:
        """A version of a session the lifter did not keep, as a file in trash/ (restoring it
        from there brings it back); the stores are not touched."""
        return copy_into(self.folders.trash, file_name(session), encode(session))

    def _store(self, session: Session, data: bytes, based_on: str | None = None) -> SavedPaths:
        """Steps 2 to 4 of a save, for a session already validated and encoded."""
        name = file_name(session)
        previous = queries.file_name_of(session.id)
        if based_on is not None:
            self._refuse_changed_elsewhere(session.id, previous or name, based_on)
        self._refuse_name_clash(session, name, previous)
        path = self.folders.sessions / name
        self._write_file_then_row(session, path, data, previous)
        faults.checkpoint("db-written")
        if previous is not None and previous != name:
            self._remove_old_name(previous)
        return SavedPaths(self.folders.database, path, sha256_hex(data))

    def _refuse_changed_elsewhere(self, session_id: str, name: str, based_on: str) -> None:
        try:
            data = (self.folders.sessions / name).read_bytes()
        except FileNotFoundError:
            raise ChangedElsewhere(session_id, name, None, gone=True) from None
        if sha256_hex(data) == based_on:
            return
        try:
            theirs = decode(data)
        except SessionFileError:
            theirs = None
        raise ChangedElsewhere(session_id, name, theirs, gone=False)

    def _write_file_then_row(
        self, session: Session, path: Path, data: bytes, previous: str | None
    ) -> None:
        """The file in place, then the index; if either fails, the file as it was before."""
        before = FileBefore.of(path)
        try:
            write_atomically(path, data)
            if previous is not None and previous != path.name:
                make_newer(path, than=self.folders.sessions / previous)
            faults.checkpoint("json-written")
            writes.upsert_session(session, stamp(path, data))
        except Exception:
            # Disk full, a locked or read-only index…: put the file back as it was, so both
            # stores keep the previous version. The form still holds the new one.
            before.put_back()
            raise

    def _remove_old_name(self, previous: str) -> None:
        """The date changed: the new file is in place and indexed, the old name goes."""
        remove_if_there(self.folders.sessions / previous)
        fsync_folder(self.folders.sessions)

    @_one_writer_at_a_time
    def delete(self, session_id: str) -> Path:
        """Move the session's file into trash/, then drop its row; returns the trash path."""
        self._writable()
        name = queries.file_name_of(session_id)
        if name is None:
            raise SaveError(f"session {session_id} is not stored")
        target = free_path(self.folders.trash / name)
        moved = self._file_to_trash(session_id, name, target)
        faults.checkpoint("file-trashed")
        try:
            writes.delete_session(session_id)
        except Exception:
            if moved:  # the index still lists the session: its file goes back
                shutil.move(target, self.folders.sessions / name)
                fsync_folder(self.folders.sessions)
            raise
        return target

    def _file_to_trash(self, session_id: str, name: str, target: Path) -> bool:
        """Move the file to `target`; True if it was there to move.

        A file that went missing behind our back leaves the index with the only copy; a
        delete destroys nothing, so that copy is written to trash instead.
        """
        source = self.folders.sessions / name
        if source.exists():
            shutil.move(source, target)  # a rename when trash/ is on the same disk
            fsync_folder(self.folders.trash)
            fsync_folder(self.folders.sessions)
            return True
        if (held := queries.load_session(session_id)) is not None:
            write_atomically(target, encode(held))
        return False

    @_one_writer_at_a_time
    def restore(self, trash_path: Path) -> SavedPaths:
        """Bring a session back from trash/ (the undo of `delete`, or of a replacing import).

        When another version of it is stored now (the one an import put in its place), that
        version goes to trash/ first: taking something back destroys nothing either.
        """
        session = decode(trash_path.read_bytes())
        self._keep_the_version_stored_now(session)
        paths = self.save(session)
        trash_path.unlink()
        if trash_path.parent != self.folders.trash:
            with contextlib.suppress(OSError):
                trash_path.parent.rmdir()  # a replaced-… folder, once all of it is back
        return paths

    def _keep_the_version_stored_now(self, session: Session) -> None:
        current = queries.file_name_of(session.id)
        if current is not None:
            held = self._stored_bytes(session.id, current)
            if held != encode(session):
                copy_into(self.folders.trash, current, held)

    def _stored_bytes(self, session_id: str, name: str) -> bytes:
        """The stored file of a session; from the index when the file went missing."""
        try:
            return (self.folders.sessions / name).read_bytes()
        except FileNotFoundError:
            held = queries.load_session(session_id)
            return encode(held) if held is not None else b""

    def _refuse_name_clash(self, session: Session, name: str, previous: str | None) -> None:
        owner = queries.session_id_of_file(name)
        if owner is not None and owner != session.id:
            raise SaveError(
                f"{name} already holds another session ({owner}); "
                "change this session's time by a second and save again"
            )
        path = self.folders.sessions / name
        if owner is None and previous != name and path.exists():
            try:
                on_disk = decode(path.read_bytes()).id
            except NewerFormatError:
                raise SaveError(
                    f"{path.name} was written by a newer Training Log; update Training Log "
                    "to change this session"
                ) from None
            except Exception:
                # A file that can't be read may be replaced once quarantine/ keeps its bytes
                # (restoring the session it held, say).
                on_disk = session.id if self._unreadable_and_kept(name, {}) else None
            if on_disk != session.id:
                raise SaveError(
                    f"{path} exists and is not this session; run `traininglog check` "
                    "to sort it out before saving"
                )

    def _unreadable_and_kept(self, name: str, index: dict) -> bool:
        """Whether the file under `name` is one the scan could not read and copied to
        quarantine/, so that a session may take the name (the one it held, restored)."""
        if name in index:
            return False
        try:
            data = (self.folders.sessions / name).read_bytes()
            decode(data)
        except SessionFileError:
            return is_quarantined(self.folders, name, data)
        except OSError:
            return False
        return False

    def _writable(self) -> None:
        if self.read_only:
            raise SaveError(f"this data directory is open read-only: {self.read_only_why}")

    # -- importing ---------------------------------------------------------------------------

    @_one_writer_at_a_time
    def import_sessions(
        self,
        items: Iterable[tuple[str, Session | Prepared]],
        dry_run: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        replace: bool = False,
    ) -> ImportReport:
        """Add sessions read elsewhere; a session already stored identically adds nothing.

        Files are written first, then the index in batches; a cancel or a crash between
        batches leaves both stores consistent (the scan covers the rest).

        A session stored in another version (the same source rows read differently, e.g.
        with another weight unit) is kept as stored, unless `replace`: then the new reading
        is saved over it, and the stored version goes to one `trash/replaced-…` folder for
        the whole import (`report.trash_folder`), whether or not it was edited since.

        Session files read for import are best given as `prepared.prepare_session_files`
        gives them: read, checked and encoded on every core while the import writes.
        """
        if not dry_run:
            self._writable()
        return importing.import_sessions(self, items, dry_run, progress, cancelled, replace)
