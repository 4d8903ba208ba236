"""Body-weight sets (weighted and assisted, a set's `body_weight`) in every format that carries
sessions: CSV and markdown carry them there and back byte for byte, together with supersets
and the session's body weight; a session without them is written exactly as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, problems
from traininglog.exporters.csv_table import export_csv
from traininglog.exporters.markdown import export_markdown, session_to_markdown
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import decode, encode

EXAMPLES = Path("/work/shared/examples")
PLUS, MINUS = "plus", "minus"


def pull_day() -> Session:
    """Pull-ups and dips as superset A: body weight alone, with a belt, on the assisted
    machine, warm-ups among them, and a plain 0 kg set; curls on their own; weighed."""
    return Session(
        id="6c000000-0000-4000-8000-000000000001",
        date=datetime(2026, 11, 5, 18, 0),
        focus="pull",
        exercises=(
            Exercise(
                1,
                "Pull-Up",
                ("lats",),
                (WarmupSet(1, 0, 5, None, PLUS), WarmupSet(2, 20, 3, "band", MINUS)),
                (
                    WorkingSet(1, 20, 6, body_weight=PLUS),
                    WorkingSet(2, 0, 9, rpe=9.0, body_weight=PLUS),
                    WorkingSet(3, 0, 4),
                ),
                "A",
            ),
            Exercise(
                2,
                "Parallel Bar Dip",
                ("chest", "triceps"),
                (),
                (
                    WorkingSet(1, 30, 8, body_weight=MINUS),
                    WorkingSet(2, 12.5, 5, notes="belt", body_weight=PLUS),
                ),
                "A",
            ),
            Exercise(3, "Barbell Curl", ("biceps",), (), (WorkingSet(1, 30, 10),)),
        ),
        body_weight_kg=82.5,
    )


def without_body_weight_sets() -> Session:
    """The same kind of day as the app logged it before body-weight sets: 0 kg for the body
    alone, the belt's 20 kg as the weight."""
    return Session(
        id="6c000000-0000-4000-8000-000000000002",
        date=datetime(2026, 11, 4, 18, 0),
        focus="pull",
        exercises=(
            Exercise(
                1,
                "Pull-Up",
                ("lats",),
                (WarmupSet(1, 0, 5),),
                (WorkingSet(1, 0, 8), WorkingSet(2, 20, 5)),
                "A",
            ),
            Exercise(
                2,
                "Parallel Bar Dip",
                ("chest", "triceps"),
                (),
                (WorkingSet(1, 0, 10, rpe=8.0),),
                "A",
            ),
            Exercise(3, "Barbell Curl", ("biceps",), (), (WorkingSet(1, 30, 10),)),
        ),
        body_weight_kg=82.5,
    )


def example() -> Session:
    (path,) = EXAMPLES.glob("*.json")
    return decode(path.read_bytes())


def imported(path: Path) -> list[Session]:
    batch = read_import([path], weight_unit="kg")
    assert not batch.rejected, [line for r in batch.rejected for line in r.lines()]
    return sorted((s for _, s in batch.sessions), key=lambda s: s.date)


def test_the_sessions_here_are_valid_and_only_one_uses_body_weight_sets() -> None:
    assert problems(pull_day()) == [] and problems(without_body_weight_sets()) == []
    assert pull_day().data_model_version == "0.3.0"
    assert without_body_weight_sets().data_model_version == "0.2.0"


# --- CSV ---------------------------------------------------------------------------------

# What the app wrote before body-weight sets, byte for byte.
CSV_BEFORE = (
    "date,session_id,focus,phase,week,deload,body_weight_kg,exercise_order,exercise,superset,"
    "set_type,set,weight_kg,reps_full,reps_partial,rpe,rep_assessment,rest_minutes,notes\r\n"
    "2026-02-16T23:34:50.722615,3fcb25c2-5ca4-4c42-9530-f957959f633d,upper-strength,2,5,false,"
    ",1,Barbell Bench Press,,warmup,1,20,5,0,,,,\r\n"
    "2026-02-16T23:34:50.722615,3fcb25c2-5ca4-4c42-9530-f957959f633d,upper-strength,2,5,false,"
    ",1,Barbell Bench Press,,working,1,80,5,0,8,perfect,,\r\n"
    "2026-11-04T18:00:00,6c000000-0000-4000-8000-000000000002,pull,,,false,82.5,1,Pull-Up,A,"
    "warmup,1,0,5,0,,,,\r\n"
    "2026-11-04T18:00:00,6c000000-0000-4000-8000-000000000002,pull,,,false,82.5,1,Pull-Up,A,"
    "working,1,0,8,0,,,,\r\n"
    "2026-11-04T18:00:00,6c000000-0000-4000-8000-000000000002,pull,,,false,82.5,1,Pull-Up,A,"
    "working,2,20,5,0,,,,\r\n"
    "2026-11-04T18:00:00,6c000000-0000-4000-8000-000000000002,pull,,,false,82.5,2,"
    "Parallel Bar Dip,A,working,1,0,10,0,8,,,\r\n"
    "2026-11-04T18:00:00,6c000000-0000-4000-8000-000000000002,pull,,,false,82.5,3,"
    "Barbell Curl,,working,1,30,10,0,,,,\r\n"
)


