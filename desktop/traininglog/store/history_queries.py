"""The History view's queries: filtered and sorted sessions, one exercise's sets, weekly
volume, and which sessions hold a record. Plain values out; the ordering is SQL's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..domain.calculations import E1rmRule, OneRepMaxFormula
from ..domain.names import name_key
from ..domain.progress import BestSet, RepGroup
from . import rep_groups
from .estimates import e1rm_sql, register
from .models import database
from .queries import SessionSummary

# -- the sessions table -------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFilter:
    """What the sessions table shows; an empty filter shows everything."""

    first_day: str | None = None  # inclusive YYYY-MM-DD
    last_day: str | None = None  # inclusive YYYY-MM-DD
    focus: str | None = None
    exercise: str | None = None  # any spelling: matched by name key
    text: str = ""  # in exercise names and set notes, any case


@dataclass(frozen=True)
class ShownSessions:
    """The sessions a filter lets through, in table order, with their totals."""

    ids: tuple[str, ...]
    working_sets: int
    volume_kg: float

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class SessionLine:
    """One row of the sessions table: the summary and a preview of the notes."""

    summary: SessionSummary
    notes: str


# The table's sort keys. Empty values sort last both ways; ties go by time, then id.
_NOTES = (
    "(SELECT group_concat(t.notes, ' · ') FROM \"set\" t "
    "WHERE t.session_id = s.id AND t.notes IS NOT NULL)"
)
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "date": ("s.started",),
    "focus": ("s.focus",),
    "phase": ("s.phase", "s.week"),
    "deload": ("s.is_deload_week",),
    "exercises": ("s.exercise_count",),
    "working_sets": ("s.working_set_count",),
    "volume": ("s.volume_kg",),
    "notes": (_NOTES,),
}


def _fold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


def _connection() -> sqlite3.Connection:
    connection = database.obj.connection()
    # SQLite's own lower() and LIKE fold ASCII only; notes may be in any script.
    connection.create_function("traininglog_fold", 1, _fold, deterministic=True)
    return register(connection)


def _where(shown: SessionFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    _within(clauses, params, "s.day", shown.first_day, shown.last_day)
    if shown.focus is not None:
        clauses.append("s.focus = ?")
        params.append(shown.focus)
    if shown.exercise and name_key(shown.exercise):
        clauses.append("s.id IN (SELECT session_id FROM exercise WHERE name_key = ?)")
        params.append(name_key(shown.exercise))
    text = shown.text.strip()
    if text:
        # Names by key ("bench press" finds "Barbell Bench-Press"), through the name index;
        # notes by their case-folded text.
        matches = [
            's.id IN (SELECT session_id FROM "set" WHERE notes IS NOT NULL '
            "AND instr(traininglog_fold(notes), ?) > 0)"
        ]
        params_text: list[object] = [text.casefold()]
        if name_key(text):
            matches.insert(
                0,
                "s.id IN (SELECT session_id FROM exercise WHERE name_key IN "
                "(SELECT DISTINCT name_key FROM exercise WHERE instr(name_key, ?) > 0))",
            )
            params_text.insert(0, name_key(text))
        clauses.append(f"({' OR '.join(matches)})")
        params.extend(params_text)
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def shown_ids_sql(
    shown: SessionFilter, order: str = "date", descending: bool = True
) -> tuple[str, list[object]]:
    """The query for the ids of the sessions `shown` lets through, in the column's order
    (ties: newest first, then by id), with its parameters."""
    where, params = _where(shown)
    return _ids_sql(where, order, descending), params


def _ids_sql(where: str, order: str, descending: bool) -> str:
    direction = "DESC" if descending else "ASC"
    # The date is never missing: by date, the order is the `session_order` index's own.
    keys = [] if order == "date" else [f"{k} {direction} NULLS LAST" for k in SORT_KEYS[order]]
    keys += [f"s.started {direction}", f"s.id {direction}"]
    return f"SELECT s.id FROM session s {where} ORDER BY {', '.join(keys)}"


def shown_sessions(
    shown: SessionFilter = SessionFilter(),
    order: str = "date",
    descending: bool = True,
) -> ShownSessions:
    """Every session the filter lets through, in the given column's order, and their totals."""
    connection = _connection()
    where, params = _where(shown)
    ids = tuple(row[0] for row in connection.execute(_ids_sql(where, order, descending), params))
    working_sets, volume_kg = connection.execute(
        "SELECT coalesce(sum(s.working_set_count), 0), coalesce(sum(s.volume_kg), 0.0) "
        f"FROM session s {where}",
        params,
    ).fetchone()
    return ShownSessions(ids=ids, working_sets=working_sets, volume_kg=volume_kg)


