"""Progression rules: each against sessions worked out by hand, and each over a generated
history of many weeks in which the lifter hits or misses the targets the rule set."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.domain.plates import STANDARD_KG, STANDARD_LB, PlateSet
from traininglog.domain.progression import (
    DeloadWeeks,
    DoubleProgression,
    FixedIncrement,
    PastSession,
    PastSet,
    Target,
    TrainingMaxWeeks,
    WeekSet,
    history_of,
    rounded,
)

F = Fraction
MONDAY = date(2026, 1, 5)
FIVES = ((65, 5), (75, 5), (85, 5))
THREES = ((70, 3), (80, 3), (90, 3))
FIVE_THREE_ONE = ((75, 5), (85, 3), (95, 1))


def session(week: int, *sets: tuple[float, int], deload: bool = False) -> PastSession:
    return PastSession(
        MONDAY + timedelta(weeks=week), tuple(PastSet(w, r) for w, r in sets), deload
    )


def done(targets: tuple[Target, ...], week: int, misses: dict[int, int] | None = None, **kw):
    """The session in which the lifter did the targets, short by `misses[i]` reps on set i."""
    misses = misses or {}
    return session(
        week, *((t.weight, max(0, t.reps - misses.get(i, 0))) for i, t in enumerate(targets)), **kw
    )


def weights(targets: tuple[Target, ...]) -> set[Fraction]:
    return {t.weight for t in targets}


# -- double progression ------------------------------------------------------------------------

DOUBLE = DoubleProgression(reps_low=8, reps_high=12, increment=2.5, sets=3, start_weight=60)


def test_double_progression_starts_at_the_bottom_of_the_range() -> None:
    targets = DOUBLE.next_targets([])
    assert [(t.weight, t.reps) for t in targets] == [(60, 8)] * 3
    assert targets[0].reason == "first session: start at 60 kg"


def test_double_progression_with_no_start_and_no_history_has_nothing_to_say() -> None:
    assert DoubleProgression(8, 12, 2.5).next_targets([]) == ()


def test_every_set_at_the_top_adds_the_increment_and_goes_back_to_the_bottom() -> None:
    targets = DOUBLE.next_targets([session(0, (60, 12), (60, 12), (60, 13))])
    assert [(t.weight, t.reps) for t in targets] == [(F(125, 2), 8)] * 3
    assert targets[0].reason == "all sets reached 12: +2.5 kg"
    assert targets[0].text() == "62.5 kg × 8"


def test_short_of_the_top_aims_for_one_more_rep_than_the_fewest() -> None:
    targets = DOUBLE.next_targets([session(0, (60, 12), (60, 10), (60, 9))])
    assert [(t.weight, t.reps) for t in targets] == [(60, 10)] * 3
    assert targets[0].reason == "fewest reps 9 of 12: same weight, aim for 10"


def test_a_bad_day_below_the_range_aims_for_the_bottom() -> None:
    targets = DOUBLE.next_targets([session(0, (60, 5), (60, 4), (60, 4))])
    assert {t.reps for t in targets} == {8}


def test_fewer_sets_than_planned_do_not_earn_the_increment() -> None:
    targets = DOUBLE.next_targets([session(0, (60, 12), (60, 12))])
    assert weights(targets) == {60}
    assert targets[0].reason == "2 of 3 sets done: same weight, all sets this time"


def test_a_deload_session_says_nothing_about_progress() -> None:
    history = [session(0, (60, 12), (60, 11), (60, 11)), session(1, (30, 12), deload=True)]
    assert weights(DOUBLE.next_targets(history)) == {60}


def test_pounds_are_worded_in_pounds() -> None:
    rule = DoubleProgression(6, 10, 5, unit="lb")
    targets = rule.next_targets([session(0, (135, 10), (135, 10), (135, 10))])
    assert targets[0].text() == "140 lb × 6"
    assert targets[0].reason == "all sets reached 10: +5 lb"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: DoubleProgression(12, 8, 2.5), "upside down"),
        (lambda: DoubleProgression(0, 8, 2.5), "at least 1"),
        (lambda: DoubleProgression(8, 12, 2.5, sets=0), "number of sets"),
        (lambda: DoubleProgression(8, 12, 2.5, unit="st"), "unit 'st'"),
    ],
)
def test_a_double_progression_that_cannot_work_is_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


# A session's outcome for the generated histories: how many reps short each set fell.
shortfalls = st.dictionaries(st.integers(0, 2), st.integers(1, 4), max_size=3)
outcomes = st.lists(st.one_of(st.just({}), shortfalls), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(outcomes, st.sampled_from([(5, 8), (8, 12), (10, 15), (6, 6)]), st.sampled_from([1, 2.5]))
def test_double_progression_over_a_generated_history(
    outcomes: list[dict[int, int]], rep_range: tuple[int, int], increment: float
) -> None:
    low, high = rep_range
    rule = DoubleProgression(low, high, increment, sets=3, start_weight=40)
    history: list[PastSession] = []
    increments = 0
    for week, misses in enumerate(outcomes):
        targets = rule.next_targets(history)
        assert len(targets) == 3
        assert len(weights(targets)) == 1 and len({t.reps for t in targets}) == 1
        assert all(low <= t.reps <= high for t in targets)
        if history:
            last = history[-1]
            reached_top = all(s.full_reps >= high for s in last.sets)
            if reached_top:
                increments += 1
                assert targets[0].weight == last.top_weight + F(str(increment))
                assert targets[0].reps == low
            else:
                assert targets[0].weight == last.top_weight
                assert targets[0].reps == min(high, max(low, last.fewest_reps + 1))
        history.append(done(targets, week, misses))
    assert history[-1].top_weight == 40 + increments * F(str(increment))


# -- fixed increment ---------------------------------------------------------------------------

LINEAR = FixedIncrement(increment=2.5, reps=5, sets=3, failures_before_deload=3, deload_percent=10)


def test_every_set_reaching_its_reps_adds_the_increment() -> None:
    targets = LINEAR.next_targets([session(0, (100, 5), (100, 5), (100, 6))])
    assert [(t.weight, t.reps) for t in targets] == [(F(205, 2), 5)] * 3
    assert targets[0].reason == "all 3 sets reached 5: +2.5 kg"


def test_a_miss_repeats_the_weight_and_counts_toward_a_deload() -> None:
    targets = LINEAR.next_targets([session(0, (100, 5), (100, 5), (100, 4))])
    assert weights(targets) == {100}
    assert (
        targets[0].reason
        == "not every set reached 5: repeat 100 kg (1 of 3 misses before a deload)"
    )


def test_three_misses_in_a_row_deload_by_the_percentage() -> None:
    missed = [session(w, (100, 5), (100, 4), (100, 3)) for w in range(3)]
    targets = LINEAR.next_targets(missed)
    assert weights(targets) == {90}
    assert targets[0].reason == "3 sessions in a row short of 5 at 100 kg: deload 10% to 90 kg"


def test_misses_at_another_weight_do_not_count() -> None:
    history = [
        session(0, (97.5, 5), (97.5, 4), (97.5, 5)),
        session(1, (97.5, 5), (97.5, 4), (97.5, 5)),
        session(2, (97.5, 5), (97.5, 5), (97.5, 5)),
        session(3, (100, 5), (100, 4), (100, 5)),
        session(4, (100, 5), (100, 4), (100, 5)),
    ]
    assert weights(LINEAR.next_targets(history)) == {100}


def test_a_deload_is_rounded_down_to_the_plates_owned() -> None:
    missed = [session(w, (102.5, 4)) for w in range(3)]
    rule = FixedIncrement(2.5, 5, sets=1, deload_percent=10)
    assert weights(rule.next_targets(missed)) == {90}  # 92.25 down to a 2.5 kg step
    coarse = PlateSet(20, [(20, 2), (10, 2), (5, 4)])  # steps of 10 kg
    assert weights(rule.next_targets(missed, coarse)) == {90}
    assert weights(rule.next_targets([session(w, (95, 4)) for w in range(3)], coarse)) == {80}


def test_a_plate_set_in_another_unit_is_refused() -> None:
    missed = [session(w, (100, 4)) for w in range(3)]
    with pytest.raises(ValueError, match="the plate set is in lb, the rule in kg"):
        FixedIncrement(2.5, 5, sets=1).next_targets(missed, STANDARD_LB)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.booleans(), min_size=1, max_size=40),
    st.integers(1, 4),
    st.sampled_from([5, 10, 20]),
)
def test_fixed_increment_over_a_generated_history(
    hits: list[bool], failures_before_deload: int, percent: int
) -> None:
    """The rule reads the history backwards; the expected weights here are worked out forwards,
    as a lifter keeping a tally would."""
    rule = FixedIncrement(
        5,
        5,
        sets=3,
        failures_before_deload=failures_before_deload,
        deload_percent=percent,
        start_weight=60,
    )
    history: list[PastSession] = []
    expected, misses = F(60), 0
    for week, hit in enumerate(hits):
        targets = rule.next_targets(history)
        assert [t.weight for t in targets] == [expected] * 3
        assert all(t.reps == 5 for t in targets)
        history.append(done(targets, week, {} if hit else {week % 3: 1}))
        if hit:
            expected, misses = expected + 5, 0
        else:
            misses += 1
            if misses == failures_before_deload:
                expected = rounded(expected * (100 - percent) / 100, "kg", None, "down")
                misses = 0


# -- training max by week ----------------------------------------------------------------------

WENDLER = TrainingMaxWeeks(
    training_max=140, weeks=(FIVES, THREES, FIVE_THREE_ONE), cycle_increment=5
)


def test_the_first_week_takes_the_first_weeks_percentages() -> None:
    targets = WENDLER.next_targets([])
    assert [(t.weight, t.reps) for t in targets] == [(90, 5), (105, 5), (120, 5)]
    assert targets[0].reason == "week 1 of 3: 65% of the 140 kg training max"


def test_after_a_full_cycle_the_training_max_rises() -> None:
    history = [session(w, (100, 5)) for w in range(4)]
    targets = WENDLER.next_targets(history)
    assert [(t.weight, t.reps) for t in targets] == [(F(205, 2), 3), (115, 3), (130, 3)]
    assert targets[0].reason == "week 2 of 3, cycle 2: 70% of the 145 kg training max"


def test_sessions_before_the_rule_began_and_deloads_take_no_week() -> None:
    rule = TrainingMaxWeeks(140, (FIVES, THREES), since=MONDAY + timedelta(weeks=10))
    history = [session(w, (100, 5)) for w in range(10)]
    history += [session(10, (100, 5)), session(11, (50, 5), deload=True)]
    assert rule.next_targets(history)[0].reason.startswith("week 2 of 2")


def test_percentages_are_rounded_to_the_plates_when_given() -> None:
    rule = TrainingMaxWeeks(101, ((WeekSet(50, 5),),))
    assert rule.next_targets([])[0].weight == 50  # 50.5 to the nearest 2.5 kg
    microplates = PlateSet(20, [(25, 8), (10, 2), (5, 2), (2.5, 2), (1.25, 2), (0.25, 2)])
    assert rule.next_targets([], microplates)[0].weight == F(101, 2)
    down = TrainingMaxWeeks(101, ((WeekSet(99, 1),),), rounding="down")
    assert down.next_targets([])[0].weight == F(195, 2)  # 99.99 down to a 2.5 kg step
    assert down.next_targets([], STANDARD_KG)[0].weight == F(195, 2)
    coarse = PlateSet(20, [(20, 4), (5, 2)])  # 20, 30, 60, 70, 100, 110 kg
    assert down.next_targets([], coarse)[0].weight == 70


def test_pounds_round_to_5_lb() -> None:
    rule = TrainingMaxWeeks(300, ((WeekSet(65, 5), WeekSet(72.5, 3)),), unit="lb")
    assert [t.weight for t in rule.next_targets([])] == [195, 215]  # 217.5: a tie, the lighter


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: TrainingMaxWeeks(100, ()), "at least one week"),
        (lambda: TrainingMaxWeeks(100, ((),)), "at least one week"),
        (lambda: TrainingMaxWeeks(100, (((0, 5),),)), "more than 0"),
        (lambda: TrainingMaxWeeks(100, (FIVES,), rounding="sideways"), "rounding 'sideways'"),
    ],
)
def test_a_program_of_weeks_that_cannot_work_is_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.booleans(), max_size=30),
    st.sampled_from([None, STANDARD_KG]),
    st.sampled_from(["nearest", "down", "up"]),
)
def test_training_max_weeks_over_a_generated_history(
    deloads: list[bool], plates: PlateSet | None, rounding: str
) -> None:
    rule = TrainingMaxWeeks(
        F(1375, 10), (FIVES, THREES, FIVE_THREE_ONE), cycle_increment=2.5, rounding=rounding
    )
    history: list[PastSession] = []
    trained = 0
    for week, deload in enumerate(deloads):
        targets = rule.next_targets(history, plates)
        cycle, index = divmod(trained, 3)
        maximum = F(1375, 10) + cycle * F(5, 2)
        plan = (FIVES, THREES, FIVE_THREE_ONE)[index]
        assert [t.reps for t in targets] == [reps for _, reps in plan]
        for target, (percent, _) in zip(targets, plan, strict=True):
            exact_weight = maximum * percent / 100
            assert STANDARD_KG.can_make(target.weight)
            assert abs(target.weight - exact_weight) < F(5, 2)
            if rounding == "down":
                assert target.weight <= exact_weight
            elif rounding == "up":
                assert target.weight >= exact_weight
            else:
                assert abs(target.weight - exact_weight) <= F(5, 4)
        history.append(done(targets, week, deload=deload))
        trained += not deload


# -- deload weeks --------------------------------------------------------------------------------


def test_the_coming_session_is_a_deload_after_every_minus_one_sessions() -> None:
    rule = DeloadWeeks(DOUBLE, every=4, percent=60)
    history = [session(w, (60, 12), (60, 12), (60, 12)) for w in range(2)]
    assert not rule.is_deload_next(history)
    assert weights(rule.next_targets(history)) == {F(125, 2)}
    history.append(session(2, (F(125, 2), 9), (F(125, 2), 9), (F(125, 2), 9)))
    assert rule.is_deload_next(history)
    targets = rule.next_targets(history)
    assert weights(targets) == {F(75, 2)}  # 60% of 62.5 = 37.5
    assert {t.reps for t in targets} == {10}
    assert targets[0].reason == "deload (every 4th session): 60% of 62.5 kg"
    assert all(t.deload for t in targets)
    history.append(session(3, (F(75, 2), 10), deload=True))
    assert not rule.is_deload_next(history)


def test_a_deload_wraps_only_the_other_rules() -> None:
    inner = DeloadWeeks(DOUBLE, every=4)
    with pytest.raises(ValueError, match="wraps one of the other rules"):
        DeloadWeeks(inner, every=4)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="every 2 at least"):
        DeloadWeeks(DOUBLE, every=1)
    with pytest.raises(ValueError, match="at most 100"):
        DeloadWeeks(DOUBLE, every=4, percent=120)


@settings(max_examples=40, deadline=None)
@given(
    outcomes,
    st.integers(2, 6),
    st.sampled_from([40, 50, 60, 70]),
    st.sampled_from(["double", "linear", "weeks"]),
)
def test_deload_weeks_over_a_generated_history(
    outcomes: list[dict[int, int]], every: int, percent: int, which: str
) -> None:
    """The lifter saves each planned deload with the deload flag, as the form would."""
    inner = {
        "double": DOUBLE,
        "linear": FixedIncrement(2.5, 5, start_weight=80),
        "weeks": WENDLER,
    }[which]
    rule = DeloadWeeks(inner, every=every, percent=percent)
    history: list[PastSession] = []
    for week, misses in enumerate(outcomes):
        targets = rule.next_targets(history)
        planned = inner.next_targets([p for p in history if not p.deload])
        deload = week % every == every - 1
        assert rule.is_deload_next(history) == deload
        if deload:
            assert [t.weight for t in targets] == [
                rounded(p.weight * percent / 100, "kg", None, "down") for p in planned
            ]
            assert [t.reps for t in targets] == [p.reps for p in planned]
            assert all(t.deload for t in targets)
        else:
            assert targets == planned
            assert not any(t.deload for t in targets)
        history.append(done(targets, week, misses, deload=deload))


# -- from the session files ---------------------------------------------------------------------


def test_history_from_sessions_oldest_first_in_the_rules_unit() -> None:
    def logged(day: str, kg: float, deload: bool = False) -> tuple[Session, Exercise]:
        exercise = Exercise(1, "Barbell Squat", working_sets=(WorkingSet(1, kg, 5, rpe=8),))
        moment = datetime.fromisoformat(day + "T18:00")
        return Session("id-" + day, moment, (exercise,), is_deload_week=deload), exercise

    pounds = 225 * 0.45359237
    history = history_of([logged("2026-03-08", pounds, True), logged("2026-03-01", pounds)], "lb")
    assert [p.day for p in history] == [date(2026, 3, 1), date(2026, 3, 8)]
    assert history[0].sets == (PastSet(225, 5, 8),)
    assert [p.deload for p in history] == [False, True]
    kilos = history_of([logged("2026-03-01", 102.5)])
    assert kilos[0].sets[0].weight == F(205, 2)
