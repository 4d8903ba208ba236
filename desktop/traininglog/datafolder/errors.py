"""Failures a lifter can act on, told in their words; anything else is a bug with details.

`describe(error)` sorts: disk full, read-only folder, permission denied, a corrupt file, a
file or database held by another program — each becomes a message that says what happened
and what to do. It returns None for everything else: a bug, which the window shows with its
details and writes to the log file (`errorlog.py`).
"""

from __future__ import annotations

import errno
import sqlite3

from ..domain import InvalidSession
from ..files.atomic import SHARING_VIOLATIONS, FileInUse
from ..sessionfiles import SessionFileError
from ..store.db import IndexNotReadable
from ..store.migrations import DatabaseTooNew
from .datadir import SessionsFolderMissing
from .folder_settings import SettingsFileError
from .saving import SaveError
from .writerlock import DataDirectoryBusy

DISK_FULL = "The disk is full. Free some space, then save again."
READ_ONLY = "The data folder is on a read-only disk. Choose another data folder in File ▸ Settings."
PERMISSION = "Permission denied. Check that you may write to the data folder."
IN_USE = (
    "Another program (a virus scanner, a sync tool or an editor) has the file open. "
    "Wait a moment or close that program, then save again."
)
DISK_ERROR = (
    "The disk reported an error while reading or writing. Check the disk; your saved "
    "sessions are kept as files in the sessions folder."
)
DAMAGED = (
    "The database is damaged. Your session files are safe: run Help ▸ Check data "
    "(or `traininglog check --repair`) to rebuild it from them."
)
LOCKED = "The database is busy in another program. Wait a moment, then try again."

_OS_ADVICE = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: "Your disk quota is used up. Free some space, then save again.",
    errno.EFBIG: "The file would be too large for this disk or for your account's limits.",
    errno.EACCES: PERMISSION,
    errno.EPERM: PERMISSION,
    errno.EROFS: READ_ONLY,
    errno.ENOENT: "A folder is missing. Check that the data folder still exists.",
    errno.ENOTDIR: "A path that should be a folder is a file. Check the data folder.",
    errno.EISDIR: "A folder is where a file should be. Move it out of the way, then try again.",
    errno.EIO: DISK_ERROR,
    errno.EBUSY: IN_USE,
    errno.ETXTBSY: IN_USE,
    errno.EMFILE: "Too many files are open. Close some programs, then try again.",
    errno.ENAMETOOLONG: "A file name is too long for this disk. Choose a shorter data folder.",
}

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_ADVICE = {
    3: PERMISSION,  # SQLITE_PERM
    5: LOCKED,  # SQLITE_BUSY
    6: LOCKED,  # SQLITE_LOCKED
    8: READ_ONLY.replace("data folder is", "database is"),  # SQLITE_READONLY
    10: DISK_ERROR,  # SQLITE_IOERR
    11: DAMAGED,  # SQLITE_CORRUPT
    13: DISK_FULL,  # SQLITE_FULL
    14: "The database cannot be opened. Check that the data folder exists and that you may "
    "write to it.",  # SQLITE_CANTOPEN
    18: "A session is too large for the database.",  # SQLITE_TOOBIG
    26: DAMAGED,  # SQLITE_NOTADB
}
# The same, by message, where Python does not give the code (before 3.11).
_SQLITE_TEXTS = (
    ("database or disk is full", 13),
    ("disk i/o error", 10),
    ("readonly database", 8),
    ("database is locked", 5),
    ("database table is locked", 6),
    ("unable to open database", 14),
    ("malformed", 11),
    ("file is not a database", 26),
    ("too big", 18),
)


def describe(error: BaseException) -> str | None:
    """A message saying what happened and what to do, or None for an unexpected bug."""
    if isinstance(error, InvalidSession):
        return "The session was not saved: " + "; ".join(str(p) for p in error.problems)
    told_as_they_are = (
        SaveError,
        DataDirectoryBusy,
        DatabaseTooNew,
        SessionFileError,
        SessionsFolderMissing,
        IndexNotReadable,
        SettingsFileError,
    )
    if isinstance(error, told_as_they_are):
        return error.strerror if isinstance(error, OSError) else str(error)
    if isinstance(error, FileInUse):
        return f"{IN_USE} ({error.filename})"
    if isinstance(error, OSError):
        return _describe_os_error(error)
    original = getattr(error, "orig", None)  # peewee wraps sqlite3's errors
    if isinstance(original, sqlite3.Error):
        error = original
    if isinstance(error, sqlite3.Error):
        code = sqlite_code(error)
        if code is not None:
            return _SQLITE_ADVICE[code]
        if type(error) is sqlite3.DatabaseError:
            return DAMAGED
        # SQLite rolls a transaction back by itself after a full disk or an I/O error, and
        # the ROLLBACK that follows then fails too: the first failure is the one to tell.
        if error.__context__ is not None and error.__context__ is not error:
            return describe(error.__context__)
    return None


# The window's words for its menus and buttons, and what a terminal says instead.
_COMMAND_LINE_WORDS = (
    ("Choose another data folder in File ▸ Settings.", "Choose another with --data-dir."),
    ("run Help ▸ Check data (or `traininglog check --repair`)", "run `traininglog check --repair`"),
    ("then save again", "then run the command again"),
    ("then try again", "then run the command again"),
)


def describe_for_command_line(error: BaseException) -> str | None:
    """`describe`, in the words of a terminal rather than of the window's menus."""
    message = describe(error)
    if message is None:
        return None
    for window, terminal in _COMMAND_LINE_WORDS:
        message = message.replace(window, terminal)
    return message


def _describe_os_error(error: OSError) -> str | None:
    if getattr(error, "winerror", None) in SHARING_VIOLATIONS:
        return f"{IN_USE} ({error.filename})" if error.filename else IN_USE
    advice = _OS_ADVICE.get(error.errno or 0)
    if advice is None and error.errno is None:
        return None  # an OSError raised by code, not by the system: a bug
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}. {advice or ''}".strip()


def sqlite_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code for an error we know what to say about, else None."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _SQLITE_ADVICE:
        return code & 0xFF
    text = str(error).lower()
    for fragment, known in _SQLITE_TEXTS:
        if fragment in text:
            return known
    return None


def is_bug(error: BaseException) -> bool:
    """True for a failure with no message a lifter can act on."""
    return describe(error) is None
