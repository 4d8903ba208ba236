"""The file-level steps of a save: write a session file and stamp it, make a renamed file the
newer of two, put a replaced file back when the index refused the save, and tell whether a
folder can be written at all."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..files import faults
from ..files.atomic import fsync_folder, write_atomically
from ..sessionfiles.scan import FileStat, sha256_hex
from ..store.writes import StoredFile


class FileBefore:
    """A session file as it was before a save replaced it, to put back if the save fails."""

    def __init__(self, path: Path, data: bytes | None, st: os.stat_result | None):
        self.path, self.data, self.st = path, data, st

    @classmethod
    def of(cls, path: Path) -> FileBefore:
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


def write_session_file(path: Path, data: bytes, digest: str) -> StoredFile:
    """Write one imported session's file; the folder is made durable once for the batch."""
    write_atomically(path, data, sync_folder=False)
    faults.checkpoint("json-written")
    st = os.stat(path)
    return StoredFile(path.name, st.st_size, st.st_mtime_ns, digest)


def make_newer(path: Path, than: Path) -> None:
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


def stamp(path: Path, data: bytes) -> StoredFile:
    """What the index records of a file just written."""
    st = os.stat(path)
    return StoredFile(path.name, st.st_size, st.st_mtime_ns, sha256_hex(data))


def writable_folder(folder: Path) -> bool:
    """Whether files can be made in `folder` (not on read-only media, not refused)."""
    return os.access(folder, os.W_OK) and not on_read_only_media(folder)


def on_read_only_media(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # pragma: no cover - Windows
        return False


def stamp_from(stat: FileStat, data: bytes) -> StoredFile:
    """What the index records of a file read by the scan."""
    return StoredFile(stat.name, stat.size, stat.mtime_ns, sha256_hex(data))


def remove_if_there(path: Path) -> None:
    """Remove a file the app wrote; one already gone is no error."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
