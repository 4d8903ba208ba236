"""SIGKILL at random moments during a 2,000-file import and during a rebuild.

A child process imports (or rebuilds), printing a line for every session it looks at and the
id of every session whose batch it has committed (saved in both stores); the parent kills it
with SIGKILL after a random number of lines, anywhere from before the first session to the
last commit. Then comes the next start — open, startup health, startup scan, as the
window and every command run them — and `check`. Every session reported before the kill
must then be in both stores, and nothing else may have changed. The import goes on from where
it was killed, round after round, until a last round finishes it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import fault_tally
import pytest
from test_kill_during_save import BASE, ids, look, make_session, write_session_files

from traininglog.datafolder import health, reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.store import queries

IMPORT_FILES = 2000
IMPORT_KILLS = 6
REBUILD_KILLS = 6

# Prints "." as each session is looked at (for the kill's timing) and "saved <id>" for each
# session once its batch is committed: then, and only then, the import has saved it.
IMPORT_SCRIPT = """
import sys
from pathlib import Path
from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.prepared import prepare_session_files
from traininglog.datafolder.logbook import Logbook
from traininglog.store import writes

insert_rows = writes.insert_rows
def insert_and_report(batch, *args, **kwargs):
    insert_rows(batch, *args, **kwargs)
    print("".join(f"saved {rows[0][0]}\\n" for rows in batch), end="", flush=True)
writes.insert_rows = insert_and_report

folders = DataDirectory(Path(sys.argv[1]))
with Logbook(folders) as book:
    reconcile.sync(folders)
    read = prepare_session_files([Path(sys.argv[2])])
    print("go", flush=True)
    book.import_sessions(read, progress=lambda done, total: print(".", flush=True))
    assert not read.rejected
print("done", flush=True)
"""

REBUILD_SCRIPT = """
import sys
from pathlib import Path
from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook

folders = DataDirectory(Path(sys.argv[1]))
with Logbook(folders) as book:
    print("go", flush=True)
    reconcile.rebuild(folders, progress=lambda done, total: print(done, flush=True))
print("done", flush=True)
"""


def run_and_kill(script: str, args: list[str], kill_after: int | None, delay: float) -> list[str]:
    """Run `script`; SIGKILL it `delay` s after its `kill_after`-th line (None: let it end).

    Returns every line it printed before it died.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    lines: list[str] = []
    try:
        for line in child.stdout:
            lines.append(line.strip())
            if kill_after is not None and len(lines) > kill_after:
                time.sleep(delay)
                child.send_signal(signal.SIGKILL)
                break
        lines += [line.strip() for line in child.stdout]  # printed before the signal landed
        _, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if kill_after is None:
        assert child.returncode == 0, err
    else:
        assert child.returncode in (0, -signal.SIGKILL), err
    return lines


def next_start(folders: DataDirectory) -> set[str]:
    """What the next start does before the window shows; returns the ids then indexed."""
    with Logbook(folders) as book:  # the killed process's lock is free again
        health.at_start(book)
        reconcile.sync(folders)
        report = reconcile.check(folders)
        assert report.agrees, report.lines()
        assert report.leftover_temp_files == []
        assert not any("rebuilding" in p.name for p in folders.root.iterdir())
        return {sid for sid, _ in queries.file_index().values()}


@pytest.fixture
def folders(tmp_path: Path) -> DataDirectory:
    folders = DataDirectory(tmp_path / "data").create()
    with Logbook(folders) as book:
        for s in BASE:
            book.save(s)
    return folders


def test_kills_at_random_moments_of_a_2000_file_import(
    folders: DataDirectory, tmp_path: Path
) -> None:
    incoming = [make_session(n) for n in range(10_000, 10_000 + IMPORT_FILES)]
    source = write_session_files(tmp_path / "incoming", incoming)
    rng = fault_tally.rng("import")
    safe = ids(BASE)  # every session the stores must hold from now on
    for round_ in range(IMPORT_KILLS + 1):
        last = round_ == IMPORT_KILLS
        # Anywhere from before the first session to the last batch's commit.
        kill_after = None if last else rng.randrange(0, 2 * IMPORT_FILES + 1)
        delay = rng.uniform(0, 0.05)
        lines = run_and_kill(IMPORT_SCRIPT, [str(folders.root), str(source)], kill_after, delay)
        reported = {line.split()[1] for line in lines if line.startswith("saved ")}
        indexed = next_start(folders)
        missing = (safe | reported) - indexed
        fault_tally.lost(len(missing))
        assert not missing, f"seed {fault_tally.SEED}: lost {sorted(missing)[:5]}"
        assert indexed <= ids(BASE) | ids(incoming)
        safe = indexed
        if not last:
            fault_tally.killed_and_survived()
    assert safe == ids(BASE) | ids(incoming)
    final = look(folders)  # every file reads, one per session, no temp file
    assert set(final.files) == final.indexed == safe
    with Logbook(folders, read_only=True):
        assert reconcile.check(folders, deep=True).agrees


def test_kills_at_random_moments_of_a_rebuild(folders: DataDirectory) -> None:
    sessions = [make_session(n) for n in range(20_000, 20_000 + IMPORT_FILES)]
    with Logbook(folders) as book:
        book.import_sessions([(s.id, s) for s in sessions])
    files_before = {p.name: p.read_bytes() for p in folders.sessions.iterdir()}
    everything = ids(BASE) | ids(sessions)
    rng = fault_tally.rng("rebuild")
    # The rebuild reports every 100 files read and every 500 rows written: 24 lines in all.
    for _ in range(REBUILD_KILLS):
        kill_after = rng.randrange(0, 26)
        run_and_kill(REBUILD_SCRIPT, [str(folders.root)], kill_after, rng.uniform(0, 0.1))
        indexed = next_start(folders)
        fault_tally.lost(len(everything - indexed))
        assert indexed == everything, f"seed {fault_tally.SEED}"
        assert {p.name: p.read_bytes() for p in folders.sessions.iterdir()} == files_before
        fault_tally.killed_and_survived()
    run_and_kill(REBUILD_SCRIPT, [str(folders.root)], None, 0)
    assert next_start(folders) == everything
    with Logbook(folders, read_only=True):
        assert reconcile.check(folders, deep=True).agrees
