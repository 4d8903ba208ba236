"""Startup health: the cheap checks at open, quick_check off the GUI thread, files set aside."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from traininglog.datafolder import health
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.drafts.draft import Draft, DraftExercise
from traininglog.drafts.draft_file import draft_path, read_draft, write_draft
from traininglog.store import queries
from traininglog.store.db import header_problem


def make_session(n: int) -> Session:
    return Session(
        id=f"{n:08x}-2222-4333-8444-555566667777",
        date=datetime(2026, 5, n, 19, 0),
        exercises=(Exercise(1, "Conventional Deadlift", (), (), (WorkingSet(1, 180, 3),)),),
    )


def test_header_of_a_good_new_missing_or_empty_database(folders: DataDirectory) -> None:
    assert header_problem(folders.database) is None  # missing: SQLite makes one
    folders.database.write_bytes(b"")
    assert header_problem(folders.database) is None  # empty: the same
    with Logbook(folders) as book:
        book.save(make_session(1))
    assert header_problem(folders.database) is None


@pytest.mark.parametrize(
    ("spoil", "found"),
    [
        (lambda data: b"PK\x03\x04 a zip file" + data[18:], "is not an SQLite database"),
        (lambda data: data[:60], "is not an SQLite database"),
        (lambda data: data[:16] + b"\x03\x00" + data[18:], "impossible page size (768)"),
        (lambda data: data[: len(data) - 4096], "is cut short"),
    ],
)
def test_header_problems(folders: DataDirectory, spoil, found: str) -> None:
    with Logbook(folders) as book:
        for n in range(1, 4):
            book.save(make_session(n))
    data = folders.database.read_bytes()
    folders.database.write_bytes(spoil(data))
    assert found in header_problem(folders.database)


def test_a_file_shorter_than_its_header_is_fine_while_its_wal_holds_the_rest(
    folders: DataDirectory,
) -> None:
    connection = sqlite3.connect(folders.database)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    data = folders.database.read_bytes()
    folders.database.write_bytes(data[:4096])
    assert "cut short" in header_problem(folders.database)
    folders.database.with_name("traininglogs.db-wal").write_bytes(b"frames not yet copied")
    assert header_problem(folders.database) is None  # SQLite reads them from the -wal


def test_quick_check_on_a_connection_of_its_own(folders: DataDirectory) -> None:
    assert health.integrity_problem_at(folders.database) is None  # no database yet
    with Logbook(folders) as book:
        for n in range(1, 20):
            book.save(make_session(n))
        assert health.integrity_problem_at(folders.database) is None  # while it is open
    data = bytearray(folders.database.read_bytes())
    data[2 * 4096 : 3 * 4096] = bytes(4096)
    folders.database.write_bytes(bytes(data))
    assert health.integrity_problem_at(folders.database)


def test_a_database_moved_aside_at_open_is_rebuilt_at_start(folders: DataDirectory) -> None:
    with Logbook(folders) as book:
        for n in range(1, 6):
            book.save(make_session(n))
    folders.database.write_bytes(b"\x00" * 10_000)
    with Logbook(folders) as book:
        found = health.at_start(book)
        assert found.recovery is not None and found.recovery.sessions == 5
        assert queries.session_count() == 5
        (message,) = found.messages()
        assert message.startswith("The database was damaged (traininglogs.db is not an SQLite")
        assert f"It was moved to {found.recovery.moved_to} and a new one was built" in message
        assert "nothing is lost" in message
        assert health.at_start(book).messages() == []  # once is enough


def test_a_healthy_start_has_nothing_to_say(logbook: Logbook) -> None:
    logbook.save(make_session(1))
    assert health.at_start(logbook).messages() == []


def test_a_good_draft_is_left_for_the_window_to_offer(folders: DataDirectory) -> None:
    draft = Draft(date="2026-05-01T19:00", exercises=(DraftExercise("Squat"),))
    write_draft(folders.root, draft)
    with Logbook(folders) as book:
        assert health.at_start(book).set_aside == []
    assert read_draft(folders.root) == draft


@pytest.mark.parametrize(
    "content",
    [
        b'{"draftVersion": 1, "draft": {"date": "2026-05-01", "exer',  # cut short
        b"\xff\xfe not utf-8",
        b'{"draftVersion": 1, "draft": {"date": "x", "colour": "red"}}',  # a field it lacks
        b'{"draftVersion": 1, "draft": {"date": "x", "exercises": [{"name": "a", '
        b'"warmups": [7]}]}}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"draftVersion": 1}',
    ],
)
def test_an_unreadable_draft_is_set_aside_and_said(folders: DataDirectory, content: bytes) -> None:
    draft_path(folders.root).write_bytes(content)
    with Logbook(folders) as book:
        (aside,) = health.at_start(book).set_aside
    assert not draft_path(folders.root).exists()
    assert aside.moved_to.parent == folders.backups
    assert aside.moved_to.name.startswith("draft-unreadable-")
    assert aside.moved_to.read_bytes() == content
    assert aside.message().startswith("The unsaved form (draft) could not be read (")
    assert str(aside.moved_to) in aside.message()


def test_set_aside_never_overwrites(tmp_path: Path) -> None:
    moved = []
    for n in range(3):
        path = tmp_path / "settings.ini"
        path.write_text(f"copy {n}")
        moved.append(health.set_aside(path, tmp_path / "aside", "the settings file", "bad"))
    assert len({m.moved_to for m in moved}) == 3
    assert sorted(m.moved_to.read_text() for m in moved) == ["copy 0", "copy 1", "copy 2"]
