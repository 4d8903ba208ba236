"""The index database: writes, queries and the round trip of whole sessions."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.sessionfiles import encode
from traininglog.store import queries, session_pages, writes
from traininglog.store.db import PRAGMAS, backup_to, init_db, integrity_ok
from traininglog.store.migrations import LATEST, schema_version
from traininglog.store.models import database
from traininglog.store.writes import StoredFile

from strategies import sessions

BENCH = "Barbell Bench Press"
SQUAT = "Barbell Back Squat"


def stamp(name: str, n: int = 0) -> StoredFile:
    return StoredFile(name, 100 + n, 1_000_000 + n, f"{n:064x}")


def session(
    sid: int,
    when: datetime,
    *exercises: Exercise,
    focus: str | None = None,
) -> Session:
    return Session(
        id=f"{sid:08x}-0000-4000-8000-000000000000",
        date=when,
        exercises=exercises,
        user_id="u",
        user_name="User",
        phase=1,
        week=2,
        focus=focus,
    )


def bench(order: int = 1, weight: float = 80, reps: int = 5, rpe: float | None = 8) -> Exercise:
    return Exercise(
        order=order,
        name=BENCH,
        target_muscle_groups=("chest", "triceps"),
        warmup_sets=(WarmupSet(1, 20, 10), WarmupSet(2, 60, 3, "ok")),
        working_sets=(
            WorkingSet(1, weight, reps, 0, rpe, "good", 3.0, None),
            WorkingSet(2, weight, reps - 1, 1, None, None, None, "last rep partial"),
        ),
    )


def squat(order: int = 1, weight: float = 120) -> Exercise:
    return Exercise(
        order=order,
        name=SQUAT,
        target_muscle_groups=("quads",),
        working_sets=(WorkingSet(1, weight, 3, 0, 9),),
    )


def put(s: Session, name: str | None = None, n: int = 0) -> None:
    writes.upsert_session(s, stamp(name or f"{s.id[:8]}.json", n))


def table_counts() -> tuple[int, int, int]:
    db = database.obj
    return tuple(
        db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in ("session", "exercise", "set")
    )


@pytest.fixture
def db(tmp_path: Path):
    database_ = init_db(tmp_path / "index.db")
    yield database_
    database_.close()


def test_new_database_has_latest_schema_and_pragmas(db) -> None:
    connection = db.connection()
    assert schema_version(connection) == LATEST
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == PRAGMAS["journal_mode"]
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert integrity_ok(connection)


def test_upsert_then_load_gives_the_session_back(db) -> None:
    s = session(1, datetime(2026, 2, 16, 18, 0, 5, 123456), bench(1), squat(2), focus="upper")
    put(s)
    loaded = queries.load_session(s.id)
    assert loaded == s
    assert encode(loaded) == encode(s)
    assert queries.session_count() == 1
    assert table_counts() == (1, 2, 5)


def test_upsert_replaces_every_row_of_the_session(db) -> None:
    s = session(1, datetime(2026, 2, 16, 18, 0), bench(1), squat(2))
    put(s, "a.json")
    edited = session(1, datetime(2026, 2, 17, 18, 0), squat(1, 140))
    put(edited, "b.json", 7)
    assert queries.load_session(s.id) == edited
    assert table_counts() == (1, 1, 1)
    assert queries.file_index() == {"b.json": (s.id, stamp("b.json", 7))}


def test_upsert_replaces_a_row_holding_the_same_file(db) -> None:
    first = session(1, datetime(2026, 2, 16), bench())
    put(first, "shared.json")
    second = session(2, datetime(2026, 2, 16), squat())
    put(second, "shared.json", 1)
    assert queries.load_session(first.id) is None
    assert queries.session_id_of_file("shared.json") == second.id
    assert table_counts() == (1, 1, 1)


def test_delete_removes_exercises_and_sets(db) -> None:
    keep = session(1, datetime(2026, 1, 1), squat())
    gone = session(2, datetime(2026, 1, 2), bench(1), squat(2))
    put(keep)
    put(gone)
    writes.delete_session(gone.id)
    assert [s.id for s in queries.load_sessions()] == [keep.id]
    assert table_counts() == (1, 1, 1)
    assert queries.file_name_of(gone.id) is None


def test_insert_sessions_in_bulk_and_replace_existing(db) -> None:
    batch = [
        (session(n, datetime(2026, 1, n), bench(weight=50 + n)), stamp(f"{n}.json", n))
        for n in range(1, 21)
    ]
    writes.insert_sessions(batch)
    assert queries.session_count() == 20
    changed = session(3, datetime(2026, 1, 3), squat())
    writes.insert_sessions([(changed, stamp("3.json", 99))], replace_existing=True)
    assert queries.session_count() == 20
    assert queries.load_session(changed.id) == changed
    with pytest.raises(sqlite3.IntegrityError):
        writes.insert_sessions([(changed, stamp("other.json"))])
    assert queries.load_session(changed.id) == changed  # the failed batch changed nothing


def test_failed_bulk_insert_is_all_or_nothing(db) -> None:
    put(session(5, datetime(2026, 1, 5), bench()), "5.json")
    batch = [(session(n, datetime(2026, 1, n), bench()), stamp(f"{n}.json")) for n in range(1, 8)]
    with pytest.raises(sqlite3.IntegrityError):
        writes.insert_sessions(batch)  # session 5 is already there
    assert queries.session_count() == 1


def test_file_stamp_update_touches_only_size_and_mtime(db) -> None:
    s = session(1, datetime(2026, 1, 1), bench())
    put(s, "a.json", 1)
    writes.update_file_stamp(s.id, 555, 777)
    assert queries.file_index()["a.json"] == (s.id, StoredFile("a.json", 555, 777, stamp("", 1)[3]))
    assert queries.load_session(s.id) == s


def test_summaries_hold_counts_and_volume_and_filter_by_day(db) -> None:
    early = session(1, datetime(2026, 1, 10, 9), bench(1, 100, 5), squat(2, 100), focus="a")
    late = session(2, datetime(2026, 1, 12, 23, 59), squat(1, 200), focus="b")
    put(late)
    put(early)
    rows = queries.session_summaries()
    assert [r.id for r in rows] == [early.id, late.id]
    first = rows[0]
    assert (first.exercise_count, first.warmup_set_count, first.working_set_count) == (2, 2, 3)
    assert first.volume_kg == pytest.approx(100 * 5 + 100 * 4 + 100 * 3)
    assert first.day == "2026-01-10"
    assert first.date == early.date.isoformat()
    assert first.focus == "a" and first.phase == 1 and first.week == 2
    assert first.is_deload_week is False
    assert [r.id for r in queries.session_summaries(since="2026-01-11")] == [late.id]
    assert [r.id for r in queries.session_summaries(since="2026-01-12")] == [late.id]
    assert queries.session_summaries(since="2026-01-13") == []


def test_sessions_sort_by_wall_clock_whatever_the_offset(db) -> None:
    # 08:00 at +05:00 is earlier in UTC than 07:00 at -05:00, and earlier on the lifter's clock.
    a = session(1, datetime(2026, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=5))), bench())
    b = session(2, datetime(2026, 3, 1, 7, 0, tzinfo=timezone(timedelta(hours=-5))), bench())
    put(a)
    put(b)
    assert [s.id for s in queries.load_sessions()] == [b.id, a.id]
    assert session_pages.latest_session_id() == a.id


def test_exercise_history_and_last_time_match_names_loosely(db) -> None:
    first = session(1, datetime(2026, 1, 1, 10), bench(weight=80))
    second = session(2, datetime(2026, 1, 8, 10), squat(1), bench(2, weight=85))
    put(second)
    put(first)
    history = queries.exercise_history("barbell bench-press")
    assert [(h.session_id, h.set.number, h.set.weight_kg) for h in history] == [
        (first.id, 1, 80),
        (first.id, 2, 80),
        (second.id, 1, 85),
        (second.id, 2, 85),
    ]
    assert history[0].exercise == BENCH
    assert history[0].date == first.date.isoformat()
    assert history[0].set == first.exercises[0].working_sets[0]
    assert [h.session_id for h in queries.exercise_history(BENCH, since="2026-01-02")] == [
        second.id,
        second.id,
    ]
    assert queries.exercise_history("curl") == []

    last = queries.last_time("BARBELL BENCH PRESS")
    assert last is not None
    assert (last.session_id, last.day) == (second.id, "2026-01-08")
    assert last.exercise == second.exercises[1]
    before = queries.last_time(BENCH, before="2026-01-08")
    assert before is not None and before.session_id == first.id
    assert before.exercise == first.exercises[0]
    assert queries.last_time(BENCH, before="2026-01-01") is None
    assert queries.last_time("Zercher squat") is None


def test_exercise_names_and_focuses(db) -> None:
    put(session(1, datetime(2026, 1, 1), bench(), focus="old"))
    put(session(2, datetime(2026, 1, 2), squat(), focus="new"))
    put(session(3, datetime(2026, 1, 3), squat(), focus=None))
    assert queries.exercise_names() == [SQUAT, BENCH]
    assert queries.focuses() == ["new", "old"]


def test_load_sessions_by_ids(db) -> None:
    all_ = [session(n, datetime(2026, 1, n), bench()) for n in range(1, 6)]
    for s in all_:
        put(s)
    wanted = [all_[3].id, all_[1].id]
    assert [s.id for s in queries.load_sessions(wanted)] == [all_[1].id, all_[3].id]
    assert list(queries.load_sessions([])) == []
    assert queries.load_session("no-such-id") is None


def test_backup_copies_a_live_database(db, tmp_path: Path) -> None:
    s = session(1, datetime(2026, 1, 1), bench())
    put(s)
    target = backup_to(db.connection(), tmp_path / "backups" / "copy.db")
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("SELECT id FROM session").fetchall() == [(s.id,)]
        assert schema_version(copy) == LATEST
    finally:
        copy.close()


def test_integrity_check_fails_on_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    connection = sqlite3.connect(path)
    try:
        assert not integrity_ok(connection)
    finally:
        connection.close()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(s=sessions())
def test_any_valid_session_round_trips_through_the_index(db, s: Session) -> None:
    put(s, "round-trip.json")
    try:
        loaded = queries.load_session(s.id)
        assert loaded is not None
        assert encode(loaded) == encode(s)
        summary = queries.session_summaries()[0]
        assert summary.working_set_count == sum(len(e.working_sets) for e in s.exercises)
        assert summary.day == s.day
    finally:
        writes.delete_session(s.id)
    assert table_counts() == (0, 0, 0)


def test_of_two_sessions_started_at_the_same_minute_the_latest_is_the_one_stored_last(db) -> None:
    # Ids are random: whichever sorts first, the session stored last is the latest.
    for order in ((1, 2), (2, 1)):
        first, second = (session(n, datetime(2026, 3, 2, 18, 0), bench()) for n in order)
        put(first)
        put(second)
        assert session_pages.latest_session_id() == second.id  # each put stores the session anew


@pytest.mark.parametrize(("free", "pages_during"), [(100 << 20, 1000), (8 << 30, 10_000)])
def test_an_import_lets_the_log_grow_only_where_the_disk_has_room(
    db, monkeypatch: pytest.MonkeyPatch, free: int, pages_during: int
) -> None:
    # On a nearly full disk a 40 MB log could fail an import that fits (a 1 MB disk in
    # tests/faults/test_real_full_disk.py did): checkpoints stay as often as ever there.
    monkeypatch.setattr(writes.shutil, "disk_usage", lambda _path: SimpleNamespace(free=free))
    connection = db.connection()
    with writes.many_inserts():
        assert connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == pages_during
        put(session(1, datetime(2026, 3, 2, 18, 0), bench()))
    assert connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert [s.id for s in queries.load_sessions()] == [session(1, datetime(2026, 3, 2), bench()).id]
