"""Export as session files, one per session, named as in the sessions folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..domain import Session
from ..files.atomic import fsync_folder, write_atomically
from ..sessionfiles import encode, file_name


def export_session_files(sessions: Iterable[Session], folder: Path) -> int:
    """Write every session into `folder`; returns how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for session in sessions:
        write_atomically(folder / file_name(session), encode(session), sync_folder=False)
        count += 1
    fsync_folder(folder)
    return count
