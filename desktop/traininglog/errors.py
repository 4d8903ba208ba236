"""Failures a lifter can act on, told in their words; anything else is a bug with details."""

from __future__ import annotations

import errno
import sqlite3

from .domain import InvalidSession
from .logbook import SaveError
from .sessionfiles import SessionFileError
from .store.migrations import DatabaseTooNew
from .writerlock import DataDirectoryBusy

_OS_ADVICE = {
    errno.ENOSPC: "The disk is full. Free some space, then save again.",
    errno.EDQUOT: "Your disk quota is used up. Free some space, then save again.",
    errno.EFBIG: "The file would be too large for this disk.",
    errno.EACCES: "Permission denied. Check that you can write to this folder.",
    errno.EPERM: "Permission denied. Check that you can write to this folder.",
    errno.EROFS: "The folder is on a read-only disk. Choose another data folder in Settings.",
    errno.ENOENT: "A folder is missing. Check that the data folder still exists.",
    errno.ENOTDIR: "A path that should be a folder is a file. Check the data folder.",
}


def describe(error: BaseException) -> str | None:
    """A message saying what happened and what to do, or None for an unexpected bug."""
    if isinstance(error, InvalidSession):
        return "The session was not saved: " + "; ".join(str(p) for p in error.problems)
    if isinstance(error, (SaveError, DataDirectoryBusy, DatabaseTooNew, SessionFileError)):
        return str(error)
    if isinstance(error, OSError):
        advice = _OS_ADVICE.get(error.errno or 0, "")
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}. {advice}".strip()
    if isinstance(error, sqlite3.OperationalError):
        text = str(error)
        if "locked" in text or "busy" in text:
            return "The database is busy in another program. Wait a moment, then try again."
        if "full" in text:
            return "The disk is full. Free some space, then save again."
        if "readonly" in text or "read-only" in text:
            return "The database is read-only. Check the data folder's permissions."
        return None
    if isinstance(error, sqlite3.DatabaseError):
        return (
            "The database is damaged. Run `traininglog rebuild` (your session files are safe) "
            "and start again."
        )
    return None
