"""Schema migrations: an old index is brought to the latest schema, backed up first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.datafolder.writerlock import WriterLock
from traininglog.domain.calculations import OneRepMaxFormula
from traininglog.domain.names import name_key
from traininglog.store import migrations, queries
from traininglog.store.db import init_db
from traininglog.store.exercise_figures import exercise_figures
from traininglog.store.migrations import LATEST, DatabaseTooNew, schema_version

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema1.sql"
BENCH_ID = "3fcb25c2-5ca4-4c42-9530-f957959f633d"
LOWER_ID = "0b7e5d7a-1c2f-4e3a-9d4b-5a6c7d8e9f00"
EMPTY_ID = "c0ffee00-0000-4000-8000-000000000001"


def load_fixture(path: Path, journal_mode: str = "delete") -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.executescript(FIXTURE.read_text(encoding="utf-8"))
    return connection


def schema1_database(tmp_path: Path) -> Path:
    path = tmp_path / "traininglogs.db"
    load_fixture(path).close()
    return path


def columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}


def query_plan(connection: sqlite3.Connection, sql: str, params: tuple = ()) -> str:
    """SQLite's plan for `sql`, its steps in one line."""
    return " ".join(str(row[-1]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_fixture_is_a_schema_1_database(tmp_path: Path) -> None:
    connection = sqlite3.connect(schema1_database(tmp_path))
    try:
        assert schema_version(connection) == 1
        assert "name_key" not in columns(connection, "exercise")
        assert "volume_kg" not in columns(connection, "session")
        assert connection.execute("SELECT count(*) FROM session").fetchone()[0] == 3
    finally:
        connection.close()


def test_schema_1_migrates_to_the_latest_with_its_data(tmp_path: Path) -> None:
    path = schema1_database(tmp_path)
    db = init_db(path, tmp_path / "backups")
    try:
        connection = db.connection()
        assert schema_version(connection) == LATEST == 9
        # Sessions from before supersets: every exercise on its own.
        supersets = connection.execute("SELECT DISTINCT superset FROM exercise").fetchall()
        assert supersets == [(None,)]
        # From before body-weight sets: every set plain, its load its weight, bit for bit.
        loads = connection.execute(
            'SELECT count(*), sum(body_weight IS NULL), sum(load_kg IS weight_kg) FROM "set"'
        ).fetchone()
        assert loads == (8, 8, 8)  # the fixture's 3 warm-up and 5 working sets
        summaries = {
            row[0]: row[1:]
            for row in connection.execute(
                "SELECT id, exercise_count, warmup_set_count, working_set_count, volume_kg "
                "FROM session"
            )
        }
        assert summaries == {
            BENCH_ID: (1, 1, 1, 80 * 5),
            LOWER_ID: (3, 2, 4, 140 * 5 + 140 * 4 + 100 * 8 + 60.5 * 10),
            EMPTY_ID: (0, 0, 0, 0),
        }
        exercises = connection.execute(
            "SELECT e.name, e.name_key, e.started, s.started FROM exercise e "
            "JOIN session s ON s.id = e.session_id"
        ).fetchall()
        assert len(exercises) == 4
        for name, key, started, session_started in exercises:
            assert key == name_key(name) and key
            assert started == session_started
        indexes = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"exercise_last_time", "session_day"} <= indexes
        assert {"set_body_weight", "session_weighed"} <= indexes
        plan = query_plan(
            connection,
            "SELECT session_id FROM exercise WHERE name_key = ? ORDER BY started DESC LIMIT 1",
            ("barbellbenchpress",),
        )
        assert "exercise_last_time" in plan
        # Schema 3: the notes search reads the partial index of notes, not the set table.
        assert "set_notes" in indexes
        plan = query_plan(
            connection,
            'SELECT session_id FROM "set" WHERE notes IS NOT NULL AND instr(notes, ?) > 0',
            ("pr",),
        )
        assert "COVERING INDEX set_notes" in plan
        # Schema 7: the sessions table's order, newest first, is read off one index with the
        # ids in it: no sorting, no table rows.
        assert "session_started" not in indexes and "session_order" in indexes
        plan = query_plan(connection, "SELECT id FROM session ORDER BY started DESC, id DESC")
        assert "COVERING INDEX session_order" in plan and "TEMP B-TREE" not in plan
        for sql, index in (
            ("SELECT sum(working_set_count), sum(volume_kg) FROM session", "session_order"),
            (
                "SELECT focus FROM session WHERE focus IS NOT NULL GROUP BY focus "
                "ORDER BY max(started) DESC",
                "session_focus",
            ),
        ):
            plan = query_plan(connection, sql)
            assert f"COVERING INDEX {index}" in plan, sql

        # Schema 8: the rep groups are the migrated sets' sums, and an exercise's are one
        # range of their table, read in order.
        groups = connection.execute(
            "SELECT session_id, reps_full, sets, heaviest_kg, volume_kg FROM rep_group "
            "ORDER BY session_id, position, reps_full"
        ).fetchall()
        assert groups == [
            (LOWER_ID, 4, 1, 140, 560),
            (LOWER_ID, 5, 1, 140, 700),
            (LOWER_ID, 8, 1, 100, 800),
            (LOWER_ID, 10, 1, 60.5, 605),
            (BENCH_ID, 5, 1, 80, 400),
        ]
        plan = query_plan(
            connection,
            "SELECT * FROM rep_group WHERE name_key = ? "
            "ORDER BY started, session_id, position, reps_full",
            ("barbellbenchpress",),
        )
        assert "PRIMARY KEY (name_key=?)" in plan and "TEMP B-TREE" not in plan

        # Schema 9: the rep groups added up per exercise and year, and the records read from
        # them are those of the sets.
        years = connection.execute(
            "SELECT name_key, year, sessions, sets, volume_kg, best_volume_kg "
            "FROM exercise_year ORDER BY 1, 2"
        ).fetchall()
        assert years == [
            ("barbellbacksquat", "2026", 1, 2, 140 * 5 + 140 * 4, 140 * 5 + 140 * 4),
            ("barbellbenchpress", "2026", 2, 2, 80 * 5 + 60.5 * 10, 60.5 * 10),
            ("romaniandeadlift", "2026", 1, 1, 100 * 8, 100 * 8),
        ]
        heaviest = connection.execute(
            "SELECT name_key, reps_full, heaviest_kg FROM exercise_year_heaviest ORDER BY 1, 2"
        ).fetchall()
        assert heaviest == [
            ("barbellbacksquat", 4, 140),
            ("barbellbacksquat", 5, 140),
            ("barbellbenchpress", 5, 80),
            ("barbellbenchpress", 10, 60.5),
            ("romaniandeadlift", 8, 100),
        ]
        bench = exercise_figures("Barbell Bench Press", OneRepMaxFormula.EPLEY)
        assert bench.records.best_session_volume.session_id == LOWER_ID
        assert bench.records.best_e1rm.session_id == BENCH_ID  # 80 × 5 over 60.5 × 10
        assert (bench.totals.sessions, bench.totals.working_sets) == (2, 2)

        # The queries of the latest schema work on the migrated data.
        last = queries.last_time("Barbell Bench Press")
        assert last is not None
        assert (last.session_id, last.exercise.name, last.day) == (
            LOWER_ID,
            "barbell bench-press",
            "2026-02-18",
        )
        assert [
            (h.session_id, h.set.weight_kg) for h in queries.exercise_history("bench press")
        ] == []
        assert [
            (h.session_id, h.set.weight_kg) for h in queries.exercise_history("BARBELL BENCH PRESS")
        ] == [(BENCH_ID, 80), (LOWER_ID, 60.5)]
        loaded = {s.id: s for s in queries.load_sessions()}
        assert set(loaded) == {BENCH_ID, LOWER_ID, EMPTY_ID}
        assert loaded[LOWER_ID].exercises[0].target_muscle_groups == ("quads", "glutes")
        assert loaded[LOWER_ID].exercises[0].working_sets[1].partial_reps == 1
        assert loaded[EMPTY_ID].is_deload_week is True
        assert queries.session_summaries()[1].volume_kg == pytest.approx(2665)
    finally:
        db.close()


def test_migration_backs_up_the_old_database_first(tmp_path: Path) -> None:
    path = schema1_database(tmp_path)
    backups = tmp_path / "backups"
    init_db(path, backups).close()
    made = sorted(backups.iterdir())
    assert len(made) == 1
    assert made[0].name.startswith("traininglogs-schema1-") and made[0].suffix == ".db"
    copy = sqlite3.connect(made[0])
    try:
        assert schema_version(copy) == 1
        assert "name_key" not in columns(copy, "exercise")
        assert copy.execute("SELECT count(*) FROM session").fetchone()[0] == 3
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        copy.close()

    # Already at the latest schema: opening again takes no further backup.
    init_db(path, backups).close()
    assert sorted(backups.iterdir()) == made


def test_backup_uses_the_backup_api_not_a_file_copy(tmp_path: Path) -> None:
    # The whole schema-1 database lives in the write-ahead log of a connection that stays
    # open, so the main file alone is empty: only SQLite's backup API sees the data.
    path = tmp_path / "traininglogs.db"
    holder = load_fixture(path, journal_mode="wal")
    try:
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        file_copy = tmp_path / "file-copy.db"
        shutil.copyfile(path, file_copy)
        plain = sqlite3.connect(file_copy)
        try:
            assert plain.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        finally:
            plain.close()

        backups = tmp_path / "backups"
        init_db(path, backups).close()
        (backup,) = backups.iterdir()
        copy = sqlite3.connect(backup)
        try:
            assert schema_version(copy) == 1
            assert copy.execute("SELECT count(*) FROM session").fetchone()[0] == 3
            assert copy.execute('SELECT count(*) FROM "set"').fetchone()[0] == 8
        finally:
            copy.close()
    finally:
        holder.close()


def test_a_new_database_is_created_at_the_latest_schema_without_backup(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    db = init_db(tmp_path / "new.db", backups)
    try:
        assert schema_version(db.connection()) == LATEST
        assert "volume_kg" in columns(db.connection(), "session")
    finally:
        db.close()
    assert not backups.exists() or not any(backups.iterdir())


def test_a_failing_step_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = schema1_database(tmp_path)
    broken = migrations.SCHEMA_2 + "\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with pytest.raises(sqlite3.OperationalError):
        init_db(path, tmp_path / "backups").close()
    monkeypatch.undo()
    connection = sqlite3.connect(path)
    try:
        assert schema_version(connection) == 1
        assert "name_key" not in columns(connection, "exercise")
        assert "volume_kg" not in columns(connection, "session")
        indexes = [r[0] for r in connection.execute("SELECT name FROM sqlite_master")]
        assert "exercise_last_time" not in indexes
    finally:
        connection.close()
    # The next start migrates it for real.
    init_db(path, tmp_path / "backups").close()
    connection = sqlite3.connect(path)
    try:
        assert schema_version(connection) == LATEST
    finally:
        connection.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = schema1_database(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST + 1}")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    backups = tmp_path / "backups"
    with pytest.raises(DatabaseTooNew, match="newer") as refused:
        init_db(path, backups)
    assert f"schema {LATEST + 1}" in str(refused.value)
    assert not backups.exists() or not any(backups.iterdir())
    connection = sqlite3.connect(path)
    try:
        assert schema_version(connection) == LATEST + 1
        assert "name_key" not in columns(connection, "exercise")
    finally:
        connection.close()
    assert path.read_bytes()[100:] == before[100:]  # nothing but the header's counters


def test_logbook_refuses_a_newer_database_and_lets_go_of_the_folder(tmp_path: Path) -> None:
    folders = DataDirectory(tmp_path / "data").create()
    connection = sqlite3.connect(folders.database)
    connection.execute(f"PRAGMA user_version = {LATEST + 5}")
    connection.commit()
    connection.close()
    with pytest.raises(DatabaseTooNew, match="newer"):
        Logbook(folders)
    WriterLock(folders.lock_file).acquire().release()  # the lock was given back
