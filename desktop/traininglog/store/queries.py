"""Reading the index: domain objects or plain rows out, never a Peewee model."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from ..domain import Exercise, Session, WarmupSet, WorkingSet
from ..domain.calculations import E1rmRule, OneRepMaxFormula
from ..domain.names import name_key
from ..domain.records_as_typed import MAX_REP_RECORD, StandingRecords
from ..sessionfiles.reader import parse_date
from . import body_weight_loads
from .estimates import e1rm_sql, register
from .models import SessionRow, database
from .writes import StoredFile


@dataclass(frozen=True)
class SessionSummary:
    """One line of the history: a session's figures without its sets."""

    id: str
    date: str
    day: str
    focus: str | None
    phase: int | None
    week: int | None
    is_deload_week: bool
    exercise_count: int
    warmup_set_count: int
    working_set_count: int
    volume_kg: float
    file_name: str


@dataclass(frozen=True)
class LastTime:
    """What the lifter did for an exercise the last time they did it."""

    session_id: str
    day: str
    exercise: Exercise


class HistorySet(NamedTuple):
    """One working set of an exercise's history, with when it was done.

    A plain tuple: ten years of bench press is thousands of rows, and building a frozen
    WorkingSet for each cost more than the query itself. `.set` makes one when asked.
    """

    session_id: str
    date: str
    exercise: str
    number: int
    weight_kg: float
    full_reps: int
    partial_reps: int
    rpe: float | None
    rep_assessment: str | None
    rest_minutes: float | None
    notes: str | None
    body_weight: str | None  # "plus", "minus" or None: see WorkingSet.body_weight
    load_kg: float | None  # what the figures count; None: a body-weight set, no weigh-in yet

    @property
    def set(self) -> WorkingSet:
        return WorkingSet(*self[3:12])


_SUMMARY_FIELDS = (
    SessionRow.id,
    SessionRow.date,
    SessionRow.day,
    SessionRow.focus,
    SessionRow.phase,
    SessionRow.week,
    SessionRow.is_deload_week,
    SessionRow.exercise_count,
    SessionRow.warmup_set_count,
    SessionRow.working_set_count,
    SessionRow.volume_kg,
    SessionRow.file_name,
)


def session_count() -> int:
    return SessionRow.select().count()


def session_summaries(since: str | None = None) -> list[SessionSummary]:
    """Every session's summary, oldest first; `since` is an inclusive YYYY-MM-DD."""
    query = SessionRow.select(*_SUMMARY_FIELDS).order_by(SessionRow.started, SessionRow.id)
    if since:
        query = query.where(SessionRow.day >= since)
    return [SessionSummary(*row[:6], bool(row[6]), *row[7:]) for row in query.tuples().iterator()]


def file_index() -> dict[str, tuple[str, StoredFile]]:
    """file name → (session id, what the index recorded of the file).

    Raw rows, not Peewee's: its per-row conversion took ~60 µs a row, which made the
    startup scan of 5,000 unchanged files cost 300 ms instead of 30.
    """
    rows = database.obj.execute_sql(
        "SELECT file_name, id, file_size, file_mtime_ns, file_sha256 FROM session"
    )
    return {name: (sid, StoredFile(name, size, mtime, sha)) for name, sid, size, mtime, sha in rows}


def file_stamps() -> dict[str, tuple[str, int, int]]:
    """file name → (name, size, mtime) as the index recorded the file: equal to the folder
    listing's FileStat of a file not touched since."""
    rows = database.obj.execute_sql("SELECT file_name, file_size, file_mtime_ns FROM session")
    return {row[0]: row for row in rows}


def _rows(sql: str, params: tuple = ()) -> sqlite3.Cursor:
    """A query on this thread's connection, without Peewee's query building: the small
    lookups of a save and of "last time" cost Peewee ten times what SQLite spends on them."""
    return database.obj.connection().execute(sql, params)


def _one(sql: str, params: tuple) -> object | None:
    row = _rows(sql, params).fetchone()
    return row[0] if row else None


def file_name_of(session_id: str) -> str | None:
    """The file a stored session lives in, or None when it is not stored."""
    return _one("SELECT file_name FROM session WHERE id = ?", (session_id,))  # type: ignore[return-value]


def file_sha256_of(session_id: str) -> str | None:
    """The SHA-256 of a stored session's file as the index last saw it."""
    return _one("SELECT file_sha256 FROM session WHERE id = ?", (session_id,))  # type: ignore[return-value]


def session_id_of_file(file_name: str) -> str | None:
    return _one("SELECT id FROM session WHERE file_name = ?", (file_name,))  # type: ignore[return-value]


def load_session(session_id: str) -> Session | None:
    """The whole session as stored, or None."""
    found = list(load_sessions([session_id]))
    return found[0] if found else None


