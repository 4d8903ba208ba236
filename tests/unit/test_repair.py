"""`check --repair`: every kind of disagreement brought to agreement, the files winning."""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime

import pytest

from traininglog import cli
from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.datafolder.repair import repair
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import decode, encode, file_name
from traininglog.store import queries


def make_session(n: int, weight: float = 80, **changes: object) -> Session:
    s = Session(
        id=f"{n:08x}-7777-4888-8999-aaaabbbbcccc",
        date=datetime(2026, 4, n, 6, 30),
        exercises=(
            Exercise(1, "Barbell Bench Press", ("chest",), (), (WorkingSet(1, weight, 5),)),
        ),
        focus="upper",
    )
    return dataclasses.replace(s, **changes)


def stored() -> dict[str, bytes]:
    return {s.id: encode(s) for s in queries.load_sessions()}


def test_nothing_to_repair(logbook: Logbook) -> None:
    logbook.save(make_session(1))
    report = repair(logbook)
    assert report.agrees and not report.changed_anything
    assert report.lines()[0] == "nothing needed repairing"
    assert report.lines()[-1] == "database and files agree"


def test_every_kind_of_disagreement_is_repaired(logbook: Logbook, folders: DataDirectory) -> None:
    kept, edited, missing, trashed, twice, hidden = (make_session(n) for n in range(1, 7))
    for s in (kept, edited, missing, trashed, twice, hidden):
        logbook.save(s)
    # A file edited outside with its size and mtime unchanged: only a deep look sees it.
    path = folders.sessions / file_name(edited)
    st = path.stat()
    path.write_bytes(encode(make_session(2, weight=90)))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    # A row edited behind the files' back.
    logbook.db.execute_sql('UPDATE "set" SET weight_kg = 1 WHERE session_id = ?', (hidden.id,))
    (folders.sessions / file_name(missing)).unlink()  # deleted by hand: kept in trash/
    os.replace(folders.sessions / file_name(trashed), folders.trash / file_name(trashed))
    newcomer = make_session(7)
    (folders.sessions / file_name(newcomer)).write_bytes(encode(newcomer))
    (folders.sessions / "copy of a session.json").write_bytes(encode(twice))
    (folders.sessions / "broken.json").write_bytes(b'{"_id": ')
    (folders.sessions / ".x.json.1.tmp").write_bytes(b"half")
    assert not reconcile.check(folders, deep=True).agrees

    report = repair(logbook)
    assert not report.before.agrees
    assert report.agrees, report.lines()
    assert reconcile.check(folders, deep=True).agrees
    expected = {s.id: encode(s) for s in (kept, twice, hidden, newcomer)}
    expected[edited.id] = encode(make_session(2, weight=90))  # the file won
    assert stored() == expected
    assert decode((folders.trash / file_name(missing)).read_bytes()) == missing
    assert not (folders.sessions / file_name(missing)).exists()
    assert (folders.quarantine / "broken.json.reason.txt").exists()
    assert (folders.sessions / "broken.json").exists()  # the lifter's, left in place
    assert (folders.trash / "copy of a session.json").exists()
    lines = report.lines()
    assert any("differed from the database" in line for line in lines)
    assert any("in trash" in line for line in lines)
    assert any("interrupted saves" in line for line in lines)
    assert any("a copy is in quarantine/" in line for line in lines)
    assert any("is gone from the folder: its session of" in line for line in lines)
    assert any("copy of a session.json: a second copy" in line for line in lines)
    assert lines[-1] == "database and files agree"


def test_an_index_that_fails_its_integrity_check_is_rebuilt(
    logbook: Logbook, folders: DataDirectory
) -> None:
    for n in range(1, 29):
        logbook.save(make_session(n))
    before = stored()
    logbook.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(folders.database.read_bytes())
    data[3 * 4096 : 6 * 4096] = bytes(3 * 4096)  # pages zeroed: it opens, but is damaged
    logbook.close()
    folders.database.write_bytes(bytes(data))
    with Logbook(folders) as book:
        report = repair(book)
        assert report.recovery is not None and report.recovery.sessions == 28
        assert report.recovery.moved_to.parent == folders.backups
        assert report.agrees
        assert stored() == before
        assert "The database was damaged" in report.lines()[0]


def test_check_repair_on_the_command_line(
    folders: DataDirectory, capsys: pytest.CaptureFixture[str]
) -> None:
    with Logbook(folders) as book:
        for n in (1, 2):
            book.save(make_session(n))
    (folders.sessions / file_name(make_session(1))).unlink()
    folders.database.write_bytes(b"\0garbage" * 512)
    base = ["--data-dir", str(folders.root)]
    assert cli.main([*base, "check"]) == cli.REJECTED
    capsys.readouterr()
    assert cli.main([*base, "check", "--repair"]) == cli.OK
    err = capsys.readouterr().err
    assert "The database was damaged" in err and "moved to" in err
    assert err.rstrip().endswith("database and files agree")
    assert cli.main([*base, "check", "--deep"]) == cli.OK
    # The session whose file was deleted was only in the damaged index: that is the one
    # thing a damaged index can lose, and it is still in the copy kept in backups/.
    assert len(list(folders.backups.glob("traininglogs-damaged-*.db"))) == 1


def test_check_repair_needs_the_data_directory_to_itself(
    folders: DataDirectory, capsys: pytest.CaptureFixture[str]
) -> None:
    with Logbook(folders):
        assert cli.main(["--data-dir", str(folders.root), "check", "--repair"]) == cli.REJECTED
    assert "read-only" in capsys.readouterr().err
