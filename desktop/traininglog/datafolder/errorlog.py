"""The log file in the data directory, and what a failure looks like when it is shown.

`start_log(root)` sends the `traininglog` loggers to `traininglog.log` (rotated at 1 MB, three
old files kept) and turns on `faulthandler` into `crash.log`, so that even a crash in Qt's C++
leaves a trace. `failure(error)` sorts an exception with `errors.describe`: one a lifter can act
on gets its message; a bug gets a short message plus the details to copy into a report. Both
are written to the log.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import platform
import sqlite3
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import describe

LOG_FILE_NAME = "traininglog.log"
CRASH_FILE_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000
OLD_LOGS_KEPT = 3

log = logging.getLogger("traininglog")
_crash_file: IO[str] | None = None


@dataclass(frozen=True)
class Failure:
    """An exception, sorted: what to tell the lifter, and the details of a bug."""

    message: str
    details: str
    is_bug: bool

    def report_text(self) -> str:
        """What the Copy button puts on the clipboard."""
        return f"{self.message}\n\n{self.details}"


def start_log(root: Path, crash_log: bool = True) -> Path:
    """Log to `root/traininglog.log` (rotating) and, with `crash_log`, crashes to `crash.log`."""
    global _crash_file
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOG_FILE_NAME
    stop_log()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_LOG_BYTES, backupCount=OLD_LOGS_KEPT, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(LOG_FILE_NAME)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    if crash_log:
        _crash_file = (root / CRASH_FILE_NAME).open("a", encoding="utf-8")
        faulthandler.enable(_crash_file)
    return path


def stop_log() -> None:
    """Close the log file and the crash file (tests; a change of data directory)."""
    global _crash_file
    for handler in list(log.handlers):
        if handler.get_name() == LOG_FILE_NAME:
            log.removeHandler(handler)
            handler.close()
    if _crash_file is not None:
        faulthandler.disable()
        _crash_file.close()
        _crash_file = None


def failure(error: BaseException, doing: str | None = None) -> Failure:
    """Sort `error` and write it to the log: a message to act on, or a bug with details."""
    message = describe(error)
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    details += "\n" + environment()
    if message is not None:
        log.warning("could not %s: %s", doing or "go on", message, exc_info=error)
        return Failure(message, details, is_bug=False)
    log.error("bug while trying to %s", doing or "go on", exc_info=error)
    what = f"Could not {doing}" if doing else "Something went wrong"
    message = (
        f"{what}: {type(error).__name__}: {error}\n\n"
        "This is a bug in Training Log. Your saved sessions are safe, and the form you were "
        "filling in was kept as a draft. Please copy the details into a bug report."
    )
    return Failure(message, details, is_bug=True)


def environment() -> str:
    """The versions a bug report needs."""
    from .. import version

    # Read from the loaded module, never imported here: the command line runs without Qt.
    pyside = getattr(sys.modules.get("PySide6"), "__version__", "not loaded")
    return (
        f"Training Log {version()}, Python {platform.python_version()}, PySide6 {pyside}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.platform()} ({sys.platform})"
    )
