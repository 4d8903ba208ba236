"""Writing sessions into the index: one upsert, a bulk insert, a delete. Only the save
service calls these."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from ..domain import Session
from ..domain.calculations import session_volume_kg
from ..domain.loads import set_load_kg
from ..domain.names import name_key
from . import body_weight_loads, rep_groups
from .models import database

_SESSION_SQL = (
    "INSERT INTO session (id, date, started, day, user_id, user_name, phase, week, "
    "is_deload_week, focus, file_name, file_size, file_mtime_ns, file_sha256, "
    "exercise_count, warmup_set_count, working_set_count, volume_kg, body_weight_kg) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_EXERCISE_SQL = (
    "INSERT INTO exercise (session_id, position, name, name_key, started, muscle_groups, "
    "superset) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_SET_SQL = (
    'INSERT INTO "set" (session_id, exercise_position, kind, number, weight_kg, reps_full, '
    "reps_partial, rpe, rep_assessment, rest_minutes, notes, body_weight, load_kg) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class StoredFile(NamedTuple):
    """The session file a row came from, as the startup scan compares it."""

    name: str
    size: int
    mtime_ns: int
    sha256: str


def started_key(session: Session) -> str:
    """Sortable wall-clock start time: sessions sort by the time the lifter logged."""
    return session.date.replace(tzinfo=None).isoformat(timespec="microseconds")


# A session's rows: its own, its exercises', its sets'. Plain tuples, cheap to send between
# processes (reading.py parses on every core).
IndexRows = tuple[tuple, list[tuple], list[tuple]]


def index_rows(session: Session, stored: StoredFile) -> IndexRows:
    """The rows the index holds for a session read from (or written to) `stored`.

    A body-weight set's load, and the session's volume that counts it, need the weigh-ins of
    other sessions: they are left out here (NULL) and filled in by `body_weight_loads` in the
    same transaction as the insert."""
    started = started_key(session)
    sets: list[tuple] = []
    exercises: list[tuple] = []
    warmups = workings = 0
    for exercise in session.exercises:
        exercises.append(
            (
                session.id,
                exercise.order,
                exercise.name,
                name_key(exercise.name),
                started,
                ",".join(exercise.target_muscle_groups),
                exercise.group,
            )
        )
        for w in exercise.warmup_sets:
            sets.append(
                (
                    session.id,
                    exercise.order,
                    "warmup",
                    w.number,
                    w.weight_kg,
                    w.reps,
                    0,
                    None,
                    None,
                    None,
                    w.notes,
                    w.body_weight,
                    set_load_kg(w, None),
                )
            )
        for s in exercise.working_sets:
            sets.append(
                (
                    session.id,
                    exercise.order,
                    "working",
                    s.number,
                    s.weight_kg,
                    s.full_reps,
                    s.partial_reps,
                    s.rpe,
                    s.rep_assessment,
                    s.rest_minutes,
                    s.notes,
                    s.body_weight,
                    set_load_kg(s, None),
                )
            )
        warmups += len(exercise.warmup_sets)
        workings += len(exercise.working_sets)
    session_row = (
        session.id,
        session.date.isoformat(),
        started,
        session.day,
        session.user_id,
        session.user_name,
        session.phase,
        session.week,
        int(session.is_deload_week),
        session.focus,
        *stored,
        len(session.exercises),
        warmups,
        workings,
        session_volume_kg(session),
        session.body_weight_kg,
    )
    return session_row, exercises, sets


_BODY_WEIGHT = 11  # a set row's body-weight kind (`index_rows`)
_FILE_COLUMNS = slice(10, 14)  # where the session row holds its StoredFile


def with_file(rows: IndexRows, stored: StoredFile) -> IndexRows:
    """The same rows for the session kept in `stored` (made before its file was written)."""
    session_row = list(rows[0])
    session_row[_FILE_COLUMNS] = stored
    return tuple(session_row), rows[1], rows[2]


def _insert_rows(cursor, batch: Iterable[IndexRows]) -> tuple[list[tuple], list[tuple]]:
    """Insert sessions' rows, their body-weight loads and rep groups left out; returns the
    session rows and the set rows inserted."""
    session_rows: list[tuple] = []
    exercise_rows: list[tuple] = []
    set_rows: list[tuple] = []
    for s, e, sets in batch:
        session_rows.append(s)
        exercise_rows.extend(e)
        set_rows.extend(sets)
    cursor.executemany(_SESSION_SQL, session_rows)
    cursor.executemany(_EXERCISE_SQL, exercise_rows)
    cursor.executemany(_SET_SQL, set_rows)
    return session_rows, set_rows


def _insert_many(cursor, batch: Iterable[IndexRows]) -> None:
    """Insert many sessions' rows and their rep groups, then the loads their weigh-ins and
    body-weight sets move."""
    session_rows, set_rows = _insert_rows(cursor, batch)
    rep_groups.add(cursor, [row[0] for row in session_rows])
    body_weight_loads.after_insert(
        cursor, session_rows, (row[0] for row in set_rows if row[_BODY_WEIGHT] is not None)
    )


def upsert_session(session: Session, stored: StoredFile) -> None:
    """Replace whatever the index holds for this session (or its file) in one transaction."""
    db = database.obj
    with db.atomic("IMMEDIATE"):
        cursor = db.cursor()
        replaced = cursor.execute(
            "SELECT day, body_weight_kg FROM session WHERE id = ? OR file_name = ?",
            (session.id, stored.name),
        ).fetchall()
        cursor.execute(
            "DELETE FROM session WHERE id = ? OR file_name = ?", (session.id, stored.name)
        )
        _insert_rows(cursor, [index_rows(session, stored)])
        rep_groups.add(cursor, [session.id])
        body_weight_loads.after_save(cursor, session, replaced)


def insert_sessions(
    batch: Sequence[tuple[Session, StoredFile]], replace_existing: bool = False
) -> None:
    """Insert many sessions in one transaction with executemany (the bulk path)."""
    db = database.obj
    with db.atomic("IMMEDIATE"):
        cursor = db.cursor()
        if replace_existing:
            gone: list[tuple] = []
            for s, f in batch:
                gone += cursor.execute(
                    "SELECT day, body_weight_kg FROM session WHERE id = ? OR file_name = ?",
                    (s.id, f.name),
                ).fetchall()
            cursor.executemany(
                "DELETE FROM session WHERE id = ? OR file_name = ?",
                [(s.id, f.name) for s, f in batch],
            )
            body_weight_loads.after_delete(cursor, gone)
        _insert_many(cursor, (index_rows(session, stored) for session, stored in batch))


def insert_rows(batch: Sequence[IndexRows]) -> None:
    """Insert sessions' rows made beforehand (`index_rows`) in one transaction."""
    db = database.obj
    with db.atomic("IMMEDIATE"):
        _insert_many(db.cursor(), batch)


