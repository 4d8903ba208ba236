"""The date forms the phone apps write, read by one shared reader that settles per file."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from traininglog import cli
from traininglog.importers.dates import DateReader
from traininglog.importers.detect import read_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
)
ONE_PM = datetime(2026, 6, 11, 13, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-06-11 13:01:00", ONE_PM),
        ("2026-06-11 13:01", ONE_PM),
        ("2026-06-11T13:01:00Z", ONE_PM.replace(tzinfo=timezone.utc)),
        ("2026-06-11T13:01:00+02:00", ONE_PM.replace(tzinfo=timezone(timedelta(hours=2)))),
        ("2026-06-11", datetime(2026, 6, 11)),
        ("Jun 11, 2026, 1:01 PM", ONE_PM),
        ("June 11, 2026 1:01 PM", ONE_PM),
        ("Jun 11, 2026, 1:01 pm", ONE_PM),
        ("Jun 11, 2026, 12:05 AM", datetime(2026, 6, 11, 0, 5)),
        ("Jun 11, 2026, 12:05 PM", datetime(2026, 6, 11, 12, 5)),
        ("11 Jun 2026, 13:01", ONE_PM),
        ("11 Jun 2026 13:01", ONE_PM),
        ("11 June 2026, 1:01 PM", ONE_PM),
        ("11 Juni 2026, 13:01", ONE_PM),
        ("11. März 2026, 13:01", datetime(2026, 3, 11, 13, 1)),
        ("11.06.2026 13:01", ONE_PM),
        ("11 juin 2026, 13:01", ONE_PM),  # French
        ("11 févr. 2026, 13:01", datetime(2026, 2, 11, 13, 1)),
        ("11 ago 2026, 13:01", datetime(2026, 8, 11, 13, 1)),  # Spanish, Italian, Portuguese
        ("11 dic 2026 13:01", datetime(2026, 12, 11, 13, 1)),
        ("11 ott 2026, 13:01", datetime(2026, 10, 11, 13, 1)),
        ("2026/06/11 13:01:00", ONE_PM),
    ],
)
def test_every_known_form_reads(text, expected):
    assert DateReader().settle([text]).read(text) == expected


def test_a_file_keeps_to_the_form_of_its_first_date():
    reader = DateReader().settle(["11 Jun 2026, 13:01", "2026-06-12 10:00:00"])
    assert reader.example == "11 Jun 2026, 13:01"
    assert reader.read("12 Jun 2026, 10:00") == datetime(2026, 6, 12, 10, 0)
    assert reader.read("2026-06-12 10:00:00") is None


def test_slashed_dates_are_read_only_when_the_file_tells_day_from_month():
    assert DateReader().settle(["11/06/2026", "25/06/2026"]).read("11/06/2026") == datetime(
        2026, 6, 11
    )
    assert DateReader().settle(["06/11/2026 1:01 PM", "06/25/2026 1:01 PM"]).read(
        "06/11/2026 1:01 PM"
    ) == datetime(2026, 6, 11, 13, 1)
    unsure = DateReader().settle(["03/04/2026", "04/05/2026"])
    assert unsure.read("03/04/2026") is None
    assert "day/month or month/day" in unsure.why_not("03/04/2026")


def test_a_hevy_export_with_us_dates_imports_every_workout(tmp_path, capsys):
    path = FIXTURES / "hevy_us_dates.csv"
    code = cli.main(["--data-dir", str(tmp_path / "data"), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "imported 2 session(s)" in err
    batch = read_import([path])
    lower, upper = (s for _, s in batch.sessions)
    assert upper.date == ONE_PM
    assert lower.date == datetime(2026, 6, 9, 0, 30)
    assert [s.full_reps for s in lower.exercises[0].working_sets] == [5, 5, 0]  # 0 reps kept


def test_a_file_of_unreadable_dates_says_so_once(tmp_path):
    path = tmp_path / "hevy.csv"
    rows = [f'W{n},"the {n}th of June",,,Squat (Barbell),,,0,normal,100,5,,,' for n in range(1, 40)]
    path.write_text("\n".join([HEVY_HEADER, *rows]) + "\n", encoding="utf-8")
    batch = read_import([path])
    assert batch.sessions == []
    lines = [line for r in batch.rejected for line in r.lines()]
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:2: start_time: 'the 1th of June' is not a date")
    assert "39 workouts" in lines[0]
