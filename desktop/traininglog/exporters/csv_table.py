"""Export as one CSV table with a row per set (warm-up and working)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..domain import Session
from ..sessionfiles.atomic import write_atomically

CSV_HEADER = (
    "date",
    "session_id",
    "focus",
    "phase",
    "week",
    "deload",
    "exercise_order",
    "exercise",
    "set_type",
    "set",
    "weight_kg",
    "reps_full",
    "reps_partial",
    "rpe",
    "rep_assessment",
    "rest_minutes",
    "notes",
)


# A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(...)` in a
# note would be a live link, or worse). Such a cell is written with a leading apostrophe, which
# spreadsheets show as text; so is a cell that starts with an apostrophe itself, so that
# reading takes exactly one off and the round trip stays exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
TEXT_COLUMNS = ("focus", "exercise", "rep_assessment", "notes")


def protect_cell(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unprotect_cell(text: str) -> str:
    """What `protect_cell` was given."""
    return text[1:] if text.startswith("'") else text


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return protect_cell(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def csv_rows(sessions: Iterable[Session]) -> Iterable[tuple[object, ...]]:
    """The rows of the export, header first."""
    yield CSV_HEADER
    for s in sessions:
        head = (s.date.isoformat(), s.id, s.focus, s.phase, s.week, s.is_deload_week)
        for e in s.exercises:
            for w in e.warmup_sets:
                cells = (e.order, e.name, "warmup", w.number, w.weight_kg, w.reps, 0)
                rest = (None, None, None, w.notes)
                yield tuple(map(_cell, (*head, *cells, *rest)))
            for k in e.working_sets:
                cells = (e.order, e.name, "working", k.number, k.weight_kg, k.full_reps)
                rest = (k.partial_reps, k.rpe, k.rep_assessment, k.rest_minutes, k.notes)
                yield tuple(map(_cell, (*head, *cells, *rest)))


def export_csv(sessions: Iterable[Session], path: Path) -> int:
    """Write the CSV file atomically; returns the number of set rows."""
    buffer = io.StringIO()
    # RFC 4180 line ends: the writer then quotes a lone \r in a cell too (with "\n" it does
    # not, and a reader sees the row break there).
    writer = csv.writer(buffer, lineterminator="\r\n")
    count = -1
    for row in csv_rows(sessions):
        writer.writerow(row)
        count += 1
    write_atomically(path, buffer.getvalue().encode("utf-8"))
    return count