def delete_session(session_id: str) -> None:
    """Remove a session (its exercises and sets go with it)."""
    db = database.obj
    with db.atomic("IMMEDIATE"):
        cursor = db.cursor()
        gone = cursor.execute(
            "SELECT day, body_weight_kg FROM session WHERE id = ?", (session_id,)
        ).fetchall()
        cursor.execute("DELETE FROM session WHERE id = ?", (session_id,))
        body_weight_loads.after_delete(cursor, gone)


def update_file_stamp(session_id: str, size: int, mtime_ns: int) -> None:
    """Record a file's new size and mtime after its content was found unchanged."""
    db = database.obj
    with db.atomic("IMMEDIATE"):
        db.execute_sql(
            "UPDATE session SET file_size = ?, file_mtime_ns = ? WHERE id = ?",
            (size, mtime_ns, session_id),
        )


# While an import inserts batch after batch, SQLite's checkpoint after every 4 MB of log
# copied and synced the same index pages over and over: a checkpoint every 40 MB, with a page
# cache that holds the indexes being filled, inserted 5,000 sessions in 2.7 s instead of
# 3.3-3.7 s. Each batch is still one transaction, committed as before. The log then grows to
# 40 MB before it is folded back, so only where the disk has room to spare: on a nearly full
# disk an import that fits must not fail for the sake of speed.
_BULK_CHECKPOINT_PAGES = 10_000
_BULK_CACHE_KIB = 32 * 1024
_BULK_NEEDS_FREE_BYTES = 1 << 30


@contextlib.contextmanager
def many_inserts() -> Iterator[None]:
    """Around many `insert_rows` on this thread's connection: fewer, larger checkpoints
    (where the disk has room for the larger log), the last when they are done."""
    db = database.obj
    connection = db.connection()
    if not _room_for_a_long_log(db.database):
        yield
        return
    checkpoint_pages = connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    cache = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute(f"PRAGMA wal_autocheckpoint = {_BULK_CHECKPOINT_PAGES}")
    connection.execute(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        # Never in place of what stopped the import: the rows are committed either way.
        with contextlib.suppress(sqlite3.Error):
            connection.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_pages}")
            connection.execute(f"PRAGMA cache_size = {cache}")
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # never waits for readers


def _room_for_a_long_log(database_path: str) -> bool:
    try:
        return shutil.disk_usage(os.path.dirname(os.path.abspath(database_path))).free >= (
            _BULK_NEEDS_FREE_BYTES
        )
    except OSError:
        return False
