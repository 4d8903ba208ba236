"""The index overwritten with garbage, cut short, its pages spoiled, its -wal deleted.

Each is detected — at open (header, size, SQLite's own errors) or by `PRAGMA quick_check` —
then the damaged file goes to backups/ with its -wal and -shm, a new index is built from the
session files, and every session is there again. A deleted -wal is not damage: the index
only lost its last commits, and the startup scan reads those sessions in again from their files.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import fault_tally
import pytest
from test_kill_during_save import ids, make_session

from traininglog.datafolder import health, reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.sessionfiles import encode
from traininglog.store import queries

SESSIONS = [make_session(n) for n in range(1, 301)]
PAGE = 4096

# Saves sessions in a child that then dies without closing: they stay in its -wal file.
SAVE_AND_DIE = """
import os, signal, sys
from pathlib import Path
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.sessionfiles import decode
book = Logbook(DataDirectory(Path(sys.argv[1])))
for path in sys.argv[2:]:
    book.save(decode(Path(path).read_bytes()))
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def folders(tmp_path: Path) -> DataDirectory:
    folders = DataDirectory(tmp_path / "data").create()
    with Logbook(folders) as book:
        book.import_sessions([(s.id, s) for s in SESSIONS])
    assert folders.database.stat().st_size > 40 * PAGE
    return folders


def stored() -> dict[str, bytes]:
    return {s.id: encode(s) for s in queries.load_sessions()}


def expect_rebuilt(folders: DataDirectory, damaged: bytes, opening_finds_it: bool) -> None:
    """The next start: found, moved aside (with -wal, -shm), rebuilt, nothing lost."""
    with Logbook(folders) as book:
        if opening_finds_it:
            assert book.moved_aside is not None
            start = health.at_start(book)
            recovery = start.recovery
        else:
            assert book.moved_aside is None
            problem = health.integrity_problem_at(folders.database)
            assert problem is not None
            recovery = health.recover(book, problem)
        assert recovery is not None
        fault_tally.injected()
        assert recovery.moved_to.parent == folders.backups
        assert recovery.moved_to.read_bytes() == damaged  # kept for inspection
        assert recovery.sessions == len(SESSIONS)
        assert str(recovery.moved_to) in recovery.message()
        reconcile.sync(folders)
        lost = ids(SESSIONS) - set(stored())
        fault_tally.lost(len(lost))
        assert stored() == {s.id: encode(s) for s in SESSIONS}
        assert reconcile.check(folders, deep=True).agrees
    assert health.integrity_problem_at(folders.database) is None


def data_pages(path: Path) -> list[int]:
    """The index's pages that hold rows and indexes, in file order: not its schema, which
    opening reads (how much of the file the schema takes depends on the schema's text)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT pageno FROM dbstat WHERE name != 'sqlite_schema' ORDER BY pageno"
        ).fetchall()
    finally:
        connection.close()
    return [page for (page,) in rows]


def spoil(folders: DataDirectory, how: str) -> bytes:
    path = folders.database
    data = bytearray(path.read_bytes())
    if how == "garbage":
        data = bytearray(os.urandom(len(data)))
    elif how == "garbage after the header":
        data[100:] = os.urandom(len(data) - 100)
    elif how == "cut in half":
        data = data[: len(data) // 2 // PAGE * PAGE]
    elif how == "cut mid-page":
        data = data[: len(data) - PAGE - 1000]
    elif how == "zeroed pages":
        for page in data_pages(path)[10:20]:
            data[(page - 1) * PAGE : page * PAGE] = bytes(PAGE)
    elif how == "random pages":
        for page in (5, 11, 17, 23, 29):
            data[page * PAGE + 8 : page * PAGE + 200] = os.urandom(192)
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize(
    ("how", "opening_finds_it"),
    [
        ("garbage", True),
        ("garbage after the header", True),
        ("cut in half", True),
        ("cut mid-page", True),
        ("zeroed pages", False),
        ("random pages", False),
    ],
)
def test_a_damaged_index_is_found_moved_aside_and_rebuilt(
    folders: DataDirectory, how: str, opening_finds_it: bool
) -> None:
    damaged = spoil(folders, how)
    expect_rebuilt(folders, damaged, opening_finds_it)


def test_its_wal_and_shm_go_with_it(folders: DataDirectory, tmp_path: Path) -> None:
    late = [make_session(n) for n in range(700, 705)]
    run_save_and_die(folders, tmp_path, late)  # leaves a -wal and a -shm beside it
    wal = folders.database.with_name("traininglogs.db-wal")
    shm = folders.database.with_name("traininglogs.db-shm")
    wal_bytes, shm_bytes = wal.read_bytes(), shm.read_bytes()
    spoil(folders, "garbage")
    with Logbook(folders) as book:
        moved = book.moved_aside
        assert moved is not None
        assert moved.with_name(moved.name + "-wal").read_bytes() == wal_bytes
        assert moved.with_name(moved.name + "-shm").read_bytes() == shm_bytes
        health.at_start(book)
        reconcile.sync(folders)
        assert set(stored()) == ids(SESSIONS + late)
    fault_tally.injected()


def run_save_and_die(folders: DataDirectory, tmp_path: Path, sessions) -> None:
    paths = []
    for s in sessions:
        path = tmp_path / f"{s.id}.json"
        path.write_bytes(encode(s))
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, "-c", SAVE_AND_DIE, str(folders.root), *paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr


@pytest.mark.parametrize("also_shm", [False, True])
def test_a_deleted_wal_loses_no_session(
    folders: DataDirectory, tmp_path: Path, also_shm: bool
) -> None:
    late = [make_session(n) for n in range(500, 520)]
    run_save_and_die(folders, tmp_path, late)
    wal = folders.database.with_name("traininglogs.db-wal")
    assert wal.stat().st_size > 0  # the last saves live only there
    wal.unlink()
    if also_shm:
        folders.database.with_name("traininglogs.db-shm").unlink()
    fault_tally.injected()
    with Logbook(folders) as book:
        assert book.moved_aside is None  # consistent, only behind
        health.at_start(book)
        assert ids(late) - set(stored())  # the index lost them…
        report = reconcile.sync(folders)
        assert set(report.imported) >= {
            f"training_session_{s.date:%Y_%m_%d}_{s.id[:8]}.json" for s in late
        }
        lost = ids(SESSIONS + late) - set(stored())  # …and the files gave them back
        fault_tally.lost(len(lost))
        assert not lost
        assert reconcile.check(folders, deep=True).agrees
    assert health.integrity_problem_at(folders.database) is None


def test_a_wal_left_by_a_killed_process_is_kept(folders: DataDirectory, tmp_path: Path) -> None:
    # The ordinary crash: the -wal is still there, SQLite replays it, nothing to rebuild.
    late = [make_session(n) for n in range(600, 610)]
    run_save_and_die(folders, tmp_path, late)
    with Logbook(folders) as book:
        assert book.moved_aside is None
        assert health.at_start(book).messages() == []
        assert set(stored()) == ids(SESSIONS + late)
        assert not reconcile.sync(folders).changed_anything
    fault_tally.killed_and_survived()
