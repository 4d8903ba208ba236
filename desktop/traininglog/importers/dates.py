"""The dates and times the phone apps write in their exports, in every locale seen.

One reader per file: it settles on the form of the first date it can read and reads every
other date of that file in the same form, so a file is read consistently (a date in another
form is a bad value, never a silent guess). The forms:

- ISO: `2026-06-11 13:01:00`, `2026-06-11 13:01`, `2026-06-11T13:01:00Z` (or an offset),
  `2026-06-11`, `2026/06/11 13:01`;
- day, month name, year: `11 Jun 2026, 13:01`, `11 Jun 2026 13:01`, `11. März 2026, 13:01`;
- month name, day, year: `Jun 11, 2026, 1:01 PM`, `June 11, 2026 1:01 PM`;
- digits: `11.06.2026 13:01` (day first), and `11/06/2026` or `06/11/2026`, read only when a
  date of the file has a day past 12 that tells which comes first.

Times may have seconds and AM/PM. Month names in English, German, French, Spanish, Italian
and Portuguese, in full or shortened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

_MONTH_NAMES = (  # English, German, French, Spanish, Italian, Portuguese
    "jan january jän jänner januar janv janvier ene enero gen gennaio janeiro",
    "feb february februar fév févr février fev febrero febbraio fevereiro",
    "mar march mär märz maerz mars marzo março",
    "apr april avr avril abr abril aprile",
    "may mai mayo mag maggio maio",
    "jun june juni juin junio giu giugno junho",
    "jul july juli juil juillet julio lug luglio julho",
    "aug august août aoû ago agosto",
    "sep sept september septembre septiembre set settembre setembro",
    "oct october okt oktober octobre octubre ott ottobre out outubro",
    "nov november novembre noviembre novembro",
    "dec december dez dezember déc décembre dic diciembre dicembre dezembro",
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}

_TIME = (
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.\d+)?)?(?:\s*(?P<half>[ap])\.?\s?m\.?)?)?"
)
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_PATTERNS = {
    "year first": re.compile(
        r"^(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})" + _TIME + "$", re.I
    ),
    "day and month name": re.compile(
        r"^(?P<day>\d{1,2})\.?\s+(?P<name>[^\W\d_]+)\.?\s+(?P<year>\d{4})" + _TIME + "$", re.I
    ),
    "month name and day": re.compile(
        r"^(?P<name>[^\W\d_]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})" + _TIME + "$", re.I
    ),
    "day first with dots": re.compile(
        r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})" + _TIME + "$", re.I
    ),
    "digits with slashes": re.compile(
        r"^(?P<first>\d{1,2})/(?P<second_part>\d{1,2})/(?P<year>\d{4})" + _TIME + "$", re.I
    ),
}
DAY_FIRST, MONTH_FIRST = "day/month", "month/day"
EXAMPLES = "2026-06-11 13:01:00, Jun 11, 2026, 1:01 PM or 11 Jun 2026, 13:01"


def _clock(found: re.Match[str]) -> tuple[int, int, int]:
    if found["hour"] is None:
        return 0, 0, 0
    hour, minute, second = int(found["hour"]), int(found["minute"]), int(found["second"] or 0)
    half = (found["half"] or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("no such hour on a 12-hour clock")
        hour = hour % 12 + (12 if half == "p" else 0)
    return hour, minute, second


def _read(form: str, text: str, order: str | None) -> datetime | None:
    """`text` read in `form` (for slashed digits, in `order`), or None."""
    if form == "iso":
        if not _ISO.match(text):
            return None
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None
    found = _PATTERNS[form].match(text)
    if found is None:
        return None
    parts = found.groupdict()
    try:
        if parts.get("name") is not None:
            month = MONTHS.get(parts["name"].casefold().rstrip("."))
            if month is None:
                return None
            day = int(parts["day"])
        elif form == "digits with slashes":
            first, second = int(parts["first"]), int(parts["second_part"])
            day, month = (first, second) if order != MONTH_FIRST else (second, first)
        else:
            day, month = int(parts["day"]), int(parts["month"])
        return datetime(int(parts["year"]), month, day, *_clock(found))
    except ValueError:
        return None


FORMS = ("iso", *_PATTERNS)


def _order_told_by(text: str) -> str | None:
    """DAY_FIRST or MONTH_FIRST when a slashed date can only be read one way."""
    found = _PATTERNS["digits with slashes"].match(text)
    if found is None:
        return None
    first, second = int(found["first"]), int(found["second_part"])
    if first > 12 >= second:
        return DAY_FIRST
    if second > 12 >= first:
        return MONTH_FIRST
    return None


class DateReader:
    """One file's dates: `settle` on the file's values, then `read` each."""

    def __init__(self) -> None:
        self.form: str | None = None
        self.order: str | None = None
        self.example: str | None = None  # the first date read, as written
        self._cache: dict[str, datetime | None] = {}

    def settle(self, values: Iterable[str]) -> DateReader:
        """Choose the form of the first value that reads in any form (and, for slashed
        digits, the order the first telling value shows). Returns self."""
        texts = [v.strip() for v in values if v.strip()]
        for text in texts:
            form = next((f for f in FORMS if _read(f, text, DAY_FIRST) is not None), None)
            if form is None:
                form = next((f for f in FORMS if _read(f, text, MONTH_FIRST) is not None), None)
            if form is not None:
                self.form, self.example = form, text
                break
        if self.form == "digits with slashes":
            self.order = next((o for o in map(_order_told_by, texts) if o), None)
        return self

    def read(self, text: str) -> datetime | None:
        """The date and time of `text` in the file's form, or None."""
        text = text.strip()
        if text in self._cache:
            return self._cache[text]
        moment = None
        if self.form is not None and (self.form != "digits with slashes" or self.order):
            moment = _read(self.form, text, self.order)
        self._cache[text] = moment
        return moment

    @property
    def described(self) -> str:
        """How the summary names the form: `dates like "2026-06-11 13:01:00"`."""
        if self.example is None:
            return "no readable dates"
        order = f" ({self.order})" if self.order else ""
        return f"dates like {self.example!r}{order}"

    def why_not(self, text: str) -> str:
        """Why `text` was not read, for the lifter."""
        text = text.strip()
        if not text:
            return "is empty"
        if self.form is None:
            return f"{text!r} is not a date Training Log reads (such as {EXAMPLES})"
        if self.form == "digits with slashes" and self.order is None:
            return (
                f"{text!r} could be day/month or month/day, and no date in the file has a "
                "day past 12 to tell which; export the dates as 2026-06-11 and import again"
            )
        return f"{text!r} is not a date like {self.example!r}, the form of this file's dates"
