"""The numbers of a set as other apps write them: weights in kg or lb, reps, RPE, rest.

Each reader raises `BadValue` with a message a lifter can act on; the caller adds the
file, line and column.
"""

from __future__ import annotations

import math
import re

from ..domain import limits

KG_PER_LB = 0.45359237
# Weights are kept to the gram: enough that 135 lb reads back as 135.0 lb, and it removes
# float noise such as 149.99999999999997.
WEIGHT_DECIMALS = 3
REST_DECIMALS = 2

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")
_UNIT_WORDS = {
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
}


class BadValue(ValueError):
    """A value that cannot be what its column says; the message says why, `field` where."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


def unit_named(word: str) -> str | None:
    """ "kg" or "lb" for the ways people write them ("kgs", "Lbs", "pounds"), else None."""
    return _UNIT_WORDS.get(word.strip().casefold())


def number(text: str) -> float:
    """A decimal number, with a point or a decimal comma (62,5)."""
    text = text.strip()
    if text.isdigit():  # the common case, without the pattern
        value = float(text)
    elif _NUMBER.match(text):
        value = float(text.replace(",", "."))
    else:
        raise BadValue(f"{text!r} is not a number")
    if not math.isfinite(value):  # 310 digits and more read as infinity
        raise BadValue(f"{text[:20]!r}… is too large a number")
    return value


def has_value(text: str) -> bool:
    """True when a distance or time cell holds something other than nothing or zero."""
    return any(ch in "123456789" for ch in text)


def weight_kg(value: float, unit: str) -> float:
    """A weight in kg from a value in `unit`, rounded to the gram."""
    kg = value * KG_PER_LB if unit == "lb" else value
    kg = round(kg, WEIGHT_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    if kg > limits.MAX_WEIGHT_KG:
        raise BadValue(f"{kg:g} kg is more than the maximum {limits.MAX_WEIGHT_KG} kg")
    return kg


def reps(text: str) -> int:
    """A whole, non-negative number of reps; an empty cell is 0."""
    if not text.strip():
        return 0
    value = number(text)
    if value != int(value):
        raise BadValue(f"{text.strip()!r} is not a whole number of reps")
    if value < 0 or value > limits.MAX_REPS:
        raise BadValue(f"{text.strip()} reps is outside 0 to {limits.MAX_REPS}")
    return int(value)


def rpe(text: str) -> float | None:
    """RPE rounded to the nearest half step; empty or 0 means none was logged."""
    if not text.strip():
        return None
    value = number(text)
    if value == 0:
        return None
    return half_step_rpe(value)


def half_step_rpe(value: float) -> float:
    """An RPE between 1 and 10 to the nearest half (8.3 → 8.5); outside 1–10 is refused."""
    if not limits.MIN_RPE <= value <= limits.MAX_RPE:
        raise BadValue(f"{value:g} is outside {limits.MIN_RPE} to {limits.MAX_RPE}")
    return math.floor(value * 2 + 0.5) / 2


def rest_minutes(seconds: float) -> float:
    """Rest in minutes from seconds, to the hundredth of a minute."""
    minutes = round(seconds / 60, REST_DECIMALS)
    if minutes < 0 or minutes > limits.MAX_REST_MINUTES:
        raise BadValue(
            f"a rest of {minutes:g} minutes is outside 0 to {limits.MAX_REST_MINUTES} minutes"
        )
    return minutes


def check_text(text: str, what: str) -> str:
    """Notes and names within the session file's length limit."""
    if len(text) > limits.MAX_NOTES_CHARS:
        raise BadValue(
            f"{what} are {len(text):,} characters long; at most {limits.MAX_NOTES_CHARS:,}"
        )
    return text
