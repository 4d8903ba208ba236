"""Weights as exact numbers, so that plates, increments and percentages add up to what a
lifter would work out by hand: 1.25 kg and 2.5 lb plates never drift (0.1 + 0.2 ≠ 0.3 in
floating point), and 102.5 stays 102.5.

Every weight in the plate calculator, the body-weight loads and the progression rules is a
`Fraction`. A float is read by its shortest decimal text (0.1 is one tenth, not the binary
number nearest to it), which is what the lifter typed.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

Number = int | float | str | Decimal | Fraction
UNITS = ("kg", "lb")
KG_PER_LB = Fraction("0.45359237")  # the international pound, exactly


def exact(value: Number) -> Fraction:
    """`value` as an exact number: 102.5 → 205/2, 0.1 → 1/10, "2.5" → 5/2.

    Raises ValueError for what is not a finite number (NaN, infinity, booleans, text that is
    not a number)."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a finite number")
        return Fraction(repr(value))
    if isinstance(value, (int, Decimal)):
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError(f"{value} is not a finite number")
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value!r} is not a number") from None
    raise ValueError(f"{value!r} is not a number")


def shown(value: Fraction) -> str:
    """A weight as a lifter writes it: 100, 102.5, 1.25, 0.1 (no trailing zeros); a value with
    no finite decimal form is shown to three places."""
    if not _is_finite_decimal(value):
        return shown(Fraction(round(value * 1000), 1000))
    places, scaled = 0, value
    while scaled.denominator != 1:
        scaled, places = scaled * 10, places + 1
    text = f"{Decimal(scaled.numerator).scaleb(-places):f}"
    return text.rstrip("0").rstrip(".") if places else text


def _is_finite_decimal(value: Fraction) -> bool:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def check_unit(unit: str) -> str:
    if unit not in UNITS:
        raise ValueError(f"unit {unit!r} is not one of: {', '.join(UNITS)}")
    return unit


def kg_to(unit: str, kg: float | Fraction, places: int = 3) -> Fraction:
    """A weight the session file holds in kg, in `unit`, rounded to `places` decimals so that a
    pound weight logged as 225 lb (102.058… kg) reads back as exactly 225."""
    value = exact(kg) if check_unit(unit) == "kg" else exact(kg) / KG_PER_LB
    scale = 10**places
    return Fraction(round(value * scale), scale)
