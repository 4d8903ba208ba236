"""The startup scan, check and rebuild: the files win, and nothing is ever lost."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.sessionfiles import decode, encode, file_name
from traininglog.sessionfiles.scan import list_sessions_folder, sha256_hex
from traininglog.store import index_builder, queries
from traininglog.store.models import database


def make_session(n: int = 1, day: int = 16, weight: float = 80, **changes: object) -> Session:
    s = Session(
        id=f"{n:08x}-1111-4222-8333-444455556666",
        date=datetime(2026, 2, day, 7, 15, 0),
        exercises=(
            Exercise(
                order=1,
                name="Barbell Back Squat",
                target_muscle_groups=("quads", "glutes"),
                warmup_sets=(WarmupSet(1, 60, 5),),
                working_sets=(
                    WorkingSet(1, weight, 5, 0, 7.5, "good", 3, None),
                    WorkingSet(2, weight, 5, 0, 8.5, "hard", 3.5, "belt"),
                ),
            ),
        ),
        user_id="u",
        user_name="U",
        focus="lower",
    )
    return dataclasses.replace(s, **changes)


def stored() -> dict[str, bytes]:
    return {s.id: encode(s) for s in queries.load_sessions()}


def on_disk(folders: DataDirectory) -> dict[str, bytes]:
    found = {}
    for path in folders.sessions.glob("*.json"):
        s = decode(path.read_bytes())
        assert s.id not in found, f"{path.name} holds a session twice"
        found[s.id] = encode(s)
    return found


def agrees(folders: DataDirectory) -> bool:
    return reconcile.check(folders).agrees and reconcile.check(folders, deep=True).agrees


def later(path: Path, seconds: float = 5) -> None:
    """Move a file's mtime forward, as a save a few seconds later would."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + int(seconds * 1e9)))


def test_sync_of_an_agreeing_folder_changes_nothing(
    logbook: Logbook, folders: DataDirectory
) -> None:
    for n in range(1, 4):
        logbook.save(make_session(n, day=n))
    before = stored()
    report = reconcile.sync(folders)
    assert not report.changed_anything
    assert report.warnings() == []
    assert stored() == before
    assert agrees(folders)


