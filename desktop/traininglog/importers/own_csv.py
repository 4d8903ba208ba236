"""Training Log's own CSV export (`export --format csv`), read back.

One row per set, in the columns `formats/csv_columns.py` names. The session's `_id` is a
column, so importing an export again adds nothing. What the columns cannot carry comes back
as well as it can: the lifter's id and name are left empty, and an exercise's muscle groups
are the catalogue's for a catalogue name (none for a custom one); a session without sets has
no rows and does not come back.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..domain import Exercise, InvalidSession, Problem, Session, WarmupSet, WorkingSet, ensure_valid
from ..domain.names import name_key
from ..domain.reports import Rejection
from ..domain.session import BODY_WEIGHT_KINDS, canonical_id
from ..exercises.catalogue import shipped_catalogue
from ..formats.csv_columns import CSV_HEADERS, TEXT_COLUMNS, unprotect_cell
from ..sessionfiles.reader import parse_date
from .batch import ImportBatch
from .csv_tables import Record, TableError, split_header
from .text_files import TextFile, refuse

FORMAT = "csv"
# The table as written with and without each later column.
_HEADERS = {tuple(name_key(column) for column in header): header for header in CSV_HEADERS}


def is_own_csv_header(keys: list[str]) -> bool:
    return tuple(keys) in _HEADERS


@dataclass
class _Draft:
    line: int
    head: tuple
    sets: dict[tuple[int, str], list] = field(default_factory=dict)  # (order, name) → rows
    groups: dict[tuple[int, str], str | None] = field(default_factory=dict)  # its superset
    problems: list[Rejection] = field(default_factory=list)


def read_own_csv(source: TextFile) -> ImportBatch:
    """Every session in the export; a session with a bad row is refused whole."""
    header, rows = split_header(source)
    columns = _HEADERS.get(tuple(name_key(c) for c in header.cells))
    if columns is None:
        raise refuse(source.at(header.line), "is not Training Log's CSV header")
    drafts: dict[str, _Draft] = {}
    try:
        for record in rows:
            _take(source, record, drafts, columns)
    except TableError as error:
        raise refuse(source.at(error.line), error.message) from None
    batch = ImportBatch(formats={source.label: FORMAT})
    for session_id, draft in drafts.items():
        label = source.at(draft.line)
        if draft.problems:
            batch.rejected.extend(draft.problems)
            batch.rejected_sessions.append(label)
            continue
        try:
            session = _session(session_id, draft)
            ensure_valid(session)
        except InvalidSession as invalid:
            batch.rejected.append(Rejection(label, tuple(invalid.problems)))
            batch.rejected_sessions.append(label)
            continue
        batch.sessions.append((label, session))
    return batch


def _take(
    source: TextFile, record: Record, drafts: dict[str, _Draft], columns: tuple[str, ...]
) -> None:
    cells = dict(zip(columns, record.cells, strict=False))
    for column in TEXT_COLUMNS:
        if column in cells:
            cells[column] = unprotect_cell(cells[column])
    written = cells.get("session_id", "").strip()
    session_id = canonical_id(written) or written
    draft = drafts.get(session_id)
    problems: list[Problem] = []
    if len(record.cells) != len(columns):
        problems.append(Problem("", f"has {len(record.cells)} of the {len(columns)} columns"))
    if canonical_id(written) is None:
        problems.append(Problem("session_id", f"{written!r} is not a session id"))
    head = _head(cells, problems)
    if draft is None:
        draft = drafts[session_id] = _Draft(record.line, head)
    elif head != draft.head:
        problems.append(Problem("date", "differs from the session's first row"))
    set_row = _set_row(cells, problems)
    group = cells.get("superset", "").strip() or None
    if not problems:
        order, name, kind, values = set_row
        if draft.groups.setdefault((order, name), group) != group:
            problems.append(Problem("superset", "differs from the exercise's first row"))
    if problems:
        draft.problems.append(Rejection(source.at(record.line), tuple(problems)))
    else:
        draft.sets.setdefault((order, name), []).append((kind, *values))


def _head(cells: dict[str, str], problems: list[Problem]) -> tuple:
    date = parse_date(cells.get("date", "").strip())
    if date is None:
        problems.append(Problem("date", f"{cells.get('date', '')!r} is not a date and time"))
    deload = cells.get("deload", "").strip().lower()
    if deload not in ("true", "false"):
        problems.append(Problem("deload", f"{deload!r} is not true or false"))
    return (
        date,
        cells.get("focus") or None,
        _whole(cells, "phase", problems, optional=True),
        _whole(cells, "week", problems, optional=True),
        deload == "true",
        _number(cells, "body_weight_kg", problems, optional=True),
    )


def _set_row(cells: dict[str, str], problems: list[Problem]):
    kind = cells.get("set_type", "").strip()
    if kind not in ("warmup", "working"):
        problems.append(Problem("set_type", f"{kind!r} is neither warmup nor working"))
    values = (
        _whole(cells, "set", problems),
        _number(cells, "weight_kg", problems),
        _whole(cells, "reps_full", problems),
        _whole(cells, "reps_partial", problems),
        _number(cells, "rpe", problems, optional=True),
        cells.get("rep_assessment") or None,
        _number(cells, "rest_minutes", problems, optional=True),
        cells.get("notes") or None,
        _body_weight(cells, problems),
    )
    order = _whole(cells, "exercise_order", problems)
    return order, cells.get("exercise", ""), kind, values


def _body_weight(cells: dict[str, str], problems: list[Problem]) -> str | None:
    """A body-weight set's kind; an empty cell (or no column) is a plain set."""
    text = cells.get("body_weight", "").strip()
    if not text:
        return None
    if text.casefold() not in BODY_WEIGHT_KINDS:
        problems.append(
            Problem("body_weight", f"{text!r} is not {', '.join(BODY_WEIGHT_KINDS)} or empty")
        )
        return None
    return text.casefold()


def _whole(cells, column: str, problems: list[Problem], optional: bool = False) -> int | None:
    text = cells.get(column, "").strip()
    if not text and optional:
        return None
    if not text.isdigit():
        problems.append(Problem(column, f"{text!r} is not a whole number"))
        return None
    return int(text)


def _number(cells, column: str, problems: list[Problem], optional: bool = False):
    text = cells.get(column, "").strip()
    if not text and optional:
        return None
    # Written by Python's repr (1e-05 included), so read by Python's float, exactly.
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        problems.append(Problem(column, f"{text!r} is not a number"))
        return None
    return value


def _session(session_id: str, draft: _Draft) -> Session:
    date, focus, phase, week, deload, body_weight = draft.head
    return Session(
        id=session_id,
        date=date,
        exercises=tuple(_exercises(draft)),
        phase=phase,
        week=week,
        is_deload_week=deload,
        focus=focus,
        body_weight_kg=body_weight,
    )


def _exercises(draft: _Draft) -> Iterator[Exercise]:
    catalogue = shipped_catalogue()
    for (order, name), rows in sorted(draft.sets.items(), key=lambda item: item[0][0]):
        known = catalogue.find(name)
        warmups = sorted(r[1:] for r in rows if r[0] == "warmup")
        workings = sorted(r[1:] for r in rows if r[0] == "working")
        yield Exercise(
            order=order,
            name=name,
            target_muscle_groups=known.target_muscle_groups if known and known.name == name else (),
            warmup_sets=tuple(
                WarmupSet(n, w, full, notes, kind)
                for n, w, full, _, _, _, _, notes, kind in warmups
            ),
            working_sets=tuple(WorkingSet(*values) for values in workings),
            group=draft.groups.get((order, name)),
        )
