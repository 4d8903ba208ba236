"""The save service: the only code that writes the session files and the index.

Every save follows one protocol (DESIGN.md, "Saving"): validate, write the JSON file
atomically, upsert the index in one transaction, report both paths. The JSON folder is the
truth; the index can always be rebuilt from it (`reconcile.py`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent import futures
from datetime import datetime
from pathlib import Path

from ..domain import InvalidSession, Problem, Session, ensure_valid
from ..domain.reports import ImportReport, Rejection, SavedPaths
from ..files import faults
from ..files.atomic import fsync_folder, write_atomically
from ..sessionfiles import SessionFileError, decode, encode, file_name, to_document
from ..sessionfiles.scan import FileStat, sha256_hex
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
from ..store.writes import StoredFile
from .datadir import DataDirectory
from .quarantine import free_path, is_quarantined
from .writerlock import WriterLock

IMPORT_BATCH = 250

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class SaveError(RuntimeError):
    """A save that could not be done; nothing was half-written."""


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
                if not _writable_folder(self.folders.root):
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

    def save(self, session: Session) -> SavedPaths:
        """Validate, write the file, update the index; returns both paths."""
        self._writable()
        validate_for_saving(session)
        return self._store(session, encode(session))

    def _store(self, session: Session, data: bytes) -> SavedPaths:
        """Steps 2 to 4 of a save, for a session already validated and encoded."""
        name = file_name(session)
        previous = queries.file_name_of(session.id)
        self._refuse_name_clash(session, name, previous)
        path = self.folders.sessions / name
        before = _FileBefore.of(path)
        try:
            write_atomically(path, data)
            if previous is not None and previous != name:
                _make_newer(path, than=self.folders.sessions / previous)
            faults.checkpoint("json-written")
            writes.upsert_session(session, _stamp(path, data))
        except Exception:
            # Disk full, a locked or read-only index…: put the file back as it was, so both
            # stores keep the previous version. The form still holds the new one.
            before.put_back()
            raise
        faults.checkpoint("db-written")
        if previous is not None and previous != name:
            # The date changed: the new file is in place and indexed, the old name goes.
            with_suppressed_missing(lambda: os.unlink(self.folders.sessions / previous))
            fsync_folder(self.folders.sessions)
        return SavedPaths(self.folders.database, path)

    def delete(self, session_id: str) -> Path:
        """Move the session's file into trash/, then drop its row; returns the trash path."""
        self._writable()
        name = queries.file_name_of(session_id)
        if name is None:
            raise SaveError(f"session {session_id} is not stored")
        source = self.folders.sessions / name
        target = free_path(self.folders.trash / name)
        moved = source.exists()
        if moved:
            shutil.move(source, target)  # a rename when trash/ is on the same disk
            fsync_folder(self.folders.trash)
            fsync_folder(self.folders.sessions)
        elif (held := queries.load_session(session_id)) is not None:
            # The file went missing behind our back and the index holds the only copy; a
            # delete destroys nothing, so that copy goes to trash.
            write_atomically(target, encode(held))
        faults.checkpoint("file-trashed")
        try:
            writes.delete_session(session_id)
        except Exception:
            if moved:  # the index still lists the session: its file goes back
                shutil.move(target, source)
                fsync_folder(self.folders.sessions)
            raise
        return target

    def restore(self, trash_path: Path) -> SavedPaths:
        """Bring a session back from trash/ (the undo of `delete`, or of a replacing import).

        When another version of it is stored now (the one an import put in its place), that
        version goes to trash/ first: taking something back destroys nothing either.
        """
        session = decode(trash_path.read_bytes())
        current = queries.file_name_of(session.id)
        if current is not None:
            held = self._stored_bytes(session.id, current)
            if held != encode(session):
                write_atomically(free_path(self.folders.trash / current), held)
        paths = self.save(session)
        trash_path.unlink()
        if trash_path.parent != self.folders.trash:
            with contextlib.suppress(OSError):
                trash_path.parent.rmdir()  # a replaced-… folder, once all of it is back
        return paths

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

    def import_sessions(
        self,
        items: Iterable[tuple[str, Session]],
        dry_run: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        replace: bool = False,
    ) -> ImportReport:
        """Add sessions read elsewhere; a session already stored identically adds nothing.

        Files are written first, then the index in batches with executemany; a cancel or a
        crash between batches leaves both stores consistent (the scan covers the rest).

        A session stored in another version (the same source rows read differently, e.g.
        with another weight unit) is kept as stored, unless `replace`: then the new reading
        is saved over it, and the stored version goes to one `trash/replaced-…` folder for
        the whole import (`report.trash_folder`), whether or not it was edited since.
        """
        if not dry_run:
            self._writable()
        report = ImportReport()
        todo = list(items)
        index = queries.file_index()
        stored_by_id = {sid: stamp for sid, stamp in index.values()}
        taken_names = set(index) | set(os.listdir(self.folders.sessions))
        seen: set[str] = set()
        new_names: set[str] = set()
        pending: list[tuple[Session, Path, bytes, str]] = []
        replacing: list[tuple[str, Session, bytes, StoredFile]] = []
        for done, (source, session) in enumerate(todo, start=1):
            try:
                validate_for_saving(session, schema=False)
            except InvalidSession as invalid:
                report.rejected.append(Rejection(source, tuple(invalid.problems)))
                continue
            data = encode(session)
            digest = sha256_hex(data)
            stored = stored_by_id.get(session.id)
            if session.id in seen or (
                stored is not None and _stored_unchanged(session.id, stored, data, digest)
            ):
                report.already_stored.append(source)
            elif stored is not None and replace:
                seen.add(session.id)
                report.replaced.append((source, self.folders.sessions / file_name(session)))
                if not dry_run:
                    replacing.append((source, session, data, stored))
            elif stored is not None:
                report.conflicts.append(
                    f"{source}: a different version of session {session.id} is already "
                    f"stored ({stored.name}); kept the stored one"
                )
            elif (name := file_name(session)) in taken_names and (
                name in new_names or not self._unreadable_and_kept(name, index)
            ):
                report.rejected.append(
                    Rejection(
                        source, (Problem("_id", f"{name} is already taken by another session"),)
                    )
                )
            else:
                seen.add(session.id)
                taken_names.add(name)
                new_names.add(name)
                path = self.folders.sessions / name
                report.imported.append((source, path))
                if not dry_run:
                    pending.append((session, path, data, digest))
            if len(pending) >= IMPORT_BATCH:
                self._commit_batch(pending)
            if progress:
                progress(done, len(todo))
            if cancelled and cancelled():
                report.cancelled = True
                break
        self._commit_batch(pending)
        if replacing:
            self._replace_stored(replacing, report)
        return report

    def _replace_stored(
        self, replacing: list[tuple[str, Session, bytes, StoredFile]], report: ImportReport
    ) -> None:
        """Copy each stored version into one trash folder, then save the new one over it.

        Each session is saved by the usual protocol; a crash leaves at worst a copy in trash/
        of a version still stored, or a new file the index lacks (the scan takes it in).
        """
        stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
        folder = free_path(self.folders.trash / f"replaced-{stamp}")
        folder.mkdir(parents=True)
        fsync_folder(self.folders.trash)
        report.trash_folder = folder
        failed: Exception | None = None
        for source, session, data, stored in replacing:
            if failed is not None:  # the disk or the index failed: the rest is not tried
                report.replaced = [r for r in report.replaced if r[0] != source]
                report.rejected.append(Rejection(source, (Problem("", f"not replaced: {failed}"),)))
                continue
            kept = folder / stored.name
            try:
                write_atomically(kept, self._stored_bytes(session.id, stored.name))
                self._store(session, data)
            except Exception as error:  # every failure is reported, the rest not tried
                # `_store` put the stored file back: the session is as it was, and so is
                # its index row; its copy in trash/ is not needed.
                with contextlib.suppress(OSError):
                    kept.unlink()
                report.replaced = [r for r in report.replaced if r[0] != source]
                report.rejected.append(Rejection(source, (Problem("", str(error)),)))
                if not isinstance(error, SaveError):
                    failed = error
                continue
            report.trashed.append(kept)
        if not report.trashed:
            with contextlib.suppress(OSError):
                folder.rmdir()
            report.trash_folder = None

    def _commit_batch(self, pending: list[tuple[Session, Path, bytes, str]]) -> None:
        """Write a batch's files, make them durable, then index them in one transaction.

        The files are written by a few threads at once: fsync releases the GIL, and the
        file system commits concurrent fsyncs together, so a batch costs a fraction of
        writing its files one by one. Nothing is indexed before all of them are on disk.
        """
        if not pending:
            return
        written = [_WRITERS.submit(_write_session_file, *item) for item in pending]
        futures.wait(written)
        batch = [w.result() for w in written if w.exception() is None]
        failure = next((w.exception() for w in written if w.exception() is not None), None)
        pending.clear()
        try:
            if failure is not None:
                raise failure
            fsync_folder(self.folders.sessions)
            faults.checkpoint("import-files-written")
            writes.insert_sessions(batch)
        except Exception:
            # A file could not be written or the index refused the batch: the batch's files
            # (all new ones) go, so that both stores hold what was imported before it, and
            # importing again picks up from there.
            for _, stored in batch:
                with_suppressed_missing(lambda n=stored.name: os.unlink(self.folders.sessions / n))
            with contextlib.suppress(OSError):
                fsync_folder(self.folders.sessions)
            batch.clear()
            raise
        faults.checkpoint("db-written")
        batch.clear()


