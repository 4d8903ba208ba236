"""The load of body-weight sets: each kind, the weigh-in nearest the day, and no weigh-in."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traininglog.domain.body_weight import (
    NO_BODY_WEIGHT,
    BodyWeightEntry,
    BodyWeightLog,
    LoadKind,
    effective_load,
    effective_one_rep_max,
    effective_volume,
    nearest_body_weight,
)
from traininglog.domain.calculations import E1rmRule, OneRepMaxFormula

F = Fraction
D = date.fromisoformat

LOG = BodyWeightLog(
    [
        BodyWeightEntry(D("2026-03-01"), 80),
        BodyWeightEntry(D("2026-03-11"), 82.5),
        BodyWeightEntry(D("2026-03-20"), 81.2),
    ]
)


# -- each kind ---------------------------------------------------------------------------------


def test_a_plain_load_is_the_weight_entered_and_needs_no_weigh_in() -> None:
    load = effective_load(LoadKind.PLAIN, 102.5, D("2026-03-05"))
    assert load.weight == F(205, 2)
    assert load.body_weight is None
    assert load.known


def test_body_weight_alone_ignores_the_entered_weight() -> None:
    load = effective_load("body-weight", 0, D("2026-03-02"), LOG)
    assert load.weight == 80
    assert load.body_weight == BodyWeightEntry(D("2026-03-01"), 80)


def test_body_weight_plus_an_added_load() -> None:
    load = effective_load(LoadKind.BODY_WEIGHT_PLUS, 20, D("2026-03-12"), LOG)
    assert load.weight == F(205, 2)  # 82.5 + 20
    assert load.entered == 20


def test_body_weight_minus_an_assistance() -> None:
    load = effective_load(LoadKind.BODY_WEIGHT_MINUS, 25.5, D("2026-03-21"), LOG)
    assert load.weight == F("55.7")  # 81.2 − 25.5, exactly
    assert not load.assistance_beyond_body


def test_an_assistance_heavier_than_the_lifter_leaves_no_load_and_says_so() -> None:
    load = effective_load(LoadKind.BODY_WEIGHT_MINUS, 90, D("2026-03-01"), LOG)
    assert load.weight == 0
    assert load.assistance_beyond_body


def test_the_body_share_scales_the_body_only() -> None:
    load = effective_load(LoadKind.BODY_WEIGHT_PLUS, 10, D("2026-03-01"), LOG, body_share=0.65)
    assert load.weight == F(80) * F(65, 100) + 10
    assert load.body_share == F(13, 20)


def test_the_whole_body_counts_by_default() -> None:
    assert effective_load(LoadKind.BODY_WEIGHT, 0, D("2026-03-01"), LOG).body_share == 1


@pytest.mark.parametrize("share", [0, -0.5, 1.5])
def test_a_body_share_out_of_range_is_refused(share: float) -> None:
    with pytest.raises(ValueError, match="body share"):
        effective_load(LoadKind.BODY_WEIGHT, 0, D("2026-03-01"), LOG, body_share=share)


def test_a_negative_entered_weight_is_refused() -> None:
    with pytest.raises(ValueError, match="can't be below 0"):
        effective_load(LoadKind.BODY_WEIGHT_PLUS, -5, D("2026-03-01"), LOG)


def test_a_weigh_in_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="must be more than 0"):
        BodyWeightEntry(D("2026-03-01"), 0)


# -- no weigh-in -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [LoadKind.BODY_WEIGHT, LoadKind.BODY_WEIGHT_PLUS, LoadKind.BODY_WEIGHT_MINUS]
)
def test_no_weigh_in_means_an_unknown_load_not_zero(kind: LoadKind) -> None:
    load = effective_load(kind, 10, D("2026-03-01"), BodyWeightLog())
    assert load.weight is None
    assert not load.known
    assert load.missing == NO_BODY_WEIGHT
    assert effective_volume(load, 8) is None
    assert effective_one_rep_max(load, 8) is None


# -- the nearest weigh-in ----------------------------------------------------------------------


def test_nearest_by_days_before_and_after() -> None:
    assert LOG.nearest(D("2026-02-01")).weight == 80  # type: ignore[union-attr]
    assert LOG.nearest(D("2026-03-09")).weight == F("82.5")  # type: ignore[union-attr]
    assert LOG.nearest(D("2026-03-18")).weight == F("81.2")  # type: ignore[union-attr]
    assert LOG.nearest(D("2027-01-01")).weight == F("81.2")  # type: ignore[union-attr]


def test_a_tie_goes_to_the_earlier_weigh_in() -> None:
    """6 March is 5 days after 1 March and 5 days before 11 March."""
    assert LOG.nearest(D("2026-03-06")).day == D("2026-03-01")  # type: ignore[union-attr]
    assert LOG.nearest(D("2026-03-07")).day == D("2026-03-11")  # type: ignore[union-attr]


def test_the_set_day_may_be_a_datetime_with_a_time() -> None:
    entry = nearest_body_weight(LOG.entries, datetime(2026, 3, 10, 23, 59))
    assert entry is not None and entry.day == D("2026-03-11")


def test_two_weigh_ins_on_one_day_keep_the_later_in_the_log() -> None:
    log = BodyWeightLog(
        [BodyWeightEntry(D("2026-03-01"), 80), BodyWeightEntry(D("2026-03-01"), 79)]
    )
    assert len(log) == 1
    assert log.nearest(D("2026-03-01")).weight == 79  # type: ignore[union-attr]


def test_an_empty_log_has_no_nearest() -> None:
    assert nearest_body_weight([], D("2026-03-01")) is None


@given(
    st.lists(st.integers(0, 400), min_size=1, max_size=15, unique=True),
    st.integers(-30, 430),
)
def test_nearest_matches_a_scan_of_every_entry(offsets: list[int], at: int) -> None:
    start = D("2026-01-01")
    entries = [BodyWeightEntry(start + timedelta(days=n), 70 + n % 9) for n in offsets]
    day = start + timedelta(days=at)
    best = min(entries, key=lambda e: (abs((e.day - day).days), e.day))
    assert BodyWeightLog(reversed(entries)).nearest(day) == best


# -- what records, volume and e1RM read ---------------------------------------------------------


def test_volume_and_e1rm_use_the_effective_load() -> None:
    load = effective_load(LoadKind.BODY_WEIGHT_PLUS, 20, D("2026-03-01"), LOG)  # 100 kg
    assert effective_volume(load, 5) == 500
    assert effective_one_rep_max(load, 5) == pytest.approx(100 * (1 + 5 / 30))
    brzycki = E1rmRule(OneRepMaxFormula.BRZYCKI)
    assert effective_one_rep_max(load, 5, rule=brzycki) == pytest.approx(100 * 36 / 32)
