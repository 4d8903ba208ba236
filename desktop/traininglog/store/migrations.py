"""Numbered schema migrations. Each runs in one transaction; the DB is backed up first.

`PRAGMA user_version` holds the schema number. A database with a higher number than this
version knows was written by a newer Training Log and is refused, never guessed at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..domain.names import name_key

SCHEMA_1 = """
CREATE TABLE session (
    id TEXT PRIMARY KEY NOT NULL,
    date TEXT NOT NULL,
    started TEXT NOT NULL,
    day TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    phase INTEGER,
    week INTEGER,
    is_deload_week INTEGER NOT NULL,
    focus TEXT,
    file_name TEXT NOT NULL UNIQUE,
    file_size INTEGER NOT NULL,
    file_mtime_ns INTEGER NOT NULL,
    file_sha256 TEXT NOT NULL
);
CREATE INDEX session_started ON session (started);
CREATE TABLE exercise (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    muscle_groups TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
);
CREATE TABLE "set" (
    session_id TEXT NOT NULL,
    exercise_position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('warmup', 'working')),
    number INTEGER NOT NULL,
    weight_kg REAL NOT NULL,
    reps_full INTEGER NOT NULL,
    reps_partial INTEGER NOT NULL,
    rpe REAL,
    rep_assessment TEXT,
    rest_minutes REAL,
    notes TEXT,
    PRIMARY KEY (session_id, exercise_position, kind, number),
    FOREIGN KEY (session_id, exercise_position)
        REFERENCES exercise (session_id, position) ON DELETE CASCADE
);
"""

# Schema 2: "last time for exercise X" becomes one index lookup (name key, newest first),
# and the history table reads per-session figures without touching the set table.
SCHEMA_2 = """
ALTER TABLE exercise ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE exercise ADD COLUMN started TEXT NOT NULL DEFAULT '';
UPDATE exercise SET
    name_key = traininglog_name_key(name),
    started = (SELECT started FROM session WHERE session.id = exercise.session_id);
CREATE INDEX exercise_last_time ON exercise (name_key, started);
ALTER TABLE session ADD COLUMN exercise_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN warmup_set_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN working_set_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN volume_kg REAL NOT NULL DEFAULT 0;
UPDATE session SET
    exercise_count = (SELECT count(*) FROM exercise e WHERE e.session_id = session.id),
    warmup_set_count = (SELECT count(*) FROM "set" s
                        WHERE s.session_id = session.id AND s.kind = 'warmup'),
    working_set_count = (SELECT count(*) FROM "set" s
                         WHERE s.session_id = session.id AND s.kind = 'working'),
    volume_kg = (SELECT coalesce(sum(s.weight_kg * s.reps_full), 0) FROM "set" s
                 WHERE s.session_id = session.id AND s.kind = 'working');
