"""Listing the sessions folder cheaply: names, sizes and mtimes, without reading contents."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple

from ..domain import Problem
from .naming import is_conventional, is_session_file, is_temp_file
from .reader import SessionFileError
from .sync_names import conflict_original

# A real session file is under 100 KB; nothing in the sessions folder is read past this.
MAX_FILE_BYTES = 8 * 1024 * 1024


class FileStat(NamedTuple):
    """A file's name, size and mtime: a plain tuple, made for every file at each start."""

    name: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class FolderListing:
    files: dict[str, FileStat]
    temp_files: list[str]
    # Names a session file would have that are something else: name → "a folder", "a link"…
    not_files: dict[str, str] = field(default_factory=dict)
    # A sync tool's conflict copies: copy → the name of the file it conflicts with. Never
    # read as sessions; the lifter chooses between the two.
    conflicts: dict[str, str] = field(default_factory=dict)


class UnreadableFile(SessionFileError):
    """A file in the sessions folder that can't be read at all: too large, or refused."""

    def __init__(self, stat: FileStat, why: str):
        super().__init__([Problem("", why)])
        self.stat = stat
        self.why = why


def list_sessions_folder(folder: Path) -> FolderListing:
    """Every session file in the folder (not recursive), leftover temp files, and what has a
    session file's name but is not a regular file (never opened: a pipe would block)."""
    files: dict[str, FileStat] = {}
    temps: list[str] = []
    not_files: dict[str, str] = {}
    conflicts: dict[str, str] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            # The app's own names first: neither temp files nor conflict copies.
            if not is_conventional(name):
                if is_temp_file(name):
                    temps.append(name)
                    continue
                if not is_session_file(name):
                    continue
                if (original := conflict_original(name)) is not None:
                    conflicts[name] = original
                    continue
            if entry.is_file(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
                files[name] = FileStat(name, st.st_size, st.st_mtime_ns)
            else:
                not_files[name] = _kind(entry)
    return FolderListing(files, sorted(temps), not_files, dict(sorted(conflicts.items())))


def _kind(entry: os.DirEntry) -> str:
    if entry.is_symlink():
        return "a link"
    if entry.is_dir(follow_symlinks=False):
        return "a folder"
    return "not a regular file"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_with_stat(path: Path) -> tuple[bytes, FileStat]:
    """The file's bytes and the size and mtime of exactly what was read.

    Raises UnreadableFile for a file larger than MAX_FILE_BYTES (read no further), one the
    system refuses to open, and one that turned into a link or a pipe since it was listed."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (PermissionError, OSError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise UnreadableFile(FileStat(path.name, -1, -1), _refusal(error)) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        stat = FileStat(path.name, st.st_size, st.st_mtime_ns)
        if not S_ISREG(st.st_mode):
            raise UnreadableFile(stat, "is not a regular file")
        # Its size says it first: such a file costs no read at every start.
        data = b"" if st.st_size > MAX_FILE_BYTES else f.read(MAX_FILE_BYTES + 1)
    if st.st_size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            stat,
            f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB ({st.st_size:,} bytes), far "
            "beyond any session; not read",
        )
    return data, stat


def _refusal(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "can't be read: permission denied (check the file's owner and mode)"
    return f"can't be read: {error.strerror or error}"
