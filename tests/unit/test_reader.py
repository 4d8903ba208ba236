"""Reading session files: the seed decodes, and every bad input says what and where."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.domain.validation import NOT_UNICODE
from traininglog.domain.vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS
from traininglog.sessionfiles import (
    NewerFormatError,
    SessionFileError,
    decode,
    encode,
    from_document,
    parse_json,
)
from traininglog.sessionfiles.reader import DATE_EXPECTED, parse_date, version_tuple

WS = "exercises[0].workingSets[0]"

SEED_SESSION = Session(
    id="3fcb25c2-5ca4-4c42-9530-f957959f633d",
    date=datetime(2026, 2, 16, 23, 34, 50, 722615),
    exercises=(
        Exercise(
            order=1,
            name="Barbell Bench Press",
            target_muscle_groups=(),
            warmup_sets=(WarmupSet(number=1, weight_kg=20, reps=5, notes=None),),
            working_sets=(
                WorkingSet(
                    number=1,
                    weight_kg=80,
                    full_reps=5,
                    partial_reps=0,
                    rpe=8,
                    rep_assessment="perfect",
                    rest_minutes=None,
                    notes=None,
                ),
            ),
        ),
    ),
    user_id="apoorva",
    user_name="Apoorva Sharma",
    phase=2,
    week=5,
    is_deload_week=False,
    focus="upper-strength",
)


@pytest.fixture
def seed_bytes(seed_file: Path) -> bytes:
    return seed_file.read_bytes()


@pytest.fixture
def seed(seed_bytes: bytes) -> dict[str, Any]:
    return json.loads(seed_bytes)


def as_bytes(doc: object) -> bytes:
    return json.dumps(doc).encode("utf-8")


def rejection(data: bytes) -> list[str]:
    """The problems a file is refused with; fails the test if it is accepted."""
    with pytest.raises(SessionFileError) as raised:
        decode(data)
    found = [str(p) for p in raised.value.problems]
    assert str(raised.value) == "; ".join(found)
    return found


def changed(doc: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """A deep copy of doc with the value at a dotted path ("exercises.0.Name") replaced."""
    doc = copy.deepcopy(doc)
    *parents, last = path.split(".")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return doc


def without(doc: dict[str, Any], path: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    *parents, last = path.split(".")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    del target[last]
    return doc


# -- good files ------------------------------------------------------------------------------


def test_the_seed_example_decodes(seed_bytes: bytes) -> None:
    session = decode(seed_bytes)
    assert session == SEED_SESSION
    assert session.day == "2026-02-16"
    assert session.data_model_version == "0.0.1"


def test_the_seed_example_reencodes_to_the_same_document(seed_bytes: bytes) -> None:
    assert json.loads(encode(decode(seed_bytes))) == json.loads(seed_bytes)


def test_a_utf8_byte_order_mark_is_accepted(seed_bytes: bytes) -> None:
    assert decode(b"\xef\xbb\xbf" + seed_bytes) == SEED_SESSION


def test_from_document_reads_a_parsed_document(seed: dict[str, Any]) -> None:
    assert from_document(seed) == SEED_SESSION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-16T23:34:50.722615", datetime(2026, 2, 16, 23, 34, 50, 722615)),
        ("2026-02-16T23:34:50", datetime(2026, 2, 16, 23, 34, 50)),
        ("2026-02-16T23:34:50.5", datetime(2026, 2, 16, 23, 34, 50, 500000)),
        (
            "2026-02-16T23:34:50+01:00",
            datetime(2026, 2, 16, 23, 34, 50, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "2026-02-16T23:34:50.25-05:30",
            datetime(2026, 2, 16, 23, 34, 50, 250000, timezone(-timedelta(hours=5, minutes=30))),
        ),
        ("2026-02-16T23:34:50Z", datetime(2026, 2, 16, 23, 34, 50, tzinfo=timezone.utc)),
        ("2026-02-16t23:34:50z", datetime(2026, 2, 16, 23, 34, 50, tzinfo=timezone.utc)),
        (
            "2026-02-16T23:34:50.123456789Z",
            datetime(2026, 2, 16, 23, 34, 50, 123456, timezone.utc),
        ),
        ("2024-02-29T00:00:00", datetime(2024, 2, 29)),
    ],
)
def test_both_date_forms_are_accepted(seed: dict[str, Any], text: str, expected: datetime) -> None:
    session = decode(as_bytes(changed(seed, "date", text)))
    assert session.date == expected
    assert session.date.utcoffset() == expected.utcoffset()
    assert session.day == expected.strftime("%Y-%m-%d")


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "2026-02-16",
        "2026-02-16 23:34:50",
        "2026-02-30T10:00:00",
        "2023-02-29T10:00:00Z",
        "0000-01-01T00:00:00",
        "2026-02-16T24:00:00",
        "2026-02-16T23:34:60Z",
        "2026-02-16T23:34:50+01:60",
        "2026-02-16T23:34:50+24:00",
        "2026-02-16T23:34:50.1234567",
        "2026-02-16T23:34:50\n",
        "2026-02-16T23:34:50Z\n",
        "2026-02-16T23:34:50+0100",
    ],
)
def test_malformed_dates_are_refused(text: str) -> None:
    assert parse_date(text) is None


def test_null_phase_week_and_focus_are_accepted(seed: dict[str, Any]) -> None:
    doc = changed(changed(changed(seed, "phase", None), "week", None), "focus", None)
    session = decode(as_bytes(doc))
    assert (session.phase, session.week, session.focus) == (None, None, None)


def test_a_whole_float_is_accepted_as_an_integer(seed: dict[str, Any]) -> None:
    doc = changed(seed, "exercises.0.workingSets.0.repCount.full", 5.0)
    doc = changed(doc, "exercises.0.warmupSets.0.repCount", 5.0)
    doc = changed(doc, "exercises.0.Order", 1.0)
    doc = changed(doc, "phase", 2.0)
    session = decode(as_bytes(doc))
    assert session == SEED_SESSION
    assert type(session.exercises[0].working_sets[0].full_reps) is int
    assert type(session.exercises[0].warmup_sets[0].reps) is int
    assert type(session.exercises[0].order) is int
    assert type(session.phase) is int


def test_optional_working_set_fields_may_be_filled(seed: dict[str, Any]) -> None:
    doc = changed(seed, "exercises.0.workingSets.0.actualRestMinutes", 2.5)
    doc = changed(doc, "exercises.0.workingSets.0.notes", "paused, felt fast")
    doc = changed(doc, "exercises.0.targetMuscleGroups", ["chest", "triceps"])
    doc = changed(doc, "exercises.0.workingSets.0.repCount", {"full": 5, "partial": 2})
    session = decode(as_bytes(doc))
    exercise = session.exercises[0]
    assert exercise.target_muscle_groups == ("chest", "triceps")
    assert exercise.working_sets[0].rest_minutes == 2.5
    assert exercise.working_sets[0].notes == "paused, felt fast"
    assert exercise.working_sets[0].partial_reps == 2


@pytest.mark.parametrize("rpe", [1, 10, 9.5, None])
def test_rpe_limits_are_accepted(seed: dict[str, Any], rpe: float | None) -> None:
    session = decode(as_bytes(changed(seed, "exercises.0.workingSets.0.rpe", rpe)))
    assert session.exercises[0].working_sets[0].rpe == rpe


# -- the bad inputs of the design ------------------------------------------------------------


def test_rpe_11(seed: dict[str, Any]) -> None:
    doc = changed(seed, "exercises.0.workingSets.0.rpe", 11)
    assert rejection(as_bytes(doc)) == [f"{WS}.rpe: 11 is greater than the maximum 10"]


def test_rpe_not_in_half_steps(seed: dict[str, Any]) -> None:
    doc = changed(seed, "exercises.0.workingSets.0.rpe", 7.3)
    assert rejection(as_bytes(doc)) == [f"{WS}.rpe: 7.3 is not in half steps (like 7, 7.5, 8)"]


def test_a_missing_name_is_reported_once(seed: dict[str, Any]) -> None:
    doc = without(seed, "exercises.0.Name")
    assert rejection(as_bytes(doc)) == ["exercises[0].Name: is missing"]


def test_a_date_of_yesterday(seed: dict[str, Any]) -> None:
    doc = changed(seed, "date", "yesterday")
    assert rejection(as_bytes(doc)) == [f"date: 'yesterday' is not {DATE_EXPECTED}"]


def test_a_truncated_file_gives_line_and_column(seed_bytes: bytes) -> None:
    truncated = seed_bytes[:-10]
    lines = truncated.decode().split("\n")
    found = rejection(truncated)
    assert len(found) == 1
    assert found[0].startswith("is not valid JSON: ")
    # The parser runs out at the very end of what is left.
    assert found[0].endswith(f"at line {len(lines)}, column {len(lines[-1]) + 1}")


def test_a_syntax_error_names_its_line_and_column() -> None:
    data = b'{\n  "phase": 2,\n  "week": ,\n}'
    assert rejection(data) == ["is not valid JSON: Expecting value at line 3, column 11"]


def test_an_empty_file() -> None:
    assert rejection(b"") == ["is not valid JSON: Expecting value at line 1, column 1"]


def test_a_newer_data_model_version_is_refused(seed: dict[str, Any]) -> None:
    doc = changed(seed, "dataModelVersion", "9.0.0")
    # Refused before anything else is read: the rest of the file may mean something new.
    doc["someFutureField"] = {"a": 1}
    doc["exercises"] = "a different shape"
    with pytest.raises(NewerFormatError) as raised:
        decode(as_bytes(doc))
    assert [str(p) for p in raised.value.problems] == [
        "dataModelVersion: 9.0.0 is newer than this Training Log reads (0.3.0); "
        "update Training Log to open this file"
    ]
    assert "newer" in str(raised.value)
    assert "update" in str(raised.value)
    assert isinstance(raised.value, SessionFileError)


@pytest.mark.parametrize("version", ["0.3.1", "0.4.0", "1", "0.3.10"])
def test_every_newer_version_is_refused(seed: dict[str, Any], version: str) -> None:
    with pytest.raises(NewerFormatError):
        decode(as_bytes(changed(seed, "dataModelVersion", version)))


@pytest.mark.parametrize(
    "version", ["0.0.0", "0.0.2", "", "abc", "0.0.\u00b2", "0.0.\u0662", "0..1"]
)
def test_other_versions_are_plainly_wrong(seed: dict[str, Any], version: str) -> None:
    doc = changed(seed, "dataModelVersion", version)
    with pytest.raises(SessionFileError) as raised:
        decode(as_bytes(doc))
    assert not isinstance(raised.value, NewerFormatError)
    assert [str(p) for p in raised.value.problems] == [
        f"dataModelVersion: {version!r} is not one of: 0.0.1, 0.1.0, 0.2.0, 0.3.0"
    ]


def test_version_tuple() -> None:
    assert version_tuple("0.0.1") == (0, 0, 1)
    assert version_tuple("10.2") == (10, 2)
    assert version_tuple("0.0.\u00b2") is None  # "²".isdigit(), but int("²") fails
    assert version_tuple("1.x") is None
    assert version_tuple("") is None


def test_nan_is_refused(seed_bytes: bytes) -> None:
    data = seed_bytes.replace(b'"weightKg": 80', b'"weightKg": NaN')
    assert data != seed_bytes
    assert rejection(data) == ["is not valid JSON: NaN is not a number JSON allows"]


@pytest.mark.parametrize("literal", [b"Infinity", b"-Infinity"])
def test_infinity_is_refused(seed_bytes: bytes, literal: bytes) -> None:
    data = seed_bytes.replace(b'"weightKg": 80', b'"weightKg": ' + literal)
    assert rejection(data) == [f"is not valid JSON: {literal.decode()} is not a number JSON allows"]


def test_an_overflowing_number_is_refused(seed_bytes: bytes) -> None:
    data = seed_bytes.replace(b'"weightKg": 80', b'"weightKg": 1e400')
    assert rejection(data) == [f"{WS}.weightKg: inf is not a finite number"]


def test_an_integer_too_large_for_a_float_is_refused(seed_bytes: bytes) -> None:
    huge = "1" + "0" * 400
    data = seed_bytes.replace(b'"phase": 2', b'"phase": ' + huge.encode())
    found = rejection(data)
    assert len(found) == 1
    assert found[0].startswith("phase: 1000")
    assert found[0].endswith("… is greater than the maximum 100")


def test_an_integer_with_too_many_digits_is_refused(seed_bytes: bytes) -> None:
    data = seed_bytes.replace(b'"phase": 2', b'"phase": ' + b"9" * 5000)
    found = rejection(data)
    assert len(found) == 1
    assert found[0].startswith("is not valid JSON: ")


def test_text_that_is_not_utf8(seed_bytes: bytes) -> None:
    data = seed_bytes.replace(b"Apoorva Sharma", b"Apoorva \xff Sharma")
    position = data.index(b"\xff") + 1
    assert rejection(data) == [f"is not UTF-8 text (byte {position} cannot be read)"]


def test_utf16_is_not_utf8(seed_bytes: bytes) -> None:
    data = seed_bytes.decode().encode("utf-16")
    assert rejection(data) == ["is not UTF-8 text (byte 1 cannot be read)"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"[]", "an array"),
        (b'[{"dataModelVersion": "0.0.1"}]', "an array"),
        (b'"a session"', "text"),
        (b"42", "a number"),
        (b"null", "null"),
        (b"true", "a boolean"),
    ],
)
def test_a_top_level_that_is_not_an_object(data: bytes, kind: str) -> None:
    assert rejection(data) == [f"the document is {kind}, not an object"]


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a": ' * 100_000 + b"1" + b"}" * 100_000,
        b'{"exercises": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ],
    ids=["lists", "objects", "inside-a-session"],
)
def test_deeply_nested_input_is_an_error_not_a_crash(data: bytes) -> None:
    assert rejection(data) == ["is nested too deeply to be a session"]


def test_an_unknown_field_is_refused(seed: dict[str, Any]) -> None:
    doc = copy.deepcopy(seed)
    doc["mood"] = "great"
    doc["exercises"][0]["tempo"] = "3-1-1"
    doc["exercises"][0]["workingSets"][0]["repCount"]["assisted"] = 1
    assert rejection(as_bytes(doc)) == [
        "mood: is not a field of a session",
        "exercises[0].tempo: is not a field of an exercise",
        f"{WS}.repCount.assisted: is not a field of a rep count",
    ]


WU = "exercises[0].warmupSets[0]"
EX = "exercises[0]"
W = "exercises.0.workingSets.0"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (f"{W}.weightKg", f"{WS}.weightKg: true is not a number"),
        (f"{W}.repCount.full", f"{WS}.repCount.full: true is not a whole number"),
        ("exercises.0.warmupSets.0.repCount", f"{WU}.repCount: true is not a whole number"),
        (f"{W}.rpe", f"{WS}.rpe: true is not a number or null"),
        (f"{W}.actualRestMinutes", f"{WS}.actualRestMinutes: true is not a number or null"),
        ("exercises.0.Order", f"{EX}.Order: true is not a whole number"),
        (f"{W}.set", f"{WS}.set: true is not a whole number"),
        ("phase", "phase: true is not a whole number or null"),
    ],
)
def test_booleans_are_not_numbers(seed: dict[str, Any], path: str, expected: str) -> None:
    assert rejection(as_bytes(changed(seed, path, True))) == [expected]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (f"{W}.repCount.full", 5.5, f"{WS}.repCount.full: 5.5 is not a whole number"),
        (f"{W}.weightKg", -5, f"{WS}.weightKg: -5 is less than the minimum 0"),
        (f"{W}.weightKg", "80", f"{WS}.weightKg: '80' is not a number"),
        (
            f"{W}.repAssessment",
            "meh",
            f"{WS}.repAssessment: 'meh' is not one of: " + ", ".join(REP_ASSESSMENTS),
        ),
        (f"{W}.notes", "x" * 2001, f"{WS}.notes: is 2001 characters long; at most 2000"),
        (f"{W}.notes", "\ud800", f"{WS}.notes: {NOT_UNICODE}"),
        ("exercises.0.Name", "a\udfff", f"{EX}.Name: {NOT_UNICODE}"),
        (f"{W}.repCount", 5, f"{WS}.repCount: is a number, expected a rep count (an object)"),
        (
            "exercises.0.targetMuscleGroups",
            ["chest", "chest"],
            f"{EX}.targetMuscleGroups[1]: 'chest' is listed twice",
        ),
        (
            "exercises.0.targetMuscleGroups",
            ["pecs"],
            f"{EX}.targetMuscleGroups[0]: 'pecs' is not one of: " + ", ".join(MUSCLE_GROUPS),
        ),
        ("exercises.0.Name", "   ", f"{EX}.Name: is empty"),
        (
            "exercises.0.Order",
            2,
            f"{EX}.Order: is 2, expected 1 (exercises are numbered 1, 2, 3… in order)",
        ),
        (f"{W}.set", 0, f"{WS}.set: 0 is less than the minimum 1"),
        ("exercises.0", [], f"{EX}: is an array, expected an exercise (an object)"),
        ("exercises", {}, "exercises: is an object, expected an array"),
        ("_id", "3fcb25c2", "_id: '3fcb25c2' is not a UUID"),
        ("_id", 7, "_id: 7 is not a UUID"),
        ("dataModelType", "log", "dataModelType: is 'log', expected 'training_session_log'"),
        ("isDeloadWeek", "no", "isDeloadWeek: 'no' is not true or false"),
        ("focus", "", "focus: is empty"),
        ("week", 521, "week: 521 is greater than the maximum 520"),
        ("userId", None, "userId: null is not text"),
        ("date", 20260216, f"date: 20260216 is not {DATE_EXPECTED}"),
    ],
)
def test_each_rule_names_the_json_path(
    seed: dict[str, Any], path: str, value: object, expected: str
) -> None:
    assert rejection(as_bytes(changed(seed, path, value))) == [expected]


def test_a_missing_key_at_each_level_is_reported_once(seed: dict[str, Any]) -> None:
    for path, shown in [
        ("week", "week"),
        ("exercises", "exercises"),
        ("exercises.0.workingSets", "exercises[0].workingSets"),
        ("exercises.0.warmupSets.0.notes", "exercises[0].warmupSets[0].notes"),
        ("exercises.0.workingSets.0.rpe", f"{WS}.rpe"),
        ("exercises.0.workingSets.0.repCount.partial", f"{WS}.repCount.partial"),
    ]:
        assert rejection(as_bytes(without(seed, path))) == [f"{shown}: is missing"]


def test_every_problem_in_a_file_is_reported(seed: dict[str, Any]) -> None:
    doc = changed(seed, "exercises.0.workingSets.0.rpe", 11)
    doc = changed(doc, "date", "yesterday")
    doc = changed(doc, "exercises.0.warmupSets.0.weightKg", -1)
    doc = without(doc, "userName")
    assert rejection(as_bytes(doc)) == [
        "userName: is missing",
        f"date: 'yesterday' is not {DATE_EXPECTED}",
        "exercises[0].warmupSets[0].weightKg: -1 is less than the minimum 0",
        f"{WS}.rpe: 11 is greater than the maximum 10",
    ]


def test_a_very_long_value_is_shortened_in_the_message(seed: dict[str, Any]) -> None:
    found = rejection(as_bytes(changed(seed, "_id", "x" * 500)))
    assert len(found) == 1
    assert len(found[0]) < 100
    assert found[0].endswith("… is not a UUID")


def test_parse_json_returns_any_json(seed_bytes: bytes) -> None:
    assert parse_json(b"[1, 2]") == [1, 2]
    assert parse_json(seed_bytes)["userName"] == "Apoorva Sharma"
