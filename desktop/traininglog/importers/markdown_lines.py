"""Markdown notes lines other than sets: session headings, `Phase 2, Week 5, Deload`,
`Muscles: …`, the exporter's `<!-- training-log … -->` comment, exercise headings. How a name,
focus or note is written so that it reads back exactly is `formats/markdown_text.py`.

Every reader raises `BadValue` (or `NotUnderstood`) with a message for the lifter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..domain import limits
from ..domain.names import name_key
from ..domain.vocabulary import MUSCLE_GROUPS
from ..formats.markdown_text import GROUP_LABEL, WORDS_DATE, unquoted
from ..sessionfiles.reader import VERSIONS
from .set_values import BadValue

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A line of its own that starts a session: "date: 2026-02-16" (as front matter writes it).
DATE_LINE = re.compile(r"^date\s*:\s*(?P<date>.*)$", re.IGNORECASE)
_HEADING_DATE = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:(?:\s+|T)(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,6}))?)?"
    r"(?P<offset>Z|[+-]\d{2}:\d{2})?)?"
    r"(?P<after>.*)$",
    re.IGNORECASE,
)
_FOCUS_SEPARATOR = re.compile(r"^[-–—:|·]\s+")
_MUSCLES = re.compile(r"^(?:target\s+)?(?:muscles?|targets?)\s*:\s*(?P<list>.*)$", re.IGNORECASE)
_META_ITEM = re.compile(
    r"^(?:(?P<what>phase|week|wk)\s*:?\s*(?P<number>\d+)|(?P<deload>deload)(?:\s+week)?"
    r"|body\s*weight\s*:?\s*(?P<body>\d+(?:[.,]\d+)?)\s*(?P<body_unit>kgs?|lbs?)?)$",
    re.IGNORECASE,
)
_MUSCLE_KEYS = {name_key(m): m for m in MUSCLE_GROUPS}
_METADATA = re.compile(r"^<!--\s*training-log\s+(?P<json>\{.*\})\s*-->$")


class NotUnderstood(BadValue):
    """A line that is none of the lines the notes grammar knows."""


# --- headings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionHeading:
    date: datetime
    focus: str | None


def session_heading(text: str) -> SessionHeading:
    """`2026-02-16 18:30 Upper Strength` → the date and the focus.

    The date may also have its month in words (`Mon 16 Feb 2026 Upper`); a weekday, when
    given, must be the date's.
    """
    text = _iso_date_first(text)
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


def _iso_date_first(text: str) -> str:
    """ "Mon 16 Feb 2026 Upper" → "2026-02-16 Upper"; any other text as it is."""
    words = WORDS_DATE.match(text)
    if not words:
        return text
    g = words.groupdict()
    day = int(g["day"] or g["day2"])
    month = _MONTHS.index((g["month"] or g["month2"])[:3].casefold()) + 1
    year = int(g["year"])
    try:
        written = date(year, month, day)
    except ValueError as error:
        raise BadValue(f"{words[0]!r} is not a date ({error})", "heading") from None
    if g["weekday"]:
        weekday = next(d for d in _WEEKDAYS if d.casefold().startswith(g["weekday"][:3].casefold()))
        actual = _WEEKDAYS[written.weekday()]
        if weekday != actual:
            shown = f"{day} {_MONTHS[month - 1].title()} {year}"
            raise BadValue(f"{shown} is a {actual}, not a {weekday}", "heading")
    return written.isoformat() + text[words.end() :]


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def exercise_heading(text: str) -> tuple[str, bool, str | None]:
    """The exercise name, True when it was quoted (then it is kept exactly as written), and
    the superset it is in when a label stands before the name (`A1. Bench Press`: "A")."""
    label = GROUP_LABEL.match(text.strip())
    group = label["group"] if label else None
    name, exact = unquoted(text.strip()[label.end() :] if label else text)
    if not name.strip():
        raise BadValue("the exercise heading has no name", "exercise")
    if len(name) > limits.MAX_NAME_CHARS:
        raise BadValue(
            f"the name is {len(name)} characters; at most {limits.MAX_NAME_CHARS}", "exercise"
        )
    return name, exact, group


# --- session and exercise lines -------------------------------------------------------------


@dataclass
class SessionFacts:
    phase: int | None = None
    week: int | None = None
    deload: bool | None = None
    body_weight: tuple[float, str | None] | None = None  # as written, and its unit if given


def session_facts(text: str) -> SessionFacts | None:
    """`Phase 2, Week 5, Deload, Body weight 82.5kg` (any order, split by , · or |), or None
    if it is not that."""
    facts = SessionFacts()
    for item in re.split(r"[,·|]", text):
        match = _META_ITEM.match(item.strip())
        if not match:
            return None
        if match["deload"]:
            facts.deload = True
        elif match["body"]:
            unit = match["body_unit"]
            facts.body_weight = (float(match["body"].replace(",", ".")), unit and unit[:2].lower())
        elif match["what"].casefold() == "phase":
            facts.phase = int(match["number"])
        else:
            facts.week = int(match["number"])
    return facts


def session_metadata(text: str) -> dict[str, str] | None:
    """`<!-- training-log {"_id": …, "userId": …, "userName": …} -->`, the exporter's line;
    a session with body-weight sets also names its `dataModelVersion`."""
    match = _METADATA.match(text)
    if not match:
        return None
    try:
        value = json.loads(match["json"])
    except ValueError:
        raise BadValue("the comment does not hold valid JSON", "training-log") from None
    allowed = {"_id", "userId", "userName", "dataModelVersion"}
    if not isinstance(value, dict) or set(value) - allowed:
        raise BadValue(f"the comment may hold only {', '.join(sorted(allowed))}", "training-log")
    if not all(isinstance(v, str) for v in value.values()):
        raise BadValue("the comment's values must be text", "training-log")
    version = value.get("dataModelVersion")
    if version is not None and version not in VERSIONS:
        raise BadValue(f"{version!r} is not a dataModelVersion this app reads", "training-log")
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
