"""One writer per data directory: an OS file lock that dies with the process holding it.

The lock is advisory (flock on Linux and macOS, msvcrt on Windows), so a crashed instance
never leaves a stale lock behind: the OS releases it when the process ends. The holder's pid
is written into the file so that a second instance can say who has it.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path


class DataDirectoryBusy(RuntimeError):
    """Another Training Log is writing this data directory."""

    def __init__(self, folder: Path, holder: str):
        self.folder, self.holder = folder, holder
        super().__init__(
            f"another Training Log ({holder}) is using {folder}; close it first, "
            "or open this data directory read-only"
        )


class WriterLock:
    """Holds the data directory's lock file for as long as it is open."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> WriterLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            holder = _read_holder(fd)
            os.close(fd)
            raise DataDirectoryBusy(self.path.parent, holder) from None
        # Who holds it, for a second instance to tell; on a full disk the lock holds without.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> str:
    with contextlib.suppress(OSError):
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 200).decode("utf-8", "replace").strip()
        if text:
            return text
    return "another process"


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Windows' locks are mandatory: a locked byte cannot be read by anyone else. The lock sits
    # on a byte past the holder's line (Windows allows locking past the end of a file), so a
    # second instance can still read who holds it.
    _LOCKED_BYTE = 4096

    def _lock(fd: int) -> None:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
