"""An import of many session files reads, checks and encodes them in worker processes, with
the same outcome as reading them here and importing the sessions: the same sessions stored,
the same rows in the index, every bad file refused with the same words."""

from __future__ import annotations

import sqlite3
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from test_reconcile import BAD_FILES, agrees, make_session, stored

from traininglog.datafolder import prepared, reading
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import InvalidSession, Problem
from traininglog.importers.json_files import read_session_files
from traininglog.sessionfiles import encode, file_name


@pytest.fixture
def on_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for even a handful of files, three files a task, two cores."""
    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reading, "CHUNK", 3)
    monkeypatch.setattr(reading, "CORES", 2)


def an_export(folder: Path) -> dict[str, bytes]:
    """Twelve session files, some written as another program would, and the bad files of
    test_reconcile; the sessions as the app encodes them, by id."""
    folder.mkdir(parents=True)
    sessions = [make_session(n, day=n) for n in range(1, 13)]
    for n, session in enumerate(sessions):
        data = encode(session)
        if n % 3 == 0:  # the same session in other bytes
            data = data.replace(b"\n  ", b"\n    ")
        (folder / f"export-{n:02}.json").write_bytes(data)
    good = encode(make_session(99))
    for name, spoil in BAD_FILES.items():
        (folder / name).write_bytes(spoil(good))
    return {s.id: encode(s) for s in sessions}


def index_dump(database: Path) -> list[tuple]:
    """Every row of the index's three tables, the file stamps left out (files written at
    different times)."""
    connection = sqlite3.connect(database)
    try:
        sessions = connection.execute(
            "SELECT id, date, started, day, user_id, user_name, phase, week, is_deload_week, "
            "focus, file_name, file_size, file_sha256, exercise_count, warmup_set_count, "
            "working_set_count, volume_kg, body_weight_kg FROM session ORDER BY id"
        ).fetchall()
        exercises = connection.execute("SELECT * FROM exercise ORDER BY 1, 2").fetchall()
        sets = connection.execute('SELECT * FROM "set" ORDER BY 1, 2, 3, 4').fetchall()
    finally:
        connection.close()
    return [*sessions, *exercises, *sets]


def test_workers_prepare_what_this_process_prepares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    an_export(tmp_path / "export")
    paths = [tmp_path / "export", tmp_path / "not-there"]
    monkeypatch.setattr(reading, "CORES", 1)
    here = prepared.prepare_session_files(paths)
    read_here = list(here)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reading, "CHUNK", 3)
    monkeypatch.setattr(reading, "CORES", 2)
    assert reading.workers_for(len(here)) == 2
    there = prepared.prepare_session_files(paths)
    assert list(there) == read_here
    assert there.rejected == here.rejected
    # The files' problems in the words the one-by-one reader uses.
    sessions, rejected = read_session_files(paths)
    assert there.rejected == rejected
    assert [(source, item.session()) for source, item in read_here] == sessions
    assert len(read_here) == 12 and len(there) == 12 + len(BAD_FILES)


def test_an_import_of_prepared_files_stores_what_an_import_of_sessions_stores(
    tmp_path: Path, on_every_core: None
) -> None:
    expected = an_export(tmp_path / "export")
    first, second = DataDirectory(tmp_path / "one"), DataDirectory(tmp_path / "two")
    with Logbook(first) as book:
        items = prepared.prepare_session_files([tmp_path / "export"])
        report = book.import_sessions(items)
        assert stored() == expected
        assert agrees(first)
    assert len(report.imported) == 12 and not report.rejected
    assert sorted(r.source for r in items.rejected) == sorted(
        str(tmp_path / "export" / name) for name in BAD_FILES
    )
    with Logbook(second) as book:
        sessions, _ = read_session_files([tmp_path / "export"])
        assert len(book.import_sessions(sessions).imported) == 12
    assert index_dump(first.database) == index_dump(second.database)
    files = sorted(path.read_bytes() for path in first.sessions.glob("*.json"))
    assert files == sorted(expected.values())  # as the app writes them
    # Imported again: nothing new, each one already stored.
    with Logbook(first) as book:
        again = book.import_sessions(prepared.prepare_session_files([tmp_path / "export"]))
    assert len(again.already_stored) == 12 and not again.imported


def test_a_session_the_domain_refuses_is_reported_by_the_import(
    tmp_path: Path, logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    an_export(tmp_path / "export")
    refused = make_session(5, day=5)

    def validate(session, schema: bool = True) -> None:
        if session.id == refused.id:
            raise InvalidSession([Problem("focus", "is refused here")])

    monkeypatch.setattr(prepared, "validate_for_saving", validate)
    items = prepared.prepare_session_files([tmp_path / "export"])
    report = logbook.import_sessions(items)
    assert len(report.imported) == 11
    [rejection] = report.rejected
    assert rejection.source == str(tmp_path / "export" / "export-04.json")
    assert [str(p) for p in rejection.problems] == ["focus: is refused here"]
    assert refused.id not in stored()


class _DiesAfterOneChunk:
    """A pool whose workers die after their first chunk: the rest must be read here."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def map(self, function, chunks):
        yield function(chunks[0])
        raise BrokenProcessPool("a worker was killed")

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_a_worker_that_dies_leaves_the_rest_to_this_process(
    tmp_path: Path, logbook: Logbook, on_every_core: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = an_export(tmp_path / "export")
    monkeypatch.setattr(reading, "ProcessPoolExecutor", _DiesAfterOneChunk)
    items = prepared.prepare_session_files([tmp_path / "export"])
    report = logbook.import_sessions(items)
    assert len(report.imported) == 12 and stored() == expected
    assert len(items.rejected) == len(BAD_FILES)


def test_progress_counts_towards_the_files_while_they_are_read(
    tmp_path: Path, logbook: Logbook, on_every_core: None
) -> None:
    an_export(tmp_path / "export")
    seen: list[tuple[int, int]] = []
    items = prepared.prepare_session_files([tmp_path / "export"])
    logbook.import_sessions(items, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 12 + len(BAD_FILES)) for n in range(1, 13)]


def test_a_prepared_session_is_read_back_from_its_bytes() -> None:
    session = make_session(7)
    ready = prepared.prepare(session, keep=False)
    assert ready.given is None and ready.session() == session
    assert ready.name == file_name(session) and ready.data == encode(session)
