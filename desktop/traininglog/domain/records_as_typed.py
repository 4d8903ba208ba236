"""A set typed today against the lifter's standing records for that exercise: does it beat
the best estimated 1RM, or the heaviest weight lifted for that many reps?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .calculations import E1rmRule, OneRepMaxFormula

MAX_REP_RECORD = 12  # rep maxes are kept for 1 to 12 full reps
_MARGIN = 1e-9


@dataclass(frozen=True)
class StandingRecords:
    """What a new set has to beat; empty for an exercise never logged (no records to beat)."""

    best_e1rm_kg: float | None = None
    heaviest_kg_for_reps: dict[int, float] = field(default_factory=dict)

    @classmethod
    def of_sets(
        cls,
        sets: Iterable[tuple[float, int, float | None]],
        rule: E1rmRule | OneRepMaxFormula = OneRepMaxFormula.EPLEY,
    ) -> StandingRecords:
        """From earlier working sets as (weight kg, full reps, RPE)."""
        rule = E1rmRule.of(rule)
        best: float | None = None
        heaviest: dict[int, float] = {}
        for weight, reps, rpe in sets:
            e1rm = rule.estimate(weight, reps, rpe)
            if e1rm is not None and (best is None or e1rm > best):
                best = e1rm
            if 1 <= reps <= MAX_REP_RECORD and weight > heaviest.get(reps, 0.0):
                heaviest[reps] = weight
        return cls(best, heaviest)


@dataclass(frozen=True)
class NewRecord:
    kind: str  # "e1rm" or "reps"
    value_kg: float
    was_kg: float
    reps: int | None = None


def records_beaten(
    weight_kg: float,
    full_reps: int,
    rpe: float | None,
    standing: StandingRecords,
    rule: E1rmRule | OneRepMaxFormula = OneRepMaxFormula.EPLEY,
) -> list[NewRecord]:
    """The records this set beats (equalling one is not beating it)."""
    found = []
    e1rm = E1rmRule.of(rule).estimate(weight_kg, full_reps, rpe)
    best = standing.best_e1rm_kg
    if e1rm is not None and best is not None and e1rm > best + _MARGIN:
        found.append(NewRecord("e1rm", e1rm, best))
    held = standing.heaviest_kg_for_reps.get(full_reps)
    if held is not None and weight_kg > held + _MARGIN:
        found.append(NewRecord("reps", weight_kg, held, full_reps))
    return found
