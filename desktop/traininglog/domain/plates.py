"""The plate calculator: which plates go on each side of the bar for a load, with the lifter's
own bar, plates and collars, in kg or lb; and, for a load that can't be made, the nearest
loads that can and why.

Rules of the bar:
- A plate set lists the plates owned in total, as (weight, count) pairs; each side takes at
  most count // 2 of a plate (an odd one out stays on the rack).
- Collars (their weight is the pair's) go on with the first plate: the empty bar is the bar
  alone, every other load is bar + collars + two equal sides.
- Each side is loaded heaviest plate first, the heaviest plates that still make the load.

Every weight is exact (`exact.exact`): 1.25 kg and 2.5 lb plates add up without float error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from functools import cached_property

from .exact import Number, check_unit, exact, shown

ROUNDINGS = ("nearest", "down", "up")


class WhyNot(str, Enum):
    """Why a load can't be made with the plates owned."""

    BELOW_BAR = "below-bar"
    MORE_THAN_OWNED = "more-than-owned"
    NOT_A_STEP = "not-a-step"
    NO_COMBINATION = "no-combination"


@dataclass(frozen=True)
class BarLoad:
    """One way to load the bar: the bar, the plates on each side (heaviest first) and the
    collars when there are plates."""

    total: Fraction
    bar: Fraction
    per_side: tuple[Fraction, ...]
    collars: Fraction
    unit: str

    @property
    def plate_counts(self) -> tuple[tuple[Fraction, int], ...]:
        """The plates per side as (weight, how many), heaviest first."""
        counts: dict[Fraction, int] = {}
        for plate in self.per_side:
            counts[plate] = counts.get(plate, 0) + 1
        return tuple(counts.items())

    def text(self) -> str:
        """ "20 kg bar + 25 · 10 · 2.5 per side", collars added when worn: "… + 5 kg collars"."""
        words = f"{shown(self.bar)} {self.unit} bar"
        if self.per_side:
            words += " + " + " · ".join(shown(p) for p in self.per_side) + " per side"
        if self.collars:
            words += f" + {shown(self.collars)} {self.unit} collars"
        return words


@dataclass(frozen=True)
class PlateAnswer:
    """What the calculator says about a target load: how to make it (`load`), or why it can't
    be made (`why`) and the nearest loads that can, below and above (None when there is none)."""

    target: Fraction
    unit: str
    load: BarLoad | None
    below: BarLoad | None = None
    above: BarLoad | None = None
    why: WhyNot | None = None
    why_text: str = ""

    @property
    def exact(self) -> bool:
        return self.load is not None

    def text(self) -> str:
        """The plates, or why not and the nearest loads: "101 kg can't be made (…): 100 kg
        (20 kg bar + 25 · 15 per side) or 102.5 kg (…)"."""
        if self.load is not None:
            return self.load.text()
        nearest = [
            f"{shown(option.total)} {self.unit} ({option.text()})"
            for option in (self.below, self.above)
            if option is not None
        ]
        words = f"{shown(self.target)} {self.unit} can't be made: {self.why_text}"
        return words + ("; nearest " + " or ".join(nearest) if nearest else "")