_LINE_SQL = (
    "SELECT id, date, day, focus, phase, week, is_deload_week, exercise_count, "
    "warmup_set_count, working_set_count, volume_kg, file_name FROM session WHERE id IN ({})"
)
_NOTES_SQL = (
    'SELECT t.session_id, e.name, t.notes FROM "set" t JOIN exercise e '
    "ON e.session_id = t.session_id AND e.position = t.exercise_position "
    "WHERE t.session_id IN ({}) AND t.notes IS NOT NULL "
    "ORDER BY t.session_id, t.exercise_position, t.kind, t.number"
)


def session_lines(ids: list[str] | tuple[str, ...]) -> list[SessionLine]:
    """The table rows of these sessions, in the order given (ids no longer stored are left
    out)."""
    if not ids:
        return []
    connection = _connection()
    marks = ",".join("?" * len(ids))
    summaries = {
        row[0]: SessionSummary(*row[:6], bool(row[6]), *row[7:])
        for row in connection.execute(_LINE_SQL.format(marks), tuple(ids))
    }
    notes: dict[str, list[str]] = {}
    for session_id, exercise, note in connection.execute(_NOTES_SQL.format(marks), tuple(ids)):
        notes.setdefault(session_id, []).append(f"{exercise}: {note}")
    return [SessionLine(summaries[i], " · ".join(notes.get(i, ()))) for i in ids if i in summaries]


def day_span() -> tuple[str, str] | None:
    """The first and the last training day, or None with no sessions."""
    first, last = _connection().execute("SELECT min(day), max(day) FROM session").fetchone()
    return None if first is None else (first, last)


# -- one exercise -------------------------------------------------------------------------------


class SetLine(NamedTuple):
    """One set of an exercise, as its table shows it."""

    session_id: str
    started: str  # wall-clock ISO time of the session
    position: int
    exercise: str  # as spelled that day
    kind: str  # "warmup" or "working"
    number: int
    weight_kg: float
    full_reps: int
    partial_reps: int
    e1rm_kg: float | None  # working sets only
    rpe: float | None
    rep_assessment: str | None
    rest_minutes: float | None
    notes: str | None
    body_weight: str | None  # "plus", "minus" or None: `weight_kg` is then added or assistance
    load_kg: float | None  # what the figures count; None: no weigh-in for a body-weight set


Rule = E1rmRule | OneRepMaxFormula


def _exercise_sql(rule: Rule, columns: str, kind: str = "") -> str:
    e1rm = e1rm_sql(rule, "t.load_kg", "t.reps_full", "t.rpe")
    return (
        f"SELECT {columns.format(e1rm=e1rm)} FROM exercise e "
        'JOIN "set" t ON t.session_id = e.session_id AND t.exercise_position = e.position '
        f"{kind}WHERE e.name_key = ?"
    )


def exercise_rep_groups(name: str, rule: Rule) -> list[RepGroup]:
    """An exercise's working sets (any spelling) summed up per session and rep count, oldest
    first (sessions started at the same minute in a settled order): one range of the rep
    groups kept beside the sets (`rep_groups.py`), or, for a formula that reads RPE, the sets
    themselves."""
    if E1rmRule.of(rule).formula.reads_rpe:
        return exercise_rep_groups_from_sets(name, rule)
    e1rm = e1rm_sql(rule, "g.heaviest_kg", "g.reps_full", "NULL")
    rows = _connection().execute(
        "SELECT g.session_id, g.started, g.position, g.reps_full, g.sets, g.heaviest_kg, "
        f"{e1rm}, g.volume_kg, g.body_weight_sets, g.unknown_loads FROM rep_group g "
        "WHERE g.name_key = ? ORDER BY g.started, g.session_id, g.position, g.reps_full",
        (name_key(name),),
    )
    return [RepGroup(*row) for row in rows]