def test_csv_without_body_weight_sets_is_the_table_it_always_was(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    export_csv([example(), without_body_weight_sets()], path)
    assert path.read_bytes() == CSV_BEFORE.encode("utf-8")
    back = imported(path)
    assert [encode(s) for s in back[1:]] == [encode(without_body_weight_sets())]


def test_csv_carries_body_weight_sets_there_and_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    export_csv([without_body_weight_sets(), pull_day()], path)
    rows = path.read_text("utf-8").splitlines()
    header = rows[0].split(",")
    assert header[header.index("weight_kg") + 1] == "body_weight"
    kinds = [row.split(",")[header.index("body_weight")] for row in rows[1:] if "Pull-Up" in row]
    assert kinds == ["", "", "", "plus", "minus", "plus", "plus", ""]
    back = imported(path)
    assert [encode(s) for s in back] == [encode(without_body_weight_sets()), encode(pull_day())]


def test_a_bad_body_weight_cell_refuses_its_session_naming_file_line_and_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.csv"
    export_csv([pull_day()], path)
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    lines[3] = lines[3].replace(",plus,", ",heavy,")  # the first working set of pull-ups
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    batch = read_import([path])
    assert batch.sessions == []
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:4: body_weight: 'heavy' is not plus, minus or empty"
    ]


@pytest.mark.parametrize("cell", ["Plus", " minus "])
def test_a_body_weight_cell_is_read_in_any_case_and_spacing(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "export.csv"
    export_csv([pull_day()], path)
    text = path.read_text("utf-8").replace(",plus,", f",{cell},", 1)
    path.write_bytes(text.encode("utf-8"))
    (back,) = imported(path)
    first = back.exercises[0].warmup_sets[0]
    assert first == replace(
        pull_day().exercises[0].warmup_sets[0], body_weight=cell.strip().lower()
    )


# --- markdown notes ----------------------------------------------------------------------


def test_notes_by_hand_read_bw_forms_as_body_weight_sets(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# 2026-11-05 Pull\n\n"
        "## Pull-Up\n"
        "- warmup: BW x 5, BW-20kg x 3\n"
        "- BW+20kg x 6\n"
        "- BW + 20 kg x 5\n"
        "- bw+20 x 5\n"
        "- BW x 9\n\n"
        "## Dip\n"
        "- BW-30kg x 8\n"
        "- BW − 30 kg x 8\n"
        "- BW+45lb x 3\n"
        "- 0 x 10\n",
        encoding="utf-8",
    )
    (session,) = imported(path)
    pull_ups, dips = session.exercises
    assert pull_ups.warmup_sets == (
        WarmupSet(1, 0, 5, None, PLUS),
        WarmupSet(2, 20, 3, None, MINUS),
    )
    assert [(s.weight_kg, s.body_weight) for s in pull_ups.working_sets] == [
        (20, PLUS),
        (20, PLUS),
        (20, PLUS),
        (0, PLUS),
    ]
    assert [(s.weight_kg, s.body_weight) for s in dips.working_sets] == [
        (30, MINUS),
        (30, MINUS),
        (20.412, PLUS),  # 45 lb, converted as every pound weight is
        (0, None),  # a number is a plain weight, even 0
    ]


@pytest.mark.parametrize("written", ["BW+", "BW+abc", "BW-"])
def test_a_bad_bw_form_names_file_line_and_what_to_write(tmp_path: Path, written: str) -> None:
    path = tmp_path / "notes.md"
    path.write_text(f"# 2026-11-05 Pull\n\n## Pull-Up\n- BW x 9\n- {written} x 5\n", "utf-8")
    batch = read_import([path], weight_unit="kg")
    assert batch.sessions == []
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:5: weight: {written!r} is not a weight: write BW, BW+20kg (added) or BW-30kg "
        "(assisted)"
    ]


