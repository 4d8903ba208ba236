"""How numbers and dates read in the window: one place, so every view agrees."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from ...domain.calculations import LB_PER_KG
from ...domain.loads import BODY_WEIGHT_WORD, body_weight_text
from ...drafts.draft import weight_cell


def weight_text(kg: float | None, unit: str = "kg", with_unit: bool = False) -> str:
    """An estimate or a figure worked out, to one decimal: 96.25 → "96.2"; 80 → "80", in kg
    or lb; empty for None. A weight that was lifted reads by `lifted_text`."""
    if kg is None:
        return ""
    value = kg * LB_PER_KG if unit == "lb" else kg
    text = (
        f"{value:.1f}".rstrip("0").rstrip(".")
        if abs(value - round(value)) > 1e-9
        else str(round(value))
    )
    return f"{text} {unit}" if with_unit else text


def lifted_text(kg: float | None, unit: str = "kg", with_unit: bool = False) -> str:
    """A weight that was lifted, as it was typed and as its cell in the form shows it: to
    two decimals, so that 101.25 kg (a pair of 1.25 kg plates) never reads as 101.2 or
    101.3, which nobody lifted; 80 → "80"; in lb, 100 kg → "220.46". Empty for None."""
    if kg is None:
        return ""
    text = weight_cell(kg, unit)
    return f"{text} {unit}" if with_unit else text


BODY_WEIGHT = BODY_WEIGHT_WORD  # a set with no load: pull-ups, dips, push-ups


def load_text(
    kg: float | None, unit: str = "kg", with_unit: bool = False, body_weight: str | None = None
) -> str:
    """A set's weight as lifters write it: "BW" for body weight alone (0 kg, or a body-weight
    set with nothing added), "BW + 20 kg" for a weighted one, "BW − 30 kg" for an assisted
    one (`body_weight` "plus" or "minus"), else the weight."""
    if kg == 0 and body_weight is None:
        return BODY_WEIGHT
    if body_weight is not None:
        return body_weight_text(body_weight, lifted_text(kg, unit, with_unit), kg == 0)
    return lifted_text(kg, unit, with_unit)


def days_ago_text(day: date, today: date) -> str:
    """ "today", "yesterday", "9 days ago", "in 2 days" (a clock set wrong)."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days:,} days"
    return f"{days:,} days ago"


def short_day_text(day: date, today: date) -> str:
    """ "Tue 24 Nov" this year, "Tue 24 Nov 2025" before (or after) it."""
    days, months = _day_and_month_names()
    text = f"{days[day.weekday()]} {day.day} {months[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def volume_text(kg: float, unit: str = "kg") -> str:
    """12345.6 → "12,346 kg"."""
    value = kg * LB_PER_KG if unit == "lb" else kg
    return f"{value:,.0f} {unit}"


def session_date_text(iso: str) -> str:
    """2026-02-16T23:34:50.722615 → "Mon 16 Feb 2026, 23:34"."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    days, months = _day_and_month_names()
    return (
        f"{days[moment.weekday()]} {moment.day:02d} {months[moment.month - 1]} "
        f"{moment.year}, {moment.hour:02d}:{moment.minute:02d}"
    )


@cache
def _day_and_month_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """strftime's %a and %b, looked up once: strftime itself costs ~25 µs a call, and the
    sessions table formats a date for every row it fetches."""
    monday = date(2024, 1, 1)
    days = tuple(date(2024, 1, 1 + offset).strftime("%a") for offset in range(7))
    months = tuple(monday.replace(month=month).strftime("%b") for month in range(1, 13))
    return days, months


def plural(count: int, word: str, many: str | None = None) -> str:
    """1 → "1 set", 3 → "3 sets", 1200 → "1,200 sets"; `many` for irregular plurals."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
