"""A full disk, a file too big, a database at its size limit: the save says so and changes nothing.

Three ways to run out of room, each real where Linux allows it: `RLIMIT_FSIZE` in a child
process (the kernel refuses the write with EFBIG), `PRAGMA max_page_count` (SQLite refuses to
grow the index: SQLITE_FULL), and writes that fail with ENOSPC — a write sent to `/dev/full`,
whose ENOSPC comes from the kernel, and `os.write` / `os.fsync` patched to fail part way.
After each: a clear message from `errors.describe`, no temp file, the previous file intact and
the index unchanged.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import fault_tally
import peewee
import pytest
from stores import Stores, changed, heavy, temp_files
from test_kill_during_save import BASE, make_session

from traininglog.datafolder import errors, reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.errors import describe
from traininglog.datafolder.logbook import Logbook
from traininglog.files import atomic
from traininglog.sessionfiles import encode, file_name
from traininglog.store import queries

FILE_SIZE_LIMIT = 256 * 1024

SAVE_SCRIPT = """
import sys
from pathlib import Path
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.errors import describe
from traininglog.datafolder.logbook import Logbook
from traininglog.sessionfiles import decode

folders = DataDirectory(Path(sys.argv[1]))
session = decode(Path(sys.argv[2]).read_bytes())
with Logbook(folders) as book:
    try:
        book.save(session)
    except Exception as error:
        print(describe(error) or f"BUG {error!r}")
        sys.exit(3)
print("saved")
"""


@pytest.fixture
def folders(tmp_path: Path) -> DataDirectory:
    folders = DataDirectory(tmp_path / "data").create()
    with Logbook(folders) as book:
        for s in BASE:
            book.save(s)
    return folders


def limit_file_size() -> None:
    """In the child: files may not grow past FILE_SIZE_LIMIT; a write past it fails (EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


@pytest.mark.parametrize("what", ["an edit", "a new session"])
def test_a_file_too_big_for_the_limit(folders: DataDirectory, tmp_path: Path, what: str) -> None:
    session = heavy(BASE[0] if what == "an edit" else make_session(7))
    assert len(encode(session)) > FILE_SIZE_LIMIT
    incoming = tmp_path / "big.json"
    incoming.write_bytes(encode(session))
    before = Stores.of(folders)
    result = subprocess.run(
        [sys.executable, "-c", SAVE_SCRIPT, str(folders.root), str(incoming)],
        capture_output=True,
        text=True,
        preexec_fn=limit_file_size,
        timeout=120,
    )
    fault_tally.injected()
    assert result.returncode == 3, result.stdout + result.stderr
    assert "File too large" in result.stdout
    assert errors._OS_ADVICE[errno.EFBIG] in result.stdout
    assert temp_files(folders) == []
    assert Stores.of(folders) == before  # the previous file intact, the index unchanged
    # Without the limit the same save goes through.
    ordinary = subprocess.run(
        [sys.executable, "-c", SAVE_SCRIPT, str(folders.root), str(incoming)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ordinary.stdout.strip() == "saved", ordinary.stderr


def test_the_index_at_its_size_limit(folders: DataDirectory) -> None:
    with Logbook(folders) as book:
        connection = book.db.connection()
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        before = Stores.of(folders)
        attempts = [
            lambda: book.save(heavy(BASE[0])),  # an edit: the previous file must come back
            lambda: book.save(heavy(make_session(7))),  # new: its file must go again
            lambda: book.import_sessions([(str(n), heavy(make_session(n))) for n in (8, 9)]),
        ]
        for attempt in attempts:
            with pytest.raises(peewee.OperationalError) as full:
                attempt()
            fault_tally.injected()
            assert describe(full.value) == errors.DISK_FULL
            assert temp_files(folders) == []
            assert Stores.of(folders) == before
        connection.execute("PRAGMA max_page_count = 1073741823")
        book.save(heavy(BASE[0]))  # room again: it saves
        assert reconcile.check(folders, deep=True).agrees


def test_a_write_refused_by_the_kernel_with_enospc(
    folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each write of the temp file goes to /dev/full, so ENOSPC is the kernel's own."""
    full = os.open("/dev/full", os.O_WRONLY)
    real_write = os.write
    monkeypatch.setattr(atomic.os, "write", lambda fd, data: real_write(full, data))
    before = Stores.of(folders)
    try:
        with Logbook(folders) as book, pytest.raises(OSError) as refused:
            book.save(changed(BASE[0], focus="changed"))
    finally:
        os.close(full)
    fault_tally.injected()
    assert refused.value.errno == errno.ENOSPC
    target = folders.sessions / file_name(changed(BASE[0], focus="changed"))
    assert describe(refused.value) == f"No space left on device ({target}). {errors.DISK_FULL}"
    assert temp_files(folders) == []
    assert Stores.of(folders) == before


@pytest.mark.parametrize("where", ["write, part way", "fsync of the file", "fsync of the folder"])
def test_enospc_at_each_step_of_a_save(
    folders: DataDirectory, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    before = Stores.of(folders)
    real_write, real_fsync = os.write, os.fsync
    fsyncs = []

    def half_then_full(fd: int, data) -> int:
        if len(data) > 1:
            return real_write(fd, bytes(data[: len(data) // 2]))  # a short write…
        raise OSError(errno.ENOSPC, "No space left on device")  # …then no room

    def fsync_fails(fd: int) -> None:
        fsyncs.append(fd)
        if where == "fsync of the file" or len(fsyncs) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    if where == "write, part way":
        monkeypatch.setattr(atomic.os, "write", half_then_full)
    else:
        monkeypatch.setattr(atomic.os, "fsync", fsync_fails)
    with Logbook(folders) as book:
        with pytest.raises(OSError, match="No space") as full:
            book.save(changed(BASE[0], focus="changed"))
        monkeypatch.undo()
        fault_tally.injected()
        assert describe(full.value).endswith(errors.DISK_FULL)
        assert temp_files(folders) == []
        assert Stores.of(folders) == before
        assert encode(queries.load_session(BASE[0].id)) == encode(BASE[0])
        book.save(changed(BASE[0], focus="changed"))  # once there is room, it saves
    assert (folders.sessions / file_name(BASE[0])).read_bytes() == encode(
        changed(BASE[0], focus="changed")
    )


def test_sqlite_says_the_disk_is_full(folders: DataDirectory, monkeypatch) -> None:
    """SQLite's own disk-full error on a row write: the file goes back, the form is kept."""
    from traininglog.store import writes

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(writes, "upsert_session", disk_full)
    monkeypatch.setattr(writes, "delete_session", disk_full)
    before = Stores.of(folders)
    with Logbook(folders) as book:
        for attempt in (
            lambda: book.save(
                changed(BASE[0], focus="changed", date=BASE[0].date + timedelta(days=3))
            ),  # a renaming edit
            lambda: book.delete(BASE[1].id),
        ):
            with pytest.raises(sqlite3.OperationalError) as full:
                attempt()
            fault_tally.injected()
            assert describe(full.value) == errors.DISK_FULL
            assert temp_files(folders) == []
            assert [p.name for p in folders.trash.iterdir()] == []
            assert Stores.of(folders) == before
