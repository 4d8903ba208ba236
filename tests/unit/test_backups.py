"""Backups of the index (backup API, checked, thinned) and the sessions folder as a zip."""

from __future__ import annotations

import dataclasses
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from traininglog.datafolder import backups
from traininglog.datafolder.backups import Backup, BackupFailed, back_up, back_up_if_changed
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.errors import describe
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import encode, file_name
from traininglog.store.db import init_db

NOW = datetime(2026, 3, 15, 21, 0, 0)


def make_session(n: int, **changes: object) -> Session:
    s = Session(
        id=f"{n:08x}-1111-4222-8333-444444444444",
        date=datetime(2026, 1, 1, 18, 0) + timedelta(days=n),
        exercises=(Exercise(1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, 100, 5),)),),
    )
    return dataclasses.replace(s, **changes)


def sessions_in(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM session")}
    finally:
        connection.close()


@pytest.fixture
def book(logbook: Logbook) -> Logbook:
    for n in (1, 2, 3):
        logbook.save(make_session(n))
    return logbook


def test_back_up_now_copies_the_live_index_and_checks_the_copy(
    book: Logbook, folders: DataDirectory
) -> None:
    copy = back_up(folders, NOW)
    assert copy == folders.backups / "traininglogs-20260315-210000.db"
    assert sessions_in(copy) == {make_session(n).id for n in (1, 2, 3)}
    # One self-contained file: no -wal beside it, and not in WAL mode.
    assert sorted(p.name for p in folders.backups.iterdir()) == [copy.name]
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        connection.close()


def test_on_quit_a_backup_is_taken_only_when_something_changed(
    book: Logbook, folders: DataDirectory
) -> None:
    first = back_up_if_changed(folders, NOW)
    assert first is not None
    assert back_up_if_changed(folders, NOW + timedelta(hours=1)) is None  # nothing new
    book.save(make_session(2, focus="edited"))
    second = back_up_if_changed(folders, NOW + timedelta(hours=2))
    assert second is not None and second != first
    book.delete(make_session(1).id)
    third = back_up_if_changed(folders, NOW + timedelta(days=1))
    assert third is not None
    assert sessions_in(third) == {make_session(n).id for n in (2, 3)}


def test_two_backups_in_one_second_keep_the_newest(book: Logbook, folders: DataDirectory) -> None:
    back_up(folders, NOW)
    book.save(make_session(4))
    newest = back_up(folders, NOW)
    assert newest.name == "traininglogs-20260315-210000.1.db"
    assert [b.path for b in backups.regular_backups(folders.backups)] == [newest]
    assert make_session(4).id in sessions_in(newest)


def test_a_damaged_index_is_not_kept_as_a_backup(
    book: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "integrity_problem", lambda connection: "page 7: corrupt")
    with pytest.raises(BackupFailed) as failed:
        back_up(folders, NOW)
    assert "Check data" in describe(failed.value)
    assert list(folders.backups.iterdir()) == []


def test_backing_up_no_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(BackupFailed, match="no database"):
        back_up(DataDirectory(tmp_path).create(), NOW)
    assert back_up_if_changed(DataDirectory(tmp_path)) is None


def taken(*moments: datetime) -> list[Backup]:
    return [Backup(Path(f"b-{m:%Y%m%d-%H%M%S}.db"), m) for m in moments]


def test_thinning_keeps_7_daily_4_weekly_12_monthly() -> None:
    # Four backups a day, at 3, 9, 15 and 21 o'clock, for 600 days up to Sunday 15 March.
    found = taken(*(NOW - timedelta(hours=6 * k) for k in range(4 * 600)))
    kept = backups.backups_to_keep(found)
    days = sorted((b.taken for b in found if b.path in kept), reverse=True)
    assert all(t.hour == 21 for t in days)  # of each day kept, its newest backup
    daily = [f"2026-03-{d:02d}" for d in range(15, 8, -1)]
    weekly = ["2026-03-08", "2026-03-01", "2026-02-22"]  # + this week's, Sunday the 15th
    monthly = ["2026-02-28", "2026-01-31", "2025-12-31", "2025-11-30", "2025-10-31"]
    monthly += ["2025-09-30", "2025-08-31", "2025-07-31", "2025-06-30", "2025-05-31"]
    monthly += ["2025-04-30"]  # + March 2026's, the 15th: twelve months
    assert sorted(t.date().isoformat() for t in days) == sorted(daily + weekly + monthly)


def test_thinning_counts_days_that_have_a_backup_not_calendar_days() -> None:
    # A lifter away for a month: the last backups before the gap are still the "last 7 days".
    found = taken(*(datetime(2026, 1, 1) + timedelta(days=k) for k in range(10)))
    kept = backups.backups_to_keep(found)
    assert {b.path for b in found[3:]} <= kept


def test_thinning_on_disk_leaves_other_files_alone(book: Logbook, folders: DataDirectory) -> None:
    for day in range(30):
        back_up(folders, NOW - timedelta(days=30 - day))
    damaged = folders.backups / "traininglogs-damaged-20260101-120000.db"
    damaged.write_bytes(b"kept for inspection")
    old_schema = [
        folders.backups / "traininglogs-schema1-20250101-120000.db",
        folders.backups / "traininglogs-schema1-20250201-120000.db",
    ]
    for path in old_schema:
        path.write_bytes(b"a copy taken before a migration")
    back_up(folders, NOW)
    names = sorted(p.name for p in folders.backups.iterdir())
    regular = [n for n in names if backups._REGULAR.match(n)]
    assert len(regular) == len(backups.backups_to_keep(backups.regular_backups(folders.backups)))
    assert len(regular) < 31
    assert damaged.name in names  # a damaged index is never thinned away
    assert old_schema[1].name in names and old_schema[0].name not in names  # newest per schema


def test_a_migration_backup_is_taken_with_the_backup_api(folders: DataDirectory) -> None:
    init_db(folders.database).close()
    connection = sqlite3.connect(folders.database)
    connection.execute("PRAGMA user_version = 1")
    connection.close()
    # Schema 1 → latest fails on this already-migrated layout, but the copy comes first.
    with pytest.raises(sqlite3.OperationalError):
        init_db(folders.database, folders.backups)
    (copy,) = folders.backups.glob("traininglogs-schema1-*.db")
    assert not copy.with_name(copy.name + ".partial").exists()


def test_the_sessions_folder_as_a_zip(
    book: Logbook, folders: DataDirectory, tmp_path: Path
) -> None:
    (folders.sessions / ".half-written.json.tmp").write_bytes(b"{")
    target = tmp_path / "out" / "sessions.zip"
    target.parent.mkdir()
    seen = []
    count = backups.export_sessions_zip(folders, target, progress=lambda d, t: seen.append((d, t)))
    assert count == 3 and seen[-1] == (3, 3)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        names = sorted(archive.namelist())
        assert names == sorted(f"sessions/{file_name(make_session(n))}" for n in (1, 2, 3))
        for n in (1, 2, 3):
            s = make_session(n)
            assert archive.read(f"sessions/{file_name(s)}") == encode(s)
    assert [p.name for p in target.parent.iterdir()] == ["sessions.zip"]


def test_a_cancelled_zip_leaves_nothing(
    book: Logbook, folders: DataDirectory, tmp_path: Path
) -> None:
    target = tmp_path / "sessions.zip"
    assert backups.export_sessions_zip(folders, target, cancelled=lambda: True) == 0
    assert list(tmp_path.glob("*sessions.zip*")) == []
