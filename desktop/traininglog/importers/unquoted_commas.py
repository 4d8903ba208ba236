"""Rows whose names or comments hold a comma that the exporting app did not quote.

FitNotes writes `Press, Seated` or `Hard, last rep slow` bare in some exports, so such a row
has more fields than the header. The extra fields belong to one of the free-text columns
(the exercise name or the comment); the row is rejoined when exactly one way of giving them
to those columns leaves a number (or nothing) in every numeric column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from .set_values import BadValue, number, unit_named

_CLOCK = re.compile(r"^\d+(?::\d{1,2}){1,2}(?:\.\d+)?$")
_UNIT_WORD = re.compile(r"^[^\W\d_]{0,12}$")


def _is_number(text: str) -> bool:
    text = text.strip()
    if not text:
        return True
    try:
        number(text)
    except BadValue:
        return False
    return True


def _is_time(text: str) -> bool:
    return _is_number(text) or bool(_CLOCK.match(text.strip()))


def _is_unit_word(text: str) -> bool:
    return bool(_UNIT_WORD.match(text.strip()))


def _is_weight_unit(text: str) -> bool:
    return not text.strip() or unit_named(text) is not None


def _is_words(text: str) -> bool:
    return bool(text.strip()) and not _is_number(text)


# What each kind of column must hold for a way of joining to be the right one.
CHECKS: Mapping[str, Callable[[str], bool]] = {
    "weight": _is_number,
    "reps": _is_number,
    "distance": _is_number,
    "seconds": _is_time,
    "distance_unit": _is_unit_word,
    "weight_unit": _is_weight_unit,
    "category": _is_words,
}


@dataclass(frozen=True)
class Rejoined:
    """The row's cells one per column (None when no single way fits), and the ways that fit."""

    cells: list[str] | None
    ways: int


def _shares(extra: int, columns: int) -> Iterator[tuple[int, ...]]:
    """Every way of handing `extra` fields to `columns` columns."""
    if columns == 1:
        yield (extra,)
        return
    for first in range(extra + 1):
        for rest in _shares(extra - first, columns - 1):
            yield (first, *rest)


def _joined(cells: Sequence[str], width: int, extra: Mapping[int, int]) -> list[str]:
    out, at = [], 0
    for column in range(width):
        take = 1 + extra.get(column, 0)
        out.append(",".join(cells[at : at + take]))
        at += take
    return out


def rejoin(
    cells: Sequence[str],
    width: int,
    free_text: Sequence[int],
    checks: Mapping[int, Callable[[str], bool]],
) -> Rejoined:
    """The row's `cells` rejoined into `width` columns, the surplus given to the `free_text`
    columns (indexes) in the one way where every checked column (index → check) passes."""
    surplus = len(cells) - width
    if surplus <= 0 or not free_text:
        return Rejoined(None, 0)
    fits = []
    for share in _shares(surplus, len(free_text)):
        candidate = _joined(cells, width, dict(zip(free_text, share, strict=True)))
        if all(check(candidate[i]) for i, check in checks.items() if i < width):
            fits.append(candidate)
            if len(fits) > 1:
                break
    return Rejoined(fits[0] if len(fits) == 1 else None, len(fits))


def fits_as_is(
    cells: Sequence[str], width: int, checks: Mapping[int, Callable[[str], bool]]
) -> bool:
    """True when a row with blank fields past the header reads fine without rejoining."""
    return not any(c.strip() for c in cells[width:]) and all(
        check(cells[i]) for i, check in checks.items() if i < min(width, len(cells))
    )
