"""Numbers a lifter cares about: volume, estimated one-rep max, best sets and records.

Working sets only: warm-ups never count toward volume, estimates or records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from .loads import set_load_kg
from .session import Exercise, Session, WorkingSet

# Beyond about a dozen reps every formula drifts far from a real single: sets of more reps
# than the cap give no estimate. The lifter may move the cap in Settings, up to the highest.
DEFAULT_REP_CAP = 12
HIGHEST_REP_CAP = 30
LB_PER_KG = 2.2046226218


class OneRepMaxFormula(str, Enum):
    """The estimated-1RM formulas a lifter can choose between.

    Epley and Brzycki take the weight and the full reps and nothing else. The last one is
    the only one that reads the RPE: it adds the reps in reserve (10 − RPE) to the reps
    before Epley, and it is used only when the lifter picks it.
    """

    EPLEY = "epley"
    BRZYCKI = "brzycki"
    EPLEY_RESERVE = "epley-rir"

    @property
    def label(self) -> str:
        """The short name every figure is labelled with: "Best e1RM (Epley)"."""
        return _LABELS[self]

    @property
    def reads_rpe(self) -> bool:
        return self is OneRepMaxFormula.EPLEY_RESERVE


_LABELS = {
    OneRepMaxFormula.EPLEY: "Epley",
    OneRepMaxFormula.BRZYCKI: "Brzycki",
    OneRepMaxFormula.EPLEY_RESERVE: "Epley + RIR",
}


@dataclass(frozen=True)
class E1rmRule:
    """How every estimated 1RM is worked out: the formula, and the most reps it is trusted
    for (a set of more reps than `rep_cap` gives none)."""

    formula: OneRepMaxFormula = OneRepMaxFormula.EPLEY
    rep_cap: int = DEFAULT_REP_CAP

    def __post_init__(self) -> None:
        object.__setattr__(self, "formula", OneRepMaxFormula(self.formula))
        object.__setattr__(self, "rep_cap", max(1, min(int(self.rep_cap), HIGHEST_REP_CAP)))

    @staticmethod
    def of(rule: E1rmRule | OneRepMaxFormula | str) -> E1rmRule:
        """A rule as given, or a formula with the default rep cap."""
        return rule if isinstance(rule, E1rmRule) else E1rmRule(OneRepMaxFormula(rule))

    @property
    def label(self) -> str:
        return self.formula.label

    def estimate(self, weight_kg: float, full_reps: int, rpe: float | None = None) -> float | None:
        return estimated_one_rep_max(weight_kg, full_reps, rpe, self.formula, self.rep_cap)


PLAIN_EPLEY = E1rmRule()  # the default: plain Epley, 1 to 12 reps


# `body_weight_kg` below: the lifter's body weight logged nearest the session's day, which a
# body-weight set's load counts (`loads.py`); None when none is logged, and such a set is
# then left out. A plain set's figures never depend on it.


def set_volume_kg(working_set: WorkingSet, body_weight_kg: float | None = None) -> float:
    """Load × full reps; partial reps do not count as reps. 0 when the load is unknown."""
    load = set_load_kg(working_set, body_weight_kg)
    return 0.0 if load is None else load * working_set.full_reps


def exercise_volume_kg(exercise: Exercise, body_weight_kg: float | None = None) -> float:
    """Total working-set volume of one exercise."""
    return sum(set_volume_kg(s, body_weight_kg) for s in exercise.working_sets)


def session_volume_kg(session: Session, body_weight_kg: float | None = None) -> float:
    """Total working-set volume of a session."""
    return sum(exercise_volume_kg(e, body_weight_kg) for e in session.exercises)


def effective_reps(full_reps: int, rpe: float | None) -> float:
    """Reps done plus reps in reserve (10 − RPE) when an RPE was logged: what the
    "Epley + RIR" choice puts into Epley. Plain Epley and Brzycki never use it."""
    reps_in_reserve = (10 - rpe) if rpe is not None else 0
    return full_reps + max(reps_in_reserve, 0)


def estimated_one_rep_max(
    weight_kg: float,
    full_reps: int,
    rpe: float | None = None,
    formula: OneRepMaxFormula = OneRepMaxFormula.EPLEY,
    rep_cap: int = DEFAULT_REP_CAP,
) -> float | None:
    """Estimated 1RM in kg, or None when the set says nothing about a max.

    Epley w × (1 + r/30), Brzycki w × 36 / (37 − r), of the weight and the full reps r
    (partial reps never count). A single is its own weight under every formula. No load, no
    full reps, or more reps than `rep_cap`: no estimate. Only `EPLEY_RESERVE` reads the RPE:
    r is then the full reps plus the reps in reserve, and the cap and the single rule apply
    to that r.
    """
    if full_reps <= 0 or weight_kg <= 0:
        return None
    reps = effective_reps(full_reps, rpe) if formula.reads_rpe else full_reps
    if reps > min(rep_cap, HIGHEST_REP_CAP):
        return None
    if reps == 1:
        return float(weight_kg)
    if formula is OneRepMaxFormula.BRZYCKI:
        return weight_kg * 36 / (37 - reps)
    return weight_kg * (1 + reps / 30)


def set_estimated_one_rep_max(
    working_set: WorkingSet,
    rule: E1rmRule | OneRepMaxFormula = OneRepMaxFormula.EPLEY,
    body_weight_kg: float | None = None,
) -> float | None:
    """Estimated 1RM of one working set, from its load; None when the load is unknown."""
    load = set_load_kg(working_set, body_weight_kg)
    if load is None:
        return None
    return E1rmRule.of(rule).estimate(load, working_set.full_reps, working_set.rpe)


def best_set(
    sets: Iterable[WorkingSet],
    formula: E1rmRule | OneRepMaxFormula = OneRepMaxFormula.EPLEY,
    body_weight_kg: float | None = None,
) -> WorkingSet | None:
    """The set with the highest estimated 1RM (the first of equals), or None."""
    best: WorkingSet | None = None
    best_e1rm = -1.0
    for working_set in sets:
        e1rm = set_estimated_one_rep_max(working_set, formula, body_weight_kg)
        if e1rm is not None and e1rm > best_e1rm:
            best, best_e1rm = working_set, e1rm
    return best


@dataclass(frozen=True)
class Record:
    """A personal record: what, how much, and when it was set."""

    kind: str  # "e1rm", "weight-for-reps", "session-volume"
    value_kg: float
    day: str
    session_id: str
    reps: int | None = None


@dataclass(frozen=True)
class ExerciseRecords:
    """The records of one exercise across a history."""

    exercise: str
    best_e1rm: Record | None
    heaviest_for_reps: dict[int, Record]
    best_session_volume: Record | None


def records_for_exercise(
    history: Iterable[tuple[Session, Exercise]],
    formula: E1rmRule | OneRepMaxFormula = OneRepMaxFormula.EPLEY,
    max_rep_count: int = 12,
    body_weight_on: Callable[[Session], float | None] | None = None,
) -> ExerciseRecords | None:
    """Records for one exercise from (session, exercise) pairs in date order.

    A record is held by the first session to reach it; equalling it later does not take it.
    `body_weight_on(session)`: the body weight a session's body-weight sets count (the one
    logged nearest its day); without it such sets have no known load and hold no record.
    """
    name = None
    best_e1rm: Record | None = None
    heaviest: dict[int, Record] = {}
    best_volume: Record | None = None
    for session, exercise in history:
        name = name or exercise.name
        body_weight_kg = body_weight_on(session) if body_weight_on is not None else None
        for working_set in exercise.working_sets:
            e1rm = set_estimated_one_rep_max(working_set, formula, body_weight_kg)
            if e1rm is not None and (best_e1rm is None or e1rm > best_e1rm.value_kg):
                best_e1rm = Record("e1rm", e1rm, session.day, session.id)
            reps = working_set.full_reps
            load = set_load_kg(working_set, body_weight_kg)
            if 1 <= reps <= max_rep_count and load is not None and load > 0:
                held = heaviest.get(reps)
                if held is None or load > held.value_kg:
                    heaviest[reps] = Record("weight-for-reps", load, session.day, session.id, reps)
        volume = exercise_volume_kg(exercise, body_weight_kg)
        if volume > 0 and (best_volume is None or volume > best_volume.value_kg):
            best_volume = Record("session-volume", volume, session.day, session.id)
    if name is None:
        return None
    return ExerciseRecords(name, best_e1rm, dict(sorted(heaviest.items())), best_volume)
