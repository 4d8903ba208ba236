"""File names of sessions, and the atomic write: old bytes or new, never half, never a leftover."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from traininglog.domain import Session
from traininglog.files import atomic
from traininglog.files.atomic import TEMP_TAG, fsync_folder, write_atomically
from traininglog.sessionfiles import decode, file_name
from traininglog.sessionfiles.naming import is_conventional, is_session_file, is_temp_file
from traininglog.sessionfiles.scan import list_sessions_folder

from strategies import sessions

SESSION_ID = "3fcb25c2-5ca4-4c42-9530-f957959f633d"


# -- names -----------------------------------------------------------------------------------


def test_the_seed_file_name(seed_file: Path) -> None:
    session = decode(seed_file.read_bytes())
    assert file_name(session) == "training_session_2026_02_16_3fcb25c2.json"
    assert file_name(session) == seed_file.name


def test_the_short_id_is_lowercase_hex_without_dashes() -> None:
    session = Session(id="ABCDEF01-2345-4678-9ABC-DEF012345678", date=datetime(2026, 1, 2))
    assert file_name(session) == "training_session_2026_01_02_abcdef01.json"
    short = Session(id="0000-ab12-34", date=datetime(2026, 1, 2))  # dashes before the 8th digit
    assert file_name(short) == "training_session_2026_01_02_0000ab12.json"


def test_the_day_is_the_wall_clock_day_not_utc() -> None:
    late = datetime(2026, 2, 16, 23, 30, tzinfo=timezone(-timedelta(hours=5)))  # 04:30 UTC
    assert file_name(Session(id=SESSION_ID, date=late)) == (
        "training_session_2026_02_16_3fcb25c2.json"
    )


@pytest.mark.parametrize(("year", "shown"), [(5, "0005"), (999, "0999"), (9999, "9999")])
def test_the_year_always_has_four_digits(year: int, shown: str) -> None:
    name = file_name(Session(id=SESSION_ID, date=datetime(year, 3, 4)))
    assert name == f"training_session_{shown}_03_04_3fcb25c2.json"
    assert is_conventional(name)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(max_exercises=0))
def test_every_valid_session_gets_a_conventional_name(session: Session) -> None:
    name = file_name(session)
    assert is_conventional(name)
    assert is_session_file(name)
    assert not is_temp_file(name)
    assert name == f"training_session_{session.day.replace('-', '_')}_{session.id[:8]}.json"


NAME = "training_session_2026_02_16_3fcb25c2.json"


@pytest.mark.parametrize(
    ("name", "conventional", "session_file", "temp"),
    [
        ("training_session_2026_02_16_3fcb25c2.json", True, True, False),
        ("training_session_2026_02_16_3FCB25C2.json", False, True, False),
        ("training_session_2026_2_16_3fcb25c2.json", False, True, False),
        ("my-export.json", False, True, False),
        ("notes.txt", False, False, False),
        (".hidden.json", False, False, False),
        (".training_session_2026_02_16_3fcb25c2.json.abc123.tmp", False, False, True),
        ("training_session_2026_02_16_3fcb25c2.json.tmp", False, False, False),
        (
            f"~syncthing~training_session_2026_02_16_3fcb25c2.json.{TEMP_TAG}.x1.tmp",
            False,
            False,
            True,
        ),
        # Another computer's save in flight in a shared folder, and Syncthing's own transfer.
        (
            "~syncthing~training_session_2026_02_16_3fcb25c2.json.tl-0000beef.x1.tmp",
            False,
            False,
            False,
        ),
        ("~syncthing~training_session_2026_02_16_3fcb25c2.json.tmp", False, False, False),
        (".training_session_2026_02_16_3fcb25c2.json.tl-0000beef.x1.tmp", False, False, False),
        # Not the app's name: `$` in a pattern would take the newline for the end.
        ("training_session_2026_02_16_3fcb25c2.json\n", False, False, False),
    ],
)
def test_name_kinds(name: str, conventional: bool, session_file: bool, temp: bool) -> None:
    assert is_conventional(name) is conventional
    assert is_session_file(name) is session_file
    assert is_temp_file(name) is temp


# -- the atomic write ------------------------------------------------------------------------


def test_the_content_is_written(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    write_atomically(target, b'{"a": 1}\n')
    assert target.read_bytes() == b'{"a": 1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.json"]


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    target.write_bytes(b"old and much longer content " * 100)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.json"]


def test_empty_and_large_contents(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    write_atomically(target, b"")
    assert target.read_bytes() == b""
    big = bytes(range(256)) * 40_000
    write_atomically(target, big, sync_folder=False)
    assert target.read_bytes() == big


def test_a_session_file_is_the_users_alone_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    before = os.umask(0o022)
    try:
        write_atomically(target, b"{}")
    finally:
        os.umask(before)
    assert stat.S_IMODE(target.stat().st_mode) == atomic.FILE_MODE == 0o600


def test_the_mode_is_kept_when_a_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    write_atomically(target, b"1")
    write_atomically(target, b"2")
    assert stat.S_IMODE(target.stat().st_mode) == atomic.FILE_MODE


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_a_failed_rename_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "session.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.json"]


def test_a_failed_fsync_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "session.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", _fail)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.json"]


def test_an_interrupt_during_the_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "session.json"
    target.write_bytes(b"old")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.json"]


def test_a_failed_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "session.json"
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_the_temp_file_is_in_the_same_folder_and_is_a_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "session.json"
    seen: list[tuple[str, str, bytes]] = []
    real_replace = os.replace

    def spy(source: str, destination: str) -> None:
        seen.append((str(source), str(destination), Path(source).read_bytes()))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    write_atomically(target, b"content")
    [(source, destination, content)] = seen
    assert Path(source).parent == tmp_path
    assert is_temp_file(Path(source).name)
    # Named so that sync tools skip it: Syncthing's `~syncthing~*.tmp`, everyone's `~*.tmp`;
    # with this computer's tag, so that only this app removes it.
    assert Path(source).name.startswith(f"~syncthing~session.json.{TEMP_TAG}.")
    assert Path(source).name.endswith(".tmp")
    assert destination == str(target)
    assert content == b"content"  # complete before the rename
    # A folder scan reports such a leftover as a temp file, never as a session file.
    Path(source).write_bytes(b"half")
    listing = list_sessions_folder(tmp_path)
    assert listing.temp_files == [Path(source).name]
    assert list(listing.files) == ["session.json"]


def test_the_folder_is_synced_unless_asked_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(atomic, "fsync_folder", synced.append)
    write_atomically(tmp_path / "a.json", b"1")
    write_atomically(tmp_path / "b.json", b"2", sync_folder=False)
    assert synced == [tmp_path]


def test_fsync_folder_works_on_a_real_folder(tmp_path: Path) -> None:
    fsync_folder(tmp_path)  # does not raise
    with pytest.raises(FileNotFoundError):
        fsync_folder(tmp_path / "missing")
