"""The save service: every save lands in the file and in the index, or in neither."""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import peewee
import pytest

from traininglog.datafolder import importing, reconcile
from traininglog.datafolder import logbook as logbook_module
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook, SaveError
from traininglog.datafolder.writerlock import DataDirectoryBusy
from traininglog.domain import Exercise, InvalidSession, Session, WarmupSet, WorkingSet
from traininglog.files import atomic as atomic_module
from traininglog.sessionfiles import decode, encode, file_name
from traininglog.sessionfiles.scan import sha256_hex
from traininglog.store import queries


def make_session(n: int = 1, day: int = 16, weight: float = 80, **changes: object) -> Session:
    s = Session(
        id=f"{n:08x}-5ca4-4c42-9530-f957959f633d",
        date=datetime(2026, 2, day, 18, 30, 0, 250000),
        exercises=(
            Exercise(
                order=1,
                name="Barbell Bench Press",
                target_muscle_groups=("chest",),
                warmup_sets=(WarmupSet(1, 20, 10),),
                working_sets=(WorkingSet(1, weight, 5, 0, 8, "good", 3, None),),
            ),
        ),
        user_id="apoorva",
        user_name="Apoorva Sharma",
        phase=2,
        week=5,
        focus="upper-strength",
    )
    return dataclasses.replace(s, **changes)


def stored_sessions() -> dict[str, bytes]:
    return {s.id: encode(s) for s in queries.load_sessions()}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def database_dump(folders: DataDirectory) -> list[str]:
    connection = sqlite3.connect(folders.database)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_save_writes_the_file_and_the_row(logbook: Logbook, folders: DataDirectory) -> None:
    s = make_session()
    paths = logbook.save(s)
    assert paths.database == folders.database
    assert paths.session_file == folders.sessions / "training_session_2026_02_16_00000001.json"
    data = paths.session_file.read_bytes()
    assert data == encode(s)
    assert decode(data) == s
    assert stored_sessions() == {s.id: encode(s)}
    (sid, stamp) = queries.file_index()[paths.session_file.name]
    st = paths.session_file.stat()
    assert sid == s.id
    assert (stamp.size, stamp.mtime_ns, stamp.sha256) == (
        st.st_size,
        st.st_mtime_ns,
        sha256_hex(data),
    )
    assert os.listdir(folders.sessions) == [paths.session_file.name]  # no temp file left


def test_saving_again_unchanged_rewrites_the_same_bytes(logbook: Logbook) -> None:
    s = make_session()
    first = logbook.save(s).session_file.read_bytes()
    assert logbook.save(s).session_file.read_bytes() == first
    assert queries.session_count() == 1


def test_edit_rewrites_file_and_row(logbook: Logbook, folders: DataDirectory) -> None:
    s = make_session()
    logbook.save(s)
    edited = make_session(weight=82.5, focus="bench day")
    paths = logbook.save(edited)
    assert decode(paths.session_file.read_bytes()) == edited
    assert stored_sessions() == {s.id: encode(edited)}
    assert len(os.listdir(folders.sessions)) == 1


def test_edit_with_a_new_date_renames_the_file(logbook: Logbook, folders: DataDirectory) -> None:
    s = make_session(day=16)
    old = logbook.save(s).session_file
    moved = make_session(day=18)
    new = logbook.save(moved).session_file
    assert new.name == "training_session_2026_02_18_00000001.json"
    assert not old.exists()
    assert os.listdir(folders.sessions) == [new.name]
    assert stored_sessions() == {s.id: encode(moved)}
    assert queries.file_name_of(s.id) == new.name
    assert queries.session_count() == 1


def test_delete_moves_the_file_to_trash_and_drops_the_row(
    logbook: Logbook, folders: DataDirectory
) -> None:
    keep, gone = make_session(1), make_session(2, day=17)
    logbook.save(keep)
    data = logbook.save(gone).session_file.read_bytes()
    trashed = logbook.delete(gone.id)
    assert trashed == folders.trash / file_name(gone)
    assert trashed.read_bytes() == data
    assert not (folders.sessions / file_name(gone)).exists()
    assert stored_sessions() == {keep.id: encode(keep)}
    with pytest.raises(SaveError, match="not stored"):
        logbook.delete(gone.id)


