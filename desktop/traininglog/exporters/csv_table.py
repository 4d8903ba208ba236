"""Export as one CSV table with a row per set (warm-up and working)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..domain import Session, WarmupSet, WorkingSet
from ..files.atomic import write_atomically
from ..formats.csv_columns import csv_header, protect_cell


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
    a group (the exercises of one superset share its letter), a `body_weight_kg` column only
    when some session holds the lifter's body weight, a `body_weight` column only when some
    set is a body-weight set (plus or minus; empty on a plain set)."""
    sessions = list(sessions)
    grouped = any(e.group is not None for s in sessions for e in s.exercises)
    weighed = any(s.body_weight_kg is not None for s in sessions)
    kinds = any(s.has_body_weight_sets for s in sessions)
    yield csv_header(body_weight=weighed, superset=grouped, body_weight_sets=kinds)

    def weight(one_set: WarmupSet | WorkingSet) -> tuple[object, ...]:
        return (one_set.weight_kg, one_set.body_weight) if kinds else (one_set.weight_kg,)

    for s in sessions:
        head: tuple[object, ...] = (s.date.isoformat(), s.id, s.focus, s.phase, s.week)
        head += (s.is_deload_week, s.body_weight_kg) if weighed else (s.is_deload_week,)
        for e in s.exercises:
            exercise = (e.order, e.name, e.group) if grouped else (e.order, e.name)
            for w in e.warmup_sets:
                cells = (*exercise, "warmup", w.number, *weight(w), w.reps, 0)
                rest = (None, None, None, w.notes)
                yield tuple(map(_cell, (*head, *cells, *rest)))
            for k in e.working_sets:
                cells = (*exercise, "working", k.number, *weight(k), k.full_reps)
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