def validate_for_saving(session: Session, schema: bool = True) -> None:
    """Domain rules, then the published schema (DESIGN.md, step 1)."""
    ensure_valid(session)
    if schema:
        # Imported here: jsonschema's format checkers take about 2 s to import, which every
        # command-line run would pay although only an interactive save checks the schema.
        from ..sessionfiles.schema import schema_problems

        found = schema_problems(to_document(session))
        if found:
            raise InvalidSession(found)


def _stored_unchanged(session_id: str, stored: StoredFile, data: bytes, digest: str) -> bool:
    """True when the index holds this very session, whatever the stored file's formatting."""
    if stored.sha256 == digest:
        return True
    # A file written by hand or by another program holds the same session in other bytes.
    held = queries.load_session(session_id)
    return held is not None and encode(held) == data


class _FileBefore:
    """A session file as it was before a save replaced it, to put back if the save fails."""

    def __init__(self, path: Path, data: bytes | None, st: os.stat_result | None):
        self.path, self.data, self.st = path, data, st

    @classmethod
    def of(cls, path: Path) -> _FileBefore:
        try:
            with open(path, "rb") as file:
                return cls(path, file.read(), os.fstat(file.fileno()))
        except FileNotFoundError:
            return cls(path, None, None)

    def put_back(self) -> None:
        """Undo the replace, if it happened; best effort (the startup scan covers the rest)."""
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            return
        if self.st is not None and (now.st_ino, now.st_mtime_ns) == (
            self.st.st_ino,
            self.st.st_mtime_ns,
        ):
            return  # never replaced
        with contextlib.suppress(OSError):
            if self.data is None:
                os.unlink(self.path)
                fsync_folder(self.path.parent)
                return
            write_atomically(self.path, self.data)
            # The index recorded the old file's size and mtime: give it back its mtime too.
            os.utime(self.path, ns=(self.st.st_atime_ns, self.st.st_mtime_ns))


