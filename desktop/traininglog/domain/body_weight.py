"""Body weight and the load a body-weight set really moves.

A set's load is one of four kinds: a plain load (the weight on the bar), the body weight
alone (pull-ups, dips), the body weight plus an added load (a belt with plates) or the body
weight minus an assistance (an assisted machine, a band entered as its load). The body weight
used is the logged one nearest the set's day; with none logged the load is unknown, never 0.

`body_share` is the part of the body weight the exercise moves. It is 1 by default (the whole
body, as a pull-up); a lifter or a later setting may choose less (about 0.65 for a push-up).
All weights are exact numbers in one unit (kg, as the session files hold them).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from fractions import Fraction

from .calculations import PLAIN_EPLEY, E1rmRule
from .exact import Number, exact, shown


class LoadKind(str, Enum):
    """What a set's entered weight means."""

    PLAIN = "plain"  # the entered weight is the load
    BODY_WEIGHT = "body-weight"  # the body alone; the entered weight is ignored
    BODY_WEIGHT_PLUS = "body-weight-plus"  # body weight + the entered (added) weight
    BODY_WEIGHT_MINUS = "body-weight-minus"  # body weight − the entered (assistance) weight

    @property
    def uses_body_weight(self) -> bool:
        return self is not LoadKind.PLAIN


@dataclass(frozen=True)
class BodyWeightEntry:
    """One weigh-in: the day and the weight."""

    day: date
    weight: Fraction

    def __init__(self, day: date, weight: Number) -> None:
        value = exact(weight)
        if value <= 0:
            raise ValueError(f"a body weight of {shown(value)} on {day}: it must be more than 0")
        object.__setattr__(self, "day", _day(day))
        object.__setattr__(self, "weight", value)


class BodyWeightLog:
    """The weigh-ins in date order, for finding the one nearest a day.

    Two entries on one day: the later in the log is the one kept (a correction)."""

    def __init__(self, entries: Iterable[BodyWeightEntry] = ()) -> None:
        by_day = {entry.day: entry for entry in entries}
        self.entries: tuple[BodyWeightEntry, ...] = tuple(by_day[d] for d in sorted(by_day))
        self._days = [entry.day for entry in self.entries]

    def __len__(self) -> int:
        return len(self.entries)

    def nearest(self, day: date | datetime) -> BodyWeightEntry | None:
        """The entry nearest `day` in days; between two equally near, the earlier one. None
        when the log is empty."""
        return nearest_body_weight(self, day)


def nearest_body_weight(
    log: BodyWeightLog | Iterable[BodyWeightEntry], day: date | datetime
) -> BodyWeightEntry | None:
    """The logged body weight nearest `day` in days (ties go to the earlier entry), or None."""
    if not isinstance(log, BodyWeightLog):
        log = BodyWeightLog(log)
    if not log.entries:
        return None
    day = _day(day)
    after = bisect.bisect_left(log._days, day)
    candidates = log.entries[max(after - 1, 0) : after + 1]
    return min(candidates, key=lambda entry: (abs((entry.day - day).days), entry.day))


@dataclass(frozen=True)
class EffectiveLoad:
    """The load a set moved, and how it was worked out.

    `weight` is None when it depends on a body weight and none is logged; `missing` then says
    so. `body_weight` is the weigh-in used (None for a plain load)."""

    weight: Fraction | None
    kind: LoadKind
    entered: Fraction
    body_weight: BodyWeightEntry | None = None
    body_share: Fraction = Fraction(1)
    missing: str | None = None
    assistance_beyond_body: bool = False

    @property
    def known(self) -> bool:
        return self.weight is not None


NO_BODY_WEIGHT = "no body weight logged: log one to count this set's load"


def effective_load(
    kind: LoadKind | str,
    entered: Number,
    day: date | datetime,
    log: BodyWeightLog | Iterable[BodyWeightEntry] = (),
    body_share: Number = 1,
) -> EffectiveLoad:
    """The load a set moved.

    - plain: the entered weight;
    - body weight: body weight × `body_share` (the entered weight is ignored);
    - body weight + added: body weight × `body_share` + the entered weight;
    - body weight − assistance: body weight × `body_share` − the entered weight, never below 0
      (`assistance_beyond_body` says when the assistance was the heavier).

    The body weight is the logged one nearest `day` (ties: the earlier); none logged, the
    load is unknown (`weight` None, `missing` says why).
    """
    kind = LoadKind(kind)
    entered_weight = exact(entered)
    if entered_weight < 0:
        raise ValueError(f"an entered weight of {shown(entered_weight)}: it can't be below 0")
    share = exact(body_share)
    if not 0 < share <= 1:
        raise ValueError(f"a body share of {shown(share)}: it must be more than 0 and at most 1")
    if kind is LoadKind.PLAIN:
        return EffectiveLoad(entered_weight, kind, entered_weight, body_share=share)
    entry = nearest_body_weight(log, day)
    if entry is None:
        return EffectiveLoad(None, kind, entered_weight, body_share=share, missing=NO_BODY_WEIGHT)
    body = entry.weight * share
    beyond = False
    if kind is LoadKind.BODY_WEIGHT:
        weight = body
    elif kind is LoadKind.BODY_WEIGHT_PLUS:
        weight = body + entered_weight
    else:
        beyond = entered_weight > body
        weight = max(body - entered_weight, Fraction(0))
    return EffectiveLoad(weight, kind, entered_weight, entry, share, None, beyond)


def effective_volume(load: EffectiveLoad, full_reps: int) -> Fraction | None:
    """Load × full reps, or None when the load is unknown (records and volume skip it)."""
    return None if load.weight is None else load.weight * full_reps


def effective_one_rep_max(
    load: EffectiveLoad, full_reps: int, rpe: float | None = None, rule: E1rmRule = PLAIN_EPLEY
) -> float | None:
    """The estimated 1RM of a set from its effective load (in the load's unit), or None when
    the load is unknown or the rule gives no estimate."""
    return None if load.weight is None else rule.estimate(float(load.weight), full_reps, rpe)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
