"""Every import ends with one summary per file: what it held, how it was read, what was skipped."""

from __future__ import annotations

from pathlib import Path

from traininglog import cli
from traininglog.importers.detect import read_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def import_lines(tmp_path, capsys, *args: str) -> tuple[int, list[str]]:
    code = cli.main(["--data-dir", str(tmp_path / "data"), "import", *args])
    return code, capsys.readouterr().err.splitlines()


def test_a_clean_file_gets_one_summary_line_with_its_units_and_dates(tmp_path, capsys):
    path = FIXTURES / "strong_weight_unit.csv"
    code, lines = import_lines(tmp_path, capsys, str(path), "--weight-unit", "kg")
    assert code == 0
    summary = [line for line in lines if line.startswith(f"{path}: ")]
    assert summary == [
        f"{path}: 2 sessions, 6 sets; units from the file's Weight Unit column (kg 3 rows, "
        "lb 3 rows); units as chosen for the file (--weight-unit) (kg 1 row); "
        "dates like '2026-05-04 17:30:00'; 1 row not a strength set (cardio, timed)"
    ]
    # The final line keeps its counts.
    assert "imported 2 session(s); 0 already stored; 0 kept as stored; 0 rejected" in lines


def test_skipped_rows_are_listed_in_the_summary_and_past_five_percent_warned(tmp_path, capsys):
    path = FIXTURES / "strong_bad_rows.csv"
    code, lines = import_lines(tmp_path, capsys, str(path), "--weight-unit", "kg")
    assert code == 1
    (summary,) = [line for line in lines if line.startswith(f"{path}: 4 sessions")]
    assert summary.startswith(
        f"{path}: 4 sessions, 4 sets; units as chosen for the file (--weight-unit) (kg 8 rows); "
        "dates like '2026-04-01 18:00:00'; 4 of 8 rows skipped: "
        "line 4: Weight: 'heavy' is not a number; line 5: RPE: 12 is outside 1 to 10; line 6: "
    )
    assert f"warning: {path}: 4 of its 8 rows (50%) were skipped" in "\n".join(lines)


def test_a_few_skipped_rows_in_a_long_file_are_no_warning(tmp_path):
    path = tmp_path / "strong.csv"
    header = (FIXTURES / "strong_classic.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = [
        f'2026-05-{day:02d} 10:00:00,"Legs",1h,"Squat (Barbell)",{n},100,5,0,0,"","",'
        for day in range(1, 21)
        for n in (1, 2)
    ]
    rows[7] = rows[7].replace(",100,5,", ",100,x,")
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    batch = read_import([path], weight_unit="kg")
    (summary,) = batch.summaries.values()
    assert (summary.rows, summary.skipped) == (40, 1)
    assert not summary.too_many_skipped
    assert "1 of 40 rows skipped: line 9: Reps: 'x' is not a number" in summary.text()


def test_rejoined_rows_are_named_in_the_summary():
    path = FIXTURES / "fitnotes_unquoted_commas.csv"
    (summary,) = read_import([path]).summaries.values()
    assert "comma in a name or comment rejoined on lines 2, 3, 5, 7, 9" in summary.text()
    assert "1 of 8 rows skipped: line 8: has 10 fields" in summary.text()


def test_a_set_with_a_weight_and_no_reps_is_a_set_of_zero_reps_and_counted(tmp_path, capsys):
    path = tmp_path / "fitnotes.csv"
    path.write_text(
        "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"
        "2026-03-01,Bench Press,Chest,100.0,3,,,,\n"
        "2026-03-01,Bench Press,Chest,105.0,0,,,,Missed\n",
        encoding="utf-8",
    )
    code, lines = import_lines(tmp_path, capsys, str(path))
    assert code == 0
    assert (
        f"{path}: 1 session, 2 sets; units from the column name 'Weight (kgs)' (kg 2 rows); "
        "dates like '2026-03-01'" in lines
    )
    ((_, session),) = read_import([path]).sessions
    assert [(s.weight_kg, s.full_reps) for s in session.exercises[0].working_sets] == [
        (100.0, 3),
        (105.0, 0),
    ]
