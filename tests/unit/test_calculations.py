"""Volume, estimated one-rep max and records, against values worked out by hand."""

from __future__ import annotations

from datetime import datetime

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.domain.calculations import (
    E1rmRule,
    OneRepMaxFormula,
    Record,
    best_set,
    effective_reps,
    estimated_one_rep_max,
    exercise_volume_kg,
    records_for_exercise,
    session_volume_kg,
    set_estimated_one_rep_max,
    set_volume_kg,
)

EPLEY = OneRepMaxFormula.EPLEY
BRZYCKI = OneRepMaxFormula.BRZYCKI
RESERVE = OneRepMaxFormula.EPLEY_RESERVE


def ws(number: int, weight: float, full: int, partial: int = 0, rpe: float | None = None):
    return WorkingSet(
        number=number, weight_kg=weight, full_reps=full, partial_reps=partial, rpe=rpe
    )


def bench(*sets: WorkingSet, warmups: tuple[WarmupSet, ...] = ()) -> Exercise:
    return Exercise(order=1, name="Barbell Bench Press", warmup_sets=warmups, working_sets=sets)


def day(session_id: str, iso_day: str, *exercises: Exercise) -> Session:
    return Session(
        id=session_id, date=datetime.fromisoformat(iso_day + "T18:00:00"), exercises=exercises
    )


# -- volume ----------------------------------------------------------------------------------


def test_set_volume_is_weight_times_full_reps() -> None:
    assert set_volume_kg(ws(1, 80, 5)) == 400
    assert set_volume_kg(ws(1, 82.5, 3)) == 247.5


def test_partial_reps_do_not_count_toward_volume() -> None:
    assert set_volume_kg(ws(1, 80, 5, partial=3)) == 400
    assert set_volume_kg(ws(1, 80, 0, partial=4)) == 0


def test_exercise_volume_counts_working_sets_only() -> None:
    exercise = bench(
        ws(1, 80, 5, partial=2),
        ws(2, 85, 3),
        ws(3, 90, 0, partial=3),
        warmups=(WarmupSet(1, 20, 10), WarmupSet(2, 60, 5)),
    )
    assert exercise_volume_kg(exercise) == 400 + 255 + 0


def test_session_volume_adds_every_exercise() -> None:
    squat = Exercise(
        order=2, name="Barbell Back Squat", working_sets=(ws(1, 100, 5), ws(2, 100, 5))
    )
    s = day("a", "2026-01-05", bench(ws(1, 80, 5)), squat)
    assert session_volume_kg(s) == 400 + 1000
    assert session_volume_kg(day("b", "2026-01-05")) == 0


# -- estimated one-rep max -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weight", "reps", "formula", "expected"),
    [
        # Published values: Epley w × (1 + r/30), Brzycki w × 36 / (37 − r).
        (100, 10, EPLEY, 133.3),
        (100, 10, BRZYCKI, 133.3),  # 100 × 36 / 27
        (100, 5, EPLEY, 116.7),
        (100, 5, BRZYCKI, 112.5),  # 100 × 36 / 32
        (100, 3, EPLEY, 110.0),
        (100, 3, BRZYCKI, 105.9),  # 100 × 36 / 34
        (100, 12, EPLEY, 140.0),
        (100, 12, BRZYCKI, 144.0),  # 100 × 36 / 25
        (142.5, 2, EPLEY, 152.0),
    ],
)
def test_estimated_one_rep_max_against_published_values(
    weight: float, reps: int, formula: OneRepMaxFormula, expected: float
) -> None:
    assert estimated_one_rep_max(weight, reps, None, formula) == pytest.approx(expected, abs=0.05)


def test_the_default_formula_is_plain_epley() -> None:
    assert estimated_one_rep_max(100, 5) == pytest.approx(100 * (1 + 5 / 30))
    assert E1rmRule() == E1rmRule(EPLEY, 12)


@pytest.mark.parametrize("formula", [EPLEY, BRZYCKI])
def test_plain_formulas_ignore_the_rpe(formula: OneRepMaxFormula) -> None:
    without = estimated_one_rep_max(100, 5, None, formula)
    for rpe in (6, 7.5, 8, 10):
        assert estimated_one_rep_max(100, 5, rpe, formula) == without


@pytest.mark.parametrize("formula", list(OneRepMaxFormula))
def test_a_single_is_exactly_its_weight(formula: OneRepMaxFormula) -> None:
    # Plain Epley would give 187.5 × 31/30 = 193.75: the single rule wins.
    result = estimated_one_rep_max(187.5, 1, None, formula)
    assert result == 187.5
    assert isinstance(result, float)
    assert estimated_one_rep_max(187.5, 1, 10, formula) == 187.5


