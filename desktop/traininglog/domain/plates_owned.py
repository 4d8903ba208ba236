"""The plates a lifter owns, written as text in Settings: "25×8, 20×2, 2.5×2" (weight ×
how many in total, any order; x or * for ×, a comma or a point before decimals, parts
separated by commas, semicolons or new lines)."""

from __future__ import annotations

import re
from fractions import Fraction

from .exact import shown
from .plates import PlateSet

MAX_PLATES_OF_A_WEIGHT = 1000
_PART = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*[×xX*]\s*([0-9]+)\s*$")
_SEPARATORS = re.compile(r"[;\n]|,(?![0-9]+\s*[×xX*])")


def parse_plates_owned(text: str) -> tuple[tuple[Fraction, int], ...]:
    """The (weight, count) pairs of `text`, merged by weight, heaviest first; ValueError
    naming the part that is wrong and why."""
    merged: dict[Fraction, int] = {}
    for part in (p.strip() for p in _SEPARATORS.split(text)):
        if not part:
            continue
        match = _PART.match(part)
        if not match:
            raise ValueError(f"“{part}” is not weight×count, like 25×8")
        weight = Fraction(match.group(1).replace(",", "."))
        count = int(match.group(2))
        if weight <= 0:
            raise ValueError(f"“{part}”: a plate weighs more than 0")
        if count < 1:
            raise ValueError(f"“{part}”: a count of at least 1 (leave out plates not owned)")
        if count > MAX_PLATES_OF_A_WEIGHT:
            raise ValueError(f"“{part}”: at most {MAX_PLATES_OF_A_WEIGHT} plates of one weight")
        merged[weight] = merged.get(weight, 0) + count
    if not merged:
        raise ValueError("no plates: write them as weight×count, like 25×8, 20×2")
    return tuple(sorted(merged.items(), reverse=True))


def plates_owned_text(plates: PlateSet) -> str:
    """ "25×8, 20×2, 2.5×2": the plates of a set as the lifter writes them."""
    return ", ".join(f"{shown(weight)}×{count}" for weight, count in plates.plates)
