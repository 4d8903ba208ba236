"""The rules for a sessions folder that a sync tool shares between two computers, without the
sync tool: files are carried across the way Syncthing, Dropbox, Nextcloud and OneDrive carry
them (a temp file renamed into place, deletions passed on, a conflict copy when both sides
changed one file), between two data folders, each with its own index.

The same rules are tried with a real Syncthing in tests/sync/.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime
from pathlib import Path

import pytest

from traininglog.datafolder import reconcile
from traininglog.datafolder.conflicts import Keep, resolve
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import decode, encode
from traininglog.sessionfiles.sync_names import conflict_original
from traininglog.store import queries

# How each tool names the copy it keeps when both computers changed one file.
CONFLICT_NAMES = {
    "syncthing": "{stem}.sync-conflict-20261203-101500-ABCDEFG.json",
    "dropbox": "{stem} (Sam's conflicted copy 2026-12-03).json",
    "nextcloud": "{stem} (conflicted copy 2026-12-03 101500).json",
    "owncloud": "{stem}_conflict-20261203-101500.json",
    "onedrive": "{stem}-LAPTOP.json",
}


def a_session(n: int, weight: float = 100, **changes) -> Session:
    s = Session(
        id=f"{n:08x}-1111-4222-8333-444455556666",
        date=datetime(2026, 3, n, 18, 0),
        exercises=(Exercise(1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, weight, 5),)),),
        user_id="u",
        user_name="U",
    )
    return dataclasses.replace(s, **changes)


class Computer:
    """One computer: its own data folder (index, trash), its copy of the shared folder."""

    def __init__(self, root: Path):
        (root / "Sync").mkdir(parents=True)
        self.folders = DataDirectory(root / "data", root / "Sync")

    def __enter__(self) -> Logbook:
        self.book = Logbook(self.folders)
        return self.book

    def __exit__(self, *exc) -> None:
        self.book.close()

    def start(self):
        """The app starts (or its folder watch fires): the scan takes in what arrived."""
        with self:
            report = reconcile.sync(self.folders)
            held = {s.id: s for s in queries.load_sessions()}
        return report, held


def sync_both(pair) -> None:
    """What a sync tool does once both computers are connected: a file new, changed or gone
    on one side since the last sync becomes so on the other, arriving through a temp file
    renamed into place. (Both sides changing one file is a conflict; the tests that need one
    make it as the tools do.)"""
    a, b, seen = pair
    left, right = a.folders.sessions, b.folders.sessions
    names = {n for n in [*os.listdir(left), *os.listdir(right)] if not n.startswith((".", "~"))}
    for name in sorted(names):
        here, there = _bytes(left / name), _bytes(right / name)
        if here == there:
            continue
        assert seen.get(name) in (here, there), f"{name} changed on both sides"
        source, target = (left, right) if there == seen.get(name) else (right, left)
        if (source / name).exists():
            temp = target / f".syncthing.{name}.tmp"
            temp.write_bytes((source / name).read_bytes())
            os.replace(temp, target / name)
        else:
            (target / name).unlink()
    settled(pair)


def settled(pair) -> None:
    """Both sides agree now: what the tool remembers as last synced."""
    a, _, seen = pair
    seen.clear()
    folder = a.folders.sessions
    seen.update({n: (folder / n).read_bytes() for n in os.listdir(folder) if n[0] not in ".~"})


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


@pytest.fixture
def pair(tmp_path: Path):
    return Computer(tmp_path / "desktop"), Computer(tmp_path / "laptop"), {}


def everything(*computers: Computer) -> set[bytes]:
    """Every session file in every sessions folder and trash."""
    found = set()
    for c in computers:
        for folder in (c.folders.sessions, c.folders.trash):
            found |= {p.read_bytes() for p in folder.rglob("*.json")}
    return found


def test_saved_on_one_computer_it_arrives_on_the_other(pair) -> None:
    a, b, _ = pair
    s = a_session(1)
    with a as book:
        book.save(s)
    sync_both(pair)
    report, held = b.start()
    assert report.imported and held == {s.id: s}


def test_an_edit_on_the_other_computer_replaces_the_first(pair) -> None:
    a, b, _ = pair
    s = a_session(1)
    with a as book:
        book.save(s)
    sync_both(pair)
    b.start()
    edited = a_session(1, weight=110)
    with b as book:
        book.save(edited, based_on=queries.file_sha256_of(s.id))
    sync_both(pair)
    report, held = a.start()
    assert report.updated and held == {s.id: edited}


def test_a_delete_travels_and_leaves_a_copy_in_the_other_computers_trash(pair) -> None:
    a, b, _ = pair
    s = a_session(1)
    with a as book:
        book.save(s)
    sync_both(pair)
    b.start()
    with a as book:
        book.delete(s.id)
    sync_both(pair)
    report, held = b.start()
    (trashed,) = report.trashed
    assert held == {} and decode(trashed.trash_path.read_bytes()) == s
    assert "deleted" in trashed.line() or "vanished" in trashed.line() or trashed.why
    # Nor does it come back: the next starts on both write nothing out again.
    sync_both(pair)
    assert a.start()[1] == {} and b.start()[1] == {}
    assert list(a.folders.sessions.iterdir()) == list(b.folders.sessions.iterdir()) == []


@pytest.mark.parametrize("tool", sorted(CONFLICT_NAMES))
def test_both_computers_edit_one_session_and_both_versions_are_kept(pair, tool) -> None:
    a, b, _ = pair
    s = a_session(1)
    with a as book:
        path = book.save(s).session_file
    sync_both(pair)
    b.start()
    on_a, on_b = a_session(1, weight=110), a_session(1, weight=120)
    with a as book:
        book.save(on_a, based_on=queries.file_sha256_of(s.id))
    with b as book:
        book.save(on_b, based_on=queries.file_sha256_of(s.id))
    # The tool keeps A's under the name and B's as its conflict copy, on both sides.
    copy_name = CONFLICT_NAMES[tool].format(stem=path.stem)
    assert conflict_original(copy_name) == path.name
    for c in (a, b):
        (c.folders.sessions / path.name).write_bytes(encode(on_a))
        (c.folders.sessions / copy_name).write_bytes(encode(on_b))
    settled(pair)
    report_a, held_a = a.start()
    report_b, held_b = b.start()
    assert report_a.conflicts == report_b.conflicts == [(copy_name, path.name)]
    assert held_a == held_b == {s.id: on_a}  # the copy is not read until the lifter chooses
    assert {encode(on_a), encode(on_b)} <= everything(a, b)
    with b as book:
        resolve(book, copy_name, Keep.COPY)
    sync_both(pair)
    report_a, held_a = a.start()
    assert report_a.conflicts == [] and held_a == {s.id: on_b}
    assert {encode(on_a), encode(on_b)} <= everything(a, b)  # neither version is lost


def test_a_file_of_a_newer_version_is_left_untouched_on_the_other_computer(pair) -> None:
    a, b, _ = pair
    s = a_session(1)
    with a as book:
        path = book.save(s).session_file
    sync_both(pair)
    b.start()
    newer = encode(a_session(1, weight=130)).replace(
        b'"dataModelVersion": "0.0.1"', b'"dataModelVersion": "2.0.0"'
    )
    path.write_bytes(newer)  # a newer Training Log on A rewrote it
    sync_both(pair)
    report, held = b.start()
    assert report.newer == [path.name] and held == {}
    on_b = b.folders.sessions / path.name
    assert on_b.read_bytes() == newer
    assert list(b.folders.quarantine.iterdir()) == [] and list(b.folders.trash.iterdir()) == []
    with b as book, pytest.raises(Exception, match="newer Training Log"):
        book.save(s)  # the old version is never written back over it
    sync_both(pair)
    assert (a.folders.sessions / path.name).read_bytes() == newer


def test_two_computers_saving_different_sessions_at_once_both_keep_theirs(pair) -> None:
    a, b, _ = pair
    x, y = a_session(1), a_session(2)
    with a as book:
        book.save(x)
    with b as book:
        book.save(y)
    sync_both(pair)
    assert a.start()[1] == b.start()[1] == {x.id: x, y.id: y}


def test_a_save_over_a_file_changed_on_the_other_computer_is_refused(pair) -> None:
    a, b, _ = pair
    s = a_session(1)
    with a as book:
        book.save(s)
        opened = queries.file_sha256_of(s.id)
    sync_both(pair)
    b.start()
    with b as book:
        book.save(a_session(1, weight=140), based_on=queries.file_sha256_of(s.id))
    sync_both(pair)
    # The form on A still holds the version it opened.
    with a as book, pytest.raises(Exception, match="changed elsewhere"):
        book.save(a_session(1, weight=90), based_on=opened)
    assert decode((a.folders.sessions / os.listdir(a.folders.sessions)[0]).read_bytes()) == (
        a_session(1, weight=140)
    )


def test_another_computers_temp_file_is_left_alone(pair) -> None:
    a, _, _ = pair
    folder = a.folders.sessions
    theirs = folder / "~syncthing~training_session_2026_03_01_00000001.json.tl-0000beef.a1.tmp"
    theirs.write_bytes(b"{half")
    syncthings = folder / ".syncthing.training_session_2026_03_02_00000002.json.tmp"
    syncthings.write_bytes(b"{half")
    report, _ = a.start()
    assert report.temp_files_removed == 0
    assert theirs.read_bytes() == syncthings.read_bytes() == b"{half"


def test_nothing_is_lost_through_a_week_of_two_computers(pair) -> None:
    """Saves, edits and deletes on both sides: the last version of every session ever saved
    is in a sessions folder or a trash at the end."""
    a, b, _ = pair
    last: dict[str, bytes] = {}
    for day in range(1, 8):
        with a as book:
            s = a_session(day)
            book.save(s)
            last[s.id] = encode(s)
        sync_both(pair)
        b.start()
        with b as book:
            if day % 2:
                edited = a_session(day, weight=100 + day)
                book.save(edited, based_on=queries.file_sha256_of(s.id))
                last[s.id] = encode(edited)
            if day % 3 == 0:
                book.delete(s.id)
        sync_both(pair)
        a.start()
    kept = everything(a, b)
    assert all(version in kept for version in last.values())
    held = a.start()[1]
    assert held == b.start()[1]
    assert len(held) == 7 - 2  # days 3 and 6 deleted; their last versions are in the trash
