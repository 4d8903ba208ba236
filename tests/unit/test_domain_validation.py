"""Domain rules: every rule reports its JSON path and an exact message; valid sessions pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from traininglog.domain import (
    Exercise,
    InvalidSession,
    Problem,
    Session,
    WarmupSet,
    WorkingSet,
    ensure_valid,
    limits,
    problems,
)
from traininglog.domain.vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS

SESSION_ID = "3fcb25c2-5ca4-4c42-9530-f957959f633d"


def working(**changes: object) -> WorkingSet:
    base = WorkingSet(
        number=1,
        weight_kg=80,
        full_reps=5,
        partial_reps=0,
        rpe=8,
        rep_assessment="perfect",
        rest_minutes=3,
        notes=None,
    )
    return replace(base, **changes)


def warmup(**changes: object) -> WarmupSet:
    return replace(WarmupSet(number=1, weight_kg=20, reps=5, notes=None), **changes)


def exercise(**changes: object) -> Exercise:
    base = Exercise(
        order=1,
        name="Barbell Bench Press",
        target_muscle_groups=("chest", "triceps"),
        warmup_sets=(warmup(),),
        working_sets=(working(),),
    )
    return replace(base, **changes)


def session(**changes: object) -> Session:
    base = Session(
        id=SESSION_ID,
        date=datetime(2026, 2, 16, 23, 34, 50, 722615),
        exercises=(exercise(),),
        user_id="apoorva",
        user_name="Apoorva Sharma",
        phase=2,
        week=5,
        is_deload_week=False,
        focus="upper-strength",
    )
    return replace(base, **changes)


def with_working(**changes: object) -> Session:
    return session(exercises=(exercise(working_sets=(working(**changes),)),))


def with_warmup(**changes: object) -> Session:
    return session(exercises=(exercise(warmup_sets=(warmup(**changes),)),))


def messages(s: Session) -> list[str]:
    return [str(p) for p in problems(s)]


WS = "exercises[0].workingSets[0]"
WU = "exercises[0].warmupSets[0]"
EX = "exercises[0]"


def test_a_valid_session_has_no_problems() -> None:
    s = session()
    assert problems(s) == []
    ensure_valid(s)  # does not raise


def test_an_empty_session_is_valid() -> None:
    assert problems(session(exercises=(), phase=None, week=None, focus=None)) == []


@pytest.mark.parametrize("rpe", [x / 2 for x in range(2, 21)])
def test_every_half_step_rpe_from_1_to_10_is_accepted(rpe: float) -> None:
    assert problems(with_working(rpe=rpe)) == []


@pytest.mark.parametrize("rpe", [1, 10, None])
def test_rpe_bounds_and_no_rpe_are_accepted(rpe: float | None) -> None:
    assert problems(with_working(rpe=rpe)) == []


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        (with_working(rpe=11), f"{WS}.rpe: 11 is greater than the maximum 10"),
        (with_working(rpe=0.5), f"{WS}.rpe: 0.5 is less than the minimum 1"),
        (with_working(rpe=7.3), f"{WS}.rpe: 7.3 is not in half steps (like 7, 7.5, 8)"),
        (with_working(rpe=float("nan")), f"{WS}.rpe: nan is not a number"),
        (with_working(weight_kg=-5), f"{WS}.weightKg: -5 is less than the minimum 0"),
        (with_working(weight_kg=1000.5), f"{WS}.weightKg: 1000.5 is greater than the maximum 1000"),
        (with_working(weight_kg=True), f"{WS}.weightKg: True is not a number"),
        (with_working(weight_kg=float("inf")), f"{WS}.weightKg: inf is not a number"),
        (with_working(full_reps=5.5), f"{WS}.repCount.full: 5.5 is not a whole number"),
        (with_working(full_reps=5.0), f"{WS}.repCount.full: 5.0 is not a whole number"),
        (
            with_working(full_reps=1001),
            f"{WS}.repCount.full: 1001 is greater than the maximum 1000",
        ),
        (with_working(partial_reps=-1), f"{WS}.repCount.partial: -1 is less than the minimum 0"),
        (
            with_working(rep_assessment="meh"),
            f"{WS}.repAssessment: 'meh' is not one of: {', '.join(REP_ASSESSMENTS)}",
        ),
        (
            with_working(rest_minutes=181),
            f"{WS}.actualRestMinutes: 181 is greater than the maximum 180",
        ),
        (with_working(notes="x" * 2001), f"{WS}.notes: is 2001 characters long; at most 2000"),
        (
            with_working(notes="bad \ud800"),
            f"{WS}.notes: is not valid Unicode text (it holds a lone surrogate)",
        ),
        (with_warmup(reps=2.5), f"{WU}.repCount: 2.5 is not a whole number"),
        (with_warmup(weight_kg=-5), f"{WU}.weightKg: -5 is less than the minimum 0"),
        (with_warmup(notes="x" * 2001), f"{WU}.notes: is 2001 characters long; at most 2000"),
        (
            session(exercises=(exercise(name=" \t "),)),
            f"{EX}.Name: is empty",
        ),
        (session(exercises=(exercise(name=""),)), f"{EX}.Name: is empty"),
        (session(exercises=(exercise(name=None),)), f"{EX}.Name: is missing"),
        (
            session(exercises=(exercise(name="N" * 101),)),
            f"{EX}.Name: is 101 characters long; at most 100",
        ),
        (
            session(exercises=(exercise(target_muscle_groups=("chest", "pecs")),)),
            f"{EX}.targetMuscleGroups[1]: 'pecs' is not a muscle group; use one of: "
            + ", ".join(MUSCLE_GROUPS),
        ),
        (
            session(exercises=(exercise(target_muscle_groups=("chest", "lats", "chest")),)),
            f"{EX}.targetMuscleGroups[2]: 'chest' is listed twice",
        ),
        (session(id="not-a-uuid"), "_id: 'not-a-uuid' is not a UUID"),
        (session(id=""), "_id: '' is not a UUID"),
        (session(phase=-1), "phase: -1 is less than the minimum 0"),
        (session(phase=1.5), "phase: 1.5 is not a whole number"),
        (session(week=521), "week: 521 is greater than the maximum 520"),
        (session(is_deload_week="yes"), "isDeloadWeek: 'yes' is not true or false"),
        (session(focus="  "), "focus: is empty"),
        (session(focus="f" * 101), "focus: is 101 characters long; at most 100"),
        (session(user_id="u" * 101), "userId: is 101 characters long; at most 100"),
        (session(user_name=None), "userName: is missing"),
    ],
)
def test_each_rule_names_its_path_and_reason(s: Session, expected: str) -> None:
    assert messages(s) == [expected]


def test_the_worked_example_from_the_design() -> None:
    found = problems(with_working(rpe=11))
    assert found == [
        Problem("exercises[0].workingSets[0].rpe", "11 is greater than the maximum 10")
    ]
    assert str(found[0]) == "exercises[0].workingSets[0].rpe: 11 is greater than the maximum 10"


@pytest.mark.parametrize("text", ["", "   ", "a" * limits.MAX_NOTES_CHARS, "😀 fine"])
def test_notes_may_be_blank_or_exactly_2000_characters(text: str) -> None:
    assert problems(with_working(notes=text)) == []
    assert problems(with_warmup(notes=text)) == []


def test_blank_user_fields_are_allowed() -> None:
    assert problems(session(user_id="", user_name="")) == []


def test_exercises_must_be_numbered_without_gaps() -> None:
    s = session(exercises=(exercise(order=1), exercise(order=3)))
    assert messages(s) == [
        "exercises[1].Order: is 3, expected 2 (exercises are numbered 1, 2, 3… in order)"
    ]


def test_exercises_must_start_at_one() -> None:
    s = session(exercises=(exercise(order=0),))
    assert messages(s) == [
        "exercises[0].Order: is 0, expected 1 (exercises are numbered 1, 2, 3… in order)"
    ]


def test_a_boolean_is_not_an_order_number() -> None:
    s = session(exercises=(exercise(order=True),))
    assert messages(s) == [
        "exercises[0].Order: is True, expected 1 (exercises are numbered 1, 2, 3… in order)"
    ]


def test_working_sets_must_be_numbered_without_gaps() -> None:
    s = session(
        exercises=(
            exercise(working_sets=(working(number=1), working(number=2), working(number=2))),
        )
    )
    assert messages(s) == [
        f"{EX}.workingSets[2].set: is 2, expected 3 (sets are numbered 1, 2, 3… in order)"
    ]


def test_warmup_sets_are_numbered_separately_from_working_sets() -> None:
    good = exercise(warmup_sets=(warmup(number=1), warmup(number=2)), working_sets=(working(),))
    assert problems(session(exercises=(good,))) == []
    bad = exercise(warmup_sets=(warmup(number=2),))
    assert messages(session(exercises=(bad,))) == [
        f"{EX}.warmupSets[0].set: is 2, expected 1 (sets are numbered 1, 2, 3… in order)"
    ]


def test_renumbered_fixes_the_numbering() -> None:
    s = session(
        exercises=(
            exercise(order=4, working_sets=(working(number=7), working(number=9))),
            exercise(order=9, warmup_sets=(warmup(number=3),)),
        )
    )
    assert problems(s) != []
    assert problems(s.renumbered()) == []


def test_too_many_exercises() -> None:
    many = tuple(exercise(order=n) for n in range(1, limits.MAX_EXERCISES + 2))
    most = limits.MAX_EXERCISES
    assert most == 200  # a long circuit day; the schema's maxItems says the same
    assert messages(session(exercises=many)) == [f"exercises: {most + 1} exercises; at most {most}"]
    assert problems(session(exercises=many[:-1])) == []


def test_too_many_sets() -> None:
    sets = tuple(working(number=n) for n in range(1, limits.MAX_SETS + 2))
    assert messages(session(exercises=(exercise(working_sets=sets),))) == [
        f"{EX}.workingSets: {limits.MAX_SETS + 1} sets; at most {limits.MAX_SETS}"
    ]


def test_an_integer_too_large_for_a_float_is_reported_not_raised() -> None:
    assert messages(with_working(weight_kg=10**400)) == [
        f"{WS}.weightKg: {10**400} is greater than the maximum 1000"
    ]
    assert messages(session(phase=10**400)) == [f"phase: {10**400} is greater than the maximum 100"]


def test_problems_come_in_document_order_and_all_at_once() -> None:
    s = session(
        id="nope",
        exercises=(
            exercise(working_sets=(working(rpe=11, weight_kg=-5),)),
            exercise(order=2, name=""),
        ),
    )
    assert [p.path for p in problems(s)] == [
        "_id",
        f"{WS}.weightKg",
        f"{WS}.rpe",
        "exercises[1].Name",
    ]


def test_ensure_valid_raises_with_every_problem() -> None:
    s = session(id="nope", phase=-1)
    with pytest.raises(InvalidSession) as raised:
        ensure_valid(s)
    assert raised.value.problems == problems(s)
    assert len(raised.value.problems) == 2
    assert str(raised.value) == "_id: 'nope' is not a UUID; phase: -1 is less than the minimum 0"
    assert isinstance(raised.value, ValueError)


def test_a_problem_without_a_path_is_just_its_message() -> None:
    assert str(Problem("", "is not valid JSON")) == "is not valid JSON"
    assert str(Problem("week", "is missing")) == "week: is missing"


def test_a_session_found_valid_is_not_checked_again_while_it_lives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from traininglog.domain import validation

    checked: list[Session] = []
    check = validation._check_session

    def counting(s: Session, out: list[Problem]) -> None:
        checked.append(s)
        check(s, out)

    monkeypatch.setattr(validation, "_check_session", counting)
    valid = session()
    assert problems(valid) == [] and problems(valid) == []
    ensure_valid(valid)
    assert checked == [valid]  # once, by identity
    twin = replace(valid)
    assert twin == valid and twin is not valid
    assert problems(twin) == [] and len(checked) == 2  # an equal session is checked itself
    wrong = replace(valid, phase=-1)
    for _ in range(2):
        with pytest.raises(InvalidSession):
            ensure_valid(wrong)
    assert len(checked) == 4  # one found invalid is checked each time