@pytest.mark.parametrize("formula", [EPLEY, BRZYCKI])
def test_a_single_at_rpe_8_is_its_weight_by_the_plain_formulas(formula) -> None:
    assert estimated_one_rep_max(182.5, 1, 8, formula) == 182.5


@pytest.mark.parametrize(("weight", "reps"), [(100, 0), (0, 5), (0, 0), (-10, 5), (100, -1)])
def test_no_reps_or_no_load_says_nothing_about_a_max(weight: float, reps: int) -> None:
    for formula in OneRepMaxFormula:
        assert estimated_one_rep_max(weight, reps, None, formula) is None
        assert estimated_one_rep_max(weight, reps, 8, formula) is None


@pytest.mark.parametrize("formula", list(OneRepMaxFormula))
def test_the_rep_cap_is_twelve_unless_moved(formula: OneRepMaxFormula) -> None:
    assert estimated_one_rep_max(100, 12, None, formula) is not None
    assert estimated_one_rep_max(100, 13, None, formula) is None
    assert E1rmRule(formula).estimate(100, 13) is None
    assert E1rmRule(formula, 15).estimate(100, 13) is not None
    assert E1rmRule(formula, 15).estimate(100, 16) is None
    assert E1rmRule(formula, 5).estimate(100, 6) is None
    assert E1rmRule(formula, 5).estimate(100, 5) is not None


def test_the_rep_cap_stays_where_the_formulas_mean_something() -> None:
    assert E1rmRule(EPLEY, 0).rep_cap == 1
    assert E1rmRule(BRZYCKI, 99).rep_cap == 30  # 37 − r never reaches zero
    assert E1rmRule(BRZYCKI, 99).estimate(70, 30) == pytest.approx(360.0)
    assert E1rmRule(BRZYCKI, 99).estimate(70, 31) is None


def test_partial_reps_never_count_toward_an_estimate() -> None:
    assert set_estimated_one_rep_max(ws(1, 100, 5, partial=3)) == pytest.approx(116.6667, abs=1e-3)
    assert set_estimated_one_rep_max(ws(1, 100, 0, partial=5)) is None


@pytest.mark.parametrize(
    ("weight", "reps", "rpe", "expected"),
    [
        (100, 5, 8, 100 * (1 + 7 / 30)),  # 5 reps + 2 in reserve: 123.33
        (100, 5, 7.5, 100 * (1 + 7.5 / 30)),
        (100, 5, None, 100 * (1 + 5 / 30)),  # no RPE: nothing in reserve
        (100, 5, 10, 100 * (1 + 5 / 30)),
        (182.5, 1, 8, 182.5 * (1 + 3 / 30)),  # a single at RPE 8 counts as a triple
        (182.5, 1, 10, 182.5),
    ],
)
def test_epley_with_reps_in_reserve_adds_them_when_chosen(weight, reps, rpe, expected) -> None:
    assert estimated_one_rep_max(weight, reps, rpe, RESERVE) == pytest.approx(expected)


def test_reps_in_reserve_count_toward_the_cap_when_chosen() -> None:
    assert estimated_one_rep_max(100, 10, 8, RESERVE) is not None  # 12
    assert estimated_one_rep_max(100, 11, 8, RESERVE) is None  # 13
    assert estimated_one_rep_max(100, 11, 8, EPLEY) is not None


@pytest.mark.parametrize(
    ("full", "rpe", "expected"),
    [(5, None, 5), (5, 10, 5), (5, 8, 7), (5, 7.5, 7.5), (1, 1, 10), (0, 9, 1)],
)
def test_rpe_adds_reps_in_reserve(full: int, rpe: float | None, expected: float) -> None:
    assert effective_reps(full, rpe) == expected


def test_each_formula_has_the_name_its_figures_carry() -> None:
    assert [f.label for f in OneRepMaxFormula] == ["Epley", "Brzycki", "Epley + RIR"]
    assert E1rmRule.of(BRZYCKI) == E1rmRule(BRZYCKI, 12)
    assert E1rmRule.of("brzycki").label == "Brzycki"


# -- best set --------------------------------------------------------------------------------


def test_best_set_is_the_highest_estimate() -> None:
    sets = [ws(1, 80, 5), ws(2, 100, 3), ws(3, 90, 8)]
    # 93.33, 110.0, 114.0
    assert best_set(sets) is sets[2]
    # Brzycki: 90.0, 105.88, 111.72
    assert best_set(sets, BRZYCKI) is sets[2]


def test_rpe_picks_the_best_set_only_when_reps_in_reserve_are_chosen() -> None:
    easy = ws(1, 100, 5, rpe=6)  # Epley 116.67; with 4 in reserve 130
    hard = ws(2, 110, 5, rpe=10)  # 128.33 either way
    assert best_set([hard, easy]) is hard
    assert best_set([hard, easy], RESERVE) is easy


