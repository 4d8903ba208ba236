"""A real small file system (tmpfs of 1 MB) filled by the command line: every command says in
one sentence what happened and what to do, no traceback, and the two stores still agree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.sessionfiles import encode


def make_session(n: int) -> Session:
    return Session(
        id=f"{n:08x}-7777-4888-8999-aaaabbbbcccc",
        date=datetime(2020, 1, 1, 18, 0) + timedelta(days=n),
        focus="full body",
        exercises=tuple(
            Exercise(
                k,
                name,
                ("quads",),
                (WarmupSet(1, 40, 5),),
                tuple(WorkingSet(s, 100, 5, 0, 8, "good", 3, "a note " * 5) for s in (1, 2, 3)),
            )
            for k, name in enumerate(("Barbell Back Squat", "Barbell Bench Press"), 1)
        ),
    )


@pytest.fixture
def small_disk(tmp_path: Path):
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a small tmpfs needs root: {mounted.stderr.strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def traininglog(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    result = subprocess.run(
        [sys.executable, "-m", "traininglog", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_an_import_that_fills_the_disk(small_disk: Path, tmp_path: Path) -> None:
    first, many = tmp_path / "first", tmp_path / "many"
    for folder, numbers in ((first, range(1, 101)), (many, range(101, 1601))):
        folder.mkdir()
        for n in numbers:
            (folder / f"{n}.json").write_bytes(encode(make_session(n)))
    data = small_disk / "log"
    assert traininglog(data, "import", str(first)).returncode == 0
    result = traininglog(data, "import", str(many))
    assert result.returncode == 1
    assert "No space left on device" in result.stderr or "disk is full" in result.stderr
    assert "Free some space" in result.stderr
    assert str(data) in result.stderr  # where
    # What was imported before the disk filled is in both stores, whole.
    check = traininglog(data, "check")
    assert check.returncode == 0, check.stderr
    history = traininglog(data, "history", "--json")
    assert history.returncode == 0
    kept = len(json.loads(history.stdout))
    assert 100 <= kept < 1600
    assert len(list((data / "sessions").glob("*.json"))) == kept
    # An export to the full disk says so too, and leaves no half file.
    out = small_disk / "export.csv"
    exported = traininglog(data, "export", "--format", "csv", str(out))
    if exported.returncode != 0:
        assert "Free some space" in exported.stderr
        assert not out.exists()


def test_a_save_on_a_full_disk_keeps_both_stores_and_says_what_to_do(small_disk: Path) -> None:
    from traininglog.datafolder.datadir import DataDirectory
    from traininglog.datafolder.errors import describe
    from traininglog.datafolder.logbook import Logbook
    from traininglog.store import queries

    folders = DataDirectory(small_disk / "log")
    with Logbook(folders) as book:
        book.save(make_session(1))
        filler = small_disk / "filler"
        # Unbuffered: a buffered file would try the rest again on close, and raise there.
        with filler.open("wb", buffering=0) as f, pytest.raises(OSError):
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        before = {p.name: p.read_bytes() for p in folders.sessions.iterdir()}
        with pytest.raises(Exception) as refused:
            book.save(make_session(2))
        message = describe(refused.value)
        assert message is not None and "Free some space" in message
        assert {p.name: p.read_bytes() for p in folders.sessions.iterdir()} == before
        assert [s.id for s in queries.load_sessions()] == [make_session(1).id]
        filler.unlink()
        book.save(make_session(2))  # room again: the next save lands
        assert len(list(queries.load_sessions())) == 2