def test_restore_brings_a_deleted_session_back(logbook: Logbook, folders: DataDirectory) -> None:
    s = make_session()
    logbook.save(s)
    trashed = logbook.delete(s.id)
    paths = logbook.restore(trashed)
    assert not trashed.exists()
    assert paths.session_file == folders.sessions / file_name(s)
    assert decode(paths.session_file.read_bytes()) == s
    assert stored_sessions() == {s.id: encode(s)}
    assert list(folders.trash.iterdir()) == []


def test_deleting_twice_keeps_both_trashed_copies(logbook: Logbook, folders: DataDirectory) -> None:
    s = make_session()
    logbook.save(s)
    first = logbook.delete(s.id)
    logbook.save(make_session(weight=90))
    second = logbook.delete(s.id)
    assert first != second
    assert decode(first.read_bytes()) == s
    assert decode(second.read_bytes()).exercises[0].working_sets[0].weight_kg == 90


def test_an_invalid_session_is_refused_before_anything_is_written(
    logbook: Logbook, folders: DataDirectory
) -> None:
    logbook.save(make_session(1))
    before_files, before_db = folder_bytes(folders.sessions), database_dump(folders)
    bad_set = WorkingSet(1, 80, 5, 0, 11)
    bad = make_session(
        2,
        exercises=(dataclasses.replace(make_session().exercises[0], working_sets=(bad_set,)),),
    )
    with pytest.raises(InvalidSession) as refused:
        logbook.save(bad)
    assert "exercises[0].workingSets[0].rpe" in str(refused.value)
    with pytest.raises(InvalidSession, match="Order"):
        logbook.save(make_session(3, exercises=(dataclasses.replace(bad.exercises[0], order=2),)))
    assert folder_bytes(folders.sessions) == before_files
    assert database_dump(folders) == before_db


def test_a_name_taken_by_another_session_is_refused(
    logbook: Logbook, folders: DataDirectory
) -> None:
    first = make_session(1)
    logbook.save(first)
    # Same day, and an id with the same first eight hex digits: the same file name.
    twin = make_session(1, id="00000001-0000-4000-8000-000000000000")
    assert file_name(twin) == file_name(first)
    with pytest.raises(SaveError, match="already holds another session"):
        logbook.save(twin)
    assert stored_sessions() == {first.id: encode(first)}
    assert decode((folders.sessions / file_name(first)).read_bytes()) == first


def test_a_foreign_file_in_the_way_is_not_overwritten(
    logbook: Logbook, folders: DataDirectory
) -> None:
    s = make_session()
    stranger = folders.sessions / file_name(s)
    stranger.write_bytes(b"{ not mine }")
    with pytest.raises(SaveError, match="exists and is not this session"):
        logbook.save(s)
    assert stranger.read_bytes() == b"{ not mine }"
    assert queries.session_count() == 0


