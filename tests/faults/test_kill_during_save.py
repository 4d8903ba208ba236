"""Kill the process (SIGKILL) at every step of a save, then prove that nothing was lost.

Each case runs the real command in a child process with `TRAININGLOG_KILL_AT` set, checks
that it died where it was told to, runs an ordinary command (whose startup scan repairs what
the crash left), and then `check --deep`. Every session whose file was fully written before
the kill must then be in both stores, every file in sessions/ must read, and no temp file or
half-built index may remain.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.importing import IMPORT_BATCH
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.files.faults import KILL_AT_VARIABLE
from traininglog.sessionfiles import decode, encode, file_name
from traininglog.sessionfiles.naming import is_temp_file
from traininglog.store import queries

BIG_IMPORT = 600  # spans several import batches
DELETE_SCRIPT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from traininglog.datafolder.datadir import DataDirectory\n"
    "from traininglog.datafolder.logbook import Logbook\n"
    "with Logbook(DataDirectory(Path(sys.argv[1]))) as book:\n"
    "    book.delete(sys.argv[2])\n"
)


def make_session(n: int) -> Session:
    return Session(
        id=f"{n:08x}-aaaa-4bbb-8ccc-dddddddddddd",
        date=datetime(2020, 1, 1, 17, 30) + timedelta(days=n, minutes=n),
        exercises=(
            Exercise(
                order=1,
                name="Conventional Deadlift",
                target_muscle_groups=("hamstrings", "glutes", "lower-back"),
                warmup_sets=(WarmupSet(1, 60, 5), WarmupSet(2, 100, 3)),
                working_sets=tuple(
                    WorkingSet(k, 140 + n % 40, 5, 0, 8, "hard", 3, None) for k in range(1, 4)
                ),
            ),
        ),
        user_id="lifter",
        user_name="Lifter",
        phase=1 + n % 3,
        week=n % 12,
        focus="pull",
    )


BASE = [make_session(n) for n in (1, 2)]


def write_session_files(folder: Path, sessions: list[Session]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for s in sessions:
        (folder / file_name(s)).write_bytes(encode(s))
    return folder


@pytest.fixture(scope="module")
def big_import(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sessions = [make_session(n) for n in range(1000, 1000 + BIG_IMPORT)]
    return write_session_files(tmp_path_factory.mktemp("big") / "incoming", sessions)


@pytest.fixture
def small_import(tmp_path: Path) -> Path:
    return write_session_files(tmp_path / "incoming", [make_session(n) for n in (10, 11, 12)])


@pytest.fixture
def folders(tmp_path: Path) -> DataDirectory:
    """A data directory that already holds two sessions, saved the ordinary way."""
    folders = DataDirectory(tmp_path / "data").create()
    with Logbook(folders) as book:
        for s in BASE:
            book.save(s)
    return folders


def run(folders: DataDirectory, *args: str, kill_at: str | None = None, script: str = ""):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    if kill_at:
        env[KILL_AT_VARIABLE] = kill_at
    if script:
        command = [sys.executable, "-c", script, str(folders.root), *args]
    else:
        command = [sys.executable, "-m", "traininglog", "--data-dir", str(folders.root), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


@dataclass
class AfterKill:
    """What the crash left: the session files complete on disk, and what the index held."""

    files: dict[str, bytes]  # session id → canonical bytes of every complete file
    temp_files: list[str]
    indexed: set[str]
    trash: list[str] = field(default_factory=list)


def look(folders: DataDirectory) -> AfterKill:
    complete: dict[str, bytes] = {}
    temps = []
    for path in sorted(folders.sessions.iterdir()):
        if is_temp_file(path.name):
            temps.append(path.name)
            continue
        s = decode(path.read_bytes())  # nothing half-written: every file reads
        assert s.id not in complete, f"{path.name}: a second file of one session"
        complete[s.id] = encode(s)
    connection = sqlite3.connect(folders.database)
    try:
        indexed = {row[0] for row in connection.execute("SELECT id FROM session")}
    finally:
        connection.close()
    return AfterKill(complete, temps, indexed, sorted(p.name for p in folders.trash.iterdir()))


def recover_and_verify(folders: DataDirectory, after: AfterKill, expected: set[str]) -> None:
    history = run(folders, "history", "--json")
    assert history.returncode == 0, history.stderr
    assert {row["_id"] for row in json.loads(history.stdout)} == expected
    check = run(folders, "check", "--deep")
    assert check.returncode == 0, check.stderr
    assert "database and files agree" in check.stderr

    final = look(folders)
    assert final.temp_files == []
    assert set(final.files) == final.indexed == expected
    leftovers = [p.name for p in folders.root.iterdir() if "rebuilding" in p.name]
    assert leftovers == []
    # Every session whose file was complete at the kill survived, in both stores, unchanged.
    with Logbook(folders, read_only=True) as book:
        in_index = {s.id: encode(s) for s in queries.load_sessions()}
        assert book.read_only
    for sid, data in after.files.items():
        assert final.files[sid] == data
        assert in_index[sid] == data
    assert in_index == final.files


def killed(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == -signal.SIGKILL


def ids(sessions: list[Session]) -> set[str]:
    return {s.id for s in sessions}


def test_kill_with_the_temp_file_written(folders: DataDirectory, small_import: Path) -> None:
    result = run(folders, "import", str(small_import), kill_at="temp-written")
    assert killed(result), result.stderr
    after = look(folders)
    # The crash left temp files behind (a batch is written by several threads at once)…
    assert len(after.temp_files) >= 1
    assert set(after.files) == after.indexed == ids(BASE)  # …and nothing else changed
    recover_and_verify(folders, after, ids(BASE))


def test_kill_with_the_json_written_before_the_index(
    folders: DataDirectory, small_import: Path
) -> None:
    result = run(folders, "import", str(small_import), kill_at="json-written")
    assert killed(result), result.stderr
    after = look(folders)
    new = set(after.files) - ids(BASE)
    # The first file fully in place killed the import; a writer beside it may have finished too.
    assert len(new) >= 1 and after.indexed == ids(BASE)
    assert run(folders, "check").returncode == 1  # the index lacks the new file
    recover_and_verify(folders, after, ids(BASE) | new)


def test_kill_with_the_index_written(folders: DataDirectory, big_import: Path) -> None:
    result = run(folders, "import", str(big_import), kill_at="db-written")
    assert killed(result), result.stderr
    after = look(folders)
    assert len(after.files) == len(BASE) + IMPORT_BATCH
    assert after.indexed == set(after.files)
    recover_and_verify(folders, after, set(after.files))


def test_kill_between_an_import_batchs_files_and_its_rows(
    folders: DataDirectory, big_import: Path
) -> None:
    result = run(folders, "import", str(big_import), kill_at="import-files-written")
    assert killed(result), result.stderr
    after = look(folders)
    assert len(after.files) == len(BASE) + IMPORT_BATCH
    assert after.indexed == ids(BASE)
    assert run(folders, "check").returncode == 1
    recover_and_verify(folders, after, set(after.files))


def test_kill_with_the_file_trashed_before_the_row(folders: DataDirectory) -> None:
    gone = BASE[0]
    result = run(folders, gone.id, script=DELETE_SCRIPT, kill_at="file-trashed")
    assert killed(result), result.stderr
    after = look(folders)
    assert after.trash == [file_name(gone)]
    assert set(after.files) == ids(BASE) - {gone.id}
    assert after.indexed == ids(BASE)
    recover_and_verify(folders, after, ids(BASE) - {gone.id})
    assert decode((folders.trash / file_name(gone)).read_bytes()) == gone


def test_the_delete_script_deletes_when_not_killed(folders: DataDirectory) -> None:
    result = run(folders, BASE[0].id, script=DELETE_SCRIPT)
    assert result.returncode == 0, result.stderr
    after = look(folders)
    assert set(after.files) == after.indexed == ids(BASE[1:])


def test_kill_with_the_new_index_built_but_not_swapped_in(
    folders: DataDirectory, small_import: Path
) -> None:
    for path in small_import.iterdir():  # files the index does not know yet
        path.rename(folders.sessions / path.name)
    result = run(folders, "rebuild", kill_at="rebuild-built")
    assert killed(result), result.stderr
    after = look(folders)
    assert (folders.root / "traininglogs.db.rebuilding").exists()
    assert after.indexed == ids(BASE)  # the old index is still the one in place
    recover_and_verify(folders, after, set(after.files))
    assert len(after.files) == len(BASE) + 3
