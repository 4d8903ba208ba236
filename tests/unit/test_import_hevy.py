"""Hevy's CSV export, in kg and in lb, from fixture files written for these tests."""

from __future__ import annotations

from pathlib import Path

from traininglog.domain import WarmupSet, WorkingSet, ensure_valid
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import encode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def read(name: str, **options):
    return read_import([FIXTURES / name], **options)


def test_kg_export_newest_first_comes_out_oldest_first():
    batch = read("hevy_kg.csv")
    assert batch.rejected == []
    assert batch.formats == {str(FIXTURES / "hevy_kg.csv"): "hevy"}
    assert [source.rsplit(":", 1)[1] for source, _ in batch.sessions] == ["9", "2"]
    push, legs = (s for _, s in batch.sessions)
    assert push.date.isoformat() == "2026-02-27T18:05:00"
    assert legs.date.isoformat() == "2026-03-02T19:59:00"
    assert (push.focus, legs.focus) == ("Push 💪", "Leg Day 🦵")
    assert batch.exercise_count == 4
    assert batch.set_count == 11
    assert batch.skipped_rows == 2  # the treadmill and the plank
    assert batch.unmapped_names == set()
    for _, session in batch.sessions:
        ensure_valid(session)


def test_set_types_rpe_and_notes_land_in_the_right_fields():
    legs = read("hevy_kg.csv").sessions[1][1]
    squat, leg_press = legs.exercises
    assert squat.name == "Barbell Back Squat"
    assert squat.target_muscle_groups == ("quads", "glutes")
    # Workout description first, then the exercise's notes, on the exercise's first set.
    assert squat.warmup_sets == (
        WarmupSet(1, 60.0, 5, "Workout: Gym was packed\nBelt from 120 on"),
    )
    assert squat.working_sets == (
        WorkingSet(1, 120.0, 5, rpe=8.0),
        WorkingSet(2, 120.0, 5, rpe=8.5),
        WorkingSet(3, 100.0, 8, notes="drop set"),
    )
    assert leg_press.working_sets[1] == WorkingSet(2, 200.0, 14, rpe=10.0, notes="to failure")


def test_empty_weight_is_bodyweight():
    push = read("hevy_kg.csv").sessions[0][1]
    push_up, bench = push.exercises
    assert push_up.name == "Push-Up"
    assert push_up.working_sets == (WorkingSet(1, 0.0, 20), WorkingSet(2, 0.0, 18))
    assert bench.warmup_sets == (WarmupSet(1, 40.0, 10, "Touch and go"),)
    assert [s.rpe for s in bench.working_sets] == [7.5, 8.0]


def test_lbs_export_is_converted():
    batch = read("hevy_lbs.csv")
    assert batch.rejected == []
    ((_, pull),) = batch.sessions
    deadlift, chin_up = pull.exercises
    assert deadlift.name == "Conventional Deadlift"
    assert deadlift.warmup_sets == (WarmupSet(1, 61.235, 5),)  # 135 lb
    assert [s.weight_kg for s in deadlift.working_sets] == [142.882, 142.882]  # 315 lb
    assert [s.weight_kg for s in chin_up.working_sets] == [11.34, 0.0]  # 25 lb, bodyweight
    assert batch.skipped_rows == 1


def test_reading_twice_gives_the_same_ids_and_bytes():
    first = [(s.id, encode(s)) for _, s in read("hevy_kg.csv").sessions]
    assert first == [(s.id, encode(s)) for _, s in read("hevy_kg.csv").sessions]
    assert len({i for i, _ in first}) == 2


def test_a_bad_date_and_an_unknown_set_type_are_reported_by_line(tmp_path):
    path = tmp_path / "hevy.csv"
    lines = (FIXTURES / "hevy_lbs.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("normal", "superheavy")
    lines.append('Legs,"31 Feb 2026, 06:40",,,Squat (Barbell),,,0,normal,225,5,,,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = read_import([path])
    ((_, pull),) = batch.sessions  # the Pull workout without its bad row; Legs has no date
    assert [len(e.working_sets) for e in pull.exercises] == [1, 2]
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:3: set_type: 'superheavy' is not a set type: normal, warmup, dropset or failure",
        f"{path}:8: start_time: '31 Feb 2026, 06:40' is not a date like '5 Mar 2026, 06:40', "
        "the form of this file's dates",
    ]