def _make_folder_unwritable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 0o500; where that does not stop writes (root), fail as the kernel would."""
    folder.chmod(0o500)
    probe = folder / "probe"
    try:
        probe.touch()
    except PermissionError:
        return
    probe.unlink()

    real_mkstemp = atomic_module.tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(atomic_module.tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("change_date", [False, True])
def test_a_save_into_a_read_only_folder_changes_neither_store(
    logbook: Logbook,
    folders: DataDirectory,
    monkeypatch: pytest.MonkeyPatch,
    change_date: bool,
) -> None:
    s = make_session()
    logbook.save(s)
    before_files, before_db = folder_bytes(folders.sessions), database_dump(folders)
    _make_folder_unwritable(folders.sessions, monkeypatch)
    try:
        edited = make_session(weight=100, day=20 if change_date else 16)
        with pytest.raises(OSError):
            logbook.save(edited)
        with pytest.raises(OSError):
            logbook.save(make_session(2))
        assert folder_bytes(folders.sessions) == before_files
        assert database_dump(folders) == before_db
        assert stored_sessions() == {s.id: encode(s)}
    finally:
        folders.sessions.chmod(0o755)


def test_a_failed_rename_leaves_no_temp_file(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = make_session()
    logbook.save(s)
    before_files, before_db = folder_bytes(folders.sessions), database_dump(folders)

    def no_space(source, target):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(atomic_module.os, "replace", no_space)
    with pytest.raises(OSError, match="No space"):
        logbook.save(make_session(weight=120))
    monkeypatch.undo()
    assert folder_bytes(folders.sessions) == before_files
    assert sorted(os.listdir(folders.sessions)) == sorted(before_files)
    assert database_dump(folders) == before_db


def test_a_second_logbook_is_told_the_folder_is_busy(folders: DataDirectory) -> None:
    first = Logbook(folders)
    try:
        with pytest.raises(DataDirectoryBusy) as busy:
            Logbook(folders)
        assert f"pid {os.getpid()}" in str(busy.value)
        assert busy.value.folder == folders.root
        # A read-only look is still allowed.
        reader = Logbook(folders, read_only=True)
        with pytest.raises(SaveError, match="read-only"):
            reader.save(make_session())
        with pytest.raises(SaveError, match="read-only"):
            reader.delete(make_session().id)
        reader.close()
    finally:
        first.close()
    second = Logbook(folders)
    second.save(make_session())
    second.close()


def test_another_process_is_told_the_folder_is_busy(folders: DataDirectory) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "from traininglog.datafolder.datadir import DataDirectory\n"
        "from traininglog.datafolder.logbook import Logbook\n"
        "from traininglog.datafolder.writerlock import DataDirectoryBusy\n"
        "try:\n"
        "    Logbook(DataDirectory(Path(sys.argv[1]))).close()\n"
        "except DataDirectoryBusy as busy:\n"
        "    print(busy.holder); sys.exit(3)\n"
    )
    command = [sys.executable, "-c", script, str(folders.root)]
    with Logbook(folders):
        held = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert held.returncode == 3, held.stderr
    assert held.stdout.strip().startswith(f"pid {os.getpid()} on ")
    free = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert free.returncode == 0, free.stderr


# -- importing ---------------------------------------------------------------------------------


def test_import_adds_new_sessions_and_reports_the_rest(
    logbook: Logbook, folders: DataDirectory
) -> None:
    stored = make_session(1)
    logbook.save(stored)
    changed = make_session(1, weight=100)
    new = [make_session(n, day=n) for n in range(2, 6)]
    twin = make_session(2, day=2, id="00000002-0000-4000-8000-000000000000")
    calls: list[tuple[int, int]] = []
    items = [
        ("a.json", stored),
        ("b.json", changed),
        *[(f"new{s.id[:8]}.json", s) for s in new],
        ("again.json", new[0]),
        ("twin.json", twin),
    ]
    report = logbook.import_sessions(items, progress=lambda d, t: calls.append((d, t)))
    assert [source for source, _ in report.imported] == [f"new{s.id[:8]}.json" for s in new]
    assert [path for _, path in report.imported] == [folders.sessions / file_name(s) for s in new]
    assert report.already_stored == ["a.json", "again.json"]
    assert len(report.conflicts) == 1 and report.conflicts[0].startswith("b.json: ")
    assert [r.source for r in report.rejected] == ["twin.json"]
    assert "already taken" in report.rejected[0].lines()[0]
    assert calls[-1] == (len(items), len(items))
    assert stored_sessions() == {s.id: encode(s) for s in [stored, *new]}
    for s in new:
        assert (folders.sessions / file_name(s)).read_bytes() == encode(s)

    again = logbook.import_sessions(items)
    assert again.imported == []
    assert stored_sessions() == {s.id: encode(s) for s in [stored, *new]}


def test_import_of_an_invalid_session_rejects_only_it(logbook: Logbook) -> None:
    good = make_session(1)
    bad = make_session(2, user_name="x" * 500)
    report = logbook.import_sessions([("bad", bad), ("good", good)])
    assert [r.source for r in report.rejected] == ["bad"]
    assert report.rejected[0].lines() == [
        "bad: userName: is 500 characters long; at most 100",
    ]
    assert stored_sessions() == {good.id: encode(good)}


def test_dry_run_writes_nothing(logbook: Logbook, folders: DataDirectory) -> None:
    report = logbook.import_sessions([("x", make_session(1)), ("y", make_session(2))], dry_run=True)
    assert len(report.imported) == 2
    assert os.listdir(folders.sessions) == []
    assert queries.session_count() == 0


def test_import_in_batches_and_cancel_between_them(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "IMPORT_BATCH", 3)
    items = [(str(n), make_session(n, day=1 + n % 28)) for n in range(1, 12)]
    done = [0]
    report = logbook.import_sessions(
        items,
        progress=lambda n, _total: done.__setitem__(0, n),
        cancelled=lambda: done[0] >= 7,  # Cancel pressed as the 7th session is read
    )
    assert report.cancelled
    assert len(report.imported) == 7
    # Both stores hold exactly what was imported before the cancel.
    assert stored_sessions() == {s.id: encode(s) for _, s in items[:7]}
    assert sorted(os.listdir(folders.sessions)) == sorted(file_name(s) for _, s in items[:7])


def test_a_batch_that_cannot_be_written_leaves_the_batches_before_it(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "IMPORT_BATCH", 3)
    items = [(str(n), make_session(n, day=1 + n % 28)) for n in range(1, 12)]
    real_write = importing.write_session_file
    doomed = items[4][1]  # in the second batch

    def write(path, *rest):
        if path.name == file_name(doomed):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, *rest)

    monkeypatch.setattr(importing, "write_session_file", write)
    with pytest.raises(OSError):
        logbook.import_sessions(items)
    # The first batch is in both stores; nothing of the second or later is in either.
    assert stored_sessions() == {s.id: encode(s) for _, s in items[:3]}
    assert sorted(os.listdir(folders.sessions)) == sorted(file_name(s) for _, s in items[:3])


def test_an_error_during_an_import_keeps_the_batches_before_it(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "IMPORT_BATCH", 3)
    items = [(str(n), make_session(n, day=1 + n % 28)) for n in range(1, 12)]

    def progress(done: int, _total: int) -> None:
        if done == 8:
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        logbook.import_sessions(items, progress=progress)
    # Two whole batches were written and indexed; the third, half read, is in neither store.
    assert stored_sessions() == {s.id: encode(s) for _, s in items[:6]}
    assert sorted(os.listdir(folders.sessions)) == sorted(file_name(s) for _, s in items[:6])


def test_import_of_a_session_stored_in_other_bytes_adds_nothing(
    logbook: Logbook, folders: DataDirectory, seed_file: Path
) -> None:
    # The earlier version's file, copied into the sessions folder as it is (its own
    # indentation) and picked up by the scan, then imported again from the old folder.
    shutil.copy(seed_file, folders.sessions / seed_file.name)
    reconcile.sync(folders)
    seed = decode(seed_file.read_bytes())
    assert encode(seed) != seed_file.read_bytes()
    report = logbook.import_sessions([(str(seed_file), seed)])
    assert report.already_stored == [str(seed_file)]
    assert report.conflicts == [] and report.imported == []
    changed = dataclasses.replace(seed, focus="something else")
    report = logbook.import_sessions([(str(seed_file), changed)])
    assert len(report.conflicts) == 1 and report.already_stored == []
    assert stored_sessions() == {seed.id: encode(seed)}
    assert os.listdir(folders.sessions) == [seed_file.name]


@pytest.mark.parametrize("damage", ["not a database", "corrupt pages"])
def test_a_damaged_index_is_moved_aside_and_started_again(
    folders: DataDirectory, damage: str
) -> None:
    with Logbook(folders) as book:
        for n in range(1, 4):
            book.save(make_session(n, day=n))
        before = stored_sessions()
    if damage == "not a database":
        folders.database.write_bytes(b"this is not an SQLite file" * 100)
    else:
        data = bytearray(folders.database.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)
        folders.database.write_bytes(bytes(data))
    spoiled = folders.database.read_bytes()

    with pytest.raises(peewee.DatabaseError, match=r"not a database|malformed"):
        Logbook(folders, read_only=True)  # a reader does not repair
    with Logbook(folders) as book:
        assert book.moved_aside is not None
        assert book.moved_aside.parent == folders.backups
        assert book.moved_aside.read_bytes() == spoiled  # kept for inspection
        assert queries.session_count() == 0
        reconcile.sync(folders)  # the startup scan refills it from the files
        assert stored_sessions() == before
        assert reconcile.check(folders, deep=True).agrees
    with Logbook(folders) as book:
        assert book.moved_aside is None


def test_deleting_a_session_whose_file_went_missing_still_keeps_a_copy(
    logbook: Logbook, folders: DataDirectory
) -> None:
    # The file vanished behind the app's back (a sync tool, a slip in a file manager) and the
    # index holds the only copy: a delete destroys nothing, so that copy goes to trash.
    s = make_session()
    logbook.save(s).session_file.unlink()
    trashed = logbook.delete(s.id)
    assert decode(trashed.read_bytes()) == s
    assert queries.session_count() == 0
    logbook.restore(trashed)
    assert stored_sessions() == {s.id: encode(s)}
    assert reconcile.check(folders, deep=True).agrees


def test_a_replacing_import_keeps_the_old_versions_in_trash_and_restore_swaps_back(
    logbook: Logbook, folders: DataDirectory
) -> None:
    old = [make_session(n, day=n) for n in (1, 2)]
    logbook.import_sessions([(f"{s.id[:8]}.csv", s) for s in old])
    new = [dataclasses.replace(s, exercises=make_session(weight=36.3).exercises) for s in old]
    unchanged = make_session(3, day=3)
    logbook.save(unchanged)

    report = logbook.import_sessions(
        [("e.csv:2", new[0]), ("e.csv:9", new[1]), ("e.csv:20", unchanged)], replace=True
    )
    assert [source for source, _ in report.replaced] == ["e.csv:2", "e.csv:9"]
    assert report.already_stored == ["e.csv:20"] and report.conflicts == []
    assert stored_sessions() == {s.id: encode(s) for s in [*new, unchanged]}
    assert report.trash_folder is not None and report.trash_folder.parent == folders.trash
    assert sorted(report.trashed) == sorted(report.trash_folder.iterdir())
    assert {decode(p.read_bytes()) for p in report.trashed} == set(old)
    assert reconcile.check(folders, deep=True).agrees

    # Undo: each old version back, the new reading kept in trash/ in its turn.
    for kept in report.trashed:
        logbook.restore(kept)
    assert stored_sessions() == {s.id: encode(s) for s in [*old, unchanged]}
    assert not report.trash_folder.exists()
    assert {decode(p.read_bytes()) for p in folders.trash.iterdir()} == set(new)
    assert reconcile.check(folders, deep=True).agrees


def test_a_replacing_import_that_fails_midway_keeps_both_stores_in_step(
    logbook: Logbook, folders: DataDirectory, monkeypatch
) -> None:
    old = [make_session(n, day=n) for n in (1, 2, 3)]
    logbook.import_sessions([(f"{s.id[:8]}.csv", s) for s in old])
    new = [dataclasses.replace(s, focus="read again") for s in old]
    real_upsert = logbook_module.writes.upsert_session
    calls = []

    def disk_full_on_the_second(session, stamp):
        calls.append(session.id)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_upsert(session, stamp)

    monkeypatch.setattr(logbook_module.writes, "upsert_session", disk_full_on_the_second)
    report = logbook.import_sessions([(f"e.csv:{n}", s) for n, s in enumerate(new)], replace=True)
    # The first is replaced; the second failed and is as it was; the third was not tried.
    assert [source for source, _ in report.replaced] == ["e.csv:0"]
    assert [r.source for r in report.rejected] == ["e.csv:1", "e.csv:2"]
    assert "No space left on device" in report.rejected[0].lines()[0]
    assert stored_sessions() == {s.id: encode(s) for s in [new[0], old[1], old[2]]}
    assert [decode(p.read_bytes()) for p in report.trashed] == [old[0]]
    assert sorted(report.trash_folder.iterdir()) == report.trashed
    assert reconcile.check(folders, deep=True).agrees
