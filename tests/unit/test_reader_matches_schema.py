"""The hand-written reader and the published JSON Schema accept exactly the same documents.

The schema cannot say "numbered 1, 2, 3… without gaps", so the one allowed difference is the
reader refusing a document the schema accepts when its `Order`/`set` numbering has a gap.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traininglog.domain import limits, problems
from traininglog.domain.vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS
from traininglog.sessionfiles import SessionFileError, from_document, to_document
from traininglog.sessionfiles.schema import schema_problems

from strategies import sessions

PROPERTY = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED = Path(__file__).resolve().parents[2] / "data" / "samples"
SEED_DOCUMENT = json.loads((SEED / "training_session_2026_02_16_3fcb25c2.json").read_bytes())

# -- what the mutations put in ---------------------------------------------------------------

BOUNDARY_INTS = [-1, 0, 1, 2, 3, 5, 10, 11, 19, 20, 21, 49, 50, 51, 99, 100, 101, 180, 181]
BOUNDARY_INTS += [520, 521, 1000, 1001, 10**30, -(10**30)]
BOUNDARY_FLOATS = [-0.5, -0.0, 0.0, 5e-324, 0.5, 1.0, 1.5, 2.0, 7.3, 7.5, 9.99, 10.0, 10.5]
BOUNDARY_FLOATS += [19.99, 20.0, 400.0, 400.01]
BOUNDARY_FLOATS += [100.0, 100.5, 179.99, 180.0, 180.01, 999.75, 1000.0, 1000.25, 1e300]
INTERESTING_STRINGS = [
    *MUSCLE_GROUPS,
    *REP_ASSESSMENTS,
    "0.0.1",
    "0.0.0",
    "0.0.2",
    "0.1.0",
    "0.1.1",
    "0.2.0",
    "0.2.1",
    "0.3.0",
    "0.3.1",
    "plus",
    "minus",
    "Plus",
    "A",
    "Z",
    "a",
    "AB",
    "A\n",
    "Ä",
    "training_session_log",
    "3fcb25c2-5ca4-4c42-9530-f957959f633d",
    "3FCB25C2-5CA4-4C42-9530-F957959F633D",
    "3fcb25c2-5ca4-4c42-9530-f957959f633d\n",
    "3fcb25c25ca44c429530f957959f633d",
    "2026-02-16T23:34:50.722615",
    "2026-02-16T23:34:50",
    "2026-02-16T23:34:50+01:00",
    "2026-02-16T23:34:50Z",
    "2026-02-16t23:34:50z",
    "2026-02-16T23:34:50.1234567Z",
    "2026-02-30T23:34:50",
    "2026-02-16T23:34:50\n",
    "2026-02-16T23:34:50+01:60",
    "2026-02-16 23:34:50",
    "",
    " ",
    "\t\n",
    "\x1c",
    "\u3000",
    "\ud800",
    "ok \udfff",
    "x" * 100,
    "x" * 101,
    "n" * 2000,
    "n" * 2001,
    "Barbell Bench Press",
]
KEYS = [
    "dataModelVersion",
    "_id",
    "date",
    "phase",
    "focus",
    "bodyWeightKg",
    "exercises",
    "Order",
    "Name",
    "group",
    "targetMuscleGroups",
    "warmupSets",
    "workingSets",
    "set",
    "weightKg",
    "bodyWeight",
    "repCount",
    "full",
    "partial",
    "rpe",
    "repAssessment",
    "actualRestMinutes",
    "notes",
    "extra",
]

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.sampled_from(BOUNDARY_INTS),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(BOUNDARY_FLOATS),
    st.text(max_size=12),
    st.sampled_from(INTERESTING_STRINGS),
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def _slots(value: Any) -> list[tuple[Any, Any]]:
    """(container, key or index) for every value inside the document, at any depth."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append((value, key))
            found.extend(_slots(child))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append((value, index))
            found.extend(_slots(child))
    return found