_WRITERS = futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="session-file-writer")


def _write_session_file(
    session: Session, path: Path, data: bytes, digest: str
) -> tuple[Session, StoredFile]:
    write_atomically(path, data, sync_folder=False)
    faults.checkpoint("json-written")
    st = os.stat(path)
    return session, StoredFile(path.name, st.st_size, st.st_mtime_ns, digest)


def _make_newer(path: Path, than: Path) -> None:
    """Give the new name of a session whose date changed a later mtime than the old name.

    A save cut short before the old name goes leaves both; the startup scan keeps the newer.
    The old file's mtime can be as late as the new one's (coarse file-system clocks) or later
    (synced from a computer whose clock runs ahead), so the order is made, not assumed.
    """
    try:
        old = os.stat(than).st_mtime_ns
    except OSError:
        return
    for step in (1_000, 2_000_000_000):  # a microsecond, or FAT's two seconds
        st = os.stat(path)
        if st.st_mtime_ns > old:
            return
        os.utime(path, ns=(st.st_atime_ns, old + step))


def _stamp(path: Path, data: bytes) -> StoredFile:
    st = os.stat(path)
    return StoredFile(path.name, st.st_size, st.st_mtime_ns, sha256_hex(data))


def _writable_folder(folder: Path) -> bool:
    """Whether files can be made in `folder` (not on read-only media, not refused)."""
    return os.access(folder, os.W_OK) and not _on_read_only_media(folder)


def _on_read_only_media(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # pragma: no cover - Windows
        return False


def stamp_from(stat: FileStat, data: bytes) -> StoredFile:
    return StoredFile(stat.name, stat.size, stat.mtime_ns, sha256_hex(data))


def with_suppressed_missing(action: Callable[[], object]) -> None:
    with contextlib.suppress(FileNotFoundError):
        action()
