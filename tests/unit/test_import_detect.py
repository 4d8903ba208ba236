"""The import door: formats told apart, folders searched, and bad files refused, never raised."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traininglog.domain import ensure_valid
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import decode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"

EXPECTED_FORMATS = {
    "strong_classic.csv": "strong",
    "strong_classic_later.csv": "strong",
    "strong_semicolon.csv": "strong",
    "strong_oldest.csv": "strong",
    "strong_german.csv": "strong",
    "strong_bad_rows.csv": "strong",
    "strong_cut_in_quotes.csv": "strong",
    "strong_weight_unit.csv": "strong",
    "hevy_kg.csv": "hevy",
    "hevy_lbs.csv": "hevy",
    "hevy_us_dates.csv": "hevy",
    "hevy_default_names.csv": "hevy",
    "fitnotes_lbs.csv": "fitnotes",
    "fitnotes_kgs_comment.csv": "fitnotes",
    "fitnotes_unit_column.csv": "fitnotes",
    "fitnotes_unquoted_commas.csv": "fitnotes",
    "notes.md": "markdown",
    "notes_bad.md": "markdown",
    "notes_date_forms.md": "markdown",
}


def lines(batch) -> list[str]:
    return [line for rejection in batch.rejected for line in rejection.lines()]


def test_every_fixture_is_a_known_format():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(EXPECTED_FORMATS)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED_FORMATS.items()))
def test_auto_detects_the_format_from_the_header_or_content(name, expected, tmp_path):
    # Without its extension too: the content decides.
    renamed = tmp_path / "export"
    shutil.copyfile(FIXTURES / name, renamed)
    for path in (FIXTURES / name, renamed):
        batch = read_import([path], weight_unit="kg")
        assert batch.formats == {str(path): expected}
        for _, session in batch.sessions:
            ensure_valid(session)


def test_a_folder_is_read_recursively(tmp_path):
    nested = tmp_path / "exports" / "2026"
    nested.mkdir(parents=True)
    for name in ("hevy_kg.csv", "fitnotes_lbs.csv", "notes.md"):
        shutil.copyfile(FIXTURES / name, nested / name)
    (nested / "readme.pdf").write_bytes(b"%PDF-1.4 not ours")
    batch = read_import([tmp_path / "exports"])
    assert sorted(Path(f).name for f in batch.formats) == [
        "fitnotes_lbs.csv",
        "hevy_kg.csv",
        "notes.md",
    ]
    assert batch.rejected == []
    assert len(batch.sessions) == 2 + 2 + 3
    assert batch.skipped_rows == 2 + 1


def test_json_session_files_go_to_the_session_file_reader(seed_file):
    batch = read_import([seed_file.parent])
    assert batch.formats == {str(seed_file): "json"}
    assert batch.sessions == [(str(seed_file), decode(seed_file.read_bytes()))]


def test_an_explicit_format_that_does_not_fit_says_which_columns_are_missing():
    path = FIXTURES / "strong_semicolon.csv"
    batch = read_import([path], format="hevy")
    assert lines(batch) == [
        f"{path}:1: header: is not a Hevy export: no 'title', 'start_time', 'exercise_title', "
        "'set_type' column"
    ]


def test_a_missing_path_is_reported():
    batch = read_import(["/no/such/export.csv"])
    assert lines(batch) == ["/no/such/export.csv: no such file or folder"]


def test_random_bytes_are_refused_with_a_reason(tmp_path):
    noise = random.Random(5).randbytes(64 * 1024)
    for suffix in (".csv", ".md", ".json", ""):
        path = tmp_path / f"noise{suffix}"
        path.write_bytes(noise)
        batch = read_import([path])
        assert batch.sessions == []
        assert len(batch.rejected) == 1, suffix
        assert batch.rejected[0].source.startswith(str(path))


def test_random_bytes_without_nul_are_not_utf8(tmp_path):
    path = tmp_path / "noise.csv"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4096)))
    (line,) = lines(read_import([path]))
    assert line.startswith(f"{path}:")
    assert "is not UTF-8 text" in line
    assert "save the file as UTF-8" in line


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert lines(read_import([path])) == [f"{path}: is a binary file, not a text export or notes"]


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_an_empty_file_is_refused(tmp_path, content):
    path = tmp_path / "strong.csv"
    path.write_bytes(content)
    assert lines(read_import([path])) == [f"{path}: is empty"]


@pytest.mark.parametrize("suffix", [".csv", ".md"])
def test_a_50_mb_file_is_refused_without_being_read(tmp_path, suffix):
    path = tmp_path / f"huge{suffix}"
    row = b"2026-01-05 18:02:11,Upper,1h,Bench Press (Barbell),1,80,5,0,0,,,8\n"
    with path.open("wb") as handle:
        handle.write(b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,")
        handle.write(b"Distance,Seconds,Notes,Workout Notes,RPE\n")
        handle.write(row * (50_000_000 // len(row)))
    (line,) = lines(read_import([path], weight_unit="kg"))
    assert line.startswith(f"{path}: is 50.0 MB; an export or notes file")
    assert "at most 32 MiB" in line


def test_a_text_file_in_no_known_format_is_refused(tmp_path):
    path = tmp_path / "shopping.csv"
    path.write_text("item,price\nmilk,1.20\n", encoding="utf-8")
    assert lines(read_import([path])) == [
        f"{path}: is not a format Training Log imports (a session file, a Strong, Hevy or "
        "FitNotes CSV export, or markdown notes); its first line is 'item,price'"
    ]


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "hevy.csv"
    path.write_bytes((FIXTURES / "hevy_kg.csv").read_text(encoding="utf-8").encode("utf-16"))
    assert len(read_import([path]).sessions) == 2


def test_latin1_text_names_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "strong.csv"
    text = (FIXTURES / "strong_german.csv").read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1"))
    (line,) = lines(read_import([path], weight_unit="kg"))
    assert line.startswith(f"{path}:1: is not UTF-8 text (byte ")


def test_the_lifters_choices_are_checked():
    with pytest.raises(ValueError, match="unknown import format"):
        read_import([], format="excel")
    with pytest.raises(ValueError, match="neither 'kg' nor 'lb'"):
        read_import([], weight_unit="stone")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(EXPECTED_FORMATS)),
    cuts=st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 40), st.text(max_size=8))),
    weight_unit=st.sampled_from([None, "kg", "lb"]),
)
def test_mangled_fixtures_never_raise_and_give_only_valid_sessions(name, cuts, weight_unit):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for at, length, insert in cuts:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + length :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        batch = read_import([path], weight_unit=weight_unit)
    for _, session in batch.sessions:
        ensure_valid(session)
    for rejection in batch.rejected:
        assert rejection.source.startswith(str(path))
        assert all(problem.message for problem in rejection.problems)


def test_a_file_of_nothing_but_bad_rows_is_listed_briefly_and_given_up_on(tmp_path):
    path = tmp_path / "strong.csv"
    header = (FIXTURES / "strong_classic.csv").read_text(encoding="utf-8").splitlines()[0]
    good = '2026-01-01 10:00:00,"Good",1h,"Squat (Barbell)",1,100,5,0,0,"","",\n'
    path.write_text(header + "\n" + good + "nonsense\n" * 5_000, encoding="utf-8")
    batch = read_import([path], weight_unit="kg")
    assert [s.focus for _, s in batch.sessions] == ["Good"]
    # A rejection per bad row listed (each with its problems), one for their undated workout.
    assert len(batch.rejected) == 200 + 1 + 2
    assert batch.rejected[0].lines()[:1] == [
        f"{path}:3: has 1 of the 12 columns; the row looks cut short",
    ]
    assert [line for line in lines(batch) if "Date:" in line] == [
        f"{path}:3: Date: 'nonsense' is not a date like '2026-01-01 10:00:00', the form of "
        "this file's dates"
    ]
    found = lines(batch)
    assert found[-2] == (
        f"{path}:2003: more than 2,000 bad rows: is this the right file and format?; "
        "stopped reading here"
    )
    assert found[-1] == f"{path}: 1,801 more bad rows"


def test_notes_of_nothing_but_bad_lines_are_listed_briefly_and_given_up_on(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# 2026-01-01 Push\n## Bench\n" + "- heavy x 5\n" * 5_000, encoding="utf-8")
    batch = read_import([path])
    assert batch.sessions == []
    found = lines(batch)
    assert len(found) == 200 + 2
    assert found[-2] == (
        f"{path}:2003: more than 2,000 bad lines: are these training notes?; stopped reading here"
    )
    assert found[-1] == f"{path}: 1,801 more bad lines"


def test_a_lone_carriage_return_before_the_header_is_only_a_line_break(tmp_path):
    # Found by the mangling property test: csv refuses a bare "\r" inside a field.
    source = FIXTURES / "fitnotes_kgs_comment.csv"
    target = tmp_path / "cr.csv"
    target.write_bytes(b"\r" + source.read_bytes())
    batch = read_import([target])
    assert batch.rejected == []
    assert len(batch.sessions) == len(read_import([source]).sessions) == 2
