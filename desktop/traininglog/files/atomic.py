"""Write a file so that a reader, or a crash, sees either the old bytes or the new, never half.

Two platform details matter for that promise. On macOS `fsync` only hands the data to the
drive, whose cache may still lose it on power loss; `fcntl(F_FULLFSYNC)` asks the drive to
write it through. On Windows a virus scanner, an indexer or a sync tool that has the target
open makes `os.replace` fail with a sharing violation for a moment; the rename is tried again
a bounded number of times before the save is given up.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

from . import faults

if os.name != "nt":
    import fcntl
else:  # pragma: no cover - Windows
    fcntl = None

# Session files are personal health data: the user's alone, whatever the umask (mkstemp's
# 0600, kept explicitly so that a replaced file never takes another mode).
FILE_MODE = 0o600
TEMP_FILE_SUFFIX = ".tmp"
# A save in flight is `~syncthing~NAME.tl-TAG.RANDOM.tmp` beside its target. Sync tools skip
# such names: Syncthing takes `~syncthing~*.tmp` for its own temp files, Dropbox, Nextcloud
# and OneDrive skip `~*.tmp`. TAG says which computer and user made it: in a shared folder,
# only the app that made a temp file removes it (another may still be writing it).
TEMP_FILE_PREFIX = "~syncthing~"
_WHO = f"{socket.gethostname()}|{os.environ.get('USER') or os.environ.get('USERNAME') or ''}"
TEMP_TAG = "tl-" + hashlib.sha256(_WHO.encode()).hexdigest()[:8]

# Windows' ERROR_ACCESS_DENIED and ERROR_SHARING_VIOLATION: another program has the file open.
SHARING_VIOLATIONS = (5, 32)
# Waits between rename attempts, in seconds: about 1.5 s in all, then the error is raised.
REPLACE_RETRY_DELAYS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.7)
_PLATFORM = sys.platform


class FileInUse(PermissionError):
    """Another program kept the file open through every attempt to replace it."""

    def __init__(self, path: Path, attempts: int, error: OSError):
        super().__init__(
            error.errno,
            f"another program (a virus scanner, a sync tool or an editor) has the file open; "
            f"tried {attempts} times",
            str(path),
        )
        self.attempts = attempts


def write_atomically(path: Path, data: bytes, sync_folder: bool = True) -> None:
    """Temp file in the same folder, write, fsync, `os.replace`, fsync the folder."""
    fd, temp_name = tempfile.mkstemp(
        dir=path.parent,
        prefix=f"{TEMP_FILE_PREFIX}{path.name}.{TEMP_TAG}.",
        suffix=TEMP_FILE_SUFFIX,
    )
    try:
        try:
            if os.name != "nt":
                os.fchmod(fd, FILE_MODE)
            _write_all(fd, data)
            full_fsync(fd)
        finally:
            os.close(fd)
        faults.checkpoint("temp-written")
        replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        if isinstance(error, OSError) and error.filename is None:
            error.filename = str(path)  # a write or fsync says where, for the message
        raise
    if sync_folder:
        fsync_folder(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is written (a write may take only part of them)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - a regular file never does this
            raise OSError(f"write wrote {written} bytes")
        view = view[written:]


def replace(source: str | Path, target: Path) -> None:
    """`os.replace`, tried again while another program briefly holds the target open."""
    for attempt, delay in enumerate((*REPLACE_RETRY_DELAYS, None), start=1):
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if getattr(error, "winerror", None) not in SHARING_VIOLATIONS:
                raise
            if delay is None:
                raise FileInUse(target, attempt, error) from error
            time.sleep(delay)


def full_fsync(fd: int) -> None:
    """Flush a file to the disk itself: `F_FULLFSYNC` on macOS, `fsync` elsewhere."""
    if _PLATFORM == "darwin" and hasattr(fcntl, "F_FULLFSYNC"):
        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass  # not every file system supports it (network shares, FAT); fsync still helps
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename or delete in `folder` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        full_fsync(fd)
    finally:
        os.close(fd)
