"""The `traininglog` command: import, export, history, check, rebuild and their exit codes."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import traininglog
from traininglog import cli
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import decode, encode, file_name
from traininglog.sessionfiles.schema import schema_problems
from traininglog.store.migrations import LATEST

SEED_ID = "3fcb25c2-5ca4-4c42-9530-f957959f633d"
SESSION_KEYS = [
    "_id",
    "date",
    "focus",
    "phase",
    "week",
    "isDeloadWeek",
    "exercises",
    "warmupSets",
    "workingSets",
    "volumeKg",
]
SET_KEYS = [
    "_id",
    "date",
    "exercise",
    "set",
    "weightKg",
    "full",
    "partial",
    "rpe",
    "e1rmKg",
    "e1rmFormula",
]
CSV_HEADER = [
    "date",
    "session_id",
    "focus",
    "phase",
    "week",
    "deload",
    "exercise_order",
    "exercise",
    "set_type",
    "set",
    "weight_kg",
    "reps_full",
    "reps_partial",
    "rpe",
    "rep_assessment",
    "rest_minutes",
    "notes",
]


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a child process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    return subprocess.run(
        [sys.executable, "-m", "traininglog", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


class Cli:
    """`traininglog` called in this process, with its output captured."""

    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]):
        self.data, self.capsys = data, capsys
        self.out = self.err = ""

    def __call__(self, *args: str) -> int:
        self.capsys.readouterr()
        code = cli.main(["--data-dir", str(self.data), *args])
        self.out, self.err = self.capsys.readouterr()
        return code

    def history(self, *args: str) -> list[dict]:
        assert self("history", "--json", *args) == 0, self.err
        return json.loads(self.out)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def tl(data: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(data, capsys)


def database_dump(data: Path) -> list[str]:
    connection = sqlite3.connect(data / "traininglogs.db")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def another_session(seed_file: Path, tmp_path: Path, day: str, weight: int) -> Path:
    """A second valid session file: the seed on another day, with another id and load."""
    doc = json.loads(seed_file.read_text(encoding="utf-8"))
    doc["_id"] = f"{day.replace('-', '')}-0000-4000-8000-000000000000"
    doc["date"] = f"{day}T18:00:00+01:00"
    doc["exercises"][0]["workingSets"][0]["weightKg"] = weight
    path = tmp_path / "more" / f"session-{day}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def test_import_then_history_as_json_end_to_end(data: Path, seed_file: Path) -> None:
    imported = run("import", str(seed_file.parent), data=data)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == ""
    assert (
        "imported 1 session(s); 0 already stored; 0 kept as stored; 0 rejected" in imported.stderr
    )
    stored = data / "sessions" / seed_file.name
    assert f"wrote {stored}" in imported.stderr

    history = run("history", "--json", data=data)
    assert history.returncode == 0, history.stderr
    rows = json.loads(history.stdout)  # exactly one JSON document
    assert rows == [
        {
            "_id": SEED_ID,
            "date": "2026-02-16T23:34:50.722615",
            "focus": "upper-strength",
            "phase": 2,
            "week": 5,
            "isDeloadWeek": False,
            "exercises": 1,
            "warmupSets": 1,
            "workingSets": 1,
            "volumeKg": 400,
        }
    ]
    assert list(rows[0]) == SESSION_KEYS

    sets = run("history", "--exercise", "barbell bench press", "--json", data=data)
    assert sets.returncode == 0, sets.stderr
    rows = json.loads(sets.stdout)
    assert rows == [
        {
            "_id": SEED_ID,
            "date": "2026-02-16T23:34:50.722615",
            "exercise": "Barbell Bench Press",
            "set": 1,
            "weightKg": 80,
            "full": 5,
            "partial": 0,
            "rpe": 8,
            "e1rmKg": 93.33,  # plain Epley, the RPE adds nothing: 80 × (1 + 5 / 30)
            "e1rmFormula": "Epley",
        }
    ]
    assert list(rows[0]) == SET_KEYS
    assert "estimated 1RM by Epley" in sets.stderr


def test_version_and_usage_errors_end_to_end(data: Path) -> None:
    version = run("--version", data=data)
    assert version.returncode == 0
    assert version.stdout.strip() == f"traininglog {traininglog.__version__}"
    bad_since = run("history", "--since", "last week", data=data)
    assert bad_since.returncode == 2
    assert "--since" in bad_since.stderr and "2026-02-16" in bad_since.stderr
    unknown = run("frobnicate", data=data)
    assert unknown.returncode == 2
    assert "invalid choice" in unknown.stderr
    assert bad_since.stdout == unknown.stdout == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "--since", "2026-13-01"],
        ["history", "--since", "yesterday"],
        ["frobnicate"],
        ["import"],
        ["export", "out.csv"],
        ["export", "--format", "xml", "out.xml"],
        ["check", "--shallow"],
    ],
)
def test_usage_errors_exit_2(tl: Cli, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        tl(*argv)
    assert exited.value.code == 2
    assert "usage:" in tl.capsys.readouterr().err


def test_since_filters_sessions_and_sets(tl: Cli, seed_file: Path, tmp_path: Path) -> None:
    later = another_session(seed_file, tmp_path, "2026-03-02", 90)
    assert tl("import", str(seed_file), str(later)) == 0, tl.err
    everything = tl.history()
    assert [r["date"][:10] for r in everything] == ["2026-02-16", "2026-03-02"]
    assert [r["date"][:10] for r in tl.history("--since", "2026-02-17")] == ["2026-03-02"]
    assert [r["date"][:10] for r in tl.history("--since", "2026-03-02")] == ["2026-03-02"]
    assert tl.history("--since", "2026-03-03") == []
    assert len(tl.history("--since", "2026-02-16")) == 2
    sets = tl.history("--exercise", "Barbell Bench-Press", "--since", "2026-02-17")
    assert [(r["date"][:10], r["weightKg"]) for r in sets] == [("2026-03-02", 90)]
    assert len(tl.history("--exercise", "barbell bench press")) == 2
    assert tl.history("--exercise", "deadlift") == []


def test_history_table_for_people(tl: Cli, seed_file: Path) -> None:
    assert tl("history") == 0
    assert tl.out == "" and "no sessions" in tl.err
    tl("import", str(seed_file))
    assert tl("history") == 0
    header, row = tl.out.splitlines()
    assert header.split() == SESSION_KEYS[1:]
    assert "upper-strength" in row and "400" in row


def test_an_exercise_s_sets_name_the_estimate_s_formula(tl: Cli, seed_file: Path) -> None:
    tl("import", str(seed_file))
    assert tl("history", "--exercise", "barbell bench press") == 0
    header, row = tl.out.splitlines()
    assert header.split() == ["date", "exercise", "set", "weightKg", "full", "partial", "rpe",
                              "e1rmKg(Epley)"]  # fmt: skip
    assert row.split()[-1] == "93.33"
    assert "estimated 1RM by Epley" in tl.err and "12 reps" in tl.err


def test_export_json_is_the_seed_again(tl: Cli, seed_file: Path, tmp_path: Path) -> None:
    assert tl("import", str(seed_file)) == 0
    out = tmp_path / "exported"
    assert tl("export", "--format", "json", str(out)) == 0, tl.err
    assert tl.out == ""
    (exported,) = out.iterdir()
    assert exported.name == seed_file.name
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert schema_problems(document) == []
    assert document == json.loads(seed_file.read_text(encoding="utf-8"))


def test_export_csv_has_one_row_per_set(tl: Cli, seed_file: Path, tmp_path: Path) -> None:
    later = another_session(seed_file, tmp_path, "2026-03-02", 90)
    assert tl("import", str(seed_file), str(later)) == 0
    out = tmp_path / "sets.csv"
    assert tl("export", "--format", "csv", str(out)) == 0, tl.err
    assert "exported 4 set(s)" in tl.err
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == CSV_HEADER
    assert len(rows) == 1 + 4
    records = [dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]]
    assert [(r["session_id"][:8], r["set_type"], r["weight_kg"]) for r in records] == [
        ("3fcb25c2", "warmup", "20"),
        ("3fcb25c2", "working", "80"),
        ("20260302", "warmup", "20"),
        ("20260302", "working", "90"),
    ]
    working = records[1]
    assert working["reps_full"] == "5" and working["rpe"] == "8"
    assert working["rep_assessment"] == "perfect" and working["rest_minutes"] == ""
    assert working["deload"] == "false" and working["exercise"] == "Barbell Bench Press"


def test_export_body_weight_log(tl: Cli, seed_file: Path, tmp_path: Path) -> None:
    weighed = another_session(seed_file, tmp_path, "2026-03-02", 90)
    doc = json.loads(weighed.read_text(encoding="utf-8"))
    doc["dataModelVersion"], doc["bodyWeightKg"] = "0.2.0", 82.5
    weighed.write_text(json.dumps(doc), encoding="utf-8")
    assert tl("import", str(seed_file), str(weighed)) == 0, tl.err
    out = tmp_path / "body-weight.csv"
    assert tl("export", "--format", "body-weight", str(out)) == 0, tl.err
    assert "exported 1 day(s) weighed" in tl.err
    assert out.read_bytes() == b"date,body_weight_kg\r\n2026-03-02,82.5\r\n"


def test_importing_again_adds_nothing(tl: Cli, data: Path, seed_file: Path) -> None:
    assert tl("import", str(seed_file.parent)) == 0
    sessions_before = files(data / "sessions")
    dump_before = database_dump(data)
    assert tl("import", str(seed_file.parent), str(seed_file)) == 0, tl.err
    assert "imported 0 session(s); 2 already stored; 0 kept as stored; 0 rejected" in tl.err
    assert files(data / "sessions") == sessions_before
    assert database_dump(data) == dump_before
    assert len(tl.history()) == 1


def test_importing_a_file_already_in_the_sessions_folder_adds_nothing(
    tl: Cli, data: Path, seed_file: Path
) -> None:
    # The earlier version's file, dropped into sessions/ as it is, then imported again.
    folders = DataDirectory(data).create()
    shutil.copy(seed_file, folders.sessions / seed_file.name)
    assert tl("import", str(seed_file)) == 0, tl.err
    assert "imported 0 session(s); 1 already stored; 0 kept as stored; 0 rejected" in tl.err
    assert "warning" not in tl.err
    assert files(folders.sessions) == {seed_file.name: seed_file.read_bytes()}


def test_dry_run_imports_nothing(tl: Cli, data: Path, seed_file: Path) -> None:
    assert tl("import", "--dry-run", str(seed_file)) == 0
    assert "would import 1 session(s)" in tl.err
    assert files(data / "sessions") == {}
    assert tl.history() == []


def _spoil(text: str, kind: str) -> str:
    if kind == "rpe-11":
        return text.replace('"rpe": 8,', '"rpe": 11,')
    if kind == "missing-name":
        return text.replace('"Name": "Barbell Bench Press",\n', "")
    if kind == "date-yesterday":
        return text.replace('"2026-02-16T23:34:50.722615"', '"yesterday"')
    if kind == "truncated":
        return text[: len(text) // 2]
    if kind == "newer-version":
        return text.replace('"dataModelVersion": "0.0.1"', '"dataModelVersion": "9.0.0"')
    raise AssertionError(kind)


# Each broken file as it is reported: the JSON path, then the reason.
REJECTIONS = {
    "rpe-11": "exercises[0].workingSets[0].rpe: 11 is greater than the maximum 10",
    "missing-name": "exercises[0].Name: is missing",
    "date-yesterday": "date: 'yesterday' is not a date and time like",
    "truncated": "is not valid JSON: ",
    "newer-version": "dataModelVersion: 9.0.0 is newer than this Training Log reads",
}


def broken_file(seed_file: Path, tmp_path: Path, kind: str) -> Path:
    text = _spoil(seed_file.read_text(encoding="utf-8"), kind)
    assert text != seed_file.read_text(encoding="utf-8")
    path = tmp_path / "broken" / f"{kind}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", sorted(REJECTIONS))
def test_invalid_file_is_refused_and_changes_nothing(
    tl: Cli, data: Path, seed_file: Path, tmp_path: Path, kind: str
) -> None:
    assert tl("import", str(seed_file)) == 0
    sessions_before, trash_before = files(data / "sessions"), files(data / "trash")
    dump_before = database_dump(data)
    bad = broken_file(seed_file, tmp_path, kind)
    assert tl("import", str(bad)) == 1
    assert f"{bad}: {REJECTIONS[kind]}" in tl.err
    assert "imported 0 session(s); 0 already stored; 0 kept as stored; 1 rejected" in tl.err
    assert tl.out == ""
    assert files(data / "sessions") == sessions_before
    assert files(data / "trash") == trash_before
    assert database_dump(data) == dump_before


def test_invalid_files_are_refused_and_the_valid_ones_imported(
    tl: Cli, data: Path, seed_file: Path, tmp_path: Path
) -> None:
    assert tl("import", str(seed_file)) == 0
    seed_bytes = (data / "sessions" / seed_file.name).read_bytes()
    seed_rows = [line for line in database_dump(data) if SEED_ID in line]
    bad = [broken_file(seed_file, tmp_path, kind) for kind in sorted(REJECTIONS)]
    good = another_session(seed_file, tmp_path, "2026-03-02", 90)
    missing = tmp_path / "no-such-file.json"
    assert tl("import", *map(str, bad), str(good), str(missing)) == 1
    lines = tl.err.splitlines()
    for path, kind in zip(bad, sorted(REJECTIONS), strict=True):
        assert any(line.startswith(f"{path}: {REJECTIONS[kind]}") for line in lines), kind
    truncated = next(line for line in lines if line.startswith(f"{bad[-1].parent}/truncated"))
    assert ", column " in truncated and "at line " in truncated
    assert f"{missing}: no such file or folder" in lines
    assert "imported 1 session(s); 0 already stored; 0 kept as stored; 6 rejected" in tl.err
    assert [r["date"][:10] for r in tl.history()] == ["2026-02-16", "2026-03-02"]
    assert (data / "sessions" / seed_file.name).read_bytes() == seed_bytes
    assert [line for line in database_dump(data) if SEED_ID in line] == seed_rows


def test_a_different_version_of_a_stored_session_is_kept_as_stored(
    tl: Cli, data: Path, seed_file: Path, tmp_path: Path
) -> None:
    assert tl("import", str(seed_file)) == 0
    before = files(data / "sessions")
    doc = json.loads(seed_file.read_text(encoding="utf-8"))
    doc["focus"] = "changed elsewhere"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(doc), encoding="utf-8")
    assert tl("import", str(other)) == 0
    assert "1 kept as stored" in tl.err
    assert f"warning: {other}: a different version of session {SEED_ID}" in tl.err
    assert files(data / "sessions") == before
    assert tl.history()[0]["focus"] == "upper-strength"


def test_check_exits_1_until_the_scan_has_run(tl: Cli, data: Path, seed_file: Path) -> None:
    assert tl("check") == 0
    assert "database and files agree" in tl.err
    folders = DataDirectory(data)
    shutil.copy(seed_file, folders.sessions / seed_file.name)
    assert tl("check") == 1
    assert f"{seed_file.name}: file is not in the database" in tl.err
    assert "DISAGREE" in tl.err
    assert tl("check", "--deep") == 1
    tl.history()  # the startup scan imports the file
    assert tl("check", "--deep") == 0, tl.err
    assert tl.out == ""


def test_rebuild_gives_the_same_history(
    tl: Cli, data: Path, seed_file: Path, tmp_path: Path
) -> None:
    more = [another_session(seed_file, tmp_path, f"2026-03-0{d}", 80 + d) for d in range(1, 5)]
    assert tl("import", str(seed_file), *map(str, more)) == 0
    history = tl.history()
    sets = tl.history("--exercise", "barbell bench press")
    assert len(history) == 5
    for path in data.glob("traininglogs.db*"):
        path.unlink()
    assert tl("rebuild") == 0, tl.err
    assert "from 5 session file(s)" in tl.err
    assert tl.history() == history
    assert tl.history("--exercise", "barbell bench press") == sets
    assert tl("check", "--deep") == 0


def test_rebuild_quarantines_a_bad_file_and_exits_1(tl: Cli, data: Path, seed_file: Path) -> None:
    assert tl("import", str(seed_file)) == 0
    (data / "sessions" / "notes.json").write_text("{", encoding="utf-8")
    assert tl("rebuild") == 1
    assert "notes.json: is not valid JSON" in tl.err
    assert "(left in place; a copy is in quarantine/)" in tl.err
    assert (data / "quarantine" / "notes.json").exists()
    assert (data / "sessions" / "notes.json").read_text(encoding="utf-8") == "{"
    assert len(tl.history()) == 1
    assert tl("check") == 0


def test_a_file_deleted_by_hand_is_told_kept_in_trash_and_brought_back(
    tl: Cli, data: Path, seed_file: Path
) -> None:
    assert tl("import", str(seed_file)) == 0
    stored = data / "sessions" / seed_file.name
    content = stored.read_bytes()
    stored.unlink()
    assert tl.history() == []  # a deletion made elsewhere is a deletion
    trashed = data / "trash" / seed_file.name
    assert (
        f"warning: {seed_file.name} is gone from the folder: its session of Mon 16 Feb 2026 "
        f"(upper-strength) is kept in {trashed}; `traininglog import {trashed}` brings it back"
    ) in tl.err
    assert not stored.exists()
    assert tl("import", str(trashed)) == 0
    assert decode(stored.read_bytes()) == decode(content)
    assert len(tl.history()) == 1


def test_copying_one_session_file_over_another_loses_neither(tl: Cli, data: Path) -> None:
    """`cp A.json B.json`: B's session used to vanish from the index without a word."""
    sessions = [
        Session(
            id=f"{n:08x}-1111-4222-8333-444455556666",
            date=datetime(2026, 5, n, 18, 0),
            focus=f"day {n}",
            exercises=(
                Exercise(1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, 100, 5),)),
            ),
        )
        for n in (1, 2)
    ]
    source = data.parent / "two"
    source.mkdir()
    for s in sessions:
        (source / f"{s.id}.json").write_bytes(encode(s))
    assert tl("import", str(source)) == 0
    a, b = (data / "sessions" / file_name(s) for s in sessions)
    shutil.copyfile(a, b)
    rows = tl.history()
    assert [r["focus"] for r in rows] == ["day 1"]
    trashed = data / "trash" / b.name
    assert f"warning: {b.name} now holds another session: its session of" in tl.err
    assert f"`traininglog import {trashed}` brings it back" in tl.err
    assert f"{b.name}: holds the same session as {a.name}; left as it is" in tl.err
    assert a.exists() and b.exists()  # nothing removed from the sessions folder
    assert decode(trashed.read_bytes()) == sessions[1]
    b.unlink()  # the lifter removes the copy, and takes the lost session back
    assert tl("import", str(trashed)) == 0
    assert sorted(r["focus"] for r in tl.history()) == ["day 1", "day 2"]
    assert tl("check") == 0