def test_a_scan_with_nothing_changed_reads_no_file_and_keeps_telling_of_conflicts(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(1, 4):
        logbook.save(make_session(n, day=n))
    original = file_name(make_session(2, day=2))
    copy = original.replace(".json", ".sync-conflict-20261203-101500-ABCDEFG.json")
    shutil.copy(folders.sessions / original, folders.sessions / copy)
    expected = reconcile.sync(folders)
    assert expected.conflicts == [(copy, original)] and not expected.changed_anything

    def not_called(*args: object) -> None:
        raise AssertionError("a file or the whole index read with nothing changed")

    monkeypatch.setattr(reconcile, "_read", not_called)
    monkeypatch.setattr(reconcile.queries, "file_index", not_called)
    assert reconcile.sync(folders) == expected


def test_a_file_touched_or_a_folder_in_its_place_is_looked_at(
    logbook: Logbook, folders: DataDirectory
) -> None:
    paths = [logbook.save(make_session(n, day=n)).session_file for n in range(1, 4)]
    later(paths[0])  # same bytes, a later mtime: read, found unchanged, its stamp updated
    (folders.sessions / "not-a-session.json").mkdir()
    report = reconcile.sync(folders)
    assert report.not_files == [("not-a-session.json", "a folder")]
    assert queries.file_stamps()[paths[0].name] == tuple(
        list_sessions_folder(folders.sessions).files[paths[0].name]
    )
    assert reconcile.sync(folders).not_files == [("not-a-session.json", "a folder")]


def test_a_file_dropped_into_the_folder_is_imported(
    logbook: Logbook, folders: DataDirectory, seed_file: Path
) -> None:
    logbook.save(make_session(1))
    shutil.copy(seed_file, folders.sessions / seed_file.name)
    assert not agrees(folders)
    report = reconcile.sync(folders)
    assert report.imported == [seed_file.name]
    seed = decode(seed_file.read_bytes())
    assert stored() == {make_session(1).id: encode(make_session(1)), seed.id: encode(seed)}
    assert (folders.sessions / seed_file.name).read_bytes() == seed_file.read_bytes()
    assert agrees(folders)


def test_a_file_changed_outside_is_reimported(logbook: Logbook, folders: DataDirectory) -> None:
    path = logbook.save(make_session(1)).session_file
    edited = make_session(1, weight=105, focus="heavy")
    # Another machine's editor, with its own formatting.
    path.write_text(json.dumps(json.loads(encode(edited)), indent=4), encoding="utf-8")
    report = reconcile.sync(folders)
    assert report.updated == [path.name] and report.imported == []
    assert stored() == {edited.id: encode(edited)}
    assert queries.file_index()[path.name][1].sha256 == sha256_hex(path.read_bytes())
    assert agrees(folders)


def test_a_touched_but_unchanged_file_only_updates_its_stamp(
    logbook: Logbook, folders: DataDirectory
) -> None:
    s = make_session(1)
    path = logbook.save(s).session_file
    before = queries.file_index()[path.name][1]
    later(path)
    assert reconcile.check(folders).agrees  # a new mtime alone is no disagreement
    report = reconcile.sync(folders)
    assert not report.changed_anything
    after = queries.file_index()[path.name][1]
    assert after.mtime_ns == path.stat().st_mtime_ns != before.mtime_ns
    assert (after.size, after.sha256) == (before.size, before.sha256)
    assert stored() == {s.id: encode(s)}
    assert agrees(folders)


def test_a_row_whose_file_is_in_trash_is_dropped(logbook: Logbook, folders: DataDirectory) -> None:
    keep, gone = make_session(1), make_session(2, day=17)
    logbook.save(keep)
    path = logbook.save(gone).session_file
    shutil.move(path, folders.trash / path.name)  # a delete that stopped before the index
    report = reconcile.sync(folders)
    assert report.dropped == [path.name]
    assert stored() == {keep.id: encode(keep)}
    assert (folders.trash / path.name).exists()
    assert not path.exists()
    assert agrees(folders)


def test_a_file_deleted_outside_is_a_deletion_kept_in_trash_and_told(
    logbook: Logbook, folders: DataDirectory
) -> None:
    """Deleted by hand, or on another computer through a sync tool: never written back
    silently (the sync tool would carry it back everywhere), never lost."""
    s = make_session(1)
    path = logbook.save(s).session_file
    path.unlink()
    check = reconcile.check(folders)
    assert check.rows_without_file == [path.name] and not check.agrees
    report = reconcile.sync(folders)
    (trashed,) = report.trashed
    assert trashed.trash_path == folders.trash / path.name
    assert trashed.trash_path.read_bytes() == encode(s)
    assert report.warnings() == [
        f"{path.name} is gone from the folder: its session of Mon 16 Feb 2026 (lower) is kept "
        f"in {trashed.trash_path}; `traininglog import {trashed.trash_path}` brings it back"
    ]
    assert not path.exists()
    assert stored() == {}
    assert agrees(folders)
    logbook.restore(trashed.trash_path)
    assert path.read_bytes() == encode(s) and stored() == {s.id: encode(s)}


@pytest.mark.parametrize("old_weight", [60, 100])
def test_a_missing_file_goes_to_trash_even_if_an_old_copy_was_once_deleted(
    logbook: Logbook, folders: DataDirectory, old_weight: int
) -> None:
    # Deleted once (its file is in trash), later imported again, then its file went missing:
    # the trash holds an older copy, not this file, so the session must not be just dropped.
    old = make_session(1, weight=old_weight)
    logbook.save(old)
    logbook.delete(old.id)
    current = make_session(1, weight=100)
    logbook.import_sessions([("backup.json", current)])
    path = folders.sessions / file_name(current)
    path.unlink()
    report = reconcile.sync(folders)
    assert report.dropped == []
    (trashed,) = report.trashed
    assert trashed.trash_path.read_bytes() == encode(current)
    assert (folders.trash / path.name).exists()  # the older copy is still there too
    assert agrees(folders)


BAD_FILES = {
    "truncated.json": lambda good: good[: len(good) // 2],
    "not-utf8.json": lambda good: b"\xff\xfe" + good,
    "rpe-eleven.json": lambda good: good.replace(b'"rpe": 7.5', b'"rpe": 11'),
    "unknown-field.json": lambda good: good.replace(b'"focus"', b'"mood": "ok",\n  "focus"'),
}
NEWER = b'"dataModelVersion": "9.0.0"'


def test_bad_files_are_quarantined_and_the_rest_still_load(
    logbook: Logbook, folders: DataDirectory
) -> None:
    keep = make_session(1)
    logbook.save(keep)
    good = encode(make_session(2))
    for name, spoil in BAD_FILES.items():
        (folders.sessions / name).write_bytes(spoil(good))
    newcomer = make_session(3, day=20)
    (folders.sessions / file_name(newcomer)).write_bytes(encode(newcomer))
    check = reconcile.check(folders)
    assert sorted(r.source for r in check.invalid_files) == sorted(BAD_FILES)
    assert not check.agrees

    report = reconcile.sync(folders)
    assert sorted(r.source for r in report.quarantined) == sorted(BAD_FILES)
    assert report.imported == [file_name(newcomer)]
    assert stored() == {keep.id: encode(keep), newcomer.id: encode(newcomer)}
    for name, spoil in BAD_FILES.items():
        # Left where it is (moved, a sync tool would delete it on every other computer).
        assert (folders.sessions / name).read_bytes() == spoil(good)
        assert (folders.quarantine / name).read_bytes() == spoil(good)
        reason = (folders.quarantine / f"{name}.reason.txt").read_text(encoding="utf-8")
        assert reason.strip()
    reasons = {
        name: (folders.quarantine / f"{name}.reason.txt").read_text(encoding="utf-8")
        for name in BAD_FILES
    }
    assert "not valid JSON" in reasons["truncated.json"]
    assert "UTF-8" in reasons["not-utf8.json"]
    assert (
        "exercises[0].workingSets[0].rpe: 11 is greater than the maximum 10"
        in reasons["rpe-eleven.json"]
    )
    assert "mood" in reasons["unknown-field.json"]
    assert any("(left in place; a copy is in quarantine/)" in w for w in report.warnings())
    after = reconcile.check(folders, deep=True)
    assert after.agrees  # what can be read is indexed; the rest is known and kept
    assert sorted(after.quarantined_files) == sorted(BAD_FILES)
    assert sorted(after.known_unreadable) == sorted(BAD_FILES)
    # Told once: the next start reads them again, but copies and says nothing new.
    again = reconcile.sync(folders)
    assert again.quarantined == [] and not again.changed_anything
    assert len(list(folders.quarantine.glob("*.json"))) == len(BAD_FILES)


def test_a_stored_file_spoiled_outside_keeps_its_session_in_trash(
    logbook: Logbook, folders: DataDirectory
) -> None:
    s = make_session(1)
    path = logbook.save(s).session_file
    path.write_bytes(encode(s)[:40])
    report = reconcile.sync(folders)
    assert [r.source for r in report.quarantined] == [path.name]
    (trashed,) = report.trashed
    assert trashed.why == f"{path.name} can no longer be read"
    assert trashed.trash_path.read_bytes() == encode(s)
    assert path.read_bytes() == encode(s)[:40]  # the lifter's file, as they left it
    assert (folders.quarantine / path.name).read_bytes() == encode(s)[:40]
    assert stored() == {}
    logbook.restore(trashed.trash_path)
    assert path.read_bytes() == encode(s) and stored() == {s.id: encode(s)}


def test_two_new_files_with_one_id_the_newest_is_read_and_neither_deleted(
    logbook: Logbook, folders: DataDirectory
) -> None:
    older, newer = make_session(1, weight=90), make_session(1, weight=95)
    (folders.sessions / "a-copy.json").write_bytes(encode(newer))
    (folders.sessions / "z-copy.json").write_bytes(encode(older))
    later(folders.sessions / "a-copy.json")
    check = reconcile.check(folders)
    assert check.duplicate_ids and not check.agrees
    report = reconcile.sync(folders)
    assert report.superseded == []
    assert report.duplicates == [("z-copy.json", "a-copy.json")]
    assert "z-copy.json: holds the same session as a-copy.json" in report.warnings()[0]
    assert stored() == {newer.id: encode(newer)}
    assert sorted(os.listdir(folders.sessions)) == ["a-copy.json", "z-copy.json"]
    assert (folders.sessions / "z-copy.json").read_bytes() == encode(older)


@pytest.mark.parametrize("stray_is_newer", [True, False])
def test_a_stray_copy_of_a_stored_session(
    logbook: Logbook, folders: DataDirectory, stray_is_newer: bool
) -> None:
    s = make_session(1)
    path = logbook.save(s).session_file
    edited = make_session(1, weight=140)
    stray = folders.sessions / "copy of session.json"
    stray.write_bytes(encode(edited))
    later(stray if stray_is_newer else path)
    report = reconcile.sync(folders)
    # The file the index had it in is kept, however new the copy: the next save would
    # otherwise remove the copy, and a copy made by hand is the lifter's.
    assert report.superseded == []
    assert report.duplicates == [(stray.name, path.name)]
    assert sorted(os.listdir(folders.sessions)) == sorted([path.name, stray.name])
    assert stored() == {s.id: encode(s)}
    assert queries.file_name_of(s.id) == path.name


def test_leftover_temp_files_are_removed(logbook: Logbook, folders: DataDirectory) -> None:
    s = make_session(1)
    logbook.save(s)
    temp = folders.sessions / f".{file_name(s)}.abc123.tmp"
    temp.write_bytes(encode(make_session(1, weight=200))[:50])
    check = reconcile.check(folders)
    assert check.leftover_temp_files == [temp.name]
    assert any("interrupted save" in line for line in check.lines())
    report = reconcile.sync(folders)
    assert report.temp_files_removed == 1
    assert not temp.exists()
    assert stored() == {s.id: encode(s)}
    assert reconcile.check(folders).leftover_temp_files == []


def test_check_reports_every_kind_of_disagreement(logbook: Logbook, folders: DataDirectory) -> None:
    kept = make_session(1, day=1)
    changed = make_session(2, day=2)
    missing = make_session(3, day=3)
    for s in (kept, changed, missing):
        logbook.save(s)
    before = stored()
    (folders.sessions / file_name(changed)).write_bytes(encode(make_session(2, day=2, weight=1)))
    (folders.sessions / file_name(missing)).unlink()
    newcomer = make_session(4, day=4)
    (folders.sessions / file_name(newcomer)).write_bytes(encode(newcomer))
    # A copy of a stored session whose name sorts before the original's.
    (folders.sessions / "a copy.json").write_bytes(encode(kept))
    (folders.sessions / "broken.json").write_bytes(b'{"_id": ')
    (folders.sessions / ".x.json.1.tmp").write_bytes(b"")

    for deep in (False, True):
        report = reconcile.check(folders, deep=deep)
        assert report.files_not_in_database == ["a copy.json", file_name(newcomer)]
        assert report.rows_without_file == [file_name(missing)]
        assert report.content_differs == [file_name(changed)]
        assert [r.source for r in report.invalid_files] == ["broken.json"]
        assert report.duplicate_ids, "two files hold the same session"
        assert report.leftover_temp_files == [".x.json.1.tmp"]
        assert (report.sessions_in_database, report.session_files) == (3, 5)
        assert not report.agrees
        lines = report.lines()
        assert lines[-1] == "database and files DISAGREE"
        assert f"{file_name(missing)}: database row has no file" in lines
        assert f"{file_name(changed)}: file and database differ" in lines
    assert stored() == before  # check changes nothing

    reconcile.sync(folders)
    report = reconcile.check(folders, deep=True)
    # The copy made by hand is left for the lifter, and still a disagreement; the broken
    # file is known and kept (with a copy in quarantine/), no longer one.
    assert report.duplicate_ids and report.files_not_in_database == ["a copy.json"]
    assert report.known_unreadable == ["broken.json"] and report.invalid_files == []
    (folders.sessions / "a copy.json").unlink()
    report = reconcile.check(folders, deep=True)
    assert report.agrees, report.lines()
    assert report.lines()[-1] == "database and files agree"


def test_deep_check_finds_a_row_edited_behind_the_files_back(
    logbook: Logbook, folders: DataDirectory
) -> None:
    s = make_session(1)
    logbook.save(s)
    logbook.db.execute_sql('UPDATE "set" SET weight_kg = 1 WHERE kind = ?', ("working",))
    assert reconcile.check(folders).agrees  # the stamps still match
    deep = reconcile.check(folders, deep=True)
    assert deep.content_differs == [file_name(s)] and not deep.agrees


def test_rebuild_makes_the_same_index_from_the_files(
    logbook: Logbook, folders: DataDirectory, seed_file: Path
) -> None:
    for n in range(1, 6):
        logbook.save(make_session(n, day=n, weight=50 + n))
    logbook.import_sessions([(str(seed_file), decode(seed_file.read_bytes()))])
    (folders.sessions / "broken.json").write_bytes(b"[")
    summaries = queries.session_summaries()
    sessions = stored()
    index = {k: v for k, v in queries.file_index().items()}

    count, rejected = reconcile.rebuild(folders)
    assert count == 6
    assert [r.source for r in rejected] == ["broken.json"]
    assert (folders.quarantine / "broken.json").exists()
    assert queries.session_summaries() == summaries
    assert stored() == sessions
    assert queries.file_index() == index
    assert not folders.database.with_name(folders.database.name + ".rebuilding").exists()
    assert agrees(folders)
    # The logbook goes on saving into the rebuilt index.
    logbook.save(make_session(9, day=9))
    assert queries.session_count() == 7


def test_rebuild_after_the_database_is_deleted(folders: DataDirectory) -> None:
    with Logbook(folders) as book:
        for n in range(1, 4):
            book.save(make_session(n, day=n))
        before = stored()
    for path in folders.root.glob("traininglogs.db*"):
        path.unlink()
    with Logbook(folders) as book:
        assert queries.session_count() == 0
        count, rejected = reconcile.rebuild(folders)
        assert (count, rejected) == (3, [])
        assert stored() == before
        assert reconcile.check(folders, deep=True).agrees
        book.save(make_session(4, day=4))
    assert len(before) == 3


def test_rebuild_keeps_the_indexed_of_two_files_with_one_id_and_deletes_neither(
    logbook: Logbook, folders: DataDirectory
) -> None:
    path = logbook.save(make_session(1)).session_file
    newer = make_session(1, weight=150)
    (folders.sessions / "newer copy.json").write_bytes(encode(newer))
    later(folders.sessions / "newer copy.json")
    told = reconcile.SyncReport()
    count, _ = reconcile.rebuild(folders, told=told)
    assert count == 1
    assert stored() == {newer.id: encode(make_session(1))}
    assert told.duplicates == [("newer copy.json", path.name)]
    assert path.exists() and (folders.sessions / "newer copy.json").exists()


def test_rebuild_leaves_out_a_session_whose_indexed_file_can_no_longer_be_read(
    logbook: Logbook, folders: DataDirectory
) -> None:
    # Its copy is read (and its rows go into the new index) before the indexed file is
    # found unreadable: the copy is reported, not taken, and its rows come out again.
    path = logbook.save(make_session(1)).session_file
    logbook.save(make_session(2, day=2))
    (folders.sessions / "a copy.json").write_bytes(encode(make_session(1)))
    path.write_bytes(b"{ not json")
    told = reconcile.SyncReport()
    count, rejected = reconcile.rebuild(folders, told=told)
    assert count == 1 and [r.source for r in rejected] == [path.name]
    assert stored() == {make_session(2).id: encode(make_session(2, day=2))}
    assert told.duplicates == [("a copy.json", path.name)]
    assert [t.file_name for t in told.trashed] == [path.name]


def test_rebuild_keeps_in_trash_what_no_file_holds(
    logbook: Logbook, folders: DataDirectory
) -> None:
    kept, lost = make_session(1, day=1), make_session(2, day=2)
    logbook.save(kept)
    path = logbook.save(lost).session_file
    shutil.copy(folders.sessions / file_name(kept), path)  # `cp A.json B.json`
    told = reconcile.SyncReport()
    count, _ = reconcile.rebuild(folders, told=told)
    assert count == 1
    (trashed,) = told.trashed
    assert trashed.trash_path.read_bytes() == encode(lost)
    assert "brings it back" in told.warnings()[0]
    assert told.duplicates == [(path.name, file_name(kept))]


def test_cancelled_rebuild_keeps_the_old_index(logbook: Logbook, folders: DataDirectory) -> None:
    for n in range(1, 4):
        logbook.save(make_session(n, day=n))
    before = stored()
    count, _ = reconcile.rebuild(folders, cancelled=lambda: True)
    assert count == 0
    assert stored() == before
    leftovers = [p.name for p in folders.root.iterdir() if "rebuilding" in p.name]
    assert leftovers == []


def test_sync_removes_a_half_built_index_left_by_a_crashed_rebuild(
    logbook: Logbook, folders: DataDirectory
) -> None:
    logbook.save(make_session(1))
    half = folders.database.with_name(folders.database.name + ".rebuilding")
    connection = sqlite3.connect(half)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    reconcile.sync(folders)
    assert not half.exists()
    assert stored() == {make_session(1).id: encode(make_session(1))}


def test_after_a_rebuild_the_logbook_holds_the_open_index(folders: DataDirectory) -> None:
    book = Logbook(folders)
    book.save(make_session(1))
    reconcile.rebuild(folders)
    assert database.obj is book.db and not book.db.is_closed()
    book.close()
    assert database.obj.is_closed()  # closing the logbook closes the rebuilt index
    assert Path(book.db.database) == folders.database


def test_a_rebuild_that_fails_leaves_the_old_index_in_use(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(1, 4):
        logbook.save(make_session(n, day=n))
    before = stored()

    def disk_full(cursor, batch):
        raise OSError(28, "No space left on device")

    # The new index's rows go in on the builder's thread.
    monkeypatch.setattr(index_builder, "_insert_rows", disk_full)
    with pytest.raises(OSError, match="No space"):
        reconcile.rebuild(folders)
    monkeypatch.undo()
    assert stored() == before
    logbook.save(make_session(4, day=4))  # lands in the real index, not a half-built one
    assert len(stored()) == 4
    assert [p.name for p in folders.root.iterdir() if "rebuilding" in p.name] == []
    assert agrees(folders)


def test_a_file_renamed_outside_is_followed(logbook: Logbook, folders: DataDirectory) -> None:
    s = make_session(1)
    path = logbook.save(s).session_file
    renamed = path.with_name("squats.json")
    path.rename(renamed)
    report = reconcile.sync(folders)
    assert report.imported == ["squats.json"]
    assert report.trashed == [] and report.dropped == []
    assert queries.file_name_of(s.id) == "squats.json"
    assert os.listdir(folders.sessions) == ["squats.json"]
    assert stored() == {s.id: encode(s)}
    assert agrees(folders)


def test_a_sessions_folder_that_holds_none_of_the_index_is_not_taken_for_deletions(
    logbook: Logbook, folders: DataDirectory
) -> None:
    """A sync folder not synced yet, a drive not mounted: every file gone at once."""
    for n in range(1, 6):
        logbook.save(make_session(n, day=n))
    before = stored()
    for path in folders.sessions.iterdir():
        path.unlink()
    report = reconcile.sync(folders)
    assert report.trashed == [] and list(folders.trash.iterdir()) == []
    assert stored() == before
    assert report.warnings() == [
        f"the sessions folder {folders.sessions} holds none of the 5 sessions in the index: "
        "is it the right folder, and is it mounted or synced? Nothing was changed"
    ]


def test_a_sessions_folder_elsewhere_that_is_not_there_is_never_made(tmp_path: Path) -> None:
    from traininglog.datafolder.datadir import SessionsFolderMissing

    synced = tmp_path / "Dropbox" / "sessions"
    folders = DataDirectory(tmp_path / "data", synced)
    with pytest.raises(SessionsFolderMissing, match="is not there"):
        Logbook(folders)
    assert not synced.exists()


@pytest.mark.parametrize("killed_at", ["json-written", "db-written"])
@pytest.mark.parametrize("old_file_ahead_by", [2, 3600])
def test_a_date_change_cut_short_keeps_the_edit_whatever_the_old_files_mtime(
    logbook: Logbook,
    folders: DataDirectory,
    monkeypatch: pytest.MonkeyPatch,
    killed_at: str,
    old_file_ahead_by: float,
) -> None:
    """The old file may carry an mtime no older than the new one's (a FAT-formatted stick
    stamps files in 2-second steps, the kernel's clock in milliseconds) or a later one
    (synced from a computer whose clock runs ahead): the edit cut short between writing the
    new name and removing the old one still wins, whichever way the date moved."""
    from traininglog.files import faults

    s = make_session(1, day=17)
    old_path = logbook.save(s).session_file
    later(old_path, old_file_ahead_by)
    moved = make_session(1, day=16, weight=120)

    class Killed(BaseException):
        pass

    def die(point: str) -> None:
        if point == killed_at:
            raise Killed

    monkeypatch.setattr(faults, "checkpoint", die)
    with pytest.raises(Killed):
        logbook.save(moved)
    monkeypatch.undo()
    report = reconcile.sync(folders)
    assert report.superseded == [old_path.name]
    assert stored() == {s.id: encode(moved)}
    assert on_disk(folders) == {s.id: encode(moved)}


def test_a_rename_cut_short_after_the_file_was_redated_by_hand(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lifter changed the date inside a file without renaming it; the app's next save
    gives the file its proper name and is killed before the old name goes. The old name
    then holds a date its name does not say: it is still the app's own older name."""
    from traininglog.files import faults

    s = make_session(1, day=17)
    old_path = logbook.save(s).session_file
    old_path.write_bytes(encode(make_session(1, day=16)))  # redated by hand, name kept
    later(old_path, -5)
    reconcile.sync(folders)
    edited = make_session(1, day=16, weight=120)

    class Killed(BaseException):
        pass

    def die(point: str) -> None:
        if point == "db-written":
            raise Killed

    monkeypatch.setattr(faults, "checkpoint", die)
    with pytest.raises(Killed):
        logbook.save(edited)
    monkeypatch.undo()
    report = reconcile.sync(folders)
    assert report.superseded == [old_path.name] and report.duplicates == []
    assert stored() == {s.id: encode(edited)}
    assert on_disk(folders) == {s.id: encode(edited)}


def test_a_file_of_a_newer_version_is_left_exactly_as_it_is(
    logbook: Logbook, folders: DataDirectory
) -> None:
    """Written by a newer Training Log on another computer: not quarantined, not rewritten,
    and the index keeps no older copy that a save or a restore could write back over it."""
    s = make_session(1)
    path = logbook.save(s).session_file
    newer = encode(make_session(1, weight=150)).replace(b'"dataModelVersion": "0.0.1"', NEWER)
    assert NEWER in newer
    path.write_bytes(newer)
    later(path)
    stranger = folders.sessions / "from-the-future.json"
    stranger.write_bytes(newer.replace(b"00000001-", b"00000002-"))
    check = reconcile.check(folders)
    assert sorted(check.newer) == sorted([path.name, stranger.name])
    assert check.invalid_files == []
    report = reconcile.sync(folders)
    assert sorted(report.newer) == sorted([path.name, stranger.name])
    assert report.newer_dropped == [path.name]
    assert report.quarantined == [] and report.trashed == []
    assert f"{path.name}: written by a newer Training Log; update to read it" in " ".join(
        report.warnings()
    )
    assert stored() == {}
    assert path.read_bytes() == newer  # untouched
    assert list(folders.quarantine.iterdir()) == []
    assert list(folders.trash.iterdir()) == []
    # The next start says so again, and changes nothing.
    again = reconcile.sync(folders)
    assert sorted(again.newer) == sorted([path.name, stranger.name]) and not again.changed_anything
    # Saving the old version over it is refused with a sentence.
    with pytest.raises(Exception, match="newer Training Log"):
        logbook.save(s)
    assert path.read_bytes() == newer


@pytest.mark.parametrize(
    "copy_name",
    [
        "{stem}.sync-conflict-20261203-101500-ABCDEFG.json",
        "{stem} (conflicted copy 2026-12-03).json",
        "{stem} (Sam's conflicted copy 2026-12-03).json",
        "{stem} (conflicted copy 2026-12-03 101500).json",
        "{stem}_conflict-20261203-101500.json",
        "{stem}-LAPTOP-7QK2.json",
    ],
)
def test_a_sync_tools_conflict_copy_is_never_read_as_a_session(
    logbook: Logbook, folders: DataDirectory, copy_name: str
) -> None:
    s = make_session(1)
    path = logbook.save(s).session_file
    theirs = make_session(1, weight=140)
    copy = folders.sessions / copy_name.format(stem=path.stem)
    copy.write_bytes(encode(theirs))
    later(copy)
    report = reconcile.sync(folders)
    assert report.conflicts == [(copy.name, path.name)]
    assert report.duplicates == [] and report.imported == [] and report.updated == []
    assert stored() == {s.id: encode(s)}
    assert copy.read_bytes() == encode(theirs)  # left for the lifter to choose
    check = reconcile.check(folders)
    assert check.conflicts == [(copy.name, path.name)] and not check.agrees
    assert any(
        f"{copy.name}: a sync tool's conflict copy of {path.name}" in line for line in check.lines()
    )
