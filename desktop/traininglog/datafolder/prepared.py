"""Sessions made ready to import: checked, encoded as the app writes them, their digest and
their index rows, so that storing one is writing its bytes and inserting its rows.

An import of many session files prepares them in worker processes (`prepare_session_files`):
each file is read by the strict reader, checked by the domain's rules, encoded and summed
there, and comes back as bytes and plain rows. A Session sent back whole costs as much to
unpickle as to parse again; its rows and bytes cost a tenth of that. Few files are prepared
here, as a rebuild reads few files here (`reading.workers_for`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from ..domain import InvalidSession, Session
from ..domain.reports import Rejection
from ..importers.json_files import read_or_refuse, session_files_in
from ..sessionfiles import decode, encode, file_name
from ..sessionfiles.scan import sha256_hex
from ..store.writes import IndexRows, StoredFile, index_rows
from .reading import on_workers
from .saving import validate_for_saving


class Prepared(NamedTuple):
    """A valid session as the import stores it. Its rows' file columns are filled in once
    its file is written (`writes.with_file`)."""

    id: str
    name: str  # the file name the app gives it
    data: bytes  # its file's bytes
    digest: str  # their SHA-256
    rows: IndexRows
    given: Session | None = None  # the session, when it was given rather than read

    def session(self) -> Session:
        return self.given if self.given is not None else decode(self.data)


def prepare(session: Session, keep: bool = True) -> Prepared:
    """Check a session for import (the domain's rules) and make its bytes and rows; raises
    InvalidSession. `keep` holds on to the session itself (not worth sending between
    processes: it is read again from its bytes when needed)."""
    validate_for_saving(session, schema=False)
    data = encode(session)
    digest = sha256_hex(data)
    name = file_name(session)
    rows = index_rows(session, StoredFile(name, 0, 0, digest))
    return Prepared(session.id, name, data, digest, rows, session if keep else None)


# -- reading session files for import, on every core ----------------------------------------


def prepare_file(path: Path) -> Prepared | Session | Rejection:
    """One file made ready: Prepared; the Session itself when the domain's rules refuse it (the
    import reports it as it reports any session it refuses); or what the reader refused."""
    session = read_or_refuse(path)
    if isinstance(session, Rejection):
        return session
    try:
        return prepare(session, keep=False)
    except InvalidSession:
        return session


class PreparedFiles:
    """The sessions of some session files, made ready as they are iterated over: (source,
    Prepared or Session) for each file read; a file refused goes into `rejected`. Sized by
    its files, so that an import reports progress while the files are still being read."""

    def __init__(self, files: Sequence[Path], rejected: list[Rejection] | None = None):
        self.files = list(files)
        self.rejected: list[Rejection] = list(rejected or [])

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[tuple[str, Prepared | Session]]:
        for path, outcome in zip(self.files, self._outcomes(), strict=False):
            if isinstance(outcome, Rejection):
                self.rejected.append(outcome)
            else:
                yield str(path), outcome

    def _outcomes(self) -> Iterator[Prepared | Session | Rejection]:
        return on_workers(prepare_file, self.files)


def prepare_session_files(paths: Sequence[Path]) -> PreparedFiles:
    """The session files named or inside the named folders, to be made ready for import as
    they are iterated over; the paths that do not exist are in `rejected` already."""
    files, missing = session_files_in(paths)
    return PreparedFiles(files, missing)
