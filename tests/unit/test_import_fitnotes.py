"""FitNotes' CSV export: weights in lbs, in kgs, or with a unit column; optional comments."""

from __future__ import annotations

import json
from pathlib import Path

from traininglog import cli
from traininglog.domain import WorkingSet, ensure_valid
from traininglog.importers.detect import read_import
from traininglog.importers.unquoted_commas import rejoin

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def read(name: str, **options):
    return read_import([FIXTURES / name], **options)


def test_lbs_export_one_session_per_day():
    batch = read("fitnotes_lbs.csv")
    assert batch.rejected == []
    assert batch.formats == {str(FIXTURES / "fitnotes_lbs.csv"): "fitnotes"}
    assert len(batch.sessions) == 2
    assert batch.exercise_count == 3
    assert batch.set_count == 7
    assert batch.skipped_rows == 1  # the treadmill run
    assert batch.unmapped_names == set()  # FitNotes' own names are the catalogue's lifts
    first, second = (s for _, s in batch.sessions)
    assert [e.name for e in first.exercises] == ["Barbell Bench Press", "Barbell Back Squat"]
    assert first.date.isoformat() == "2026-01-10T00:00:00"
    assert first.focus is None
    bench, _ = first.exercises
    assert [s.weight_kg for s in bench.working_sets] == [61.235, 83.915, 83.915]
    assert [s.number for s in bench.working_sets] == [1, 2, 3]  # row order is set order
    assert bench.warmup_sets == ()
    deadlift = second.exercises[0]
    assert deadlift.name == "Conventional Deadlift"
    assert [(s.weight_kg, s.full_reps) for s in deadlift.working_sets] == [
        (142.882, 3),
        (151.953, 1),
    ]


def test_kgs_export_with_comments_as_set_notes():
    batch = read("fitnotes_kgs_comment.csv")
    assert batch.rejected == []
    assert batch.skipped_rows == 1  # the timed plank
    first = batch.sessions[0][1]
    press, pull_up = first.exercises
    assert press.name == "Barbell Overhead Press"
    assert press.working_sets == (
        WorkingSet(1, 40.0, 5),
        WorkingSet(2, 42.5, 5, notes="Grindy, but clean"),
    )
    assert pull_up.working_sets == (WorkingSet(1, 0.0, 8),)


def test_a_weight_unit_column_converts_row_by_row():
    batch = read("fitnotes_unit_column.csv")
    assert batch.rejected == []
    row, curl = batch.sessions[0][1].exercises
    assert row.working_sets == (
        WorkingSet(1, 60.0, 8),
        WorkingSet(2, 61.235, 8, notes="switched to the pound plates"),
    )
    assert curl.working_sets == (WorkingSet(1, 12.5, 10),)
    assert batch.skipped_rows == 1  # cycling, in the Cardio category


def test_every_fitnotes_session_is_valid_and_has_a_stable_id():
    for name in ("fitnotes_lbs.csv", "fitnotes_kgs_comment.csv", "fitnotes_unit_column.csv"):
        first = read(name).sessions
        assert first == read(name).sessions
        for _, session in first:
            ensure_valid(session)


def test_an_unknown_unit_is_reported_with_its_line_and_column(tmp_path):
    path = tmp_path / "fitnotes.csv"
    text = (FIXTURES / "fitnotes_unit_column.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("12.5,kgs", "12.5,stone"), encoding="utf-8")
    batch = read_import([path])
    assert [s.date.day for _, s in batch.sessions] == [3, 5]  # the 3rd without its curl
    assert [e.name for e in batch.sessions[0][1].exercises] == ["Barbell Row"]
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:4: Weight Unit: 'stone' is not a unit: kgs or lbs"
    ]


def test_a_circuit_day_of_sixty_exercises_imports_whole(tmp_path, capsys):
    path = tmp_path / "fitnotes_circuits.csv"
    rows = ["Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment"]
    rows += [f"2026-03-01,Station {n},Circuit,20.0,12,,,," for n in range(1, 61)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code = cli.main(["--data-dir", str(tmp_path / "data"), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "imported 1 session(s)" in err
    ((session_file),) = (tmp_path / "data" / "sessions").glob("*.json")
    doc = json.loads(session_file.read_text(encoding="utf-8"))
    assert len(doc["exercises"]) == 60
    assert [e["Order"] for e in doc["exercises"]] == list(range(1, 61))


def test_unquoted_commas_in_names_and_comments_are_repaired(tmp_path, capsys):
    path = FIXTURES / "fitnotes_unquoted_commas.csv"
    code = cli.main(["--data-dir", str(tmp_path / "data"), "import", str(path)])
    err = capsys.readouterr().err
    assert "imported 3 session(s)" in err  # no day is lost
    assert code == 1  # one row could not be placed
    assert (
        f"{path}:8: has 10 fields for 9 columns: a comma in a name or comment is not in "
        "quotes, and no way of joining the fields puts numbers under Weight (kgs), Reps, "
        "Distance and Time" in err
    )
    assert "Weight (kgs): 'Biceps'" not in err  # no message about the wrong column
    batch = read_import([path])
    first, second, third = (s for _, s in batch.sessions)
    press, _raise = first.exercises
    # The whole name, rejoined, is what the catalogue matched: "Press" alone would not be.
    assert press.name == "Dumbbell Shoulder Press"
    assert press.working_sets == (
        WorkingSet(1, 22.5, 10),
        WorkingSet(2, 22.5, 9, notes="Hard, last rep slow"),
    )
    assert second.exercises[0].working_sets[0].notes == "Belt, sleeves, chalk"
    row, curl = third.exercises
    assert "Wide Grip" in row.name
    assert row.working_sets == (WorkingSet(1, 60.0, 8),)
    assert curl.working_sets == (WorkingSet(1, 14.0, 10),)


def test_a_row_that_could_be_rejoined_two_ways_is_left_alone():
    both = rejoin(["Press", " Seated", "fine, thanks"], 2, [0, 1], {})
    assert (both.cells, both.ways) == (None, 2)
    none = rejoin(["Press", " Seated", "Shoulders", "20"], 3, [0, 2], {1: lambda t: t == "x"})
    assert (none.cells, none.ways) == (None, 0)
    fits = rejoin(["Press", " Seated", "Shoulders", "20"], 3, [0], {2: lambda t: t == "20"})
    assert fits.cells == ["Press, Seated", "Shoulders", "20"]


def test_a_day_past_the_limit_is_refused_with_the_json_path(tmp_path):
    path = tmp_path / "fitnotes_too_many.csv"
    rows = ["Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment"]
    rows += [f"2026-03-01,Station {n},Circuit,20.0,12,,,," for n in range(1, 202)]
    rows += ["2026-03-02,Station 1,Circuit,20.0,12,,,,"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    batch = read_import([path])
    assert [s.date.day for _, s in batch.sessions] == [2]
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:2: exercises: 201 exercises; at most 200"
    ]