def test_a_busy_data_directory(data: Path, seed_file: Path) -> None:
    folders = DataDirectory(data).create()
    with Logbook(folders) as book:
        book.import_sessions([(str(seed_file), decode(seed_file.read_bytes()))])
        history = run("history", "--json", data=data)
        imported = run("import", str(seed_file), data=data)
    assert history.returncode == 0, history.stderr
    assert [row["_id"] for row in json.loads(history.stdout)] == [SEED_ID]
    assert "reading without the startup scan" in history.stderr
    assert imported.returncode == 1
    assert "another Training Log" in imported.stderr and f"pid {os.getpid()}" in imported.stderr


def test_a_database_from_a_newer_version_is_refused(tl: Cli, data: Path) -> None:
    data.mkdir()
    connection = sqlite3.connect(data / "traininglogs.db")
    connection.execute(f"PRAGMA user_version = {LATEST + 1}")
    connection.commit()
    connection.close()
    assert tl("history", "--json") == 1
    assert "newer" in tl.err and tl.out == ""


def test_a_data_directory_that_cannot_be_made(tl: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = cli.main(["--data-dir", str(blocker / "data"), "history", "--json"])
    out, err = tl.capsys.readouterr()
    assert code == 1
    assert err.startswith("traininglog: ") and out == ""


def test_data_dir_from_the_environment(
    tl: Cli, tmp_path: Path, seed_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "from-env"
    monkeypatch.setenv("TRAININGLOG_DATA_DIR", str(elsewhere))
    assert cli.main(["import", str(seed_file)]) == 0
    assert (
        encode(decode(seed_file.read_bytes()))
        == (elsewhere / "sessions" / seed_file.name).read_bytes()
    )


def test_a_damaged_database_is_replaced_from_the_files(
    tl: Cli, data: Path, seed_file: Path, tmp_path: Path
) -> None:
    later = another_session(seed_file, tmp_path, "2026-03-02", 90)
    assert tl("import", str(seed_file), str(later)) == 0
    history = tl.history()
    database = data / "traininglogs.db"
    database.write_bytes(b"\0garbage" * 512)
    assert tl("check") == 1
    assert "is damaged" in tl.err and "traininglog rebuild" in tl.err
    assert tl("rebuild") == 0, tl.err
    damaged = "warning: the database was damaged (traininglogs.db is not an SQLite database)"
    assert f"{damaged}; moved it to " in tl.err
    assert tl.history() == history
    database.write_bytes(b"\0garbage" * 512)
    assert tl.history() == history  # the startup scan also starts a new one
    assert "the database was damaged" in tl.err
    assert len(list((data / "backups").glob("traininglogs-damaged-*.db"))) == 2
    assert tl("check", "--deep") == 0


STRONG_EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "strong_classic.csv"


@pytest.mark.parametrize(
    "typed",
    [
        "Barbell Bench Press",
        "bench press (barbell)",
        "BARBELL BENCH PRESS",
        "Flat Barbell Bench Press",
        "Bench Press",
        "barbell bench-press",
    ],
)
def test_history_of_an_exercise_by_any_of_its_names(tl: Cli, typed: str) -> None:
    assert tl("import", "--weight-unit", "kg", str(STRONG_EXPORT)) == 0, tl.err
    rows = tl.history("--exercise", typed)
    assert {r["exercise"] for r in rows} == {"Barbell Bench Press"}
    assert len(rows) == 4
    expected = (
        "exercise: Barbell Bench Press"
        if typed == "Barbell Bench Press"
        else f'exercise: Barbell Bench Press (matched "{typed}")'
    )
    assert expected in tl.err.splitlines()


def test_history_of_a_custom_exercise_however_it_is_spelled(tl: Cli) -> None:
    assert tl("import", "--weight-unit", "kg", str(STRONG_EXPORT)) == 0, tl.err
    rows = tl.history("--exercise", "jefferson curls")
    assert [r["exercise"] for r in rows] == ["Jefferson Curl"]
    assert 'exercise: Jefferson Curl (matched "jefferson curls")' in tl.err


def test_history_of_an_unknown_exercise_says_so_with_close_names(tl: Cli) -> None:
    assert tl("import", "--weight-unit", "kg", str(STRONG_EXPORT)) == 0, tl.err
    assert tl("history", "--json", "--exercise", "bench pres") == 1
    assert tl.out == ""
    assert 'no exercise called "bench pres"' in tl.err
    suggestions = tl.err.split("did you mean:", 1)[1]
    assert "Barbell Bench Press" in suggestions.split("?")[0]


def test_markdown_notes_with_date_lines_import_from_the_command_line(tl: Cli) -> None:
    notes = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "notes_date_forms.md"
    assert tl("import", str(notes)) == 0, tl.err
    assert "imported 3 session(s)" in tl.err
    assert [r["date"][:10] for r in tl.history()] == ["2026-02-16", "2026-02-18", "2026-02-23"]


def test_a_reimport_that_differs_everywhere_lists_a_few_and_counts_the_rest(
    tl: Cli, data: Path
) -> None:
    """Read again with another unit, every session differs: 412 warnings would bury the
    one line that says what to do."""
    source = data.parent / "many"
    source.mkdir()

    def write(focus: str) -> None:
        for n in range(1, 9):
            s = Session(
                id=f"{n:08x}-1111-4222-8333-444455556666",
                date=datetime(2026, 5, n, 18, 0),
                focus=focus,
                exercises=(Exercise(1, "Barbell Back Squat", (), (), (WorkingSet(1, 99, 5),)),),
            )
            (source / f"{n}.json").write_bytes(encode(s))

    write("first reading")
    assert tl("import", str(source)) == 0
    write("second reading")
    assert tl("import", str(source)) == 0
    assert tl.err.count("a different version of session") == 5
    assert "… and 3 more sessions stored in another version, kept as stored" in tl.err
    assert "use --replace" in tl.err


def test_history_of_an_exercise_with_body_weight_sets_says_what_they_counted(
    tl: Cli, seed_file: Path, tmp_path: Path
) -> None:
    weighted = another_session(seed_file, tmp_path, "2026-03-02", 20)
    doc = json.loads(weighted.read_text(encoding="utf-8"))
    doc["dataModelVersion"], doc["bodyWeightKg"] = "0.3.0", 80
    first = doc["exercises"][0]["workingSets"][0]
    first["bodyWeight"] = "plus"
    first["repCount"] = {"full": 5, "partial": 0}
    weighted.write_text(json.dumps(doc), encoding="utf-8")
    assert tl("import", str(seed_file), str(weighted)) == 0, tl.err
    name = doc["exercises"][0]["Name"]
    rows = tl.history("--exercise", name)
    (weighted_set,) = [r for r in rows if r["date"].startswith("2026-03-02")]
    (plain,) = [r for r in rows if not r["date"].startswith("2026-03-02")]
    assert (weighted_set["weightKg"], weighted_set["bodyWeight"], weighted_set["loadKg"]) == (
        20,
        "plus",
        100,
    )
    assert weighted_set["e1rmKg"] == pytest.approx(100 * (1 + 5 / 30), abs=0.01)
    assert (plain["bodyWeight"], plain["loadKg"]) == (None, plain["weightKg"])
    assert tl("history", "--exercise", name) == 0
    assert "BW + 20" in tl.out


def test_history_without_body_weight_sets_keeps_its_columns(tl: Cli, seed_file: Path) -> None:
    assert tl("import", str(seed_file)) == 0, tl.err
    name = json.loads(seed_file.read_text(encoding="utf-8"))["exercises"][0]["Name"]
    rows = tl.history("--exercise", name)
    assert list(rows[0]) == SET_KEYS
