"""Encoding and decoding: any valid session survives the trip, byte for byte, within the schema."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, problems
from traininglog.sessionfiles import decode, encode, to_document
from traininglog.sessionfiles.schema import schema_problems

from strategies import sessions

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_json_dumps_writes_it(session: Session) -> bytes:
    """The file format by definition: 2-space indent, UTF-8 unescaped, a final newline."""
    text = json.dumps(to_document(session), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


@PROPERTY
@given(sessions())
def test_any_valid_session_round_trips_byte_identical_and_within_the_schema(
    session: Session,
) -> None:
    # One test for the four properties: generating a session is what costs the time.
    assert problems(session) == [], "the strategy promised a valid session"
    data = encode(session)

    decoded = decode(data)
    assert decoded == session, "decode(encode(s)) == s"
    assert decoded.date.utcoffset() == session.date.utcoffset()

    assert encode(decoded) == data, "encode(decode(encode(s))) == encode(s), byte for byte"

    document = json.loads(data)
    assert schema_problems(document) == [], "every encoded session is valid under the schema"

    assert document == to_document(session)
    assert data == as_json_dumps_writes_it(session), "the same bytes as json.dumps"


def test_the_seed_survives_a_round_trip(seed_file: Path) -> None:
    seed = seed_file.read_bytes()
    once = encode(decode(seed))
    assert json.loads(once) == json.loads(seed)
    assert encode(decode(once)) == once


def test_the_file_format(seed_file: Path) -> None:
    data = encode(decode(seed_file.read_bytes()))
    text = data.decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == "{"
    assert lines[1] == '  "dataModelVersion": "0.0.1",'
    assert lines[-1] == ""  # one trailing newline
    assert lines[-2] == "}"
    assert '"weightKg": 80,' in text  # a whole number, not 80.0
    assert '"rpe": 8,' in text
    # The keys in the seed's order.
    doc = json.loads(data)
    assert list(doc) == [
        "dataModelVersion",
        "dataModelType",
        "_id",
        "userId",
        "userName",
        "date",
        "phase",
        "week",
        "isDeloadWeek",
        "focus",
        "exercises",
    ]
    exercise = doc["exercises"][0]
    assert list(exercise) == ["Order", "Name", "targetMuscleGroups", "warmupSets", "workingSets"]
    assert list(exercise["warmupSets"][0]) == ["set", "weightKg", "repCount", "notes"]
    assert list(exercise["workingSets"][0]) == [
        "set",
        "weightKg",
        "repCount",
        "rpe",
        "repAssessment",
        "actualRestMinutes",
        "notes",
    ]


def test_whole_floats_are_written_as_integers_and_others_exactly() -> None:
    session = Session(
        id="3fcb25c2-5ca4-4c42-9530-f957959f633d",
        date=datetime(2026, 2, 16, 23, 34, 50, tzinfo=timezone(timedelta(hours=-5))),
        exercises=(
            Exercise(
                order=1,
                name="Überkopfdrücken",
                working_sets=(
                    WorkingSet(1, 80.0, 5, rpe=8.0, rest_minutes=2.0),
                    WorkingSet(2, 0.1 + 0.2, 5, rpe=7.5, rest_minutes=1.75),
                ),
            ),
        ),
    )
    data = encode(session)
    text = data.decode("utf-8")
    assert '"weightKg": 80,' in text
    assert '"rpe": 8,' in text
    assert '"actualRestMinutes": 2,' in text
    assert '"weightKg": 0.30000000000000004,' in text
    assert '"rpe": 7.5,' in text
    assert '"Name": "Überkopfdrücken"' in text  # UTF-8, not \\u escapes
    assert '"date": "2026-02-16T23:34:50-05:00"' in text
    assert decode(data) == session


def test_awkward_text_is_written_exactly_as_json_dumps_writes_it() -> None:
    awkward = 'quote " backslash \\ tab \t newline \n nul \x00 del \x7f \u2028 \u00e9 😀 \ufeff'
    session = Session(
        id="3fcb25c2-5ca4-4c42-9530-f957959f633d",
        date=datetime(2026, 2, 16, 23, 34, 50, 1),
        user_id=awkward,
        user_name="",
        focus=awkward,
        exercises=(
            Exercise(
                order=1,
                name=awkward,
                target_muscle_groups=("chest", "neck"),
                warmup_sets=(WarmupSet(1, 1e-05, 0, awkward), WarmupSet(2, 999.9999999999999, 1)),
                working_sets=(
                    WorkingSet(1, 5e-324, 0, 1000, 1, "failed", 0.0, awkward),
                    WorkingSet(2, 1000, 1000, 0, 10, None, 180, ""),
                ),
            ),
            Exercise(order=2, name="Empty"),
        ),
    )
    assert problems(session) == []
    data = encode(session)
    assert data == as_json_dumps_writes_it(session)
    assert decode(data) == session
