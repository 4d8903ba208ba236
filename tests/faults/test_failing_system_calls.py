"""`os.replace` and `os.fsync` failing; Windows' sharing violations and macOS's F_FULLFSYNC.

Windows and macOS are exercised on Linux by patching: a PermissionError carrying Windows'
`winerror` 32 (ERROR_SHARING_VIOLATION) or 5 (ERROR_ACCESS_DENIED), and `sys.platform` set to
"darwin" with a stand-in `fcntl` that records F_FULLFSYNC.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace

import fault_tally
import pytest
from stores import Stores, changed, temp_files
from test_kill_during_save import BASE

from traininglog.datafolder import errors
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.errors import describe
from traininglog.datafolder.logbook import Logbook
from traininglog.files import atomic
from traininglog.files.atomic import FileInUse, write_atomically
from traininglog.sessionfiles import encode, file_name

F_FULLFSYNC = 51  # macOS's value


@pytest.fixture
def folders(tmp_path: Path) -> DataDirectory:
    folders = DataDirectory(tmp_path / "data").create()
    with Logbook(folders) as book:
        for s in BASE:
            book.save(s)
    return folders


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between rename attempts, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(atomic.time, "sleep", waited.append)
    return waited


def sharing_violation(winerror: int = 32) -> PermissionError:
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = winerror  # what Windows sets; absent on Linux
    return error


def replace_failing(monkeypatch: pytest.MonkeyPatch, times: int, winerror: int = 32) -> list[str]:
    real_replace = os.replace
    calls: list[str] = []

    def replace(source, target):
        calls.append(str(target))
        if len(calls) <= times:
            fault_tally.injected()
            raise sharing_violation(winerror)
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)
    return calls


@pytest.mark.parametrize("winerror", [32, 5])
def test_a_sharing_violation_for_a_moment_is_waited_out(
    folders: DataDirectory, monkeypatch, sleeps, winerror: int
) -> None:
    calls = replace_failing(monkeypatch, 3, winerror)
    edited = changed(BASE[0], focus="changed")
    with Logbook(folders) as book:
        book.save(edited)
    assert len(calls) == 4
    assert sleeps == list(atomic.REPLACE_RETRY_DELAYS[:3])
    assert (folders.sessions / file_name(edited)).read_bytes() == encode(edited)
    assert temp_files(folders) == []


def test_a_file_held_open_for_good_gives_up_after_a_bounded_wait(
    folders: DataDirectory, monkeypatch, sleeps
) -> None:
    before = Stores.of(folders)
    calls = replace_failing(monkeypatch, 1000)
    with Logbook(folders) as book, pytest.raises(FileInUse) as held:
        book.save(changed(BASE[0], focus="changed"))
    attempts = len(atomic.REPLACE_RETRY_DELAYS) + 1
    assert len(calls) == held.value.attempts == attempts
    assert sum(sleeps) < 2  # bounded: about 1.5 s in all
    message = describe(held.value)
    assert message.startswith(errors.IN_USE) and file_name(BASE[0]) in message
    assert temp_files(folders) == []
    assert Stores.of(folders) == before


def test_other_rename_failures_are_not_retried(tmp_path: Path, monkeypatch, sleeps) -> None:
    target = tmp_path / "session.json"
    target.write_bytes(b"old")
    real_replace = os.replace
    calls = []

    def refuse(source, destination):
        calls.append(destination)
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="cross-device"):
        write_atomically(target, b"new")
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    fault_tally.injected()
    assert len(calls) == 1 and sleeps == []
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


@pytest.mark.parametrize("which", ["the file", "the folder"])
def test_an_fsync_that_fails_is_not_retried_and_changes_nothing(
    folders: DataDirectory, monkeypatch, which: str
) -> None:
    # After a failed fsync the kernel may have dropped the dirty pages, so a second fsync
    # could report success for data that never reached the disk: the save fails instead.
    before = Stores.of(folders)
    real_fsync = os.fsync
    failing_call = 1 if which == "the file" else 2  # the temp file's fsync, then the folder's
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == failing_call:
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    with Logbook(folders) as book:
        monkeypatch.setattr(atomic.os, "fsync", fsync)
        with pytest.raises(OSError, match="Input/output") as failed:
            book.save(changed(BASE[0], focus="changed"))
        monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    fault_tally.injected()
    assert describe(failed.value).endswith(errors.DISK_ERROR)
    assert temp_files(folders) == []
    assert Stores.of(folders) == before


def test_macos_flushes_the_drive_with_f_fullfsync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed, fsynced = [], []
    fake_fcntl = SimpleNamespace(
        F_FULLFSYNC=F_FULLFSYNC, fcntl=lambda fd, op: flushed.append((fd, op))
    )
    monkeypatch.setattr(atomic, "_PLATFORM", "darwin")
    monkeypatch.setattr(atomic, "fcntl", fake_fcntl)
    monkeypatch.setattr(atomic.os, "fsync", fsynced.append)
    write_atomically(tmp_path / "session.json", b"data")
    assert [op for _, op in flushed] == [F_FULLFSYNC, F_FULLFSYNC]  # the file, then the folder
    assert fsynced == []
    assert (tmp_path / "session.json").read_bytes() == b"data"


def test_where_f_fullfsync_is_not_supported_fsync_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(fd: int, op: int) -> None:
        raise OSError(errno.ENOTSUP, "Operation not supported")  # e.g. a network share

    fsynced = []
    monkeypatch.setattr(atomic, "_PLATFORM", "darwin")
    monkeypatch.setattr(
        atomic, "fcntl", SimpleNamespace(F_FULLFSYNC=F_FULLFSYNC, fcntl=unsupported)
    )
    monkeypatch.setattr(atomic.os, "fsync", fsynced.append)
    write_atomically(tmp_path / "session.json", b"data")
    fault_tally.injected()
    assert len(fsynced) == 2


def test_linux_uses_plain_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flushed = []
    monkeypatch.setattr(
        atomic,
        "fcntl",
        SimpleNamespace(F_FULLFSYNC=F_FULLFSYNC, fcntl=lambda *a: flushed.append(a)),
    )
    write_atomically(tmp_path / "session.json", b"data")
    assert flushed == []
