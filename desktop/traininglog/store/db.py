"""Opening the index database: one `init_db()` for the GUI, the CLI and background work."""

from __future__ import annotations

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
    connection = db.connection()

    def back_up(old_version: int) -> None:
        if backups is not None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_to(connection, backups / f"traininglogs-schema{old_version}-{stamp}.db")

    migrate(connection, before=back_up)
    return db


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
