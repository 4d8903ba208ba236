"""Export as one CSV table with a row per set (warm-up and working)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..domain import Session
from ..files.atomic import write_atomically
from ..formats.csv_columns import CSV_HEADER, CSV_HEADER_GROUPED, protect_cell


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
    """The rows of the export, header first; a `superset` column only when some session has
    a group (the exercises of one superset share its letter)."""
    sessions = list(sessions)
    grouped = any(e.group is not None for s in sessions for e in s.exercises)
    yield CSV_HEADER_GROUPED if grouped else CSV_HEADER
    for s in sessions:
        head = (s.date.isoformat(), s.id, s.focus, s.phase, s.week, s.is_deload_week)
        for e in s.exercises:
            exercise = (e.order, e.name, e.group) if grouped else (e.order, e.name)
            for w in e.warmup_sets:
                cells = (*exercise, "warmup", w.number, w.weight_kg, w.reps, 0)
                rest = (None, None, None, w.notes)
                yield tuple(map(_cell, (*head, *cells, *rest)))
            for k in e.working_sets:
                cells = (*exercise, "working", k.number, k.weight_kg, k.full_reps)
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
