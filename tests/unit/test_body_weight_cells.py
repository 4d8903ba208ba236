"""A weight cell typed as a body-weight set ("BW", "BW+20", "bw - 30 kg", "BW+45lb"): read as
the lifter means it, written back the same way, kept exact through a unit switch and an
edit, and refused with a message naming what can't be read."""

from __future__ import annotations

from datetime import datetime

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.drafts.draft import (
    Draft,
    DraftExercise,
    DraftSet,
    from_session,
    in_unit,
    lifted,
    load_cell,
    parse_load,
    problems,
    to_session,
)


@pytest.mark.parametrize(
    ("typed", "unit", "expected"),
    [
        ("BW", "kg", (0.0, "plus")),
        ("bodyweight", "kg", (0.0, "plus")),
        ("BW+20", "kg", (20.0, "plus")),
        ("bw + 20 kg", "kg", (20.0, "plus")),
        ("BW+2,5", "kg", (2.5, "plus")),
        ("BW-30", "kg", (30.0, "minus")),
        ("BW − 30", "kg", (30.0, "minus")),  # a Unicode minus, as some keyboards type
        ("BW+45lb", "kg", (20.41, "plus")),
        ("BW+45", "lb", (20.41, "plus")),
        ("80", "kg", (80.0, None)),
        ("0", "kg", (0.0, None)),  # a plain 0 stays a plain weight
    ],
)
def test_a_body_weight_cell_reads_as_the_lifter_means(typed, unit, expected) -> None:
    kg, kind, problem = parse_load(typed, unit)
    assert problem is None
    assert (kg, kind) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("BW+", "“BW+”: type the weight added to your body weight, like BW+20"),
        ("BW-", "“BW-”: type the weight taken off your body weight, like BW-20"),
        ("BW+abc", "“BW+abc”: “abc” is not a weight added to your body weight"),
        ("BW+2000", "“BW+2000”: “2000” is not a weight added to your body weight"),
        ("BW*2", "“BW*2” is not a weight"),
    ],
)
def test_a_body_weight_cell_that_cant_be_read_says_what(typed, message) -> None:
    assert message in (parse_load(typed, "kg")[2] or "")


@pytest.mark.parametrize(
    ("kg", "kind", "unit", "shown"),
    [
        (0, "plus", "kg", "BW"),
        (20, "plus", "kg", "BW+20"),
        (30, "minus", "kg", "BW-30"),
        (20.41, "plus", "lb", "BW+45"),
        (80, None, "kg", "80"),
    ],
)
def test_a_stored_set_reads_back_as_it_was_typed(kg, kind, unit, shown) -> None:
    assert load_cell(kg, kind, unit) == shown
    assert parse_load(shown, unit)[1] == kind


def pull_up_session() -> Session:
    return Session(
        id="6d000000-0000-4000-8000-000000000001",
        date=datetime(2026, 11, 30, 18, 0),
        exercises=(
            Exercise(
                1,
                "Pull-Up",
                ("lats",),
                (WarmupSet(1, 0, 5, None, "plus"),),
                (
                    WorkingSet(1, 20.41, 6, body_weight="plus"),
                    WorkingSet(2, 27.5, 8, body_weight="minus"),
                    WorkingSet(3, 0, 10),
                ),
            ),
        ),
    )


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_opening_and_saving_a_session_changes_nothing(unit: str) -> None:
    session = pull_up_session()
    draft = from_session(session, unit)
    cells = [row.weight for row in draft.exercises[0].workings]
    assert cells[0].startswith("BW+") and cells[1].startswith("BW-") and cells[2] == "0"
    assert to_session(draft, unit) == session
    # Back and forth between units, the kinds and the exact kilograms stay.
    there_and_back = in_unit(in_unit(draft, unit, "lb"), "lb", "kg")
    assert to_session(there_and_back, "kg") == session


def test_a_typed_draft_saves_body_weight_sets_and_their_load_counts_the_body_weight() -> None:
    rows = (DraftSet(weight="BW+20", reps="6"), DraftSet(weight="bw-30kg", reps="8"))
    draft = Draft(
        date="2026-11-30T18:00:00",
        exercises=(DraftExercise("Pull-Up", ("lats",), (), rows),),
    )
    assert problems(draft, "kg") == []
    saved = to_session(draft, "kg")
    assert [(s.weight_kg, s.body_weight) for s in saved.exercises[0].working_sets] == [
        (20.0, "plus"),
        (30.0, "minus"),
    ]
    assert lifted(rows[0], "kg", 82.3) == (102.3, 6, None)  # exact: not 102.30000000000001
    assert lifted(rows[1], "kg", 82.3) == (52.3, 8, None)
    assert lifted(rows[0], "kg", None) is None  # no body weight known: no load to judge
