"""Strong's CSV exports, every variant, from fixture files written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from traininglog import cli
from traininglog.domain import WarmupSet, WorkingSet, ensure_valid
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import encode

from bench.strong_export import write_strong_export

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def read(name: str, **options):
    return read_import([FIXTURES / name], **options)


def only_lines(batch) -> list[str]:
    """Rejection lines with the fixture folder taken off, for readable assertions."""
    return [line.replace(f"{FIXTURES}/", "") for r in batch.rejected for line in r.lines()]


def test_classic_export_in_kg():
    batch = read("strong_classic.csv", weight_unit="kg")
    assert batch.rejected == []
    assert batch.formats == {str(FIXTURES / "strong_classic.csv"): "strong"}
    assert [source.rsplit(":", 1)[1] for source, _ in batch.sessions] == ["2", "15", "21"]
    assert len(batch.sessions) == 3
    assert batch.exercise_count == 8
    assert batch.set_count == 20
    assert batch.skipped_rows == 2  # the rowing machine and the plank
    assert batch.unmapped_names == {"Jefferson Curl"}

    upper = batch.sessions[0][1]
    assert upper.date.isoformat() == "2026-01-05T18:02:11"
    assert upper.focus == "Upper Strength"
    assert (upper.phase, upper.week, upper.is_deload_week) == (None, None, False)
    assert (upper.user_id, upper.user_name) == ("", "")
    bench, row = upper.exercises
    assert bench.name == "Barbell Bench Press"
    assert bench.target_muscle_groups == ("chest",)
    assert bench.warmup_sets == (
        WarmupSet(1, 20.0, 10, "Workout: Slept well, ate well\nPause the first rep"),
        WarmupSet(2, 60.0, 5, None),
    )
    assert bench.working_sets == (
        WorkingSet(1, 80.0, 5, rpe=8.0),
        WorkingSet(2, 80.0, 5, rpe=8.5, rest_minutes=3.0),
        WorkingSet(3, 82.5, 4, rpe=9.5, rest_minutes=3.5),  # float noise gone; RPE 9.3 → 9.5
        WorkingSet(4, 60.0, 8, notes="drop set"),  # the rest after the last set has no set
    )
    assert row.name == "Barbell Row"
    assert row.working_sets[2] == WorkingSet(3, 70.0, 6, rpe=10.0, notes="to failure")


def test_classic_export_notes_bodyweight_and_assisted_sets():
    lower, arms = [s for _, s in read("strong_classic.csv", weight_unit="kg").sessions][1:]
    deadlift = lower.exercises[1]
    assert deadlift.name == "Conventional Deadlift"
    assert deadlift.working_sets == (WorkingSet(1, 150.0, 3, notes="Hook grip"),)
    jefferson = lower.exercises[2]
    assert (jefferson.name, jefferson.target_muscle_groups) == ("Jefferson Curl", ())
    assert arms.focus == "Arms, mostly"
    curl, pull_up, assisted = arms.exercises
    assert [s.notes for s in curl.working_sets] == ["Slow negatives", None]
    assert [(s.weight_kg, s.full_reps) for s in pull_up.working_sets] == [(0, 8), (0, 7)]
    assert assisted.name == "Assisted Pull-Up"
    # The help of the assisted machine, written as a negative weight: an assisted set, the
    # body weight less 20 kg (it was a 0 kg set with a note, a number nobody lifted).
    assert assisted.working_sets == (WorkingSet(1, 20.0, 8, body_weight="minus"),)


def test_classic_export_in_pounds_is_converted_to_the_gram():
    upper = read("strong_classic.csv", weight_unit="lb").sessions[0][1]
    bench = upper.exercises[0]
    assert [w.weight_kg for w in bench.warmup_sets] == [9.072, 27.216]
    assert [s.weight_kg for s in bench.working_sets] == [36.287, 36.287, 37.421, 27.216]


def test_plain_weight_column_needs_the_lifter_to_say_kg_or_lb():
    batch = read("strong_classic.csv")
    assert batch.sessions == []
    assert only_lines(batch) == [
        "strong_classic.csv:1: Weight: has no unit, so Training Log cannot tell kilograms from "
        "pounds: choose kg or lb (--weight-unit kg|lb) and import again"
    ]


def test_newer_semicolon_export_with_line_breaks_in_notes():
    batch = read("strong_semicolon.csv")  # "Weight (kg)" says its unit
    assert batch.rejected == []
    assert [source.rsplit(":", 1)[1] for source, _ in batch.sessions] == ["2", "11"]
    push, pull = (s for _, s in batch.sessions)
    assert (push.focus, pull.focus) == ("Push", "Pull")
    press, pushdown = push.exercises
    assert press.name == "Barbell Overhead Press"
    assert press.warmup_sets == (
        WarmupSet(1, 20.0, 8, "Workout: Shoulder a bit stiff.\nWarmed up longer."),
    )
    assert press.working_sets[0] == WorkingSet(1, 50.0, 5, rpe=8.0, notes="Bar path\nfelt good")
    assert press.working_sets[3] == WorkingSet(4, 45.0, 6, rpe=10.0, notes="to failure")
    assert [s.rpe for s in press.working_sets] == [8.0, 8.5, 9.5, 10.0]
    assert pushdown.name == "Cable Triceps Pushdown"
    assert [len(e.warmup_sets) for e in pull.exercises] == [2, 0]
    assert pull.exercises[1].working_sets == (WorkingSet(1, 55.5, 10, rpe=7.0),)
    assert batch.skipped_rows == 1  # the treadmill


def test_oldest_export_with_set_order_from_zero():
    batch = read("strong_oldest.csv")  # the "kg" column says its unit
    assert batch.rejected == []
    assert len(batch.sessions) == 2
    assert batch.exercise_count == 5
    assert batch.set_count == 8
    assert batch.skipped_rows == 1  # cycling
    a = batch.sessions[0][1]
    assert a.date.isoformat() == "2016-03-01T18:00:00"
    squat, bench = a.exercises
    assert squat.name == "Barbell Back Squat"
    assert [s.number for s in squat.working_sets] == [1, 2, 3]
    assert bench.working_sets[0].notes == "First time over bodyweight"
    assert bench.working_sets[1].weight_kg == 72.5


def test_german_export_with_rest_rows_and_decimal_commas():
    batch = read("strong_german.csv", weight_unit="kg")
    assert batch.rejected == []
    assert batch.unmapped_names == {"Bankdrücken (Langhantel)", "Klimmzug"}
    ((_, session),) = batch.sessions
    assert session.focus == "Oberkörper"
    bench, chin = session.exercises
    assert bench.warmup_sets == (WarmupSet(1, 40.0, 8, "Workout: Schultern fühlten sich gut an"),)
    assert bench.working_sets == (
        WorkingSet(1, 62.5, 8, rpe=7.0),
        WorkingSet(2, 62.5, 8, rpe=8.0, rest_minutes=2.5),
        WorkingSet(3, 62.5, 7, rpe=8.5, rest_minutes=2.5, notes="Letzte Wiederholung zäh"),
    )
    assert [s.rest_minutes for s in chin.working_sets] == [None, 1.5]
    assert batch.skipped_rows == 1


def test_a_name_map_overrides_the_catalogue_and_takes_its_muscles():
    batch = read(
        "strong_german.csv",
        weight_unit="kg",
        name_map={"bankdrücken (langhantel)": "Barbell Bench Press", "Klimmzug": "Klimmzug"},
    )
    bench, chin = batch.sessions[0][1].exercises
    assert (bench.name, bench.target_muscle_groups) == ("Barbell Bench Press", ("chest",))
    assert (chin.name, chin.target_muscle_groups) == ("Klimmzug", ())
    assert batch.unmapped_names == set()


def test_reading_twice_gives_equal_sessions_and_equal_bytes():
    first = read("strong_classic.csv", weight_unit="kg").sessions
    second = read("strong_classic.csv", weight_unit="kg").sessions
    assert first == second
    assert [encode(s) for _, s in first] == [encode(s) for _, s in second]


def test_a_newer_export_gives_the_old_ids_and_one_new():
    old = {s.id: encode(s) for _, s in read("strong_classic.csv", weight_unit="kg").sessions}
    newer = read("strong_classic_later.csv", weight_unit="kg").sessions
    new = {s.id: encode(s) for _, s in newer}
    assert set(old) < set(new)
    assert len(set(new) - set(old)) == 1
    assert all(new[i] == data for i, data in old.items())


def test_a_second_import_into_the_logbook_adds_only_the_new_workout(logbook):
    first = logbook.import_sessions(read("strong_classic.csv", weight_unit="kg").sessions)
    assert (len(first.imported), first.rejected) == (3, [])
    again = logbook.import_sessions(read("strong_classic_later.csv", weight_unit="kg").sessions)
    assert (len(again.imported), len(again.already_stored), again.rejected) == (1, 3, [])


def test_a_bad_row_is_skipped_and_reported_and_its_workout_keeps_the_other_sets():
    batch = read("strong_bad_rows.csv", weight_unit="kg")
    assert [s.focus for _, s in batch.sessions] == ["Good", "Heavy", "Also Good", "Cut Short"]
    heavy, cut_short = batch.sessions[1][1], batch.sessions[3][1]
    assert heavy.exercises[0].working_sets == (WorkingSet(1, 80.0, 5, rpe=8.0),)
    assert cut_short.exercises[0].working_sets == (WorkingSet(1, 100.0, 5),)
    assert only_lines(batch) == [
        "strong_bad_rows.csv:4: Weight: 'heavy' is not a number",
        "strong_bad_rows.csv:5: RPE: 12 is outside 1 to 10",
        "strong_bad_rows.csv:6: Date: '2026-04-05 25:99:00' is not a date like "
        "'2026-04-01 18:00:00', the form of this file's dates",
        "strong_bad_rows.csv:9: has 6 of the 12 columns; the row looks cut short",
    ]
    # A workout with no readable date has no day to go to: it alone is left out.
    assert [label.replace(f"{FIXTURES}/", "") for label in batch.rejected_sessions] == [
        'strong_bad_rows.csv:6: "Bad Date" of an unreadable date',
    ]


def test_the_command_line_imports_the_rest_of_a_workout_with_a_bad_row(tmp_path, capsys):
    data = tmp_path / "data"
    path = FIXTURES / "strong_bad_rows.csv"
    code = cli.main(["--data-dir", str(data), "import", str(path), "--weight-unit", "kg"])
    err = capsys.readouterr().err
    assert code == 1  # some input was refused
    assert f"{path}:4: Weight: 'heavy' is not a number" in err
    assert f"{path}:5: RPE: 12 is outside 1 to 10" in err
    assert "imported 4 session(s)" in err
    heavy = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in (data / "sessions").glob("training_session_2026_04_03_*.json")
    ]
    assert [len(e["workingSets"]) for doc in heavy for e in doc["exercises"]] == [1]


def test_a_file_cut_off_inside_quotes_keeps_the_complete_workouts():
    batch = read("strong_cut_in_quotes.csv", weight_unit="kg")
    assert [s.focus for _, s in batch.sessions] == ["Complete"]
    assert only_lines(batch) == [
        "strong_cut_in_quotes.csv:4: cannot be read as CSV (unexpected end of data); "
        "nothing from this line on is imported"
    ]


def test_every_session_from_every_strong_fixture_is_valid():
    for path in sorted(FIXTURES.glob("strong_*.csv")):
        for _, session in read_import([path], weight_unit="kg").sessions:
            ensure_valid(session)


def test_a_ten_thousand_row_export_reads_whole(tmp_path):
    # Its speed is the benchmark's figure import_strong_10k_s (tests/bench/run.py).
    path = tmp_path / "strong_10k.csv"
    write_strong_export(path, 10_000)
    batch = read_import([path], weight_unit="kg")
    assert batch.rejected == []
    assert len(batch.sessions) == 500
    assert batch.set_count == 8_000  # every fifth row is a rest timer


@pytest.mark.parametrize("weight_unit", ["kg", "lb"])
def test_units_named_in_the_header_win_over_the_lifters_choice(weight_unit):
    batch = read("strong_semicolon.csv", weight_unit=weight_unit)
    assert batch.sessions[0][1].exercises[0].working_sets[0].weight_kg == 50.0


def test_the_workout_name_is_the_focus_as_written_within_100_characters(tmp_path):
    path = tmp_path / "strong.csv"
    header = (FIXTURES / "strong_classic.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = [
        f'2026-05-01 10:00:00,"  {"Long " * 30}",1h,"Squat (Barbell)",1,100,5,0,0,"","",',
        '2026-05-02 10:00:00,"   ",1h,"Squat (Barbell)",1,100,5,0,0,"","",',
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    long, unnamed = (s for _, s in read_import([path], weight_unit="kg").sessions)
    assert long.focus == ("Long " * 20).strip()
    assert len(long.focus) <= 100
    assert unnamed.focus is None


def test_a_weight_unit_column_is_honoured_row_by_row_through_the_command_line(tmp_path, capsys):
    data = tmp_path / "data"
    path = FIXTURES / "strong_weight_unit.csv"
    # The lifter's kg fills in only the row that says nothing; lb rows stay lb.
    code = cli.main(["--data-dir", str(data), "import", str(path), "--weight-unit", "kg"])
    err = capsys.readouterr().err
    assert code == 0, err
    docs = sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in (data / "sessions").glob("*.json")),
        key=lambda d: d["date"],
    )
    weights = [[s["weightKg"] for s in e["workingSets"]] for d in docs for e in d["exercises"]]
    assert weights == [[100, 100], [142.882, 102.058], [83.915, 80]]


def test_a_weight_unit_column_needs_no_choice_but_an_empty_cell_is_reported():
    batch = read("strong_weight_unit.csv")
    bench = batch.sessions[1][1].exercises[0]
    assert [s.weight_kg for s in bench.working_sets] == [83.915]
    assert only_lines(batch) == [
        "strong_weight_unit.csv:8: Weight Unit: is empty, so the weight has no unit (kgs or lbs)"
    ]
