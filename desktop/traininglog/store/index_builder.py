"""A new index filled on a thread of its own while the session files are still being read.

A rebuild reads the folder in worker processes; this process only collects their rows. The
rows go into the new index as they come, on this builder's thread and its own plain sqlite3
connection, so that the inserts overlap the reading instead of following it. The models
stay bound to the index in use until the new one is swapped in.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from ..files.atomic import full_fsync
from . import exercise_years, rep_groups
from .body_weight_loads import refresh_everything
from .db import PRAGMAS, refuse_incomplete
from .migrations import migrate
from .writes import IndexRows, _insert_rows

_END = object()


def open_new_index(path: Path) -> sqlite3.Connection:
    """A plain connection to a new index at `path`, its schema made, as `init_db` makes it."""
    connection = sqlite3.connect(str(path), isolation_level=None)
    try:
        for name, value in PRAGMAS.items():
            connection.execute(f"PRAGMA {name} = {value}")
        migrate(connection)
        refuse_incomplete(connection)
    except BaseException:
        connection.close()
        raise
    return connection


# Nothing reads the new index until it is complete, made durable and swapped in, and a crash
# or an error leaves it to be removed: it is filled with no journal and no syncs, and with a
# page cache that holds the indexes being filled (sessions are keyed by random ids, so their
# inserts land all over them). 5,000 sessions went in in 2.0-2.3 s instead of 3.1-3.3 s.
_FILL_CACHE_KIB = 64 * 1024


def _fill_quickly(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute(f"PRAGMA cache_size = -{_FILL_CACHE_KIB}")


def _as_in_use(connection: sqlite3.Connection, path: Path) -> None:
    """Give the filled index the journal the app uses, and make it durable."""
    connection.execute(f"PRAGMA journal_mode = {PRAGMAS['journal_mode']}")
    connection.execute(f"PRAGMA synchronous = {PRAGMAS['synchronous']}")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fd = os.open(path, os.O_RDONLY)
    try:
        full_fsync(fd)
    finally:
        os.close(fd)


class IndexBuilder:
    """Rows added here go into the index at `path`, a transaction per call, on a thread."""

    def __init__(self, path: Path):
        self.path = path
        self._work: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="index-builder", daemon=True)
        self._thread.start()

    def add(self, rows: Sequence[IndexRows]) -> None:
        if rows:
            self._work.put(("add", list(rows)))

    def drop(self, session_ids: Sequence[str]) -> None:
        """Take sessions out again (their exercises and sets go with them)."""
        if session_ids:
            self._work.put(("drop", list(session_ids)))

    def finish(self) -> None:
        """Wait until every row is in and the index is checkpointed and closed; raises what
        went wrong on the thread."""
        self._work.put(_END)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        """Stop at the next transaction and close; the caller removes the files."""
        self._stop = True
        self._work.put(_END)
        self._thread.join()

    def _run(self) -> None:
        connection = None
        ended = False
        try:
            connection = open_new_index(self.path)
            _fill_quickly(connection)
            while (item := self._work.get()) is not _END:
                if self._stop:
                    continue
                kind, payload = item
                connection.execute("BEGIN IMMEDIATE")
                if kind == "add":
                    _insert_rows(connection.cursor(), payload)
                else:
                    connection.executemany(
                        "DELETE FROM session WHERE id = ?", [(sid,) for sid in payload]
                    )
                connection.execute("COMMIT")
            ended = True
            if not self._stop:
                # Body-weight sets count the weigh-in nearest their day, which may come in
                # any batch: their loads are worked out once every row is in. Then the rep
                # groups and their years, each in one pass over the final loads (a batch at a
                # time took 12 s more at 50,000 sessions).
                connection.execute("BEGIN IMMEDIATE")
                refresh_everything(connection.cursor())
                rep_groups.fill(connection.cursor())
                exercise_years.fill(connection.cursor())
                connection.execute("COMMIT")
                _as_in_use(connection, self.path)
        except BaseException as error:  # handed to the caller by `finish`
            self._error = error
            while not ended and self._work.get() is not _END:  # until the caller is done
                pass
        finally:
            if connection is not None:
                connection.close()  # an open transaction is rolled back
