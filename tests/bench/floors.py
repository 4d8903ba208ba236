"""The floors: what the same libraries do on the same machine, in the same run, on the same
history, with no application logic. Each figure of the benchmark is shown beside its floor.

- save: one session's JSON bytes (made before the clock starts) written to a temp file,
  fsynced, renamed over its name, the folder fsynced; then its rows put into a copy of the
  index with plain sqlite3 (`execute` for the session, `executemany` for its exercises and
  sets) in one transaction.
- load (the floor of rebuild and import): every file of a sessions folder read and parsed
  with `json.loads`, turned into plain tuples and put into an empty database of the index's
  three tables with three `executemany`, one transaction, on one core.
- files (information beside import): every file of a sessions folder written again into an
  empty folder as an import writes its files (a temp file each, written, fsynced and renamed,
  by eight threads; the folder fsynced once per 250), its bytes read before the clock starts.
  The import must write and fsync each file it keeps; the load floor writes none.
- last time: the indexed queries behind "last time" (the newest exercise row of a name key,
  its sets, its session's day), through a plain sqlite3 connection, name key made before.
- startup: a fresh process that imports what the app imports, makes a QApplication and a
  bare QMainWindow, shows and paints it (`startup.py`).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

# The index's tables as plain SQL, fixed here so that the floor does not follow the app's
# schema (what the app keeps in its index is the app's business, and costs it).
TABLES = """
CREATE TABLE session (
    id TEXT PRIMARY KEY NOT NULL, date TEXT NOT NULL, started TEXT NOT NULL,
    day TEXT NOT NULL, user_id TEXT NOT NULL, user_name TEXT NOT NULL, phase INTEGER,
    week INTEGER, is_deload_week INTEGER NOT NULL, focus TEXT, file_name TEXT NOT NULL UNIQUE,
    file_size INTEGER NOT NULL, file_mtime_ns INTEGER NOT NULL, file_sha256 TEXT NOT NULL
);
CREATE INDEX session_started ON session (started);
CREATE TABLE exercise (
    session_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
    muscle_groups TEXT NOT NULL, PRIMARY KEY (session_id, position)
);
CREATE TABLE "set" (
    session_id TEXT NOT NULL, exercise_position INTEGER NOT NULL, kind TEXT NOT NULL,
    number INTEGER NOT NULL, weight_kg REAL NOT NULL, reps_full INTEGER NOT NULL,
    reps_partial INTEGER NOT NULL, rpe REAL, rep_assessment TEXT, rest_minutes REAL,
    notes TEXT, PRIMARY KEY (session_id, exercise_position, kind, number)
);
"""


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), isolation_level=None)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("PRAGMA synchronous = normal")
    return connection


def _fsynced_write(path: Path, data: bytes, sync_folder: bool = True) -> None:
    temp = path.with_name(path.name + ".floor.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    if sync_folder:
        _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SaveFloor:
    """The save's floor over a copy of the index (with the floor's own tables beside the
    app's), into `folder`; `seconds` times one save."""

    def __init__(self, database: Path, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        copy = folder / "floor.db"
        source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(str(copy))
        source.backup(target)
        source.close()
        target.close()
        self.connection = _connect(copy)
        tables = TABLES.replace("CREATE TABLE ", "CREATE TABLE floor_").replace(
            'floor_"set"', "floor_set"
        )
        self.connection.executescript(tables.replace("INDEX session_", "INDEX floor_session_"))

    def seconds(self, name: str, data: bytes, session: tuple, exercises: list, sets: list) -> float:
        connection = self.connection
        start = time.perf_counter()
        _fsynced_write(self.folder / name, data)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"INSERT INTO floor_session VALUES ({_marks(14)})", session)
        connection.executemany(f"INSERT INTO floor_exercise VALUES ({_marks(4)})", exercises)
        connection.executemany(f"INSERT INTO floor_set VALUES ({_marks(11)})", sets)
        connection.execute("COMMIT")
        return time.perf_counter() - start

    def close(self) -> None:
        self.connection.close()


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def document_rows(name: str, data: bytes, doc: dict) -> tuple[tuple, list, list]:
    """A parsed session document as the floor's rows: no checks, no conversions."""
    sid = doc["_id"]
    session = (
        sid,
        doc["date"],
        doc["date"][:26],
        doc["date"][:10],
        doc["userId"],
        doc["userName"],
        doc["phase"],
        doc["week"],
        doc["isDeloadWeek"],
        doc["focus"],
        name,
        len(data),
        0,
        "",
    )
    exercises, sets = [], []
    for exercise in doc["exercises"]:
        order = exercise["Order"]
        exercises.append((sid, order, exercise["Name"], ",".join(exercise["targetMuscleGroups"])))
        for s in exercise["warmupSets"]:
            warmup = (sid, order, "warmup", s["set"], s["weightKg"], s["repCount"], 0)
            sets.append((*warmup, None, None, None, s["notes"]))
        for s in exercise["workingSets"]:
            reps = s["repCount"]
            working = (sid, order, "working", s["set"], s["weightKg"], reps["full"])
            rest = (s["rpe"], s["repAssessment"], s["actualRestMinutes"], s["notes"])
            sets.append((*working, reps["partial"], *rest))
    return session, exercises, sets


