"""Opening the index database: one `init_db()` for the GUI, the CLI and background work."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import peewee as pw

from .migrations import migrate
from .models import database

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # With WAL, NORMAL can lose the last commits on power loss but never corrupts; the JSON
    # files are fsynced first and the startup scan re-imports anything the index lacks.
    "synchronous": "normal",
}


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

        migrate(connection, before=back_up)
    except BaseException:
        db.close()  # a refused or damaged database is not left open
        raise
    return db


def is_damaged(error: BaseException) -> bool:
    """True when the file is not a database or is corrupt (not when it is busy or missing)."""
    original = getattr(error, "orig", error)  # peewee wraps sqlite3's errors
    return type(original) is sqlite3.DatabaseError


def move_aside(path: Path, folder: Path) -> Path:
    """Move a damaged database, with its -wal and -shm, into `folder`; returns where it went."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target, n = folder / f"traininglogs-damaged-{stamp}.db", 0
    while target.exists():
        n += 1
        target = folder / f"traininglogs-damaged-{stamp}.{n}.db"
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(path, target)
    return target


def backup_to(connection: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database with SQLite's backup API (never a file copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    destination = sqlite3.connect(str(target))
    try:
        connection.backup(destination)
    finally:
        destination.close()
    return target


def integrity_ok(connection: sqlite3.Connection) -> bool:
    """True when `PRAGMA quick_check` finds nothing wrong."""
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False
