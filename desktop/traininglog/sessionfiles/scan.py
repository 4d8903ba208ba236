"""Listing the sessions folder cheaply: names, sizes and mtimes, without reading contents."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .naming import is_session_file, is_temp_file


@dataclass(frozen=True)
class FileStat:
    name: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class FolderListing:
    files: dict[str, FileStat]
    temp_files: list[str]


def list_sessions_folder(folder: Path) -> FolderListing:
    """Every session file in the folder (not recursive), and leftover temp files."""
    files: dict[str, FileStat] = {}
    temps: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if is_temp_file(entry.name):
                temps.append(entry.name)
            elif is_session_file(entry.name) and entry.is_file():
                st = entry.stat()
                files[entry.name] = FileStat(entry.name, st.st_size, st.st_mtime_ns)
    return FolderListing(files, sorted(temps))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_with_stat(path: Path) -> tuple[bytes, FileStat]:
    """The file's bytes and the size and mtime of exactly what was read."""
    with open(path, "rb") as f:
        data = f.read()
        st = os.fstat(f.fileno())
    return data, FileStat(path.name, st.st_size, st.st_mtime_ns)
