"""Markdown notes set lines: `80kg x 5+2 @9.5 perfect rest 3min # note`, `3x5 @ 80kg`,
`100 x 5 x 3`, `BW x 12`, `BW+20kg x 5`, `BW-30kg x 8`, and warm-up lines
`warmup: 20 x 5, 40 x 5`.

Every reader raises `BadValue` (`NotUnderstood` when the text is not a set at all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..domain import limits
from ..domain.session import BODY_WEIGHT_MINUS, BODY_WEIGHT_PLUS
from ..domain.vocabulary import REP_ASSESSMENTS
from ..formats.markdown_text import unquoted
from .markdown_lines import NotUnderstood
from .set_values import KG_PER_LB, WEIGHT_DECIMALS, BadValue, half_step_rpe, unit_named

_NUM = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)"
_UNIT = r"(?:kgs?|kilos?|kilograms?|lbs?|pounds?)"
_TIMES = r"\s*[x×*]\s*"
# Body weight with a load added (a belt with plates) or taken off (an assisted machine); the
# minus as typed (-), as typeset (−) or as a word processor turns it (–).
_BW = r"(?:bw|bodyweight)"
_SIGN = r"[+\-−–]"
_MINUS_SIGNS = "-−–"

_LOAD = re.compile(
    rf"^(?:(?P<bw>{_BW})(?:\s*(?P<sign>{_SIGN})\s*(?P<extra>{_NUM})\s*(?P<extra_unit>{_UNIT})?)?"
    rf"|(?P<value>{_NUM})\s*(?P<unit>{_UNIT})?)$",
    re.IGNORECASE,
)
_BW_START = re.compile(rf"^{_BW}(?![a-z])", re.IGNORECASE)
_WEIGHT_X_REPS = re.compile(
    rf"^(?P<load>[^x×*@#]+?){_TIMES}(?P<reps>\d+)(?:\s*\+\s*(?P<partial>\d+))?"
    rf"(?:\s*reps?\b)?(?:{_TIMES}(?P<sets>\d+)(?:\s*sets?\b)?)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_AT_LOAD = re.compile(
    rf"^\s*@\s*(?P<load>{_BW}(?:\s*{_SIGN}\s*{_NUM}\s*{_UNIT}?)?|{_NUM}\s*{_UNIT}?)"
    rf"(?![\w.]|,\d)(?P<rest>.*)$",
    re.IGNORECASE,
)
_RPE = re.compile(rf"^(?:@\s*(?:rpe\s*)?|rpe\s*:?\s*)(?P<value>{_NUM})(?![\w.]|,\d)", re.IGNORECASE)
_REST = re.compile(
    rf"^rest(?:ed)?\s*:?\s*(?:(?P<clock_m>\d+):(?P<clock_s>\d{{2}})|(?P<value>{_NUM})\s*"
    r"(?P<unit>minutes?|mins?|m|seconds?|secs?|s|')?)(?![\w.]|,\d)",
    re.IGNORECASE,
)
_FELT = re.compile(rf"^(?P<word>{'|'.join(REP_ASSESSMENTS)})(?!\w)", re.IGNORECASE)
_SEPARATORS = re.compile(r"^[\s,;]+")
_WARMUP = re.compile(r"^(?:warm[\s-]?ups?|wu|w)\s*:\s*(?P<sets>.*)$", re.IGNORECASE)
# `N x R @ W` without a unit is N sets only for N up to this; beyond, N is a weight.
_MOST_SETS = 10


@dataclass(frozen=True)
class SetLine:
    """What one set line says; `count` sets of it (3x5 @ 80kg is three)."""

    count: int
    weight_kg: float
    reps: int
    partial_reps: int = 0
    rpe: float | None = None
    rep_assessment: str | None = None
    rest_minutes: float | None = None
    notes: str | None = None
    body_weight: str | None = None  # "plus" or "minus" for BW, BW+20kg, BW-30kg


def split_note(text: str) -> tuple[str, str | None]:
    """`80 x 5 # felt fast` → ("80 x 5", "felt fast"); a JSON-quoted note is unquoted."""
    spec, mark, note = text.partition("#")
    if not mark:
        return text.strip(), None
    value, was_quoted = unquoted(note)
    return spec.strip(), value if (value or was_quoted) else None


def warmup_sets(text: str, default_unit: str) -> list[SetLine] | None:
    """`warmup: 20 x 5, 40 x 5` → its sets (a note after # is the last set's); None if the
    line is not a warm-up line."""
    spec, note = split_note(text)
    match = _WARMUP.match(spec)
    if not match:
        return None
    items = [item.strip() for item in _list_items(match["sets"])]
    if not any(items):
        raise BadValue("lists no sets; write warmup: 20 x 5, 40 x 5", "warmup")
    sets: list[SetLine] = []
    for item in items:
        if not item:
            continue
        found = set_line(item, default_unit)
        extras = (found.rpe, found.rep_assessment, found.rest_minutes)
        if found.partial_reps or any(x is not None for x in extras):
            raise BadValue(f"{item!r}: a warm-up is weight x reps only", "warmup")
        sets.append(found)
    if note is not None:
        last = sets[-1]
        sets[-1:] = [
            replace(last, count=last.count - 1),
            replace(last, count=1, notes=note),
        ]
    return [s for s in sets if s.count]


def _list_items(text: str) -> list[str]:
    """Split a warm-up list on `;` and `,`, except a decimal comma inside a weight (62,5)."""
    items, current = [], ""
    for i, ch in enumerate(text):
        decimal = (
            ch == ","
            and text[i - 1 : i].isdigit()
            and text[i + 1 : i + 2].isdigit()
            and (not re.search(r"[x×*]", current, re.IGNORECASE) or "@" in current)
        )
        if ch == ";" or (ch == "," and not decimal):
            items.append(current)
            current = ""
        else:
            current += ch
    return [*items, current]


def set_line(text: str, default_unit: str) -> SetLine:
    """`80kg x 5+2 @9.5 perfect rest 3min # note`, `3x5 @ 80kg`, `BW x 12`, `100 x 5 x 3`."""
    spec, note = split_note(text)
    match = _WEIGHT_X_REPS.match(spec)
    if not match:
        raise NotUnderstood(
            f"{spec!r} is not a set: write weight x reps, like 80 x 5, 80kg x 5 @8 or 3x5 @ 80kg",
            "set",
        )
    load, rest = match["load"].strip(), match["rest"]
    count = int(match["sets"]) if match["sets"] else 1
    at = _AT_LOAD.match(rest)
    if not match["sets"] and re.fullmatch(r"\d+", load) and at and _is_weight(at["load"], load):
        count, load, rest = int(load), at["load"], at["rest"]  # sets x reps @ weight
    if count < 1 or count > limits.MAX_SETS:
        raise BadValue(f"{count} sets; a line holds 1 to {limits.MAX_SETS}", "sets")
    reps = int(match["reps"])
    partial = int(match["partial"] or 0)
    for what, value in (("reps", reps), ("partial reps", partial)):
        if value > limits.MAX_REPS:
            raise BadValue(f"{value} {what} is more than {limits.MAX_REPS}", "reps")
    rpe, felt, rest_minutes = _extras(rest)
    weight, body_weight = set_load(load, default_unit)
    return SetLine(count, weight, reps, partial, rpe, felt, rest_minutes, note, body_weight)


def _is_weight(load: str, sets: str) -> bool:
    """After `3x5 @`: a weight when it has a unit or is bodyweight, or when it is too big for
    an RPE and the 3 is a believable number of sets (`80 x 5 @12` is an RPE out of range)."""
    match = _LOAD.match(load.strip())
    if not match:
        return False
    if match["bw"] or match["unit"]:
        return True
    return float(match["value"].replace(",", ".")) > limits.MAX_RPE and int(sets) <= _MOST_SETS


def set_load(text: str, default_unit: str) -> tuple[float, str | None]:
    """`80`, `80kg`, `185 lbs` → (kilograms, None); `BW` → (0, "plus"), `BW+20kg` → (20,
    "plus"), `BW-30kg` → (30, "minus"): a body-weight set and its added or assisting weight."""
    match = _LOAD.match(text.strip())
    if not match:
        if _BW_START.match(text.strip()):
            raise BadValue(
                f"{text!r} is not a weight: write BW, BW+20kg (added) or BW-30kg (assisted)",
                "weight",
            )
        raise BadValue(f"{text!r} is not a weight: write 80, 80kg, 185lb or BW", "weight")
    if not match["bw"]:
        return _kilograms(match["value"], match["unit"], default_unit), None
    if not match["extra"]:
        return 0.0, BODY_WEIGHT_PLUS
    kind = BODY_WEIGHT_MINUS if match["sign"] in _MINUS_SIGNS else BODY_WEIGHT_PLUS
    return _kilograms(match["extra"], match["extra_unit"], default_unit), kind


def _kilograms(value: str, unit: str | None, default_unit: str) -> float:
    """A weight written in `unit` (`default_unit` when none) in kilograms; kg kept exactly."""
    amount = float(value.replace(",", "."))
    unit = unit_named(unit) if unit else default_unit
    if unit == "lb":
        amount = amount * KG_PER_LB
    if amount > limits.MAX_WEIGHT_KG:
        raise BadValue(
            f"{amount:g} kg is more than the maximum {limits.MAX_WEIGHT_KG} kg", "weight"
        )
    if unit == "lb":
        return round(amount, WEIGHT_DECIMALS)
    return amount


def _extras(text: str) -> tuple[float | None, str | None, float | None]:
    rpe: float | None = None
    felt: str | None = None
    rest: float | None = None
    text = _SEPARATORS.sub("", text)
    while text:
        if match := _RPE.match(text):
            try:
                rpe = half_step_rpe(float(match["value"].replace(",", ".")))
            except BadValue as error:
                raise BadValue(str(error), "rpe") from None
        elif match := _REST.match(text):
            rest = _rest_minutes(match)
        elif match := _FELT.match(text):
            felt = match["word"].casefold()
        else:
            word = text.split()[0]
            raise BadValue(
                f"{word!r} is not understood: after weight x reps come @RPE, how it felt "
                f"({', '.join(REP_ASSESSMENTS)}), rest 3min, or # a note",
                "set",
            )
        text = _SEPARATORS.sub("", text[match.end() :])
    return rpe, felt, rest


def _rest_minutes(match: re.Match[str]) -> float:
    if match["clock_m"] is not None:
        minutes = round(int(match["clock_m"]) + int(match["clock_s"]) / 60, 2)
    else:
        value = float(match["value"].replace(",", "."))
        unit = (match["unit"] or "min").casefold()
        minutes = round(value / 60, 2) if unit.startswith("s") else value
    if minutes > limits.MAX_REST_MINUTES:
        raise BadValue(
            f"a rest of {minutes:g} minutes is more than {limits.MAX_REST_MINUTES}", "rest"
        )
    return minutes