@dataclass(frozen=True)
class PlateSet:
    """A lifter's bar, plates owned (weight, count in total) and collars (the pair), in one unit.

    Numbers may be given as int, float, text, Decimal or Fraction; they are kept exact, the
    plates merged by weight and listed heaviest first.
    """

    bar: Fraction
    plates: tuple[tuple[Fraction, int], ...]
    collars: Fraction = Fraction(0)
    unit: str = "kg"

    def __init__(
        self,
        bar: Number,
        plates: Iterable[tuple[Number, int]],
        collars: Number = 0,
        unit: str = "kg",
    ) -> None:
        merged: dict[Fraction, int] = {}
        for weight, count in plates:
            plate = exact(weight)
            if plate <= 0:
                raise ValueError(f"a plate of {shown(plate)} {unit}: plates weigh more than 0")
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"{count!r} plates of {shown(plate)}: a count is a whole number")
            merged[plate] = merged.get(plate, 0) + count
        object.__setattr__(self, "bar", _not_negative(exact(bar), "the bar"))
        object.__setattr__(self, "plates", tuple(sorted(merged.items(), reverse=True)))
        object.__setattr__(self, "collars", _not_negative(exact(collars), "the collars"))
        object.__setattr__(self, "unit", check_unit(unit))

    @classmethod
    def standard(cls, unit: str = "kg") -> PlateSet:
        """A 20 kg bar with a gym's kg plates, or a 45 lb bar with a gym's lb plates."""
        return STANDARD_KG if check_unit(unit) == "kg" else STANDARD_LB

    @property
    def per_side(self) -> tuple[tuple[Fraction, int], ...]:
        """The plates each side can take: (weight, count // 2), heaviest first, none left out."""
        return tuple((weight, count // 2) for weight, count in self.plates if count >= 2)

    @property
    def step(self) -> Fraction | None:
        """The finest change of load past the first pair: twice the largest weight every
        per-side plate is a multiple of (2.5 kg for a set whose smallest pair is 1.25 kg)."""
        return 2 * self._grid.unit if self._grid.unit else None

    @property
    def heaviest(self) -> Fraction:
        """The heaviest load the plates make: every pair on, collars too."""
        side = sum((w * n for w, n in self.per_side), Fraction(0))
        return self.bar + self.collars + 2 * side if side else self.bar

    def load(self, target: Number) -> PlateAnswer:
        """How to make `target` (same unit as the set); when it can't be made, why, and the
        nearest loads below and above."""
        target = exact(target)
        found = self._bar_load(self._side_units(target))
        if found is not None:
            return PlateAnswer(target, self.unit, found)
        why = self._why_not(target)
        return PlateAnswer(
            target,
            self.unit,
            None,
            below=self._nearest(target, below=True),
            above=self._nearest(target, below=False),
            why=why,
            why_text=self._why_text(why, target),
        )

    def can_make(self, target: Number) -> bool:
        return self._bar_load(self._side_units(exact(target))) is not None

    def round(self, target: Number, rounding: str = "nearest") -> Fraction:
        """The loadable weight nearest `target`: "nearest" (a tie goes to the lighter load),
        "down" or "up" (falling back to the other side when there is no load that way)."""
        if rounding not in ROUNDINGS:
            raise ValueError(f"rounding {rounding!r} is not one of: {', '.join(ROUNDINGS)}")
        answer = self.load(target)
        if answer.load is not None:
            return answer.load.total
        below, above = answer.below, answer.above
        if below is None or (rounding == "up" and above is not None):
            return above.total  # type: ignore[union-attr]  # one of the two always exists
        if above is None or rounding == "down":
            return below.total
        target = answer.target
        return below.total if target - below.total <= above.total - target else above.total

    # -- the search -------------------------------------------------------------------------

    @cached_property
    def _grid(self) -> _Grid:
        return _Grid.of(self.per_side)

    def _side_units(self, target: Fraction) -> int | None:
        """The per-side load of `target` in grid units (0: the empty bar), None when there is
        no such whole number."""
        if target == self.bar:
            return 0
        unit = self._grid.unit
        if not unit:
            return None
        units = (target - self.bar - self.collars) / (2 * unit)
        return units.numerator if units.denominator == 1 and units > 0 else None

    def _total(self, units: int) -> Fraction:
        return self.bar + self.collars + 2 * units * self._grid.unit if units else self.bar

    def _bar_load(self, units: int | None) -> BarLoad | None:
        if units is None:
            return None
        plates = self._grid.plates_for(units)
        if plates is None:
            return None
        return BarLoad(
            self._total(units), self.bar, plates, self.collars if plates else Fraction(0), self.unit
        )

    def _nearest(self, target: Fraction, below: bool) -> BarLoad | None:
        options: list[int] = []
        if (self.bar < target) if below else (self.bar > target):
            options.append(0)
        grid = self._grid
        if grid.unit:
            x = (target - self.bar - self.collars) / (2 * grid.unit)
            units = grid.highest_below(math.ceil(x) - 1) if below else grid.lowest_above(x)
            if units is not None:
                options.append(units)
        if not options:
            return None
        pick = max if below else min
        return self._bar_load(pick(options, key=self._total))

    def _why_not(self, target: Fraction) -> WhyNot:
        if target < self.bar:
            return WhyNot.BELOW_BAR
        if target > self.heaviest:
            return WhyNot.MORE_THAN_OWNED
        step = self.step
        if step and ((target - self.bar - self.collars) / step).denominator != 1:
            return WhyNot.NOT_A_STEP
        return WhyNot.NO_COMBINATION

    def _why_text(self, why: WhyNot, target: Fraction) -> str:
        unit = self.unit
        if why is WhyNot.BELOW_BAR:
            return f"lighter than the {shown(self.bar)} {unit} bar"
        if why is WhyNot.MORE_THAN_OWNED:
            return f"more than the plates owned make (at most {shown(self.heaviest)} {unit})"
        if why is WhyNot.NOT_A_STEP:
            step = self.step or Fraction(0)
            smallest = min(w for w, _ in self.per_side)
            if step == 2 * smallest:
                pair = f"2 × {shown(smallest)} {unit}"
                return f"loads go up in steps of {shown(step)} {unit}, the lightest pair ({pair})"
            return f"loads go up in steps of {shown(step)} {unit}"
        return "no combination of the plates owned makes it"


def _not_negative(value: Fraction, what: str) -> Fraction:
    if value < 0:
        raise ValueError(f"{what} can't weigh less than 0")
    return value


@dataclass(frozen=True)
class _Grid:
    """The per-side plates as whole multiples of one unit (the largest weight they are all
    multiples of), and for each plate which per-side loads it and the lighter ones can make,
    as bit sets (bit n set: n units can be made)."""

    unit: Fraction
    plates: tuple[tuple[Fraction, int, int], ...]  # weight, units, how many per side
    makeable: tuple[int, ...]  # makeable[i]: with plates i…; makeable[len] is 1 (nothing)

    @classmethod
    def of(cls, per_side: tuple[tuple[Fraction, int], ...]) -> _Grid:
        if not per_side:
            return cls(Fraction(0), (), (1,))
        common = math.lcm(*(w.denominator for w, _ in per_side))
        unit = Fraction(math.gcd(*(w.numerator * (common // w.denominator) for w, _ in per_side)))
        unit /= common
        plates = tuple((w, int(w / unit), n) for w, n in per_side)
        makeable = [1]
        for _, units, count in reversed(plates):
            # 0…count plates as groups of 1, 2, 4… (and the rest): every number of them is a
            # sum of some groups, in a handful of shifts even for hundreds of plates.
            reached, group, left = makeable[-1], 1, count
            while left:
                take = min(group, left)
                reached |= reached << (take * units)
                left, group = left - take, group * 2
            makeable.append(reached)
        return cls(unit, plates, tuple(reversed(makeable)))

    def plates_for(self, units: int) -> tuple[Fraction, ...] | None:
        """The plates of one side making `units`, heaviest first, or None when none do."""
        if units < 0 or not (self.makeable[0] >> units) & 1:
            return None
        chosen: list[Fraction] = []
        left = units
        for i, (weight, size, count) in enumerate(self.plates):
            for take in range(min(count, left // size), -1, -1):
                if (self.makeable[i + 1] >> (left - take * size)) & 1:
                    chosen.extend([weight] * take)
                    left -= take * size
                    break
        return tuple(chosen)

    def highest_below(self, most: int) -> int | None:
        """The most units ≥ 1 and ≤ `most` a side can make, or None."""
        most = min(most, self.makeable[0].bit_length())  # no mask wider than the loads
        if most < 1:
            return None
        bits = self.makeable[0] & ((1 << (most + 1)) - 2)
        return bits.bit_length() - 1 if bits else None

    def lowest_above(self, x: Fraction) -> int | None:
        """The fewest units > x (and ≥ 1) a side can make, or None."""
        least = max(math.floor(x) + 1, 1)
        bits = self.makeable[0] >> least
        return least + (bits & -bits).bit_length() - 1 if bits else None


STANDARD_KG = PlateSet(
    20, [(25, 8), (20, 2), (15, 2), (10, 2), (5, 2), (2.5, 2), (1.25, 2)], unit="kg"
)
STANDARD_LB = PlateSet(45, [(45, 8), (35, 2), (25, 2), (10, 2), (5, 2), (2.5, 2)], unit="lb")


def load_bar(target: Number, plates: PlateSet = STANDARD_KG) -> PlateAnswer:
    """The plates per side for `target` on `plates` (the standard kg set by default)."""
    return plates.load(target)
