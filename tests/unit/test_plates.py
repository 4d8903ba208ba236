"""The plate calculator, against loads worked out by hand and against every combination of a
small plate set counted out by brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traininglog.domain.exact import exact, shown
from traininglog.domain.plates import (
    STANDARD_KG,
    STANDARD_LB,
    BarLoad,
    PlateSet,
    WhyNot,
    load_bar,
)

F = Fraction


def side_sum(load: BarLoad) -> Fraction:
    return sum(load.per_side, F(0))


def assert_consistent(load: BarLoad, plates: PlateSet) -> None:
    """A loading adds up, uses no more plates than owned, and lists the heaviest first."""
    collars = plates.collars if load.per_side else 0
    assert load.total == plates.bar + collars + 2 * side_sum(load)
    assert list(load.per_side) == sorted(load.per_side, reverse=True)
    owned = dict(plates.plates)
    for weight, count in load.plate_counts:
        assert count <= owned[weight] // 2


# -- loads worked out by hand -----------------------------------------------------------------


def test_the_standard_kg_set_loads_heaviest_plates_first() -> None:
    answer = load_bar(142.5)
    assert answer.exact
    assert answer.load is not None
    assert answer.load.per_side == (25, 25, 10, F(5, 4))
    assert answer.text() == "20 kg bar + 25 · 25 · 10 · 1.25 per side"


def test_the_empty_bar_is_the_bar_alone() -> None:
    answer = load_bar(20)
    assert answer.load == BarLoad(F(20), F(20), (), F(0), "kg")
    assert answer.text() == "20 kg bar"


def test_the_text_the_form_will_show() -> None:
    assert load_bar(95).text() == "20 kg bar + 25 · 10 · 2.5 per side"


def test_the_standard_sets_defaults() -> None:
    assert PlateSet.standard("kg") is STANDARD_KG
    assert PlateSet.standard("lb") is STANDARD_LB
    assert (STANDARD_KG.bar, STANDARD_KG.unit, STANDARD_KG.step) == (20, "kg", F(5, 2))
    assert (STANDARD_LB.bar, STANDARD_LB.unit, STANDARD_LB.step) == (45, "lb", 5)


def test_a_pound_set_makes_225_with_two_plates_a_side() -> None:
    answer = STANDARD_LB.load(225)
    assert answer.load is not None and answer.load.per_side == (45, 45)
    assert answer.text() == "45 lb bar + 45 · 45 per side"


def test_2_5_lb_plates_make_every_5_lb_step_exactly() -> None:
    plates = PlateSet(45, [(2.5, 200)], unit="lb")
    for pairs in range(0, 100):
        target = 45 + 5 * F(pairs)
        answer = plates.load(target)
        assert answer.load is not None, target
        assert answer.load.total == target
        assert answer.load.per_side == (F(5, 2),) * pairs


def test_float_trap_102_5_is_made_exactly() -> None:
    answer = load_bar(102.5)
    assert answer.load is not None
    assert answer.load.total == F(205, 2)
    assert answer.load.per_side == (25, 15, F(5, 4))


def test_tenth_of_a_kilo_plates_do_not_drift() -> None:
    """0.1 + 0.2 is 0.3 here: ten 0.1 kg plates a side on an empty 0 kg handle make 2 kg."""
    plates = PlateSet(0, [(0.1, 40)])
    assert plates.step == F(1, 5)
    for pairs in range(1, 21):
        target = pairs * 0.2  # float arithmetic: 0.6000000000000001 for 3 pairs
        answer = plates.load(exact(round(target, 10)))
        assert answer.load is not None
        assert answer.load.total == F(pairs, 5)
    assert plates.load(0.3).why is WhyNot.NOT_A_STEP


def test_fractional_plates_half_and_quarter_kilos() -> None:
    plates = PlateSet(20, [(1.25, 2), (0.5, 2), (0.25, 2)])
    answer = plates.load(24)
    assert answer.load is not None
    assert answer.load.per_side == (F(5, 4), F(1, 2), F(1, 4))
    assert plates.load(20.5).load is not None and plates.load(20.5).load.per_side == (F(1, 4),)
    assert plates.load(20.25).why is WhyNot.NOT_A_STEP


def test_collars_go_on_with_the_first_plate() -> None:
    plates = PlateSet(20, [(25, 4), (1.25, 2)], collars=5)
    assert plates.load(20).load is not None  # the empty bar wears no collars
    answer = plates.load(27.5)
    assert answer.load is not None
    assert answer.load.per_side == (F(5, 4),)
    assert answer.load.collars == 5
    assert answer.text() == "20 kg bar + 1.25 per side + 5 kg collars"
    assert plates.load(75).load is not None and plates.load(75).load.per_side == (25,)
    assert plates.load(70).why is WhyNot.NO_COMBINATION
    gap = plates.load(22.5)
    assert gap.below is not None and gap.below.total == 20
    assert gap.above is not None and gap.above.total == F(55, 2)
    assert plates.heaviest == 20 + 5 + 2 * (50 + F(5, 4))


def test_only_pairs_of_plates_go_on() -> None:
    """Three 20s owned: one a side; the third stays on the rack."""
    plates = PlateSet(20, [(20, 3)])
    assert plates.per_side == ((20, 1),)
    assert plates.load(60).load is not None
    answer = plates.load(100)
    assert answer.why is WhyNot.MORE_THAN_OWNED
    assert answer.below is not None and answer.below.total == 60
    assert answer.above is None


def test_plates_of_one_weight_listed_twice_are_counted_together() -> None:
    plates = PlateSet(20, [(10, 2), (10.0, 2), ("10", 2)])
    assert plates.plates == ((10, 6),)
    assert plates.heaviest == 80


# -- loads that can't be made -----------------------------------------------------------------


def test_below_the_bar_says_so_and_offers_the_bar() -> None:
    answer = load_bar(15)
    assert not answer.exact
    assert answer.why is WhyNot.BELOW_BAR
    assert answer.below is None
    assert answer.above is not None and answer.above.total == 20
    assert answer.text() == (
        "15 kg can't be made: lighter than the 20 kg bar; nearest 20 kg (20 kg bar)"
    )


def test_more_than_the_plates_owned_offers_the_heaviest() -> None:
    answer = load_bar(400)
    assert answer.why is WhyNot.MORE_THAN_OWNED
    assert answer.above is None
    assert answer.below is not None and answer.below.total == F(655, 2)
    assert "more than the plates owned make (at most 327.5 kg)" in answer.text()


def test_between_two_steps_offers_both_neighbours() -> None:
    answer = load_bar(101)
    assert answer.why is WhyNot.NOT_A_STEP
    assert answer.below is not None and answer.below.total == 100
    assert answer.above is not None and answer.above.total == F(205, 2)
    assert answer.text() == (
        "101 kg can't be made: loads go up in steps of 2.5 kg, the lightest pair (2 × 1.25 kg); "
        "nearest 100 kg "
        "(20 kg bar + 25 · 15 per side) or 102.5 kg (20 kg bar + 25 · 15 · 1.25 per side)"
    )


def test_a_gap_the_plates_owned_cannot_fill() -> None:
    """One 20 and one 5 a side: 15 a side is a multiple of 5, but nothing makes it."""
    plates = PlateSet(20, [(20, 2), (5, 2)])
    answer = plates.load(50)
    assert answer.why is WhyNot.NO_COMBINATION
    assert answer.why_text == "no combination of the plates owned makes it"
    assert (answer.below.total, answer.above.total) == (30, 60)  # type: ignore[union-attr]


def test_steps_finer_than_the_smallest_pair_are_named_as_steps() -> None:
    plates = PlateSet(0, [(1.5, 2), (2, 2)])  # every load is a multiple of 0.5 a side
    assert plates.load(1).why is WhyNot.NO_COMBINATION  # 0.5 a side: a step, but no plate
    answer = plates.load(0.5)
    assert answer.why is WhyNot.NOT_A_STEP
    assert answer.why_text == "loads go up in steps of 1 kg"


def test_no_plates_at_all_makes_only_the_bar() -> None:
    plates = PlateSet(20, [])
    assert plates.step is None
    assert plates.load(20).exact
    assert plates.load(25).why is WhyNot.MORE_THAN_OWNED
    assert plates.round(25) == 20


def test_rounding_to_a_loadable_weight() -> None:
    assert STANDARD_KG.round(101) == 100
    assert STANDARD_KG.round(102) == F(205, 2)
    assert STANDARD_KG.round(101.25) == 100  # a tie goes to the lighter load
    assert STANDARD_KG.round(101, "up") == F(205, 2)
    assert STANDARD_KG.round(102, "down") == 100
    assert STANDARD_KG.round(10, "down") == 20  # nothing lighter: the bar
    assert STANDARD_KG.round(400, "up") == F(655, 2)
    with pytest.raises(ValueError, match="rounding 'sideways'"):
        STANDARD_KG.round(100, "sideways")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: PlateSet(20, [(0, 2)]), "plates weigh more than 0"),
        (lambda: PlateSet(20, [(5, -2)]), "a count is a whole number"),
        (lambda: PlateSet(20, [(5, 2.0)]), "a count is a whole number"),
        (lambda: PlateSet(-1, []), "the bar can't weigh less than 0"),
        (lambda: PlateSet(20, [], collars=-5), "the collars can't weigh less than 0"),
        (lambda: PlateSet(20, [], unit="stone"), "unit 'stone'"),
        (lambda: PlateSet(float("nan"), []), "not a finite number"),
    ],
)
def test_a_plate_set_that_cannot_exist_is_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_shown_writes_weights_as_a_lifter_does() -> None:
    assert [shown(exact(x)) for x in (100, 102.5, 1.25, 0.1, "2.50")] == [
        "100",
        "102.5",
        "1.25",
        "0.1",
        "2.5",
    ]
    assert shown(F(1, 3)) == "0.333"


def test_absurd_targets_and_plate_counts_answer_at_once() -> None:
    plates = PlateSet(20, [(0.25, 100_000), (25, 8)])
    answer = plates.load(10**9)
    assert answer.why is WhyNot.MORE_THAN_OWNED
    assert answer.below is not None and answer.below.total == plates.heaviest == 20 + 25_000 + 200
    assert plates.load(20.5).load is not None
    assert plates.load(-(10**9)).above is not None


# -- against brute force ------------------------------------------------------------------------


plate_weights = st.sampled_from(
    [F(25), F(20), F(15), F(10), F(5), F(5, 2), F(5, 4), F(1, 2), F(1, 4), F(3, 2), F(45)]
)
small_sets = st.builds(
    lambda bar, plates, collars: PlateSet(bar, plates, collars),
    st.sampled_from([F(0), F(15), F(20), F(45, 2)]),
    st.lists(st.tuples(plate_weights, st.integers(0, 5)), max_size=4),
    st.sampled_from([F(0), F(1, 2), F(5)]),
)


def every_load(plates: PlateSet) -> set[Fraction]:
    """Every load the set makes, by trying every number of each plate on a side."""
    loads = {plates.bar}
    choices = [range(n + 1) for _, n in plates.per_side]
    for counts in itertools.product(*choices):
        side = sum((w * c for (w, _), c in zip(plates.per_side, counts, strict=True)), F(0))
        if side:
            loads.add(plates.bar + plates.collars + 2 * side)
    return loads


@settings(max_examples=150, deadline=None)
@given(small_sets, st.integers(0, 400).map(lambda quarters: F(quarters, 4)))
def test_every_answer_matches_brute_force(plates: PlateSet, target: Fraction) -> None:
    loads = every_load(plates)
    answer = plates.load(target)
    assert answer.exact == (target in loads)
    if answer.load is not None:
        assert answer.load.total == target
        assert_consistent(answer.load, plates)
        return
    lighter = [x for x in loads if x < target]
    heavier = [x for x in loads if x > target]
    assert (answer.below.total if answer.below else None) == (max(lighter) if lighter else None)
    assert (answer.above.total if answer.above else None) == (min(heavier) if heavier else None)
    for option in (answer.below, answer.above):
        if option is not None:
            assert_consistent(option, plates)
    if target < plates.bar:
        assert answer.why is WhyNot.BELOW_BAR
    elif target > max(loads):
        assert answer.why is WhyNot.MORE_THAN_OWNED
    else:
        assert answer.why in (WhyNot.NOT_A_STEP, WhyNot.NO_COMBINATION)


@settings(max_examples=100, deadline=None)
@given(small_sets)
def test_the_heaviest_load_is_the_heaviest_brute_force_finds(plates: PlateSet) -> None:
    assert plates.heaviest == max(every_load(plates))