def load_sessions(session_ids: Sequence[str] | None = None) -> Iterator[Session]:
    """Whole sessions, oldest first: three queries however many sessions there are."""
    db = database.obj
    where, params = "", ()
    if session_ids is not None:
        if not session_ids:
            return
        marks = ",".join("?" * len(session_ids))
        where, params = f"WHERE id IN ({marks})", tuple(session_ids)
    sessions = db.execute_sql(
        "SELECT id, date, user_id, user_name, phase, week, is_deload_week, focus, body_weight_kg "
        f"FROM session {where} ORDER BY started, id",
        params,
    ).fetchall()
    if not sessions:
        return
    wanted = {row[0] for row in sessions}
    exercise_where = where.replace("id IN", "session_id IN")
    exercises: dict[str, list[tuple]] = {}
    for row in db.execute_sql(
        "SELECT session_id, position, name, muscle_groups, superset FROM exercise "
        f"{exercise_where} ORDER BY session_id, position",
        params,
    ):
        if row[0] in wanted:
            exercises.setdefault(row[0], []).append(row)
    sets: dict[tuple[str, int], list[tuple]] = {}
    for row in db.execute_sql(
        "SELECT session_id, exercise_position, kind, number, weight_kg, reps_full, reps_partial, "
        f'rpe, rep_assessment, rest_minutes, notes, body_weight FROM "set" {exercise_where} '
        "ORDER BY session_id, exercise_position, kind, number",
        params,
    ):
        sets.setdefault((row[0], row[1]), []).append(row)
    for sid, date, user_id, user_name, phase, week, deload, focus, body_weight in sessions:
        yield Session(
            id=sid,
            date=parse_date(date),  # type: ignore[arg-type]
            exercises=tuple(
                _exercise(position, name, groups, sets.get((sid, position), []), superset)
                for _, position, name, groups, superset in exercises.get(sid, [])
            ),
            user_id=user_id,
            user_name=user_name,
            phase=phase,
            week=week,
            is_deload_week=bool(deload),
            focus=focus,
            body_weight_kg=body_weight,
        )


def _exercise(
    position: int, name: str, groups: str, set_rows: list[tuple], superset: str | None = None
) -> Exercise:
    warmups, workings = [], []
    for row in set_rows:
        kind, number, weight, full, partial, rpe, assessment, rest, notes, body = row[2:]
        if kind == "warmup":
            warmups.append(WarmupSet(number, weight, full, notes, body))
        else:
            workings.append(
                WorkingSet(number, weight, full, partial, rpe, assessment, rest, notes, body)
            )
    return Exercise(
        order=position,
        name=name,
        target_muscle_groups=tuple(g for g in groups.split(",") if g),
        warmup_sets=tuple(warmups),
        working_sets=tuple(workings),
        group=superset,
    )


_LAST_EXERCISE_SQL = (
    "SELECT e.session_id, e.position, e.name, e.muscle_groups, s.day FROM exercise e "
    "JOIN session s ON s.id = e.session_id WHERE e.name_key = ?{before} "
    "ORDER BY e.started DESC, e.position DESC LIMIT 1"
)
_LAST_EXERCISE = _LAST_EXERCISE_SQL.format(before="")
_LAST_EXERCISE_BEFORE = _LAST_EXERCISE_SQL.format(before=" AND e.started < ?")
_LAST_SETS_SQL = (
    "SELECT session_id, exercise_position, kind, number, weight_kg, reps_full, reps_partial, "
    'rpe, rep_assessment, rest_minutes, notes, body_weight FROM "set" '
    "WHERE session_id = ? AND exercise_position = ? ORDER BY kind, number"
)


def last_time(exercise_name: str, before: str | None = None) -> LastTime | None:
    """The most recent session's sets for an exercise (by name key), optionally before a time.

    One index lookup on (name_key, started) with its session's day, then that exercise's
    sets by primary key.
    """
    if before is None:
        row = _rows(_LAST_EXERCISE, (name_key(exercise_name),)).fetchone()
    else:
        row = _rows(_LAST_EXERCISE_BEFORE, (name_key(exercise_name), before)).fetchone()
    if row is None:
        return None
    session_id, position, name, groups, day = row
    set_rows = _rows(_LAST_SETS_SQL, (session_id, position)).fetchall()
    return LastTime(session_id, day, _exercise(position, name, groups, set_rows))


# An exercise's working sets (by name key): with their sessions, what the history and the
# progression rules read, each its own columns and its own bound on `e.started`; without,
# what the records and the best estimate add up.
_WORKING_SETS_JOIN = (
    'JOIN "set" t ON t.session_id = e.session_id AND t.exercise_position = e.position '
    "AND t.kind = 'working' "
)
_EXERCISE_WORKING_SETS = (
    "FROM exercise e JOIN session s ON s.id = e.session_id "
    f"{_WORKING_SETS_JOIN}WHERE e.name_key = ?"
)
_NAMED_WORKING_SETS = f"FROM exercise e {_WORKING_SETS_JOIN}WHERE e.name_key = ?"
_OLDEST_FIRST = " ORDER BY e.started, e.position, t.number"