CREATE INDEX session_day ON session (day);
"""

# Schema 3: a search of the notes reads only the sets that have notes (a few percent of
# them), from an index that holds all the search needs: 31 → 7 ms over 147,000 sets.
SCHEMA_3 = """
CREATE INDEX set_notes ON "set" (session_id, notes) WHERE notes IS NOT NULL;
"""

# Schema 4: supersets and circuits. An exercise's group letter (NULL: done on its own), so a
# session opened from the index for editing keeps its groups.
SCHEMA_4 = """
ALTER TABLE exercise ADD COLUMN superset TEXT;
"""

# Schema 5: the lifter's body weight on the day of a session (NULL: not weighed), the log the
# body-weight chart reads.
SCHEMA_5 = """
ALTER TABLE session ADD COLUMN body_weight_kg REAL;
"""

# Schema 6: body-weight sets. A set's kind of body-weight load ('plus', 'minus'; NULL: a plain
# set) and its load, the figure every e1RM, volume and record query reads: a plain set's own
# weight; a body-weight set's counts the weigh-in nearest its day (`body_weight_loads.py`),
# NULL while none is logged. The partial indexes find the few body-weight sets, and the
# weigh-ins nearest a day, without reading the rest.
SCHEMA_6 = """
ALTER TABLE "set" ADD COLUMN body_weight TEXT CHECK (body_weight IN ('plus', 'minus'));
ALTER TABLE "set" ADD COLUMN load_kg REAL;
UPDATE "set" SET load_kg = weight_kg;
CREATE INDEX set_body_weight ON "set" (session_id) WHERE body_weight IS NOT NULL;
CREATE INDEX session_weighed ON session (day, started) WHERE body_weight_kg IS NOT NULL;
"""

# Schema 7: what opening History reads of every session, off narrow indexes. The sessions
# table opens on every session newest first, with their totals, and the filter bar lists the
# focuses most recent first. With the ids and the totals beside the dates, that order and
# those sums are read off one index alone, with no sorting and no table rows; the focuses off
# an index of their own. It serves every query that ordered by `started` alone.
SCHEMA_7 = """
DROP INDEX session_started;
CREATE INDEX session_order ON session (started, id, working_set_count, volume_kg);
CREATE INDEX session_focus ON session (focus, started) WHERE focus IS NOT NULL;
"""

# Schema 8: each exercise's working sets summed per session and rep count (`rep_groups.py`),
# in name and date order: the Exercise tab and the progress chart read one range of one table
# instead of searching the sets once for every time the exercise was done. The sums are
# those `rep_groups` keeps (written out here: a migration says what it did when it shipped).
# They go with their exercise row, found by their own key: an index by session for a
# foreign key's cascade made an import at 50,000 sessions 40 % slower to add them.
SCHEMA_8 = """
CREATE TABLE rep_group (
    name_key TEXT NOT NULL,
    started TEXT NOT NULL,
    session_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    reps_full INTEGER NOT NULL,
    sets INTEGER NOT NULL,
    heaviest_kg REAL,
    volume_kg REAL NOT NULL,
    body_weight_sets INTEGER NOT NULL,
    unknown_loads INTEGER NOT NULL,
    PRIMARY KEY (name_key, started, session_id, position, reps_full)
) WITHOUT ROWID;
CREATE TRIGGER rep_groups_go_with_their_exercise AFTER DELETE ON exercise BEGIN
    DELETE FROM rep_group WHERE name_key = OLD.name_key AND started = OLD.started
        AND session_id = OLD.session_id AND position = OLD.position;
END;
INSERT INTO rep_group (name_key, started, session_id, position, reps_full, sets,
    heaviest_kg, volume_kg, body_weight_sets, unknown_loads)
SELECT e.name_key, e.started, e.session_id, e.position, t.reps_full, count(*),
    max(CASE WHEN t.load_kg > 0 THEN t.load_kg END),
    coalesce(sum(t.load_kg * t.reps_full), 0.0), count(t.body_weight),
    count(CASE WHEN t.body_weight IS NOT NULL AND t.load_kg IS NULL THEN 1 END)
FROM exercise e JOIN "set" t ON t.session_id = e.session_id
    AND t.exercise_position = e.position AND t.kind = 'working'