def _objects(value: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        found.append(value)
        for child in value.values():
            found.extend(_objects(child))
    elif isinstance(value, list):
        for child in value:
            found.extend(_objects(child))
    return found


def _same_type(value: object) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, (int, float)):
        return st.sampled_from(BOUNDARY_INTS + BOUNDARY_FLOATS) | st.floats(-1, 1001)
    if isinstance(value, str):
        return st.sampled_from(INTERESTING_STRINGS) | st.text(max_size=12)
    if isinstance(value, list):
        return st.lists(json_scalars, max_size=4) | st.just([*value, *value])
    return json_scalars


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with one to three random changes at random depths."""
    doc = copy.deepcopy(to_document(draw(sessions(max_exercises=2))))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["nudge", "nudge", "replace", "delete", "add"]))
        if kind == "add":
            target = draw(st.sampled_from(_objects(doc)))
            target[draw(st.sampled_from(KEYS) | st.text(max_size=6))] = draw(json_values)
            continue
        slots = _slots(doc)
        container, key = draw(st.sampled_from(slots))
        if kind == "nudge":  # a value of the same JSON type: the near misses
            container[key] = draw(_same_type(container[key]))
        elif kind == "replace":
            container[key] = draw(json_values)
        else:
            del container[key]  # a required key, or an item of a list
    return doc


# -- the comparison --------------------------------------------------------------------------


def numbering_is_contiguous(doc: Any) -> bool:
    """`Order` and each exercise's `set` numbers run 1, 2, 3… (the rule the schema lacks)."""
    try:
        exercises = doc["exercises"]
        if [e["Order"] for e in exercises] != list(range(1, len(exercises) + 1)):
            return False
        for exercise in exercises:
            for kind in ("warmupSets", "workingSets"):
                sets = exercise[kind]
                if [s["set"] for s in sets] != list(range(1, len(sets) + 1)):
                    return False
    except (KeyError, TypeError, IndexError):
        return False
    return True


def reader_verdict(doc: Any) -> str | None:
    """None when the reader accepts the document, else its message."""
    try:
        session = from_document(copy.deepcopy(doc))
    except SessionFileError as error:
        return str(error)
    # What the reader accepts, the save service must accept again unchanged.
    assert problems(session) == [], "the reader accepted a session the domain refuses"
    return None


def assert_agreement(doc: Any) -> None:
    refused = reader_verdict(doc)
    schema = [str(p) for p in schema_problems(doc)]
    if refused is None:
        assert schema == [], f"the reader accepts what the schema refuses: {schema}"
    if not schema and numbering_is_contiguous(doc):
        assert refused is None, f"the schema accepts what the reader refuses: {refused}"


# -- properties ------------------------------------------------------------------------------


@PROPERTY
@given(mutated_documents())
def test_reader_and_schema_agree_on_mutated_documents(doc: dict[str, Any]) -> None:
    assert_agreement(doc)


def _date_text(parts: tuple[Any, ...]) -> str:
    year, month, day, sep, hour, minute, second, fraction, zone, tail = parts
    day_part = f"{year:04d}-{month:02d}-{day:02d}"
    return f"{day_part}{sep}{hour:02d}:{minute:02d}:{second:02d}{fraction}{zone}{tail}"


offset = st.builds(
    lambda sign, h, m: f"{sign}{h:02d}:{m:02d}",
    st.sampled_from("+-"),
    st.integers(0, 23) | st.integers(0, 25),
    st.integers(0, 59) | st.integers(0, 61),
)
date_like = st.tuples(
    st.sampled_from([0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2026, 9999])
    | st.integers(0, 9999),
    st.integers(1, 12) | st.integers(0, 13),
    st.integers(28, 31) | st.integers(0, 32),
    st.sampled_from(["T", "T", "t", " "]),
    st.integers(0, 23) | st.integers(0, 25),
    st.integers(0, 59) | st.integers(0, 61),
    st.integers(0, 59) | st.integers(0, 61),
    st.sampled_from(["", ".5", ".722615", ".1234567", ".", ".000"]),
    st.sampled_from(["", "", "Z", "z"]) | offset,
    st.sampled_from(["", "", "", "\n", " "]),
).map(_date_text)


