"""What to lift next time: progression rules a lifter picks per exercise, each working out the
next session's targets (weight, reps and a reason the lifter can read) from the exercise's
earlier sessions.

The rules:
- `DoubleProgression`: work up the reps of a range at one weight; when every set reaches the
  top of the range, add the increment and start again at the bottom.
- `FixedIncrement`: add the increment after a session where every set reached its reps;
  otherwise repeat the weight, and after a number of such sessions in a row, deload by a
  percentage.
- `TrainingMaxWeeks`: percentages of a training max by week (5/3/1 and the like), the
  training max rising by an amount after each full cycle.
- `DeloadWeeks`: wraps one of the above; every so many sessions the coming one is a deload,
  its targets the wrapped rule's scaled to a percentage.

History is given oldest first, in the rule's unit. A session flagged as a deload (the
session's "deload week") says nothing about progress: the rules skip it, and it takes no week
of a cycle. Weights worked out from a percentage are rounded to what the plates make, when
the lifter's plate set is given, or else to the unit's smallest step (2.5 kg, 5 lb).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import ClassVar

from .exact import Number, check_unit, exact, kg_to, shown
from .loads import body_weight_text
from .plates import ROUNDINGS, PlateSet
from .session import Exercise, Session

# The smallest change of load a gym's plates make without micro plates: a pair of 1.25 kg
# or of 2.5 lb plates.
SMALLEST_STEP = {"kg": Fraction(5, 2), "lb": Fraction(5)}


@dataclass(frozen=True)
class PastSet:
    """One working set done: weight (in the rule's unit), full reps, RPE."""

    weight: Fraction
    full_reps: int
    rpe: float | None = None

    def __init__(self, weight: Number, full_reps: int, rpe: float | None = None) -> None:
        object.__setattr__(self, "weight", exact(weight))
        object.__setattr__(self, "full_reps", full_reps)
        object.__setattr__(self, "rpe", rpe)


@dataclass(frozen=True)
class PastSession:
    """One earlier session of the exercise: its day, its working sets in order, and whether
    it was a deload."""

    day: date
    sets: tuple[PastSet, ...]
    deload: bool = False

    @property
    def top_weight(self) -> Fraction:
        return max(s.weight for s in self.sets)

    @property
    def fewest_reps(self) -> int:
        return min(s.full_reps for s in self.sets)


@dataclass(frozen=True)
class Target:
    """One set to do next time: the weight, the reps, and why; `deload` when the session is a
    planned deload (to be saved with the session's deload flag)."""

    weight: Fraction
    reps: int
    reason: str
    unit: str = "kg"
    deload: bool = False
    # "plus" or "minus" for a body-weight exercise: `weight` is then what goes on the belt
    # (or the assistance), as the lifter types it, and the target stays a body-weight set.
    body_weight: str | None = None

    def text(self) -> str:
        """ "102.5 kg × 8"; "BW + 22.5 kg × 6" for a weighted body-weight exercise."""
        weight = f"{shown(self.weight)} {self.unit}"
        if self.body_weight is not None:
            weight = body_weight_text(self.body_weight, weight, not self.weight)
        return f"{weight} × {self.reps}"


def history_of(
    sessions: Iterable[tuple[Session, Exercise]], unit: str = "kg"
) -> tuple[PastSession, ...]:
    """An exercise's history for the rules, from (session, exercise) pairs: oldest first, the
    weights in `unit` (a pound weight logged as 225 lb reads back as 225), the session's deload
    flag kept."""
    past = [
        PastSession(
            session.date.date(),
            tuple(
                PastSet(kg_to(unit, s.weight_kg), s.full_reps, s.rpe) for s in exercise.working_sets
            ),
            session.is_deload_week,
        )
        for session, exercise in sessions
    ]
    return tuple(sorted(past, key=lambda p: p.day))


def rounded(weight: Fraction, unit: str, plates: PlateSet | None, rounding: str) -> Fraction:
    """`weight` as a load the lifter can make: on `plates` when given, else to the unit's
    smallest step. "nearest" sends a tie to the lighter load."""
    if rounding not in ROUNDINGS:
        raise ValueError(f"rounding {rounding!r} is not one of: {', '.join(ROUNDINGS)}")
    if plates is not None:
        if plates.unit != unit:
            raise ValueError(f"the plate set is in {plates.unit}, the rule in {unit}")
        return plates.round(weight, rounding)
    step = SMALLEST_STEP[unit]
    steps = weight / step
    if rounding == "down":
        whole = math.floor(steps)
    elif rounding == "up":
        whole = math.ceil(steps)
    else:
        whole = (
            math.floor(steps) if steps - math.floor(steps) <= Fraction(1, 2) else math.ceil(steps)
        )
    return whole * step


def _trained(history: Iterable[PastSession]) -> list[PastSession]:
    """The sessions that say something about progress: not deloads, with at least one set."""
    return [p for p in sorted(history, key=lambda p: p.day) if p.sets and not p.deload]


def _same(count: int, weight: Fraction, reps: int, reason: str, unit: str) -> tuple[Target, ...]:
    return tuple(Target(weight, reps, reason, unit) for _ in range(count))


def _start(start: Fraction | None, reps: int, count: int, unit: str) -> tuple[Target, ...]:
    if start is None:
        return ()
    reason = f"first session: start at {shown(start)} {unit}"
    return _same(count, start, reps, reason, unit)


def _positive_whole(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{what} must be a whole number of at least 1, not {value!r}")
    return value


def _optional(value: Number | None) -> Fraction | None:
    return None if value is None else exact(value)


@dataclass(frozen=True)
class DoubleProgression:
    """Double progression within a rep range: at one weight, aim for one more rep than the
    fewest done last time, up to `reps_high`; when every set reached `reps_high`, add the
    increment and go back to `reps_low`. Fewer sets than planned earn no increment. The weight
    carried on is the heaviest of the last session's working sets; `start_weight`, when given,
    is the first session's."""

    reps_low: int
    reps_high: int
    increment: Fraction
    sets: int = 3
    start_weight: Fraction | None = None
    unit: str = "kg"
    kind: ClassVar[str] = "double-progression"

    def __post_init__(self) -> None:
        _positive_whole(self.reps_low, "the bottom of the rep range")
        _positive_whole(self.sets, "the number of sets")
        if _positive_whole(self.reps_high, "the top of the rep range") < self.reps_low:
            raise ValueError(f"the rep range {self.reps_low}–{self.reps_high} is upside down")
        object.__setattr__(self, "increment", exact(self.increment))
        object.__setattr__(self, "start_weight", _optional(self.start_weight))
        check_unit(self.unit)

    def next_targets(
        self, history: Iterable[PastSession], plates: PlateSet | None = None
    ) -> tuple[Target, ...]:
        trained = _trained(history)
        if not trained:
            return _start(self.start_weight, self.reps_low, self.sets, self.unit)
        last = trained[-1]
        weight, fewest, unit = last.top_weight, last.fewest_reps, self.unit
        if len(last.sets) < self.sets:
            reps = max(self.reps_low, min(fewest, self.reps_high))
            reason = f"{len(last.sets)} of {self.sets} sets done: same weight, all sets this time"
            return _same(self.sets, weight, reps, reason, unit)
        if fewest >= self.reps_high:
            reason = f"all sets reached {self.reps_high}: +{shown(self.increment)} {unit}"
            return _same(self.sets, weight + self.increment, self.reps_low, reason, unit)
        reps = max(self.reps_low, min(fewest + 1, self.reps_high))
        reason = f"fewest reps {fewest} of {self.reps_high}: same weight, aim for {reps}"
        return _same(self.sets, weight, reps, reason, unit)


@dataclass(frozen=True)
class FixedIncrement:
    """Add `increment` after a session where every set reached `reps`; otherwise repeat the
    weight. After `failures_before_deload` such sessions in a row at one weight, take
    `deload_percent` off it (rounded down to a load the lifter can make). Fewer sets than
    planned are a miss; the weight is the heaviest of the last session's working sets."""

    increment: Fraction
    reps: int
    sets: int = 3
    failures_before_deload: int = 3
    deload_percent: Fraction = Fraction(10)
    start_weight: Fraction | None = None
    unit: str = "kg"
    kind: ClassVar[str] = "fixed-increment"

    def __post_init__(self) -> None:
        _positive_whole(self.reps, "the reps")
        _positive_whole(self.sets, "the number of sets")
        _positive_whole(self.failures_before_deload, "the sessions before a deload")
        object.__setattr__(self, "increment", exact(self.increment))
        object.__setattr__(self, "deload_percent", exact(self.deload_percent))
        object.__setattr__(self, "start_weight", _optional(self.start_weight))
        if not 0 <= self.deload_percent < 100:
            raise ValueError(f"a deload of {shown(self.deload_percent)}%: from 0 to under 100")
        check_unit(self.unit)

    def reached(self, session: PastSession) -> bool:
        """Every planned set done, every one to its reps."""
        return len(session.sets) >= self.sets and session.fewest_reps >= self.reps

    def next_targets(
        self, history: Iterable[PastSession], plates: PlateSet | None = None
    ) -> tuple[Target, ...]:
        trained = _trained(history)
        if not trained:
            return _start(self.start_weight, self.reps, self.sets, self.unit)
        last, unit = trained[-1], self.unit
        weight = last.top_weight
        if self.reached(last):
            reason = f"all {self.sets} sets reached {self.reps}: +{shown(self.increment)} {unit}"
            return _same(self.sets, weight + self.increment, self.reps, reason, unit)
        misses = 0
        for session in reversed(trained):
            if session.top_weight != weight or self.reached(session):
                break
            misses += 1
        limit = self.failures_before_deload
        if misses >= limit:
            lighter = rounded(weight * (1 - self.deload_percent / 100), unit, plates, "down")
            reason = (
                f"{misses} sessions in a row short of {self.reps} at {shown(weight)} {unit}: "
                f"deload {shown(self.deload_percent)}% to {shown(lighter)} {unit}"
            )
            return _same(self.sets, lighter, self.reps, reason, unit)
        reason = (
            f"not every set reached {self.reps}: repeat {shown(weight)} {unit} "
            f"({misses} of {limit} misses before a deload)"
        )
        return _same(self.sets, weight, self.reps, reason, unit)


@dataclass(frozen=True)
class WeekSet:
    """One set of a week: a percentage of the training max, for so many reps."""

    percent: Fraction
    reps: int

    def __init__(self, percent: Number, reps: int) -> None:
        object.__setattr__(self, "percent", exact(percent))
        object.__setattr__(self, "reps", _positive_whole(reps, "the reps"))
        if self.percent <= 0:
            raise ValueError(f"{shown(self.percent)}% of the training max: more than 0, please")


@dataclass(frozen=True)
class TrainingMaxWeeks:
    """Percentages of a training max, week by week: the coming session is week
    (sessions done since `since`) mod (number of weeks); after each full cycle the training
    max rises by `cycle_increment`. Weights are rounded to a load the lifter can make."""

    training_max: Fraction
    weeks: tuple[tuple[WeekSet, ...], ...]
    cycle_increment: Fraction = Fraction(0)
    rounding: str = "nearest"
    since: date | None = None
    unit: str = "kg"
    kind: ClassVar[str] = "training-max-weeks"

    def __post_init__(self) -> None:
        object.__setattr__(self, "training_max", exact(self.training_max))
        object.__setattr__(self, "cycle_increment", exact(self.cycle_increment))
        weeks = tuple(
            tuple(s if isinstance(s, WeekSet) else WeekSet(*s) for s in week) for week in self.weeks
        )
        if not weeks or not all(weeks):
            raise ValueError("a program of weeks needs at least one week, each of one set or more")
        object.__setattr__(self, "weeks", weeks)
        if self.rounding not in ROUNDINGS:
            raise ValueError(f"rounding {self.rounding!r} is not one of: {', '.join(ROUNDINGS)}")
        check_unit(self.unit)

    def next_targets(
        self, history: Iterable[PastSession], plates: PlateSet | None = None
    ) -> tuple[Target, ...]:
        done = [p for p in _trained(history) if self.since is None or p.day >= self.since]
        cycle, week = divmod(len(done), len(self.weeks))
        maximum = self.training_max + cycle * self.cycle_increment
        unit = self.unit
        where = f"week {week + 1} of {len(self.weeks)}"
        if cycle:
            where += f", cycle {cycle + 1}"
        return tuple(
            Target(
                rounded(maximum * s.percent / 100, unit, plates, self.rounding),
                s.reps,
                f"{where}: {shown(s.percent)}% of the {shown(maximum)} {unit} training max",
                unit,
            )
            for s in self.weeks[week]
        )


BaseRule = DoubleProgression | FixedIncrement | TrainingMaxWeeks


@dataclass(frozen=True)
class DeloadWeeks:
    """Another rule with a deload every `every` sessions: after `every` − 1 sessions since the
    last deload (or since the first session), the coming one is a deload, its targets the
    wrapped rule's at `percent` % of their weight (rounded down), same reps.

    A deload is known afterwards by the session's deload flag, so a planned deload should be
    saved with it; the wrapped rule then carries on as if it had not happened."""

    rule: BaseRule
    every: int
    percent: Fraction = Fraction(60)
    kind: ClassVar[str] = "deload-weeks"

    def __post_init__(self) -> None:
        if isinstance(self.rule, DeloadWeeks) or not hasattr(self.rule, "next_targets"):
            raise ValueError("a deload wraps one of the other rules")
        if _positive_whole(self.every, "the sessions per deload") < 2:
            raise ValueError("a deload every session leaves no training: every 2 at least")
        object.__setattr__(self, "percent", exact(self.percent))
        if not 0 < self.percent <= 100:
            raise ValueError(f"a deload at {shown(self.percent)}%: more than 0, at most 100")

    @property
    def unit(self) -> str:
        return self.rule.unit

    def is_deload_next(self, history: Iterable[PastSession]) -> bool:
        """True when `every` − 1 sessions have been trained since the last deload."""
        since_deload = 0
        for session in sorted(history, key=lambda p: p.day):
            if session.deload:
                since_deload = 0
            elif session.sets:
                since_deload += 1
        return since_deload >= self.every - 1

    def next_targets(
        self, history: Iterable[PastSession], plates: PlateSet | None = None
    ) -> tuple[Target, ...]:
        history = tuple(history)
        planned = self.rule.next_targets(history, plates)
        if not self.is_deload_next(history):
            return planned
        unit, percent = self.unit, self.percent
        return tuple(
            Target(
                rounded(t.weight * percent / 100, unit, plates, "down"),
                t.reps,
                f"deload (every {_nth(self.every)} session): {shown(percent)}% of "
                f"{shown(t.weight)} {unit}",
                unit,
                deload=True,
            )
            for t in planned
        )


Rule = BaseRule | DeloadWeeks


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
