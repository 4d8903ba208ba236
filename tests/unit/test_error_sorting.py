"""SQLite and OS errors sorted into what a lifter can act on and bugs; the log file.

The SQLite errors are real ones, made by SQLite itself, in sqlite3's and in peewee's clothes.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

import peewee
import pytest

from traininglog.datafolder import errorlog, errors
from traininglog.datafolder.errors import describe, is_bug
from traininglog.files.atomic import FileInUse


def sqlite_error(tmp_path: Path, kind: str) -> sqlite3.Error:
    path = tmp_path / "x.db"
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE t (x)")
    setup.commit()
    setup.close()
    try:
        if kind == "read-only":
            c = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            c.execute("INSERT INTO t VALUES (1)")
        elif kind == "locked":
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            c = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                c.execute("BEGIN IMMEDIATE")
            finally:
                holder.close()
                c.close()
        elif kind == "full":
            c = sqlite3.connect(path)
            pages = c.execute("PRAGMA page_count").fetchone()[0]
            c.execute(f"PRAGMA max_page_count = {pages}")
            c.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,))
        elif kind == "not a database":
            path.write_bytes(b"not a database at all" * 100)
            sqlite3.connect(path).execute("SELECT * FROM sqlite_master")
        elif kind == "cannot open":
            sqlite3.connect(tmp_path / "no" / "such" / "folder.db")
        elif kind == "bug":
            sqlite3.connect(path).execute("SELECT * FROM no_such_table")
    except sqlite3.Error as error:
        return error
    raise AssertionError(f"{kind}: SQLite did not fail")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("read-only", "The database is on a read-only disk"),
        ("locked", errors.LOCKED),
        ("full", errors.DISK_FULL),
        ("not a database", errors.DAMAGED),
        ("cannot open", "The database cannot be opened"),
    ],
)
def test_sqlites_own_errors(tmp_path: Path, kind: str, message: str) -> None:
    error = sqlite_error(tmp_path, kind)
    assert describe(error).startswith(message)
    # …and the same error as peewee raises it.
    wrapped = peewee.OperationalError(error, *error.args)
    assert describe(wrapped) == describe(error)


def test_a_sql_mistake_is_a_bug(tmp_path: Path) -> None:
    error = sqlite_error(tmp_path, "bug")
    assert describe(error) is None and is_bug(error)


def test_without_error_codes_the_message_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python 3.10's sqlite3 errors have no sqlite_errorcode.
    for text, message in [
        ("database or disk is full", errors.DISK_FULL),
        ("database is locked", errors.LOCKED),
        ("disk I/O error", errors.DISK_ERROR),
        ("database disk image is malformed", errors.DAMAGED),
    ]:
        assert describe(sqlite3.OperationalError(text)) == message


def test_a_failed_rollback_after_a_full_disk_tells_of_the_full_disk() -> None:
    # SQLite rolls back by itself after SQLITE_FULL; the ROLLBACK that follows then fails.
    rollback = sqlite3.OperationalError("cannot rollback - no transaction is active")
    rollback.__context__ = sqlite3.OperationalError("database or disk is full")
    assert describe(rollback) == errors.DISK_FULL
    assert describe(peewee.OperationalError(rollback, *rollback.args)) == errors.DISK_FULL


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.ENOSPC, errors.DISK_FULL),
        (errno.EROFS, errors.READ_ONLY),
        (errno.EACCES, errors.PERMISSION),
        (errno.EPERM, errors.PERMISSION),
        (errno.EIO, errors.DISK_ERROR),
        (errno.EDQUOT, "quota"),
        (errno.EFBIG, "too large"),
    ],
)
def test_os_errors_say_what_to_do(code: int, advice: str) -> None:
    error = OSError(code, "strerror text", "/data/sessions/x.json")
    message = describe(error)
    assert message.startswith("strerror text (/data/sessions/x.json). ")
    assert advice in message


def test_a_file_another_program_holds(tmp_path: Path) -> None:
    sharing = PermissionError(errno.EACCES, "The process cannot access the file")
    sharing.winerror = 32
    assert describe(sharing).startswith(errors.IN_USE)
    held = FileInUse(tmp_path / "x.json", 8, sharing)
    assert describe(held) == f"{errors.IN_USE} ({tmp_path / 'x.json'})"


@pytest.mark.parametrize(
    "error", [ValueError("x"), KeyError("k"), OSError("raised by code, not the system")]
)
def test_everything_else_is_a_bug(error: BaseException) -> None:
    assert describe(error) is None


# -- the log file ------------------------------------------------------------------------------


@pytest.fixture
def log_dir(tmp_path: Path):
    yield tmp_path
    errorlog.stop_log()


def raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_a_known_failure_is_logged_with_its_message(log_dir: Path) -> None:
    path = errorlog.start_log(log_dir, crash_log=False)
    failure = errorlog.failure(raised(OSError(errno.ENOSPC, "No space left")), "save the session")
    assert not failure.is_bug
    assert failure.message.endswith(errors.DISK_FULL)
    text = path.read_text(encoding="utf-8")
    assert "WARNING traininglog: could not save the session: No space left" in text


def test_a_bug_is_logged_with_its_traceback_and_the_versions(log_dir: Path) -> None:
    path = errorlog.start_log(log_dir, crash_log=False)
    failure = errorlog.failure(raised(ZeroDivisionError("division by zero")), "draw the chart")
    assert failure.is_bug
    assert failure.message.startswith("Could not draw the chart: ZeroDivisionError")
    assert "form you were filling in was kept" in failure.message
    assert "Traceback" in failure.details
    assert "ZeroDivisionError: division by zero" in failure.details
    assert "Training Log " in failure.details and "SQLite " in failure.details
    assert failure.report_text().startswith(failure.message)
    assert "ERROR traininglog: bug while trying to draw the chart" in path.read_text()


def test_the_log_file_rotates(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errorlog, "MAX_LOG_BYTES", 2000)
    path = errorlog.start_log(log_dir, crash_log=False)
    for n in range(200):
        logging.getLogger("traininglog.test").warning("line %d %s", n, "x" * 50)
    names = sorted(p.name for p in log_dir.iterdir())
    assert names == [
        "traininglog.log",
        "traininglog.log.1",
        "traininglog.log.2",
        "traininglog.log.3",
    ]
    assert path.stat().st_size <= 2000
    assert "line 199" in path.read_text()


def test_starting_again_does_not_log_twice(log_dir: Path) -> None:
    errorlog.start_log(log_dir, crash_log=False)
    path = errorlog.start_log(log_dir, crash_log=False)
    logging.getLogger("traininglog").warning("once")
    assert path.read_text().count("once") == 1


def test_crashes_go_to_crash_log(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    enabled = []
    monkeypatch.setattr(errorlog.faulthandler, "enable", enabled.append)
    monkeypatch.setattr(errorlog.faulthandler, "disable", lambda: enabled.append("off"))
    errorlog.start_log(log_dir)
    assert enabled[0].name == str(log_dir / "crash.log")
    errorlog.stop_log()
    assert enabled[-1] == "off"
