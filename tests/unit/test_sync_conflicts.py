"""A sync tool's conflict copy, from the command line: `check` lists it, `resolve` shows how
the two versions differ and carries out the lifter's choice; nothing is ever deleted."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest

from traininglog import cli
from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import decode, encode, file_name
from traininglog.store import queries


def a_session(weight: float = 100, notes: str | None = None) -> Session:
    return Session(
        id="0badcafe-1111-4222-8333-444455556666",
        date=datetime(2026, 3, 2, 18, 0),
        exercises=(
            Exercise(
                1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, weight, 5, notes=notes),)
            ),
        ),
        user_id="u",
        user_name="U",
    )


@pytest.fixture
def folders(tmp_path: Path) -> DataDirectory:
    return DataDirectory(tmp_path / "data").create()


@pytest.fixture
def conflict(folders: DataDirectory) -> tuple[Path, Path, Session, Session]:
    """What Syncthing leaves when two computers changed one session before they synced: the
    winner under the file's name, the other as `NAME.sync-conflict-…`."""
    mine, theirs = a_session(100, "mine"), a_session(105, "theirs")
    with Logbook(folders) as book:
        original = book.save(mine).session_file
    copy = original.with_name(f"{original.stem}.sync-conflict-20261203-101500-ABCDEFG.json")
    copy.write_bytes(encode(theirs))
    return original, copy, mine, theirs


def everything_kept(folders: DataDirectory) -> list[bytes]:
    return sorted(
        p.read_bytes() for p in [*folders.sessions.iterdir(), *folders.trash.rglob("*.json")]
    )


def test_check_lists_the_conflict_and_exits_1(folders, conflict, capsys) -> None:
    original, copy, _, _ = conflict
    assert cli.main(["--data-dir", str(folders.root), "check"]) == 1
    err = capsys.readouterr().err
    assert f"{copy.name}: a sync tool's conflict copy of {original.name}" in err
    assert f"traininglog resolve {copy.name} --keep original|copy|both" in err


def test_resolve_without_a_choice_shows_how_the_two_differ(folders, conflict, capsys) -> None:
    _, copy, _, _ = conflict
    before = everything_kept(folders)
    assert cli.main(["--data-dir", str(folders.root), "resolve", copy.name]) == 1
    err = capsys.readouterr().err
    assert "exercises[0].workingSets[0].weightKg: original 100, copy 105" in err
    assert 'exercises[0].workingSets[0].notes: original "mine", copy "theirs"' in err
    assert everything_kept(folders) == before  # nothing changed


@pytest.mark.parametrize("keep", ["original", "copy", "both"])
def test_resolve_keeps_the_choice_and_trashes_the_rest(folders, conflict, capsys, keep) -> None:
    original, copy, mine, theirs = conflict
    assert cli.main(["--data-dir", str(folders.root), "resolve", str(copy), "--keep", keep]) == 0
    assert not copy.exists()
    in_trash = sorted(p.read_bytes() for p in folders.trash.iterdir())
    with Logbook(folders):
        assert not reconcile.sync(folders).conflicts
        stored = {s.id: s for s in queries.load_sessions()}
        assert reconcile.check(folders).agrees
    if keep == "original":
        assert decode(original.read_bytes()) == mine and in_trash == [encode(theirs)]
        assert list(stored.values()) == [mine]
    elif keep == "copy":
        assert decode(original.read_bytes()) == theirs
        assert in_trash == sorted([encode(mine), encode(theirs)])
        assert list(stored.values()) == [theirs]
    else:
        assert decode(original.read_bytes()) == mine
        assert len(stored) == 2 and stored[mine.id] == mine
        (other,) = (s for sid, s in stored.items() if sid != mine.id)
        assert dataclasses.replace(other, id=theirs.id) == theirs
        assert (folders.sessions / file_name(other)).is_file()
        assert in_trash == [encode(theirs)]


def test_keeping_an_original_that_is_not_there_is_refused(folders, conflict, capsys) -> None:
    original, copy, _, theirs = conflict
    original.unlink()
    assert cli.main(["--data-dir", str(folders.root), "resolve", copy.name, "--keep", "original"])
    assert "is not there to keep; keep the copy instead" in capsys.readouterr().err
    assert copy.read_bytes() == encode(theirs)


def test_a_name_that_is_no_conflict_copy_is_refused(folders, conflict, capsys) -> None:
    original, _, mine, _ = conflict
    code = cli.main(["--data-dir", str(folders.root), "resolve", original.name, "--keep", "copy"])
    assert code == 1
    assert f"{original.name} is not a sync tool's conflict copy" in capsys.readouterr().err
    assert decode(original.read_bytes()) == mine


def test_the_differences_are_named_in_the_forms_words() -> None:
    from traininglog.sessionfiles.compare import differences, field_label

    mine, theirs = a_session(100, "mine"), a_session(105, "theirs")
    rows = differences(mine, theirs)
    labels = [field_label(path, mine, theirs) for path, _, _ in rows]
    assert labels == ["Barbell Back Squat, set 1: weight (kg)", "Barbell Back Squat, set 1: notes"]
    assert field_label("exercises[3].Name", mine) == "exercise 4: name"
    assert field_label("isDeloadWeek") == "deload"
