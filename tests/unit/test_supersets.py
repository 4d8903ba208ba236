"""Supersets and circuits in the session document and every format that carries sessions.

A session whose exercises are grouped is written as version 0.1.0 with a `group` letter on
each grouped exercise; one with no group is written exactly as before, as 0.0.1. JSON, CSV
and markdown carry the groups there and back byte for byte, and Hevy's superset column
becomes groups on import.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, problems
from traininglog.domain.session import group_labels
from traininglog.exporters.csv_table import export_csv
from traininglog.exporters.markdown import export_markdown, session_to_markdown
from traininglog.formats.csv_columns import CSV_HEADER
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import SessionFileError, decode, encode

BENCH, ROW, CURL, PUSHDOWN, SQUAT = (
    "Barbell Bench Press",
    "Barbell Row",
    "Barbell Curl",
    "Cable Triceps Pushdown",
    "Barbell Back Squat",
)


def supersets() -> Session:
    """Squat on its own, bench and row as superset A, curls and pushdowns as superset B."""
    return Session(
        id="5e7a1c2d-0000-4000-8000-000000000001",
        date=datetime(2026, 11, 30, 18, 0, 0),
        exercises=(
            Exercise(
                1, SQUAT, ("quads", "glutes"), (WarmupSet(1, 60, 5),), (WorkingSet(1, 120, 5),)
            ),
            Exercise(
                2, BENCH, ("chest",), (), (WorkingSet(1, 90, 6, 0, 8.0), WorkingSet(2, 90, 6)), "A"
            ),
            Exercise(3, ROW, ("upper-back", "lats"), (), (WorkingSet(1, 80, 8),), "A"),
            Exercise(4, CURL, ("biceps",), (), (WorkingSet(1, 35, 10, 2),), "B"),
            Exercise(5, PUSHDOWN, ("triceps",), (), (WorkingSet(1, 30, 12, notes="rope"),), "B"),
        ),
        focus="upper",  # no user: the CSV table has no column for one
    )


def ungrouped(session: Session) -> Session:
    from dataclasses import replace

    return replace(session, exercises=tuple(replace(e, group=None) for e in session.exercises))


def test_a_grouped_session_is_written_as_the_next_minor_version() -> None:
    session = supersets()
    assert problems(session) == []
    data = encode(session)
    document = json.loads(data)
    assert document["dataModelVersion"] == "0.1.0"
    assert "group" not in document["exercises"][0]
    assert [e.get("group") for e in document["exercises"]] == [None, "A", "A", "B", "B"]
    # The letter sits right under the name, where a person reading the file looks.
    assert list(document["exercises"][1])[:3] == ["Order", "Name", "group"]
    assert decode(data) == session
    assert encode(decode(data)) == data


def test_a_session_in_no_group_is_written_exactly_as_before(seed_file: Path) -> None:
    plain = ungrouped(supersets())
    document = json.loads(encode(plain))
    assert document["dataModelVersion"] == "0.0.1"
    assert all("group" not in e for e in document["exercises"])
    # The seed's own file is read as the version it is, and written again as that version.
    seed = decode(seed_file.read_bytes())
    assert seed.data_model_version == "0.0.1"
    assert json.loads(encode(seed))["dataModelVersion"] == "0.0.1"


def test_labels_count_within_each_group_in_the_order_done() -> None:
    groups = [e.group for e in supersets().exercises]
    assert group_labels(groups) == {2: "A1", 3: "A2", 4: "B1", 5: "B2"}


def test_a_group_in_a_file_of_the_older_version_is_refused_with_its_path() -> None:
    document = json.loads(encode(supersets()))
    document["dataModelVersion"] = "0.0.1"
    with pytest.raises(SessionFileError) as refused:
        decode(json.dumps(document).encode())
    messages = [str(p) for p in refused.value.problems]
    assert messages[0] == (
        "exercises[1].group: 'A' is not possible in version 0.0.1: "
        "a group needs dataModelVersion 0.1.0"
    )
    assert len(messages) == 4  # each grouped exercise named


@pytest.mark.parametrize("letter", ["a", "AA", "1", ""])
def test_a_group_is_one_capital_letter(letter: str) -> None:
    document = json.loads(encode(supersets()))
    document["exercises"][1]["group"] = letter
    with pytest.raises(SessionFileError) as refused:
        decode(json.dumps(document).encode())
    assert str(refused.value.problems[0]).startswith(f"exercises[1].group: {letter!r} is not one")


def _through_csv(sessions: list[Session], tmp_path: Path) -> tuple[str, list[Session]]:
    path = tmp_path / "export.csv"
    export_csv(sessions, path)
    batch = read_import([path], weight_unit="kg")
    assert not batch.rejected, batch.rejected
    return path.read_text("utf-8"), [s for _, s in batch.sessions]


def test_csv_carries_groups_there_and_back(tmp_path: Path) -> None:
    text, back = _through_csv([supersets()], tmp_path)
    header = text.splitlines()[0].split(",")
    assert header[header.index("exercise") + 1] == "superset"
    assert [encode(s) for s in back] == [encode(supersets())]


def test_csv_without_groups_is_the_table_it_always_was(tmp_path: Path) -> None:
    plain = ungrouped(supersets())
    text, back = _through_csv([plain], tmp_path)
    assert text.splitlines()[0] == ",".join(CSV_HEADER)
    assert "superset" not in text
    assert [encode(s) for s in back] == [encode(plain)]


def test_markdown_carries_groups_there_and_back(tmp_path: Path) -> None:
    text = session_to_markdown(supersets())
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        f"## {SQUAT}",
        f"## A1. {BENCH}",
        f"## A2. {ROW}",
        f"## B1. {CURL}",
        f"## B2. {PUSHDOWN}",
    ]
    path = tmp_path / "notes.md"
    export_markdown([supersets()], path)
    batch = read_import([path], weight_unit="kg")
    assert not batch.rejected
    assert [encode(s) for _, s in batch.sessions] == [encode(supersets())]


def test_an_exercise_whose_name_looks_like_a_label_keeps_it(tmp_path: Path) -> None:
    from dataclasses import replace

    odd = replace(
        ungrouped(supersets()),
        exercises=(Exercise(1, "A1. Cable Fly", (), (), (WorkingSet(1, 10, 12),)),),
    )
    path = tmp_path / "notes.md"
    export_markdown([odd], path)
    assert '## "A1. Cable Fly"' in path.read_text("utf-8")
    batch = read_import([path], weight_unit="kg")
    assert [s.exercises[0] for _, s in batch.sessions] == [odd.exercises[0]]


def test_notes_written_by_hand_with_superset_labels(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# 2026-12-01 Arms\n\n"
        "## A1) Barbell Curl\n- 35kg x 10\n- 35kg x 9\n\n"
        "## A2: Cable Triceps Pushdown\n- 30kg x 12\n\n"
        "## Dumbbell Lateral Raise\n- 10kg x 15\n",
        encoding="utf-8",
    )
    batch = read_import([path], weight_unit="kg")
    assert not batch.rejected
    ((_, session),) = batch.sessions
    assert [(e.name, e.group) for e in session.exercises] == [
        (CURL, "A"),
        (PUSHDOWN, "A"),
        ("Dumbbell Lateral Raise", None),
    ]


HEVY_ROW = '"Arms","1 Dec 2026, 18:00","1 Dec 2026, 19:00","",'
HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
    + HEVY_ROW
    + '"Squat (Barbell)",,"",0,"normal",100,5,,,\n'
    + HEVY_ROW
    + '"Bicep Curl (Barbell)",0,"",0,"normal",35,10,,,\n'
    + HEVY_ROW
    + '"Triceps Pushdown",0,"",0,"normal",30,12,,,\n'
    # A set written after the other exercise's, as it was done: the same exercise still.
    + HEVY_ROW
    + '"Bicep Curl (Barbell)",0,"",1,"normal",35,9,,,\n'
    + HEVY_ROW
    + '"Lateral Raise (Dumbbell)",1,"",0,"normal",10,15,,,\n'
    + HEVY_ROW
    + '"Face Pull",1,"",0,"normal",20,15,,,\n'
    # A "superset" of one exercise is that exercise on its own.
    + HEVY_ROW
    + '"Plank",2,"",0,"normal",0,1,,,\n'
)


def test_hevy_supersets_become_groups(tmp_path: Path) -> None:
    path = tmp_path / "hevy.csv"
    path.write_text(HEVY, encoding="utf-8")
    batch = read_import([path], weight_unit="kg")
    assert not batch.rejected, batch.rejected
    ((_, session),) = batch.sessions
    assert [e.group for e in session.exercises] == [None, "A", "A", "B", "B", None]
    assert [len(e.working_sets) for e in session.exercises][:3] == [1, 2, 1]
    assert problems(session) == []
    assert json.loads(encode(session))["dataModelVersion"] == "0.1.0"


def test_a_superset_changed_on_another_computer_reads_in_the_lifters_words() -> None:
    from traininglog.sessionfiles.compare import differences, field_label

    grouped, plain = supersets(), ungrouped(supersets())
    rows = {field_label(path, grouped, plain): (a, b) for path, a, b in differences(grouped, plain)}
    assert rows[f"{BENCH}: superset"] == ('"A"', "—")
    assert rows[f"{CURL}: superset"] == ('"B"', "—")
    assert rows["file format version"] == ('"0.1.0"', '"0.0.1"')
