"""What lifters, editors, backups and sync tools do to a data folder by hand, done through the
command line to a folder of 20 sessions. After each, every session is in `sessions/` or in
`trash/` with the lifter told how to bring it back, and no command printed a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.sessionfiles import decode, encode, file_name

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file types and modes")


def make_session(n: int) -> Session:
    return Session(
        id=f"{n:08x}-5555-4666-8777-888899990000",
        date=datetime(2026, 1, 1, 18, 0) + timedelta(days=n),
        focus=f"day {n}",
        exercises=(
            Exercise(
                1,
                "Barbell Back Squat",
                ("quads", "glutes"),
                (WarmupSet(1, 60, 5),),
                (WorkingSet(1, 100 + n, 5, 0, 8, "good", 3, "belt"),),
            ),
        ),
    )


SESSIONS = [make_session(n) for n in range(1, 21)]


def traininglog(data: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    result = subprocess.run(
        [sys.executable, "-m", "traininglog", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result


@pytest.fixture
def data(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for s in SESSIONS:
        (source / f"{s.id}.json").write_bytes(encode(s))
    data = tmp_path / "log"
    assert traininglog(data, "import", str(source)).returncode == 0
    return data


def path_of(data: Path, s: Session) -> Path:
    return data / "sessions" / file_name(s)


def nothing_lost(data: Path, told: str) -> None:
    """Every session is in the index (so in a file), or kept in trash/ and named in `told`."""
    history = traininglog(data, "history", "--json")
    indexed = {row["_id"] for row in json.loads(history.stdout)}
    trashed = {}
    for path in (data / "trash").glob("*.json"):
        trashed[decode(path.read_bytes()).id] = path
    for s in SESSIONS:
        if s.id in indexed:
            continue
        assert s.id in trashed, f"session {s.focus} is lost"
        assert str(trashed[s.id]) in told, f"{s.focus} was kept in trash but nobody was told"
        assert decode(trashed[s.id].read_bytes()) == s


def test_a_folder_where_a_session_file_was(data: Path) -> None:
    victim = path_of(data, SESSIONS[3])
    victim.unlink()
    victim.mkdir()
    first = traininglog(data, "history")
    assert first.returncode == 0
    assert f"{victim.name} is not a file (a folder)" in first.stderr
    nothing_lost(data, first.stderr)
    assert victim.is_dir()  # left as it is
    rebuilt = traininglog(data, "rebuild")
    assert "from 19 session file(s)" in rebuilt.stderr
    nothing_lost(data, first.stderr)
    assert traininglog(data, "export", "--format", "json", str(data.parent / "out")).returncode == 0


def test_a_fifo_a_socket_and_a_link_out_of_the_folder_are_skipped_without_blocking(
    data: Path, tmp_path: Path
) -> None:
    sessions = data / "sessions"
    os.mkfifo(sessions / "pipe.json")  # opening it to read would block forever
    outside = tmp_path / "elsewhere.json"
    outside.write_bytes(encode(make_session(40)))
    (sessions / "link.json").symlink_to(outside)
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sessions / "sock.json"))
    try:
        started = time.monotonic()
        result = traininglog(data, "check", timeout=20)
        assert time.monotonic() - started < 20
        result = traininglog(data, "history", "--json", timeout=20)
        assert len(json.loads(result.stdout)) == 20  # the link's session is not read in
        assert "pipe.json is not a file" in result.stderr
        assert "link.json is not a file (a link)" in result.stderr
        assert "sock.json is not a file" in result.stderr
    finally:
        sock.close()
    assert outside.read_bytes() == encode(make_session(40))


def test_an_unreadable_file(data: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """A file the system refuses to open (chmod 0, another user's): told, its session kept."""
    from traininglog import cli
    from traininglog.sessionfiles import scan

    victim = path_of(data, SESSIONS[5])
    victim.chmod(0)  # refused for anyone but root; the system call is refused for root too:
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if Path(path) == victim:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(scan.os, "open", refusing)
    victim.touch()  # changed since indexed, so the scan reads it
    assert cli.main(["--data-dir", str(data), "history"]) == 0
    told = capsys.readouterr().err
    assert f"{victim.name}: can't be read: permission denied" in told
    assert f"{victim.name} can't be read: permission denied" in told  # its session kept
    assert victim.exists()
    monkeypatch.undo()
    victim.chmod(0o600)
    nothing_lost(data, told)


def test_a_huge_file_is_not_read_whole(data: Path) -> None:
    huge = data / "sessions" / "huge.json"
    with huge.open("wb") as f:
        f.write(b'{"_id": "' + b"x" * (60 * 1024 * 1024) + b'"}')
    started = time.monotonic()
    result = traininglog(data, "history", "--json")
    took = time.monotonic() - started
    assert len(json.loads(result.stdout)) == 20
    assert "huge.json: is larger than" in result.stderr
    assert took < 10, took
    assert huge.exists()
    again = traininglog(data, "history")
    assert "huge.json" not in again.stderr  # told once


def test_a_file_with_a_key_written_twice_is_refused_not_read_last_one_wins(data: Path) -> None:
    victim = path_of(data, SESSIONS[7])
    text = victim.read_text()
    twice = text.replace('"focus": "day 8"', '"focus": "day 8",\n  "focus": "other"')
    assert twice != text
    victim.write_text(twice)
    result = traininglog(data, "history")
    assert "focus: is written twice" in result.stderr
    nothing_lost(data, result.stderr)
    assert victim.read_text() == twice  # the lifter's file, as they left it


def test_a_session_file_copied_over_another(data: Path) -> None:
    a, b = path_of(data, SESSIONS[0]), path_of(data, SESSIONS[1])
    shutil.copyfile(a, b)
    result = traininglog(data, "history")
    assert f"{b.name} now holds another session" in result.stderr
    nothing_lost(data, result.stderr)


def test_files_deleted_renamed_and_broken_by_hand(data: Path) -> None:
    path_of(data, SESSIONS[10]).unlink()
    moved = path_of(data, SESSIONS[11])
    moved.rename(moved.with_name("my favourite session.json"))
    path_of(data, SESSIONS[12]).write_text("{ oops")
    result = traininglog(data, "history")
    nothing_lost(data, result.stderr)
    rows = json.loads(traininglog(data, "history", "--json").stdout)
    assert SESSIONS[11].id in {r["_id"] for r in rows}  # followed to its new name
    assert traininglog(data, "check").returncode == 0


def test_a_folder_where_the_database_should_be(data: Path) -> None:
    for path in data.glob("traininglogs.db*"):
        path.unlink()
    (data / "traininglogs.db").mkdir()
    result = traininglog(data, "history")
    assert result.returncode == 1
    assert f"{data / 'traininglogs.db'}" in result.stderr
    assert "A folder is where a file should be" in result.stderr
    assert len(list((data / "sessions").glob("*.json"))) == 20  # nothing touched


@pytest.mark.parametrize("spoil", ["a table dropped", "another program's database"])
def test_a_database_that_is_not_our_index_is_kept_aside_and_rebuilt(data: Path, spoil) -> None:
    import sqlite3

    database = data / "traininglogs.db"
    if spoil == "a table dropped":
        with sqlite3.connect(database) as db:
            db.execute("PRAGMA foreign_keys = 0")
            db.execute('DROP TABLE "set"')
    else:
        for path in data.glob("traininglogs.db*"):
            path.unlink()
        with sqlite3.connect(database) as db:
            db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    result = traininglog(data, "history", "--json")
    assert result.returncode == 0, result.stderr
    why = "missing its set table" if spoil == "a table dropped" else "holds other tables (invoices)"
    assert why in result.stderr and "moved it to" in result.stderr
    assert len(json.loads(result.stdout)) == 20
    kept = list((data / "backups").glob("traininglogs-damaged-*.db"))
    assert len(kept) == 1
    assert traininglog(data, "check", "--deep").returncode == 0


def test_a_sync_tools_transfer_in_flight_is_left_alone(data: Path) -> None:
    """Syncthing writes the file it receives as `.syncthing.NAME.tmp` and renames it when
    done: removing it breaks the transfer."""
    sessions = data / "sessions"
    in_flight = sessions / ".syncthing.training_session_2026_03_01_abcdef12.json.tmp"
    in_flight.write_bytes(b'{"dataModelVersion": "0.0.1", "_id": "half a file')
    other = sessions / ".~lock.notes.json#"
    other.write_text("lock")
    traininglog(data, "history")
    traininglog(data, "rebuild")
    assert traininglog(data, "check").returncode == 0
    assert in_flight.exists() and other.exists()
