"""FitNotes' CSV export: weights in lbs, in kgs, or with a unit column; optional comments."""

from __future__ import annotations

from pathlib import Path

from traininglog.domain import WorkingSet, ensure_valid
from traininglog.importers.detect import read_import

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
    assert [s.date.day for _, s in batch.sessions] == [5]
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:4: Weight Unit: 'stone' is not a unit: kgs or lbs"
    ]