# What the app wrote before body-weight sets, byte for byte: a 0 kg set as "BW".
MARKDOWN_BEFORE = """\
# 2026-02-16 23:34:50.722615 upper-strength
Phase 2 · Week 5
<!-- training-log {"_id": "3fcb25c2-5ca4-4c42-9530-f957959f633d", "userId": "apoorva", \
"userName": "Apoorva Sharma"} -->

## Barbell Bench Press
Muscles: none
- warmup: 20kg x 5
- 80kg x 5 @8 perfect

# 2026-11-04 18:00 pull
Body weight 82.5kg
<!-- training-log {"_id": "6c000000-0000-4000-8000-000000000002"} -->

## A1. Pull-Up
- warmup: BW x 5
- BW x 8
- 20kg x 5

## A2. Parallel Bar Dip
- BW x 10 @8

## Barbell Curl
- 30kg x 10
"""

PULL_DAY = """\
# 2026-11-05 18:00 pull
Body weight 82.5kg
<!-- training-log {"_id": "6c000000-0000-4000-8000-000000000001", "dataModelVersion": "0.3.0"} -->

## A1. Pull-Up
- warmup: BW x 5, BW-20kg x 3 # band
- BW+20kg x 6
- BW x 9 @9
- 0kg x 4

## A2. Parallel Bar Dip
- BW-30kg x 8
- BW+12.5kg x 5 # belt

## Barbell Curl
- 30kg x 10
"""


def test_markdown_without_body_weight_sets_is_the_text_it_always_was(tmp_path: Path) -> None:
    path = tmp_path / "export.md"
    export_markdown([example(), without_body_weight_sets()], path)
    assert path.read_bytes() == MARKDOWN_BEFORE.encode("utf-8")
    # Its "BW" is the 0 kg set it was written from, not a body-weight set.
    back = imported(path)
    assert [encode(s) for s in back[1:]] == [encode(without_body_weight_sets())]


def test_markdown_writes_body_weight_sets_as_lifters_do() -> None:
    assert session_to_markdown(pull_day()) == PULL_DAY


def test_markdown_carries_body_weight_sets_there_and_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "export.md"
    export_markdown([without_body_weight_sets(), pull_day()], path)
    back = imported(path)
    assert [encode(s) for s in back] == [encode(without_body_weight_sets()), encode(pull_day())]


def test_a_training_log_comment_with_an_unknown_version_names_file_and_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.md"
    path.write_text(PULL_DAY.replace('"0.3.0"', '"9.0.0"'), "utf-8")
    batch = read_import([path], weight_unit="kg")
    assert batch.sessions == []
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:3: training-log: '9.0.0' is not a dataModelVersion this app reads"
    ]


def test_an_assisted_set_with_nothing_taken_off_stays_one(tmp_path: Path) -> None:
    """`BW-0kg`: the same load as `BW`, but the set the lifter logged (the machine at 0)."""
    session = replace(
        pull_day(),
        exercises=(
            Exercise(1, "Pull-Up", ("lats",), (), (WorkingSet(1, 0, 5, body_weight=MINUS),)),
        ),
    )
    assert session_to_markdown(session).endswith("## Pull-Up\n- BW-0kg x 5\n")
    path = tmp_path / "export.md"
    export_markdown([session], path)
    assert [encode(s) for s in imported(path)] == [encode(session)]


# --- from the session file and back ------------------------------------------------------


@pytest.mark.parametrize("session", [pull_day(), without_body_weight_sets()], ids=["bw", "plain"])
@pytest.mark.parametrize("export", [export_csv, export_markdown], ids=["csv", "markdown"])
def test_a_session_file_through_an_export_and_its_import_is_the_same_file(
    tmp_path: Path, session: Session, export, request
) -> None:
    source = tmp_path / "session.json"
    source.write_bytes(encode(session))
    (read,) = imported(source)
    exported = tmp_path / f"export.{request.node.callspec.id.split('-')[0]}"
    export([read], exported)
    (back,) = imported(exported)
    assert encode(back) == source.read_bytes()


def test_the_shipped_example_through_markdown_is_written_as_the_same_json(tmp_path: Path) -> None:
    (source,) = EXAMPLES.glob("*.json")
    (read,) = imported(source)  # the file keeps a repCount on one line; the app writes four
    exported = tmp_path / "export.md"
    export_markdown([read], exported)
    (back,) = imported(exported)
    assert encode(back) == encode(read)
    assert back.data_model_version == "0.0.1"


# --- the command line: export reads the index ---------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json"])
def test_the_command_line_exports_body_weight_sets(tmp_path: Path, fmt: str) -> None:
    from traininglog import cli

    source = tmp_path / "session.json"
    source.write_bytes(encode(pull_day()))
    data = ["--data-dir", str(tmp_path / "data")]
    assert cli.main([*data, "import", str(source)]) == 0
    out = tmp_path / ("out" if fmt == "json" else f"out.{fmt}")
    assert cli.main([*data, "export", "--format", fmt, str(out)]) == 0
    (back,) = imported(next(out.iterdir()) if fmt == "json" else out)
    assert encode(back) == encode(pull_day())
