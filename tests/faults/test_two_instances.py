"""Two instances on one data directory: the second cannot write; a dead holder's lock is free.

The holder here is a real second process (test_logbook.py covers a second logbook in one
process, and a second process while this one holds the lock).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import fault_tally
import pytest
from test_kill_during_save import BASE, ids, make_session

from traininglog import cli
from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.errors import describe
from traininglog.datafolder.logbook import Logbook, SaveError
from traininglog.datafolder.writerlock import DataDirectoryBusy
from traininglog.sessionfiles import file_name
from traininglog.store import queries

HOLDER = """
import sys, time
from pathlib import Path
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
book = Logbook(DataDirectory(Path(sys.argv[1])))
print("holding", flush=True)
time.sleep(120)
"""


@pytest.fixture
def stored(folders: DataDirectory) -> DataDirectory:
    """A data directory holding one session."""
    with Logbook(folders) as book:
        book.save(BASE[0])
    return folders


@pytest.fixture
def holder(stored: DataDirectory):
    """Another Training Log process that holds the data directory's lock."""
    folders = stored
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folders.root)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "holding"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait()
    child.stdout.close()


def test_the_second_instance_cannot_write(
    folders: DataDirectory, holder: subprocess.Popen, capsys: pytest.CaptureFixture[str]
) -> None:
    holder_pid = holder.pid
    holder.send_signal(signal.SIGSTOP)  # it must not matter whether the holder is busy
    try:
        with pytest.raises(DataDirectoryBusy) as busy:
            Logbook(folders)
        fault_tally.injected()
        assert f"pid {holder_pid} on " in busy.value.holder
        message = describe(busy.value)
        assert message is not None and "read-only" in message and str(folders.root) in message

        with Logbook(folders, read_only=True) as reader:  # looking is allowed
            assert {s.id for s in queries.load_sessions()} == {BASE[0].id}
            with pytest.raises(SaveError, match="read-only"):
                reader.save(BASE[1])
        assert cli.main(["--data-dir", str(folders.root), "rebuild"]) == cli.REJECTED
        assert f"pid {holder_pid}" in capsys.readouterr().err
        assert os.listdir(folders.sessions) == [file_name(BASE[0])]
    finally:
        holder.send_signal(signal.SIGCONT)


def test_a_lock_left_by_a_killed_process_is_taken_over(
    folders: DataDirectory, holder: subprocess.Popen
) -> None:
    with pytest.raises(DataDirectoryBusy):
        Logbook(folders).close()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # The lock file is still there, naming the dead process; the lock itself died with it.
    assert f"pid {holder.pid} " in folders.lock_file.read_text()
    with Logbook(folders) as book:
        assert folders.lock_file.read_text().startswith(f"pid {os.getpid()} on ")
        book.save(BASE[1])
        assert reconcile.check(folders, deep=True).agrees
        assert {s.id for s in queries.load_sessions()} == ids(BASE)
    fault_tally.killed_and_survived()


def test_a_lock_file_left_without_a_lock_is_simply_taken(folders: DataDirectory) -> None:
    # What an instance killed before the OS lock existed, or a copied data folder, leaves.
    folders.lock_file.write_text("pid 999999 on some-other-machine\n")
    with Logbook(folders) as book:
        book.save(make_session(3))
    fault_tally.injected()