def exercise_rep_groups_from_sets(name: str, rule: Rule) -> list[RepGroup]:
    """The same sums, added up from the sets: SQLite does the adding, years of sets come
    back as a few thousand rows."""
    sql = _exercise_sql(
        rule,
        "e.session_id, e.started, e.position, t.reps_full, count(*), "
        f"{rep_groups.HEAVIEST}, max({{e1rm}}), {rep_groups.VOLUME_AND_BODY_WEIGHT}",
        "AND t.kind = 'working' ",
    )
    # One exercise row is one (session, position): grouping by its rowid groups the same
    # rows as by the two text-and-integer keys, a third faster.
    grouped = "GROUP BY e.rowid, t.reps_full"
    order = "ORDER BY e.started, e.session_id, e.position, t.reps_full"
    rows = _connection().execute(f"{sql} {grouped} {order}", (name_key(name),))
    return [RepGroup(*row) for row in rows]


def best_set(session_id: str, position: int, rule: Rule) -> BestSet | None:
    """The first working set with the best estimated 1RM of one exercise in one session."""
    e1rm = e1rm_sql(rule)
    row = (
        _connection()
        .execute(
            f"SELECT weight_kg, reps_full, reps_partial, rpe, {e1rm} AS e1, body_weight, "
            'load_kg FROM "set" '
            "WHERE session_id = ? AND exercise_position = ? AND kind = 'working' "
            "AND e1 IS NOT NULL ORDER BY e1 DESC, number LIMIT 1",
            (session_id, position),
        )
        .fetchone()
    )
    return None if row is None else BestSet(*row)


def exercise_set_lines(name: str, rule: Rule, offset: int = 0, limit: int = 200) -> list[SetLine]:
    """A page of an exercise's sets: newest session first, warm-ups before working sets."""
    sql = _exercise_sql(
        rule,
        "e.session_id, e.started, e.position, e.name, t.kind, t.number, t.weight_kg, t.reps_full, "
        "t.reps_partial, CASE WHEN t.kind = 'working' THEN {e1rm} END, "
        "t.rpe, t.rep_assessment, t.rest_minutes, t.notes, t.body_weight, t.load_kg",
    )
    order = "ORDER BY e.started DESC, e.position DESC, t.kind, t.number"
    rows = _connection().execute(f"{sql} {order} LIMIT ? OFFSET ?", (name_key(name), limit, offset))
    return [SetLine(*row) for row in rows]


# -- weekly volume -------------------------------------------------------------------------------


def weekly_volume(
    first_day: str | None = None,
    last_day: str | None = None,
    muscle_group: str | None = None,
    secondary: Sequence[str] = (),
    factor: float = 0.0,
) -> dict[str, float]:
    """Working-set volume (kg) per week, keyed by the week's Monday (YYYY-MM-DD).

    With a muscle group, the volume of the exercises that target it: an exercise counts in
    full for each group its session lists it as targeting, and by `factor` where the group is
    only a secondary muscle of it (`secondary`: those exercises' names, from the catalogue,
    in any spelling). Weeks nobody trained (or trained nothing of the group) are absent.
    """
    where: list[str] = []
    params: list[object] = []
    if muscle_group is None:
        day, table, total = "s.day", "session s", "sum(s.volume_kg)"
    else:
        # The group's exercises first, then their sets by key: CROSS JOIN keeps SQLite from
        # scanning every set in the index.
        day = "substr(e.started, 1, 10)"
        table = (
            'exercise e CROSS JOIN "set" t ON t.session_id = e.session_id '
            "AND t.exercise_position = e.position AND t.kind = 'working'"
        )
        targeted = "instr(',' || e.muscle_groups || ',', ?) > 0"
        group = f",{muscle_group},"
        keys = list(dict.fromkeys(map(name_key, secondary))) if factor > 0 else []
        if keys:
            total = f"sum(t.load_kg * t.reps_full * (CASE WHEN {targeted} THEN 1.0 ELSE ? END))"
            params.extend((group, float(factor)))
            marks = ", ".join("?" * len(keys))
            where.append(f"({targeted} OR e.name_key IN ({marks}))")
            params.extend((group, *keys))
        else:
            total = "sum(t.load_kg * t.reps_full)"
            where.append(targeted)
            params.append(group)
    _within(where, params, day, first_day, last_day)
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    sql = f"SELECT date({day}, '-6 days', 'weekday 1'), {total} FROM {table} {condition} GROUP BY 1"
    return dict(_connection().execute(sql, params).fetchall())


