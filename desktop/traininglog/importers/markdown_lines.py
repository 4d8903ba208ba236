"""One line of markdown training notes: a session heading, a phase/week line, a muscles line,
a warm-up line or a working-set line. `markdown.py` puts the lines together.

Every reader raises `BadValue` (or `NotUnderstood`) with a message for the lifter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from ..domain import limits
from ..domain.names import name_key
from ..domain.vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS
from .set_values import KG_PER_LB, WEIGHT_DECIMALS, BadValue, half_step_rpe, unit_named

_NUM = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)"
_UNIT = r"(?:kgs?|kilos?|kilograms?|lbs?|pounds?)"
_TIMES = r"\s*[x×*]\s*"

DATE_START = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_HEADING_DATE = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:(?:\s+|T)(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,6}))?)?"
    r"(?P<offset>Z|[+-]\d{2}:\d{2})?)?"
    r"(?P<after>.*)$",
    re.IGNORECASE,
)
_FOCUS_SEPARATOR = re.compile(r"^[-–—:|·]\s+")
_LOAD = re.compile(
    rf"^(?:(?P<bw>bw|bodyweight)(?:\s*\+\s*(?P<extra>{_NUM})\s*(?P<extra_unit>{_UNIT})?)?"
    rf"|(?P<value>{_NUM})\s*(?P<unit>{_UNIT})?)$",
    re.IGNORECASE,
)
_WEIGHT_X_REPS = re.compile(
    rf"^(?P<load>[^x×*@#]+?){_TIMES}(?P<reps>\d+)(?:\s*\+\s*(?P<partial>\d+))?"
    rf"(?:\s*reps?\b)?(?:{_TIMES}(?P<sets>\d+)(?:\s*sets?\b)?)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_AT_LOAD = re.compile(
    rf"^\s*@\s*(?P<load>(?:bw|bodyweight)(?:\s*\+\s*{_NUM}\s*{_UNIT}?)?|{_NUM}\s*{_UNIT}?)"
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
_MUSCLES = re.compile(r"^(?:target\s+)?(?:muscles?|targets?)\s*:\s*(?P<list>.*)$", re.IGNORECASE)
_LIST_ITEMS = re.compile(r";|,(?!\d)|(?<!\d),")
_META_ITEM = re.compile(
    r"^(?:(?P<what>phase|week|wk)\s*:?\s*(?P<number>\d+)|(?P<deload>deload)(?:\s+week)?)$",
    re.IGNORECASE,
)
# `N x R @ W` without a unit is N sets only for N up to this; beyond, N is a weight.
_MOST_SETS = 10
_MUSCLE_KEYS = {name_key(m): m for m in MUSCLE_GROUPS}
_METADATA = re.compile(r"^<!--\s*training-log\s+(?P<json>\{.*\})\s*-->$")


class NotUnderstood(BadValue):
    """A line that is none of the lines the notes grammar knows."""


# --- text values: plain when they can be, JSON-quoted when they must be ---------------------


def needs_quotes(text: str) -> bool:
    """True when a name, focus or note cannot be written plainly and read back the same."""
    return not text or text != text.strip() or text.startswith('"') or not text.isprintable()


def quoted(text: str) -> str:
    """The text as a JSON string: one line, ASCII, every character kept."""
    return json.dumps(text, ensure_ascii=True)


def unquoted(text: str) -> tuple[str, bool]:
    """(value, True) for a JSON-quoted text, else (the text trimmed, False)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            value = json.loads(text)
        except ValueError:
            return text, False
        if isinstance(value, str):
            return value, True
    return text, False


def number_text(value: float) -> str:
    """80 → "80", 82.5 → "82.5", every float written so it reads back exactly."""
    if float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


# --- headings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionHeading:
    date: datetime
    focus: str | None