def exercise_history(exercise_name: str, since: str | None = None) -> list[HistorySet]:
    """Every working set of an exercise, oldest first."""
    db = database.obj
    sql = (
        "SELECT e.session_id, s.date, e.name, t.number, t.weight_kg, t.reps_full, "
        "t.reps_partial, t.rpe, t.rep_assessment, t.rest_minutes, t.notes, t.body_weight, "
        "t.load_kg " + _EXERCISE_WORKING_SETS
    )
    params: list[object] = [name_key(exercise_name)]
    if since:
        sql += " AND e.started >= ?"
        params.append(since)
    sql += _OLDEST_FIRST
    return list(map(HistorySet._make, db.execute_sql(sql, params)))


def standing_records(
    exercise_name: str, rule: E1rmRule | OneRepMaxFormula, excluding: str | None = None
) -> StandingRecords:
    """What a set typed today has to beat: the best estimated 1RM and the heaviest load of
    each rep count among the exercise's working sets (any spelling), the session `excluding`
    left out. SQLite adds them up per rep count, so a few dozen rows come back instead of
    every set: the form asks each time an exercise is chosen. The same figures as
    `StandingRecords.of_sets` over those sets (a test holds them equal)."""
    estimate = e1rm_sql(rule, "t.load_kg", "t.reps_full", "t.rpe")
    sql = (
        f"SELECT t.reps_full, max({estimate}), max(t.load_kg) {_NAMED_WORKING_SETS} "
        "AND t.load_kg IS NOT NULL"
    )
    params: list[object] = [name_key(exercise_name)]
    if excluding is not None:
        sql += " AND e.session_id != ?"
        params.append(excluding)
    best: float | None = None
    heaviest: dict[int, float] = {}
    for reps, estimated, heaviest_kg in database.obj.execute_sql(
        f"{sql} GROUP BY t.reps_full ORDER BY t.reps_full", params
    ):
        if estimated is not None and (best is None or estimated > best):
            best = estimated
        if 1 <= reps <= MAX_REP_RECORD and heaviest_kg > 0:
            heaviest[reps] = heaviest_kg
    return StandingRecords(best, heaviest)


def body_weight_near(day: str) -> tuple[str, float] | None:
    """The weigh-in nearest `day` (YYYY-MM-DD), as (its day, kg): what a body-weight set of
    that day counts. None when no session holds a body weight."""
    return body_weight_loads.nearest_weigh_in(database.obj.cursor(), day)


def best_estimated_one_rep_max(
    exercise_name: str, rule: E1rmRule | OneRepMaxFormula = OneRepMaxFormula.EPLEY
) -> float | None:
    """The best estimated 1RM of any working set of the exercise, or None.

    One aggregate in SQLite that calls the domain's own estimate per row, instead of loading
    the history into Python: the "last time" panel asks on every exercise it shows.
    """
    db = database.obj
    register(db.connection())
    row = db.execute_sql(
        f"SELECT max({e1rm_sql(rule, 't.load_kg', 't.reps_full', 't.rpe')}) {_NAMED_WORKING_SETS}",
        (name_key(exercise_name),),
    ).fetchone()
    return row[0] if row else None


def exercise_names() -> list[str]:
    """Every exercise name used so far, most used first (one spelling per name key)."""
    db = database.obj
    rows = db.execute_sql(
        "SELECT name_key, name, count(*) FROM exercise GROUP BY name_key, name "
        "ORDER BY name_key, count(*) DESC"
    ).fetchall()
    best = [next(group) for _, group in groupby(rows, key=lambda r: r[0])]
    return [name for _, name, _ in sorted(best, key=lambda r: -r[2])]


def focuses() -> list[str]:
    """Every focus used so far, most recent first."""
    db = database.obj
    rows = db.execute_sql(
        "SELECT focus FROM session WHERE focus IS NOT NULL "
        "GROUP BY focus ORDER BY max(started) DESC"
    )
    return [row[0] for row in rows]


class ProgressionSet(NamedTuple):
    """One working set of an exercise for its progression rule: the session's day and
    deload flag, and what was lifted."""

    session_id: str
    day: str
    is_deload_week: bool
    weight_kg: float
    full_reps: int
    rpe: float | None
    body_weight: str | None = None  # "plus", "minus": `weight_kg` is added or assistance


def progression_history(exercise_name: str, before: str | None = None) -> list[ProgressionSet]:
    """Every working set of an exercise (by name key) with its session's day and deload flag,
    oldest first; only sessions started before `before` when given."""
    sql = (
        "SELECT e.session_id, s.day, s.is_deload_week, t.weight_kg, t.reps_full, t.rpe, "
        "t.body_weight " + _EXERCISE_WORKING_SETS
    )
    params: list[object] = [name_key(exercise_name)]
    if before:
        sql += " AND e.started < ?"
        params.append(before)
    sql += _OLDEST_FIRST
    rows = database.obj.execute_sql(sql, params)
    return [ProgressionSet(sid, day, bool(deload), *rest) for sid, day, deload, *rest in rows]
