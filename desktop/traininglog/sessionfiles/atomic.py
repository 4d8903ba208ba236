"""Write a file so that a reader, or a crash, sees either the old bytes or the new, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .. import faults
from .naming import TEMP_FILE_SUFFIX

# mkstemp makes 0600 files; session files get the mode any new file of the user's would.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def write_atomically(path: Path, data: bytes, sync_folder: bool = True) -> None:
    """Temp file in the same folder, flush, fsync, `os.replace`, fsync the folder."""
    fd, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_FILE_SUFFIX
    )
    try:
        with os.fdopen(fd, "wb") as temp:
            if os.name != "nt":
                os.fchmod(temp.fileno(), FILE_MODE)
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        faults.checkpoint("temp-written")
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    if sync_folder:
        fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename or delete in `folder` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