@settings(max_examples=300, deadline=None)
@given(date_like)
def test_reader_and_schema_agree_on_dates(text: str) -> None:
    assert_agreement({**SEED_DOCUMENT, "date": text})


# -- known edges, every one a disagreement found once ----------------------------------------


def _with(path: str, value: object) -> dict[str, Any]:
    doc = copy.deepcopy(SEED_DOCUMENT)
    *parents, last = path.split(".")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[int(last) if isinstance(target, list) else last] = value
    return doc


W = "exercises.0.workingSets.0"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("date", "2026-02-16T23:34:50\n"),  # the schema's `$` allowed a trailing newline
        ("date", "2026-02-16T23:34:50Z\n"),
        ("date", "2026-02-16T23:34:50+01:60"),  # the reader allowed offset minutes past 59
        ("date", "2026-02-30T10:00:00"),  # the schema allowed 30 February in naive dates
        ("date", "2023-02-29T10:00:00"),
        ("date", "2024-02-29T10:00:00"),
        ("date", "1900-02-29T10:00:00"),
        ("date", "2000-02-29T10:00:00"),
        ("date", "0000-01-01T00:00:00"),  # the schema allowed year 0
        ("date", "0001-01-01T00:00:00"),
        ("date", "0001-01-01T00:00:00+01:00"),
        ("date", "9999-12-31T23:59:59.999999-23:59"),
        ("date", "2026-02-16T23:34:50.7226"),
        ("phase", 10**400),  # the reader raised OverflowError
        (f"{W}.weightKg", 10**400),
        (f"{W}.notes", "\ud800"),  # accepted by both, then no UTF-8 file or database could hold it
        ("focus", "\udfff x"),
        ("exercises.0.Name", "a\ud83d"),
        ("userId", "\ud83d\ude00"),
        ("focus", "\x1c"),
        ("focus", "\u3000"),
        ("focus", "\u200b"),
        (f"{W}.repCount.full", 5.0),
        (f"{W}.weightKg", -0.0),
        (f"{W}.rpe", 1e-300),
        (f"{W}.rpe", 9.999999999999998),
        (f"{W}.rpe", 10.000000000000002),
        ("_id", "3fcb25c2-5ca4-4c42-9530-f957959f633d\n"),
        ("_id", "{3fcb25c2-5ca4-4c42-9530-f957959f633d}"),
        ("dataModelVersion", "0.0.\u00b2"),  # the reader raised ValueError
        ("exercises.0.targetMuscleGroups", list(MUSCLE_GROUPS)),
        ("exercises.0.targetMuscleGroups", [*MUSCLE_GROUPS, "chest"]),
        # Supersets: a letter, in a document of the version that has them.
        ("exercises.0.group", "A"),  # in a 0.0.1 document: refused by both
        ("exercises.0.group", "A\n"),
        ("exercises.0.group", "a"),
        ("exercises.0.group", None),
        ("dataModelVersion", "0.1.0"),
        ("dataModelVersion", "0.2.0"),
        ("bodyWeightKg", 82.5),  # in a 0.0.1 document: refused by both
        ("bodyWeightKg", None),
        (f"{W}.bodyWeight", "plus"),  # in a 0.0.1 document: refused by both
        ("exercises.0.warmupSets.0.bodyWeight", "minus"),
        ("dataModelVersion", "0.3.0"),
    ],
)
def test_reader_and_schema_agree_on_known_edges(path: str, value: object) -> None:
    assert_agreement(_with(path, value))


def test_the_reader_and_the_schema_see_the_same_blank_text() -> None:
    # The reader says "blank" with str.strip(); the schema with the pattern "\S". They must
    # agree on every code point.
    every_char = "".join(map(chr, range(sys.maxunicode + 1)))
    schema_space = set(re.findall(r"\s", every_char))
    reader_space = {char for char in every_char if char.strip() == ""}
    assert schema_space == reader_space
    assert {" ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u2028", "\u3000"} <= reader_space
    assert not {"a", "\u200b", "\ufeff", "\ud800"} & reader_space


