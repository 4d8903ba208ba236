"""Opening the index database: one `init_db()` for the GUI, the CLI and background work."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import peewee as pw

from ..files.aside import dated_free_path
from .migrations import LATEST, migrate
from .models import database

# What a failing query raises: sqlite3's errors, or peewee's wrappers of them. Callers catch
# this and need not know which library is underneath.
DATABASE_ERRORS = (sqlite3.DatabaseError, pw.DatabaseError)
IndexDatabase = pw.SqliteDatabase

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # With WAL, NORMAL can lose the last commits on power loss but never corrupts; the JSON
    # files are fsynced first and the startup scan re-imports anything the index lacks.
    "synchronous": "normal",
}
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 5000, "query_only": 1}


class IndexNotReadable(RuntimeError):
    """Opened read-only, the index can't be used as it is (missing, or an older schema)."""


def open_read_only(path: Path) -> pw.SqliteDatabase:
    """Open the database at `path` for reading only, changing nothing on the disk: for a data
    folder on read-only media (a backup disk, a snapshot) or opened with --read-only.

    On media that can't be written SQLite cannot make the WAL's shared-memory file either;
    the database is then read as immutable (nothing else can be writing it there)."""
    if not path.is_file():
        raise IndexNotReadable(
            f"{path} does not exist, and read-only nothing can be built; open the data "
            "folder once without --read-only, or copy it somewhere writable"
        )
    last_error: Exception | None = None
    for flags in ("mode=ro", "immutable=1"):
        uri = f"{path.resolve().as_uri()}?{flags}"
        db = pw.SqliteDatabase(uri, uri=True, pragmas=READ_ONLY_PRAGMAS, autoconnect=True)
        try:
            version = db.execute_sql("PRAGMA user_version").fetchone()[0]  # errors as peewee's
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()  # the schema reads
        except pw.OperationalError as error:
            db.close()
            last_error = error
            continue
        if version != LATEST:
            db.close()
            raise IndexNotReadable(
                f"{path} has schema {version} and this version reads {LATEST}; open the data "
                "folder once without --read-only to upgrade it"
            )
        database.initialize(db)
        return db
    assert last_error is not None
    raise last_error


def init_db(path: Path, backups: Path | None = None) -> pw.SqliteDatabase:
    """Open (or create) the database at `path`, migrate it, and bind the models to it."""
    db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=True)
    database.initialize(db)
    try:
        connection = db.connection()

        def back_up(old_version: int) -> None:
            if backups is not None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                backup_to(connection, backups / f"traininglogs-schema{old_version}-{stamp}.db")

        refuse_foreign(connection)
        migrate(connection, before=back_up)
        refuse_incomplete(connection)
    except BaseException:
        db.close()  # a refused or damaged database is not left open
        raise
    return db


OUR_TABLES = {"session", "exercise", "set", "rep_group", "exercise_year", "exercise_year_heaviest"}


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {name for (name,) in rows}


def refuse_foreign(connection: sqlite3.Connection) -> None:
    """A database with no schema number but tables of its own is some other program's file
    under our name: never migrated into (that would mix the two). Raised as damage, so that
    it is moved aside, kept, and a new index is built from the session files."""
    if connection.execute("PRAGMA user_version").fetchone()[0] != 0:
        return
    foreign = _tables(connection) - OUR_TABLES
    if foreign:
        raise sqlite3.DatabaseError(
            f"not a Training Log index: it holds other tables ({', '.join(sorted(foreign))})"
        )


def refuse_incomplete(connection: sqlite3.Connection) -> None:
    """An index missing one of its tables (dropped by hand, a tool gone wrong) is damaged."""
    missing = OUR_TABLES - _tables(connection)
    if missing:
        raise sqlite3.DatabaseError(
            f"the index is missing its {', '.join(sorted(missing))} table(s)"
        )


def is_damaged(error: BaseException) -> bool:
    """True when the file is not a database or is corrupt (not when it is busy or missing)."""
    original = getattr(error, "orig", error)  # peewee wraps sqlite3's errors
    return type(original) is sqlite3.DatabaseError


def move_aside(path: Path, folder: Path) -> Path:
    """Move a damaged database, with its -wal and -shm, into `folder`; returns where it went."""
    target = dated_free_path(folder, "traininglogs-damaged", ".db")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(path, target)
    return target


def backup_to(connection: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database with SQLite's backup API (never a file copy).

    The copy is made under a temporary name and renamed when complete, so a backup that was
    cut short never looks like a backup.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(str(partial))
    try:
        connection.backup(destination)
        # One self-contained file: a copy of a WAL database would otherwise open in WAL mode.
        destination.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        destination.close()
        partial.unlink(missing_ok=True)
        raise
    destination.close()
    os.replace(partial, target)
    return target


def integrity_ok(connection: sqlite3.Connection) -> bool:
    """True when `PRAGMA quick_check` finds nothing wrong."""
    return integrity_problem(connection) is None


def integrity_problem(connection: sqlite3.Connection) -> str | None:
    """None when `PRAGMA quick_check` finds nothing wrong, else the first problem it names.

    quick_check reads every page of the file: about 0.1 s for five thousand sessions, so the
    window runs it off the GUI thread after it is shown (see `datafolder/health.py`).
    """
    try:
        rows = connection.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    found = [row[0] for row in rows]
    return None if found == ["ok"] else "; ".join(found)


SQLITE_MAGIC = b"SQLite format 3\0"


def header_problem(path: Path) -> str | None:
    """What is visibly wrong with a database file from its first 100 bytes and its size.

    Costs one small read: cheap enough for every start. Finds a file that is not a database
    at all and one cut short (smaller than its header says). A missing or empty file is fine:
    SQLite makes a new database there.
    """
    try:
        with open(path, "rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return f"{path.name} is not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"{path.name} has an impossible page size ({page_size})"
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    # With frames waiting in a -wal (or a rollback journal to replay), the main file may lag
    # behind its header: SQLite sorts that out itself.
    pending = any(
        side.exists() and side.stat().st_size > 0
        for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal"))
    )
    if counter_valid and pages and not pending and size < pages * page_size:
        return (
            f"{path.name} is cut short: {size:,} bytes where its header says {pages * page_size:,}"
        )
    return None