def load_floor_s(sessions_folder: Path, work: Path) -> float:
    """Seconds to read, `json.loads` and insert every file of `sessions_folder` (one core)."""
    work.mkdir(parents=True, exist_ok=True)
    target = work / "load-floor.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    connection = _connect(target)
    connection.executescript(TABLES)
    start = time.perf_counter()
    session_rows, exercise_rows, set_rows = [], [], []
    for name in sorted(os.listdir(sessions_folder)):
        if not name.endswith(".json"):
            continue
        with open(sessions_folder / name, "rb") as file:
            data = file.read()
        session, exercises, sets = document_rows(name, data, json.loads(data))
        session_rows.append(session)
        exercise_rows.extend(exercises)
        set_rows.extend(sets)
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(f"INSERT INTO session VALUES ({_marks(14)})", session_rows)
    connection.executemany(f"INSERT INTO exercise VALUES ({_marks(4)})", exercise_rows)
    connection.executemany(f'INSERT INTO "set" VALUES ({_marks(11)})', set_rows)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    connection.close()
    return seconds


FILES_BATCH = 250  # files per folder fsync, as the import's batches
FILE_WRITERS = 8  # threads, as the import's


def files_floor_s(sessions_folder: Path, work: Path) -> float:
    """Seconds to write every file of `sessions_folder` again into an empty folder under
    `work`, each made durable as the import makes its files (no parsing, no index)."""
    from concurrent.futures import ThreadPoolExecutor

    target = work / "files-floor"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    files = []
    for name in sorted(os.listdir(sessions_folder)):
        if name.endswith(".json"):
            with open(sessions_folder / name, "rb") as file:
                files.append((target / name, file.read()))

    def write(item: tuple[Path, bytes]) -> None:
        _fsynced_write(*item, sync_folder=False)  # the folder once per batch, below

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=FILE_WRITERS) as writers:
        for first in range(0, len(files), FILES_BATCH):
            list(writers.map(write, files[first : first + FILES_BATCH]))
            _fsync_folder(target)
    seconds = time.perf_counter() - start
    shutil.rmtree(target)
    return seconds


LAST_EXERCISE_SQL = (
    "SELECT session_id, position, name, muscle_groups FROM exercise WHERE name_key = ? "
    "ORDER BY started DESC, position DESC LIMIT 1"
)
LAST_SETS_SQL = (
    "SELECT kind, number, weight_kg, reps_full, reps_partial, rpe, rep_assessment, "
    'rest_minutes, notes FROM "set" WHERE session_id = ? AND exercise_position = ? '
    "ORDER BY kind, number"
)
LAST_DAY_SQL = "SELECT day FROM session WHERE id = ?"


def last_time_floor_ms(database: Path, name_keys: Sequence[str], repeat: int) -> float:
    """Median ms of the queries behind "last time", through plain sqlite3, over `name_keys`
    (each `repeat` times), on the index as the app built it."""
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    times = []
    try:
        for key in name_keys:
            for _ in range(repeat):
                start = time.perf_counter()
                sid, position, _name, _groups = connection.execute(
                    LAST_EXERCISE_SQL, (key,)
                ).fetchone()
                connection.execute(LAST_SETS_SQL, (sid, position)).fetchall()
                connection.execute(LAST_DAY_SQL, (sid,)).fetchone()
                times.append(time.perf_counter() - start)
    finally:
        connection.close()
    return statistics.median(times) * 1000


def rows_floor_ms(rows: Sequence[tuple], repeat: int) -> float:
    """Median ms to hand `rows` to Python from SQLite with nothing to find: the same values
    in a plain table of their own, in memory, read whole with `fetchall`. What fetching an
    exercise's full history costs before any query work, on this machine."""
    width = len(rows[0]) if rows else 1
    connection = sqlite3.connect(":memory:")
    try:
        columns = ", ".join(f"c{i}" for i in range(width))
        connection.execute(f"CREATE TABLE h ({columns})")
        connection.executemany(f"INSERT INTO h VALUES ({_marks(width)})", rows)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            connection.execute("SELECT * FROM h").fetchall()
            times.append(time.perf_counter() - start)
    finally:
        connection.close()
    return statistics.median(times) * 1000


def listing_floor_ms(folder: Path, repeat: int) -> float:
    """Median ms to list `folder` and stat every entry in it (`os.scandir`, one `stat` each),
    keeping nothing: what any scan that notices a file changed in place (same name, new
    bytes) costs on this machine before it compares anything."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with os.scandir(folder) as entries:
            for entry in entries:
                entry.stat(follow_symlinks=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