def test_best_set_keeps_the_first_of_equals() -> None:
    first, second = ws(1, 100, 5), ws(2, 100, 5)
    assert best_set([first, second]) is first
    assert best_set([second, first]) is second


def test_best_set_of_nothing_is_none() -> None:
    assert best_set([]) is None
    assert best_set([ws(1, 100, 0), ws(2, 0, 10)]) is None


# -- records ---------------------------------------------------------------------------------

HISTORY = [
    # A: 100×5 (e1rm 116.67), 90×8 (114.0); a heavy warm-up that must not count. Volume 1,220.
    day(
        "A",
        "2026-01-05",
        bench(ws(1, 100, 5), ws(2, 90, 8), warmups=(WarmupSet(1, 200, 1),)),
    ),
    # B: 105×3 (115.5), 100×5 equals A's 5-rep record. Volume 815.
    day("B", "2026-01-12", bench(ws(1, 105, 3), ws(2, 100, 5))),
    # C: 110×2 (117.33), 90×8 equals A, 60×10 is new. Volume 220 + 720 + 600 = 1,540.
    day("C", "2026-01-19", bench(ws(1, 110, 2), ws(2, 90, 8), ws(3, 60, 10))),
    # D: 120×1 at RPE 10 (120.0); 130×0 says nothing. Volume 120.
    day("D", "2026-01-26", bench(ws(1, 120, 1, rpe=10), ws(2, 130, 0, partial=1))),
    # E: 55×28 (past the rep cap: no estimate; more reps than a rep record counts). Volume
    # 1,540 equals C.
    day("E", "2026-02-02", bench(ws(1, 55, 28))),
    # F: 120×1 again: equals D's e1rm and 1-rep record. Volume 120.
    day("F", "2026-02-09", bench(ws(1, 120, 1))),
]


def pairs(history: list[Session]) -> list[tuple[Session, Exercise]]:
    return [(s, s.exercises[0]) for s in history]


def test_records_from_a_small_history() -> None:
    records = records_for_exercise(pairs(HISTORY))
    assert records is not None
    assert records.exercise == "Barbell Bench Press"
    assert records.best_e1rm == Record("e1rm", 120.0, "2026-01-26", "D")
    assert records.heaviest_for_reps == {
        1: Record("weight-for-reps", 120, "2026-01-26", "D", 1),
        2: Record("weight-for-reps", 110, "2026-01-19", "C", 2),
        3: Record("weight-for-reps", 105, "2026-01-12", "B", 3),
        5: Record("weight-for-reps", 100, "2026-01-05", "A", 5),
        8: Record("weight-for-reps", 90, "2026-01-05", "A", 8),
        10: Record("weight-for-reps", 60, "2026-01-19", "C", 10),
    }
    assert list(records.heaviest_for_reps) == [1, 2, 3, 5, 8, 10]
    assert records.best_session_volume == Record("session-volume", 1540, "2026-01-19", "C")


def test_records_as_they_stood_part_way() -> None:
    records = records_for_exercise(pairs(HISTORY[:2]))
    assert records is not None
    assert records.best_e1rm is not None
    assert records.best_e1rm.session_id == "A"
    assert records.best_e1rm.value_kg == pytest.approx(100 * (1 + 5 / 30))
    assert records.best_session_volume == Record("session-volume", 1220, "2026-01-05", "A")


def test_records_with_brzycki() -> None:
    records = records_for_exercise(pairs(HISTORY), BRZYCKI)
    assert records is not None
    assert records.best_e1rm == Record("e1rm", 120.0, "2026-01-26", "D")
    # With the cap moved past 28 reps, Brzycki rewards the 28-rep set: 55 × 36 / 9 = 220.
    wide = records_for_exercise(pairs(HISTORY), E1rmRule(BRZYCKI, 30))
    assert wide is not None
    assert wide.best_e1rm == Record("e1rm", 220.0, "2026-02-02", "E")


def test_rep_records_stop_at_max_rep_count() -> None:
    records = records_for_exercise(pairs(HISTORY), max_rep_count=5)
    assert records is not None
    assert list(records.heaviest_for_reps) == [1, 2, 3, 5]


def test_no_history_has_no_records() -> None:
    assert records_for_exercise([]) is None


def test_a_history_without_work_has_a_name_but_no_records() -> None:
    s = day("Z", "2026-03-01", bench(ws(1, 0, 10), ws(2, 100, 0)))
    records = records_for_exercise(pairs([s]))
    assert records is not None
    assert records.exercise == "Barbell Bench Press"
    assert records.best_e1rm is None
    assert records.heaviest_for_reps == {}
    assert records.best_session_volume is None