GROUP BY e.rowid, t.reps_full;
"""

# Schema 9: each exercise's rep groups added up again per calendar year (`exercise_years.py`):
# its totals, its best volume in one session and its heaviest load for each rep count, one
# row a year. The Exercise tab finds every record and total in these few rows and then
# searches the year that holds each record for the session that set it first, instead of
# reading the exercise's whole history (18,000 rep groups for one exercise at 50,000
# sessions). A year's rows are worked out again whenever one of its exercise rows goes.
SCHEMA_9 = """
CREATE TABLE exercise_year (
    name_key TEXT NOT NULL,
    year TEXT NOT NULL,
    sessions INTEGER NOT NULL,
    sets INTEGER NOT NULL,
    volume_kg REAL NOT NULL,
    body_weight_sets INTEGER NOT NULL,
    unknown_loads INTEGER NOT NULL,
    best_volume_kg REAL,
    PRIMARY KEY (name_key, year)
) WITHOUT ROWID;
CREATE TABLE exercise_year_heaviest (
    name_key TEXT NOT NULL,
    year TEXT NOT NULL,
    reps_full INTEGER NOT NULL,
    heaviest_kg REAL NOT NULL,
    PRIMARY KEY (name_key, year, reps_full)
) WITHOUT ROWID;
DROP TRIGGER rep_groups_go_with_their_exercise;
CREATE TRIGGER rep_groups_go_with_their_exercise AFTER DELETE ON exercise BEGIN
    DELETE FROM rep_group WHERE name_key = OLD.name_key AND started = OLD.started
        AND session_id = OLD.session_id AND position = OLD.position;
    DELETE FROM exercise_year
        WHERE name_key = OLD.name_key AND year = substr(OLD.started, 1, 4);
    DELETE FROM exercise_year_heaviest
        WHERE name_key = OLD.name_key AND year = substr(OLD.started, 1, 4);
    INSERT INTO exercise_year (name_key, year, sessions, sets, volume_kg, body_weight_sets,
        unknown_loads, best_volume_kg)
    SELECT name_key, substr(started, 1, 4), count(DISTINCT session_id), sum(sets),
        sum(volume_kg), sum(body_weight_sets), sum(unknown_loads),
        max(CASE WHEN volume_kg > 0 THEN volume_kg END)
    FROM (SELECT name_key, started, session_id, sum(sets) AS sets,
            sum(volume_kg) AS volume_kg, sum(body_weight_sets) AS body_weight_sets,
            sum(unknown_loads) AS unknown_loads
        FROM rep_group WHERE name_key = OLD.name_key
            AND started >= substr(OLD.started, 1, 4) AND started < substr(OLD.started, 1, 4) || '.'
        GROUP BY name_key, started, session_id, position)
    GROUP BY name_key, substr(started, 1, 4);
    INSERT INTO exercise_year_heaviest (name_key, year, reps_full, heaviest_kg)
    SELECT name_key, substr(started, 1, 4), reps_full, max(heaviest_kg) FROM rep_group
        WHERE name_key = OLD.name_key AND heaviest_kg IS NOT NULL
            AND started >= substr(OLD.started, 1, 4) AND started < substr(OLD.started, 1, 4) || '.'
        GROUP BY name_key, substr(started, 1, 4), reps_full;
END;
INSERT INTO exercise_year (name_key, year, sessions, sets, volume_kg, body_weight_sets,
    unknown_loads, best_volume_kg)
SELECT name_key, substr(started, 1, 4), count(DISTINCT session_id), sum(sets),
    sum(volume_kg), sum(body_weight_sets), sum(unknown_loads),
    max(CASE WHEN volume_kg > 0 THEN volume_kg END)
FROM (SELECT name_key, started, session_id, sum(sets) AS sets,
        sum(volume_kg) AS volume_kg, sum(body_weight_sets) AS body_weight_sets,
        sum(unknown_loads) AS unknown_loads
    FROM rep_group GROUP BY name_key, started, session_id, position)
GROUP BY name_key, substr(started, 1, 4);
INSERT INTO exercise_year_heaviest (name_key, year, reps_full, heaviest_kg)
SELECT name_key, substr(started, 1, 4), reps_full, max(heaviest_kg) FROM rep_group
    WHERE heaviest_kg IS NOT NULL
    GROUP BY name_key, substr(started, 1, 4), reps_full;
"""

MIGRATIONS: dict[int, str] = {
    1: SCHEMA_1,
    2: SCHEMA_2,
    3: SCHEMA_3,
    4: SCHEMA_4,
    5: SCHEMA_5,
    6: SCHEMA_6,
    7: SCHEMA_7,
    8: SCHEMA_8,
    9: SCHEMA_9,
}
LATEST = max(MIGRATIONS)


class DatabaseTooNew(RuntimeError):
    """The database was written by a newer Training Log."""


def schema_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, before: Callable[[int], None] | None = None) -> int:
    """Bring the schema to LATEST, one numbered step per transaction; returns the old number.

    `before(old_version)` runs once before the first step of an existing database (the backup).
    """
    connection.create_function("traininglog_name_key", 1, name_key, deterministic=True)
    current = schema_version(connection)
    if current > LATEST:
        raise DatabaseTooNew(
            f"this database has schema {current}, written by a newer Training Log "
            f"(this version knows schemas up to {LATEST}); update Training Log, or run "
            "`traininglog rebuild` to rebuild the database from your session files"
        )
    if current == LATEST:
        return current
    if current > 0 and before is not None:
        before(current)
    for number in range(current + 1, LATEST + 1):
        _apply(connection, number)
    return current


def _apply(connection: sqlite3.Connection, number: int) -> None:
    # executescript would commit on its own; run statement by statement inside one transaction.
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(MIGRATIONS[number]):
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {number}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]