def test_the_numbering_rule_is_the_only_difference() -> None:
    doc = _with("exercises.0.Order", 2)
    assert schema_problems(doc) == []
    assert not numbering_is_contiguous(doc)
    assert reader_verdict(doc) == (
        "exercises[0].Order: is 2, expected 1 (exercises are numbered 1, 2, 3… in order)"
    )


# -- the size limits: real logs hold long circuit days ---------------------------------------


def _with_exercises(count: int, sets: int = 1) -> dict[str, Any]:
    doc = copy.deepcopy(SEED_DOCUMENT)
    first = doc["exercises"][0]
    template = copy.deepcopy(first["workingSets"][0])
    exercises = []
    for order in range(1, count + 1):
        exercise = copy.deepcopy(first)
        exercise["Order"] = order
        exercise["warmupSets"] = []
        exercise["workingSets"] = [dict(template, set=n) for n in range(1, sets + 1)]
        exercises.append(exercise)
    doc["exercises"] = exercises
    return doc


def test_a_day_of_exactly_the_most_exercises_and_sets_is_valid_in_both() -> None:
    assert limits.MAX_EXERCISES >= 200 and limits.MAX_SETS >= 200
    doc = _with_exercises(limits.MAX_EXERCISES)
    assert reader_verdict(doc) is None
    assert schema_problems(doc) == []
    doc = _with_exercises(1, sets=limits.MAX_SETS)
    assert reader_verdict(doc) is None
    assert schema_problems(doc) == []


def test_one_exercise_or_set_past_the_limit_is_refused_by_both_with_its_path() -> None:
    doc = _with_exercises(limits.MAX_EXERCISES + 1)
    most = limits.MAX_EXERCISES
    assert reader_verdict(doc).startswith(f"exercises: has {most + 1} items; at most {most}")
    assert any(str(p).startswith("exercises") for p in schema_problems(doc))
    doc = _with_exercises(1, sets=limits.MAX_SETS + 1)
    most = limits.MAX_SETS
    assert reader_verdict(doc).startswith(
        f"exercises[0].workingSets: has {most + 1} items; at most {most}"
    )
    assert any(str(p).startswith("exercises[0].workingSets") for p in schema_problems(doc))


@pytest.mark.parametrize("group", ["A", "Z", "a", "AA", "A\n", "", None, 1])
def test_groups_in_a_document_of_the_version_that_has_them(group: object) -> None:
    doc = _with("dataModelVersion", "0.1.0")
    doc["exercises"][0]["group"] = group
    assert_agreement(doc)
    accepted = reader_verdict(doc) is None
    assert accepted == (group in ("A", "Z"))


@pytest.mark.parametrize("weight", [20, 82.5, 400, 19.99, 400.01, 0, -1, "82.5", None, True])
def test_a_body_weight_in_a_document_of_the_version_that_has_it(weight: object) -> None:
    doc = _with("dataModelVersion", "0.2.0")
    doc["bodyWeightKg"] = weight
    assert_agreement(doc)
    accepted = reader_verdict(doc) is None
    assert accepted == (weight in (20, 82.5, 400) and weight is not True)


@pytest.mark.parametrize("version", ["0.0.1", "0.1.0", "0.2.0", "0.3.0"])
@pytest.mark.parametrize("kind", ["plus", "minus", "Plus", "", None, 1, "body-weight"])
@pytest.mark.parametrize("where", ["warmupSets", "workingSets"])
def test_a_body_weight_set_in_each_version(version: str, kind: object, where: str) -> None:
    doc = _with("dataModelVersion", version)
    sets = doc["exercises"][0][where]
    assert sets, "the seed has a set of each kind"
    sets[0]["bodyWeight"] = kind
    assert_agreement(doc)
    accepted = reader_verdict(doc) is None
    assert accepted == (version == "0.3.0" and kind in ("plus", "minus"))
