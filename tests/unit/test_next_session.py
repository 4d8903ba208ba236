"""Next session's targets from the index's rows, and the plan page that lists them."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.domain.next_session import (
    PlannedExercise,
    next_targets,
    past_sessions,
    plan_markdown,
    target_text,
)
from traininglog.domain.plates import PlateSet
from traininglog.domain.progression import DoubleProgression, Target
from traininglog.store import queries

RULE = DoubleProgression(8, 12, Fraction(5, 2), sets=2)


def test_rows_become_one_past_session_per_session_oldest_first() -> None:
    rows = [
        ("b", "2026-01-08", True, 60.0, 12, None),
        ("a", "2026-01-01", False, 60.0, 12, 8.0),
        ("a", "2026-01-01", False, 60.0, 11, 9.0),
    ]
    sessions = past_sessions(rows, "kg")
    assert [(s.day, s.deload, len(s.sets)) for s in sessions] == [
        (date(2026, 1, 1), False, 2),
        (date(2026, 1, 8), True, 1),
    ]
    assert sessions[0].sets[1].full_reps == 11


def test_pounds_logged_read_back_as_typed() -> None:
    (session,) = past_sessions([("a", "2026-01-01", False, 102.0582, 5, None)], "lb")
    assert session.top_weight == 225


def test_every_set_at_the_top_of_the_range_adds_the_increment() -> None:
    rows = [("a", "2026-01-01", False, 60.0, 12, None), ("a", "2026-01-01", False, 60.0, 12, None)]
    targets = next_targets(RULE, rows)
    assert [t.text() for t in targets] == ["62.5 kg × 8", "62.5 kg × 8"]
    assert target_text(targets[0]) == "Target: 62.5 kg × 8 (all sets reached 12: +2.5 kg)"


def test_plates_in_another_unit_than_the_rule_are_not_used_for_rounding() -> None:
    rows = [("a", "2026-01-01", False, 60.0, 12, None), ("a", "2026-01-01", False, 60.0, 12, None)]
    assert next_targets(RULE, rows, PlateSet.standard("lb"))[0].weight == Fraction(125, 2)


def test_the_plan_page_lists_each_exercise_its_sets_and_why() -> None:
    targets = (Target(Fraction(125, 2), 8, "all sets reached 12: +2.5 kg"),) * 2
    page = plan_markdown(
        date(2026, 3, 2),
        [PlannedExercise("Barbell Bench Press", targets), PlannedExercise("Barbell Row", ())],
    )
    assert page == (
        "# Next session — planned 2026-03-02\n\n"
        "## Barbell Bench Press\n\n"
        "| Set | Weight | Reps |\n| ---: | ---: | ---: |\n"
        "| 1 | 62.5 kg | 8 |\n| 2 | 62.5 kg | 8 |\n\n"
        "Why: all sets reached 12: +2.5 kg.\n\n"
        "## Barbell Row\n\n"
        "No targets yet: log a session of it first, or give the rule a start.\n"
    )


def test_the_index_gives_working_sets_with_day_and_deload_before_a_time(logbook) -> None:
    def bench(day: str, sid: str, deload: bool, *reps: int) -> Session:
        sets = tuple(WorkingSet(n, 60, r) for n, r in enumerate(reps, 1))
        exercise = Exercise(1, "Barbell Bench Press", working_sets=sets)
        return Session(
            id=sid,
            date=datetime.fromisoformat(f"{day}T18:00:00"),
            exercises=(exercise,),
            is_deload_week=deload,
        )

    logbook.save(bench("2026-01-01", "00000001-0000-4000-8000-000000000000", False, 10, 9))
    logbook.save(bench("2026-01-08", "00000002-0000-4000-8000-000000000000", True, 5))
    rows = queries.progression_history("barbell bench press")
    assert [(r.day[:10], r.is_deload_week, r.full_reps) for r in rows] == [
        ("2026-01-01", False, 10),
        ("2026-01-01", False, 9),
        ("2026-01-08", True, 5),
    ]
    assert len(queries.progression_history("Barbell Bench Press", before="2026-01-05")) == 2


def test_a_rule_in_a_few_words() -> None:
    from traininglog.domain.next_session import rule_summary
    from traininglog.domain.progression import DeloadWeeks, FixedIncrement, TrainingMaxWeeks

    assert rule_summary(RULE) == "double progression 8–12 reps, +2.5 kg"
    fixed = FixedIncrement(Fraction(5), 5, unit="lb")
    assert rule_summary(fixed) == "+5 lb when 3×5 is done"
    weeks = TrainingMaxWeeks(Fraction(100), (((65, 5),), ((70, 3),)))
    assert rule_summary(DeloadWeeks(weeks, 4, Fraction(60))) == (
        "2 weeks of a 100 kg training max; deload every 4 at 60%"
    )