def training_weeks(first_day: str | None = None, last_day: str | None = None) -> dict[str, bool]:
    """The weeks anybody trained (their Mondays), each with whether it was a deload week:
    a week with a session marked as deload is one."""
    where: list[str] = []
    params: list[object] = []
    _within(where, params, "s.day", first_day, last_day)
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    sql = (
        "SELECT date(s.day, '-6 days', 'weekday 1'), max(s.is_deload_week) "
        f"FROM session s {condition} GROUP BY 1"
    )
    return {week: bool(deload) for week, deload in _connection().execute(sql, params)}


def _within(
    where: list[str], params: list[object], day: str, first_day: str | None, last_day: str | None
) -> None:
    if first_day:
        where.append(f"{day} >= ?")
        params.append(first_day)
    if last_day:
        where.append(f"{day} <= ?")
        params.append(last_day)


def body_weights(
    first_day: str | None = None, last_day: str | None = None
) -> list[tuple[str, float]]:
    """The lifter's weigh-ins (day, kg), oldest first: each session that holds one. Two on
    one day: the later session's."""
    where: list[str] = ["body_weight_kg IS NOT NULL"]
    params: list[object] = []
    _within(where, params, "day", first_day, last_day)
    # Ties (two sessions started at the same minute): the one stored last, as the loads'
    # weigh-ins have it (`body_weight_loads`, by the index of weigh-ins).
    sql = (
        f"SELECT day, body_weight_kg FROM session WHERE {' AND '.join(where)} "
        "ORDER BY started, rowid"
    )
    return list(dict(_connection().execute(sql, params).fetchall()).items())


# -- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordMark:
    """A record a session holds: which exercise, which record (as `Record.kind`), and for
    weight-for-reps records how many reps."""

    exercise: str
    kind: str
    reps: int | None = None


def _holders_sql(rule: Rule) -> str:
    # Each record goes to the first session to reach it, as `records_for_exercise` has it.
    return f"""
WITH ws AS MATERIALIZED (
    SELECT e.name_key AS k, e.name AS name, e.started AS st, e.session_id AS sid,
           e.position AS pos, t.load_kg AS w, t.reps_full AS r, {e1rm_sql(rule)} AS e1
    FROM "set" t JOIN exercise e
      ON e.session_id = t.session_id AND e.position = t.exercise_position
    WHERE t.kind = 'working'
),
volume AS (
    SELECT k, name, st, sid, pos, sum(w * r) AS v FROM ws GROUP BY sid, pos
)
SELECT sid, name, 'e1rm', NULL FROM (
    SELECT sid, name, row_number() OVER (PARTITION BY k ORDER BY e1 DESC, st, pos) AS n
    FROM ws WHERE e1 IS NOT NULL) WHERE n = 1
UNION ALL
SELECT sid, name, 'weight-for-reps', r FROM (
    SELECT sid, name, r, row_number() OVER (PARTITION BY k, r ORDER BY w DESC, st, pos) AS n
    FROM ws WHERE r BETWEEN 1 AND ? AND w > 0) WHERE n = 1
UNION ALL
SELECT sid, name, 'session-volume', NULL FROM (
    SELECT sid, name, row_number() OVER (PARTITION BY k ORDER BY v DESC, st, pos) AS n
    FROM volume WHERE v > 0) WHERE n = 1
"""


def record_holders(
    database_file: Path, rule: Rule, max_rep_count: int = 12
) -> dict[str, tuple[RecordMark, ...]]:
    """session id → the records it holds across every exercise.

    Reads the whole set table, so it opens its own read-only connection: it is meant to run
    off the GUI thread.
    """
    connection = sqlite3.connect(f"{database_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # Its pass over every set is read once: a small page cache makes it no slower
        # (1.20 against 1.22 s at 5,000 sessions) and holds 6 MB less at its peak.
        connection.execute("PRAGMA cache_size = -512")
        register(connection)
        rows = connection.execute(_holders_sql(rule), (max_rep_count,)).fetchall()
    finally:
        connection.close()
    marks: dict[str, list[RecordMark]] = {}
    for session_id, exercise, kind, reps in rows:
        marks.setdefault(session_id, []).append(RecordMark(exercise, kind, reps))
    return {sid: tuple(found) for sid, found in marks.items()}
