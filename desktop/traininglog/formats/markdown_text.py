"""How markdown training notes write what is not a set: where a session's heading starts, and
how a name, focus or note is written so that it reads back exactly. The exporter writes with
these and the importer reads with them."""

from __future__ import annotations

import json
import re
from decimal import Decimal

_WEEKDAY = (
    r"(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+"
)
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# "Mon 16 Feb 2026", "16th February 2026", "Monday, February 16, 2026": the month in words,
# the day before or after it, an optional weekday first.
WORDS_DATE = re.compile(
    rf"^(?:{_WEEKDAY})?(?:(?P<day>\d{{1,2}}){_ORDINAL}\s+(?P<month>{_MONTH})\.?,?"
    rf"|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}}){_ORDINAL},?)\s+(?P<year>\d{{4}})"
    r"(?![\w:-])",
    re.IGNORECASE,
)
# What starts a session heading: an ISO date, or a date with the month in words.
DATE_START = re.compile(rf"^(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|{WORDS_DATE.pattern[1:]})", re.I)


# --- text values: plain when they can be, JSON-quoted when they must be ---------------------


def needs_quotes(text: str) -> bool:
    """True when a name, focus or note cannot be written plainly and read back the same."""
    return not text or text != text.strip() or text.startswith('"') or not text.isprintable()


def quoted(text: str) -> str:
    """The text as a JSON string: one line, ASCII, every character kept."""
    return json.dumps(text, ensure_ascii=True)


# A superset's label before an exercise's name: "A1. Bench Press", "A2) Row", "B1: Curl". The
# exporter writes the first form; the importer reads any of them.
GROUP_LABEL = re.compile(r"^(?P<group>[A-Z])(?P<nth>[1-9][0-9]?)[.):]\s+")


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