def session_heading(text: str) -> SessionHeading:
    """`2026-02-16 18:30 Upper Strength` → the date and the focus."""
    match = _HEADING_DATE.match(text)
    if not match:
        raise BadValue(f"{text!r} does not start with a date like 2026-02-16", "heading")
    g = match.groupdict()
    try:
        date = datetime(
            int(g["year"]),
            int(g["month"]),
            int(g["day"]),
            int(g["hour"] or 0),
            int(g["minute"] or 0),
            int(g["second"] or 0),
            int((g["fraction"] or "0").ljust(6, "0")),
            tzinfo=_offset(g["offset"]),
        )
    except ValueError as error:
        raise BadValue(f"{text.split()[0]!r} is not a date and time ({error})", "heading") from None
    after = g["after"]
    if after and not after[0].isspace():
        raise BadValue(f"put a space between the date and {after.strip()!r}", "heading")
    focus, _ = unquoted(_FOCUS_SEPARATOR.sub("", after.strip()))
    if len(focus) > limits.MAX_FOCUS_CHARS:
        raise BadValue(
            f"the focus is {len(focus)} characters; at most {limits.MAX_FOCUS_CHARS}", "focus"
        )
    return SessionHeading(date, focus or None)


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def exercise_heading(text: str) -> tuple[str, bool]:
    """The exercise name, and True when it was quoted (then it is kept exactly as written)."""
    name, exact = unquoted(text)
    if not name.strip():
        raise BadValue("the exercise heading has no name", "exercise")
    if len(name) > limits.MAX_NAME_CHARS:
        raise BadValue(
            f"the name is {len(name)} characters; at most {limits.MAX_NAME_CHARS}", "exercise"
        )
    return name, exact


# --- session and exercise lines -------------------------------------------------------------


@dataclass
class SessionFacts:
    phase: int | None = None
    week: int | None = None
    deload: bool | None = None


def session_facts(text: str) -> SessionFacts | None:
    """`Phase 2, Week 5, Deload` (any order, split by , · or |), or None if it is not that."""
    facts = SessionFacts()
    for item in re.split(r"[,·|]", text):
        match = _META_ITEM.match(item.strip())
        if not match:
            return None
        if match["deload"]:
            facts.deload = True
        elif match["what"].casefold() == "phase":
            facts.phase = int(match["number"])
        else:
            facts.week = int(match["number"])
    return facts


def session_metadata(text: str) -> dict[str, str] | None:
    """`<!-- training-log {"_id": …, "userId": …, "userName": …} -->`, the exporter's line."""
    match = _METADATA.match(text)
    if not match:
        return None
    try:
        value = json.loads(match["json"])
    except ValueError:
        raise BadValue("the comment does not hold valid JSON", "training-log") from None
    allowed = {"_id", "userId", "userName"}
    if not isinstance(value, dict) or set(value) - allowed:
        raise BadValue(f"the comment may hold only {', '.join(sorted(allowed))}", "training-log")
    if not all(isinstance(v, str) for v in value.values()):
        raise BadValue("the comment's values must be text", "training-log")
    return value


def muscles(text: str) -> tuple[str, ...] | None:
    """`Muscles: chest, triceps` → the muscle groups; None when the line is not one."""
    match = _MUSCLES.match(text)
    if not match:
        return None
    listed = match["list"].strip()
    if listed.casefold() in ("", "none", "-"):
        return ()
    found: list[str] = []
    for item in re.split(r"[,;·|]", listed):
        group = _MUSCLE_KEYS.get(name_key(item))
        if group is None:
            raise BadValue(
                f"{item.strip()!r} is not a muscle group; use: {', '.join(MUSCLE_GROUPS)}",
                "muscles",
            )
        if group not in found:
            found.append(group)
    return tuple(found)


# --- sets -------------------------------------------------------------------------------------


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
    items = [item.strip() for item in _LIST_ITEMS.split(match["sets"])]
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
            SetLine(last.count - 1, last.weight_kg, last.reps),
            SetLine(1, last.weight_kg, last.reps, notes=note),
        ]
    return [s for s in sets if s.count]


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
    return SetLine(count, load_kg(load, default_unit), reps, partial, rpe, felt, rest_minutes, note)


def _is_weight(load: str, sets: str) -> bool:
    """After `3x5 @`: a weight when it has a unit or is bodyweight, or when it is too big for
    an RPE and the 3 is a believable number of sets (`80 x 5 @12` is an RPE out of range)."""
    match = _LOAD.match(load.strip())
    if not match:
        return False
    if match["bw"] or match["unit"]:
        return True
    return float(match["value"].replace(",", ".")) > limits.MAX_RPE and int(sets) <= _MOST_SETS


def load_kg(text: str, default_unit: str) -> float:
    """`80`, `80kg`, `185 lbs`, `BW`, `BW+20kg` → kilograms; kg values are kept exactly."""
    match = _LOAD.match(text.strip())
    if not match:
        raise BadValue(f"{text!r} is not a weight: write 80, 80kg, 185lb or BW", "weight")
    if match["bw"]:
        if not match["extra"]:
            return 0.0
        value, unit = match["extra"], match["extra_unit"]
    else:
        value, unit = match["value"], match["unit"]
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
