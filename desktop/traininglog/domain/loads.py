"""The load a set moved, in kilograms, as every figure counts it (volume, e1RM, records).

A plain set's load is its weight. A body-weight set (`WorkingSet.body_weight`) counts the
lifter's body weight logged nearest its day: "plus" adds the set's weight to it (a dip belt
with plates; 0 for the body alone), "minus" takes the set's weight from it (an assisted
machine), never below 0. With no body weight logged its load is unknown: None, and every
figure leaves the set out rather than count it as 0.

The sums are exact (102.3 + 20 is 122.3, not 122.30000000000001), then made a float once, so
the index, the form and the exports all show the same number.
"""

from __future__ import annotations

from fractions import Fraction

from .exact import exact
from .session import BODY_WEIGHT_MINUS, BODY_WEIGHT_PLUS, WarmupSet, WorkingSet


def load_kg(
    weight_kg: float, body_weight: str | None, body_weight_kg: float | None
) -> float | None:
    """The load of a set of `weight_kg` and kind `body_weight` ("plus", "minus" or None), for
    a lifter weighing `body_weight_kg` (None: not known)."""
    if body_weight is None:
        return weight_kg
    if body_weight_kg is None:
        return None
    if body_weight == BODY_WEIGHT_PLUS:
        return float(exact(body_weight_kg) + exact(weight_kg))
    if body_weight == BODY_WEIGHT_MINUS:
        return float(max(exact(body_weight_kg) - exact(weight_kg), Fraction(0)))
    raise ValueError(f"{body_weight!r} is not a kind of body-weight set (plus, minus)")


BODY_WEIGHT_WORD = "BW"  # how lifters write the body weight in a set's weight


def body_weight_text(kind: str, weight: str, nothing_added: bool, cell: bool = False) -> str:
    """A body-weight set's weight as lifters write it, `weight` being what was added or taken
    off as shown: "BW" for the body alone, "BW + 20 kg" added, "BW − 30 kg" taken off; as
    typed in a cell (`cell`): "BW", "BW+20", "BW-30"."""
    if kind == BODY_WEIGHT_PLUS and nothing_added:
        return BODY_WEIGHT_WORD
    if cell:
        return f"{BODY_WEIGHT_WORD}{'+' if kind == BODY_WEIGHT_PLUS else '-'}{weight}"
    return f"{BODY_WEIGHT_WORD} {'+' if kind == BODY_WEIGHT_PLUS else '−'} {weight}"


def set_load_kg(one_set: WarmupSet | WorkingSet, body_weight_kg: float | None) -> float | None:
    """The load `one_set` moved for a lifter weighing `body_weight_kg` (None: not known)."""
    return load_kg(one_set.weight_kg, one_set.body_weight, body_weight_kg)
