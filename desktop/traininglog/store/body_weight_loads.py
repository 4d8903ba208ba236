"""Body-weight sets' loads in the index, kept equal to the weigh-ins they count.

A body-weight set's load (`set.load_kg`) is the lifter's weigh-in nearest the set's day, plus
or minus the set's weight (`domain/loads.py`); its session's `volume_kg` counts it. A weigh-in
is the body weight a session holds (`session.body_weight_kg`), so saving, deleting or
importing a session can change the loads of other sessions' sets.

A weigh-in on day D can only change the loads of sets between the weigh-ins on either side
of it: a set before the one on the left has a nearer one still, and so has a set after the
one on the right. `refresh` works out that span for every day whose weigh-in changed, reads
the weigh-ins in it and the sessions with body-weight sets in it (both through partial
indexes), and writes their loads and volumes, in the caller's transaction. A session written
without any weigh-in changing needs only its own loads. A history with no body-weight sets
and no weigh-ins costs two index probes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..domain.body_weight import BodyWeightEntry, BodyWeightLog
from ..domain.loads import load_kg
from . import rep_groups

# Rows as the writes read them before changing a session: (day, body_weight_kg).
WeighIn = tuple[str, float | None]

_WEIGHED = "body_weight_kg IS NOT NULL"
_HAS_BODY_WEIGHT_SETS = (
    'EXISTS (SELECT 1 FROM "set" t WHERE t.session_id = s.id AND t.body_weight IS NOT NULL)'
)


def after_save(cursor, session, replaced: Iterable[WeighIn]) -> None:
    """After `session` was written over the rows `replaced` (their day and weigh-in)."""
    new = {(session.day, session.body_weight_kg)} if session.body_weight_kg is not None else set()
    old = {(day, kg) for day, kg in replaced if kg is not None}
    changed_days = {day for day, _ in old ^ new}
    own = [session.id] if session.has_body_weight_sets else []
    if changed_days:
        refresh(cursor, changed_days)
    elif own:
        refresh(cursor, {session.day}, only=own)


def after_delete(cursor, gone: Iterable[WeighIn]) -> None:
    """After a session was deleted: the sets its weigh-in (if any) counted for."""
    days = {day for day, kg in gone if kg is not None}
    if days:
        refresh(cursor, days)


def after_insert(cursor, session_rows: Iterable[tuple], with_body_weight_sets: Iterable[str]):
    """After many sessions were inserted (an import, a rebuild): `session_rows` as
    `writes.index_rows` makes them, `with_body_weight_sets` the ids of those that have any."""
    days = {row[3] for row in session_rows if row[-1] is not None}
    own = list(dict.fromkeys(with_body_weight_sets))
    if days:
        refresh(cursor, days)
    elif own:
        refresh(cursor, set(), only=own)


def refresh_everything(cursor) -> None:
    """Every body-weight set's load and its session's volume, from every weigh-in: once at
    the end of a rebuild, whose batches come in any order. The rebuild adds up the rep groups
    after it, from the final loads, so none are redone here."""
    _write_all(cursor, _sessions_between(cursor, None, None), None, None, regroup=False)


def refresh(cursor, changed_days: set[str], only: list[str] | None = None) -> None:
    """Write the loads of the body-weight sets a weigh-in change on `changed_days` can move
    (or, with `only`, of those sessions alone), and their sessions' volumes."""
    targets = _sessions_by_id(cursor, only) if only is not None else None
    days = changed_days or {day for _, day in targets or ()}
    if not days:
        return
    low, high = _span(cursor, days)
    if targets is None:
        targets = _sessions_between(cursor, low, high)
    _write_all(cursor, targets, low, high)


def _write_all(
    cursor,
    targets: list[tuple[str, str]],
    low: str | None,
    high: str | None,
    regroup: bool = True,
):
    """The loads of `targets` (session id, day), every one between the weigh-ins `low` and
    `high` (None: open on that side), from the weigh-ins in that span; and, if `regroup`,
    their rep groups again."""
    if not targets:
        return
    log = _weigh_ins_between(cursor, low, high)
    for session_id, day in targets:
        nearest = log.nearest(date.fromisoformat(day))
        weight = None if nearest is None else float(nearest.weight)
        _write_loads(cursor, session_id, weight, regroup)


def nearest_weigh_in(cursor, day: str) -> tuple[str, float] | None:
    """The weigh-in nearest `day` (YYYY-MM-DD) as (its day, kg), the earlier of two equally
    near; None when none is logged. What a body-weight set of that day counts."""
    low, high = _span(cursor, {day})
    entry = _weigh_ins_between(cursor, low, high).nearest(date.fromisoformat(day))
    return None if entry is None else (entry.day.isoformat(), float(entry.weight))


def _span(cursor, days: set[str]) -> tuple[str | None, str | None]:
    """The nearest weigh-in days outside `days`' range: before the first, after the last
    (None: there is none, the span is open on that side)."""
    low = cursor.execute(
        f"SELECT max(day) FROM session WHERE {_WEIGHED} AND day < ?", (min(days),)
    ).fetchone()[0]
    high = cursor.execute(
        f"SELECT min(day) FROM session WHERE {_WEIGHED} AND day > ?", (max(days),)
    ).fetchone()[0]
    return low, high


def _between(low: str | None, high: str | None, column: str = "day") -> tuple[str, list[str]]:
    clauses, params = [], []
    if low is not None:
        clauses.append(f"{column} >= ?")
        params.append(low)
    if high is not None:
        clauses.append(f"{column} <= ?")
        params.append(high)
    return "".join(f" AND {c}" for c in clauses), params


def _weigh_ins_between(cursor, low: str | None, high: str | None) -> BodyWeightLog:
    # In day order, and within a day the later session last: the log keeps the last entry
    # of a day (a correction), as the domain's BodyWeightLog has it.
    where, params = _between(low, high)
    rows = cursor.execute(
        f"SELECT day, body_weight_kg FROM session WHERE {_WEIGHED}{where} ORDER BY day, started",
        params,
    )
    return BodyWeightLog(BodyWeightEntry(date.fromisoformat(day), kg) for day, kg in rows)


def _sessions_between(cursor, low: str | None, high: str | None) -> list[tuple[str, str]]:
    where, params = _between(low, high, "s.day")
    return cursor.execute(
        f"SELECT s.id, s.day FROM session s WHERE {_HAS_BODY_WEIGHT_SETS}{where}", params
    ).fetchall()


def _sessions_by_id(cursor, ids: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found += cursor.execute(
            f"SELECT s.id, s.day FROM session s WHERE s.id IN ({marks})", chunk
        ).fetchall()
    return found


def _write_loads(
    cursor, session_id: str, body_weight_kg: float | None, regroup: bool = True
) -> None:
    """The loads of one session's body-weight sets for a lifter weighing `body_weight_kg`,
    its volume, added up exactly as `calculations.session_volume_kg` does, and, if
    `regroup`, its rep groups."""
    rows = cursor.execute(
        'SELECT rowid, weight_kg, body_weight FROM "set" '
        "WHERE session_id = ? AND body_weight IS NOT NULL",
        (session_id,),
    ).fetchall()
    cursor.executemany(
        'UPDATE "set" SET load_kg = ? WHERE rowid = ?',
        [(load_kg(weight, kind, body_weight_kg), rowid) for rowid, weight, kind in rows],
    )
    working = cursor.execute(
        'SELECT exercise_position, load_kg, reps_full FROM "set" '
        "WHERE session_id = ? AND kind = 'working' ORDER BY exercise_position, number",
        (session_id,),
    ).fetchall()
    positions = cursor.execute(
        "SELECT position FROM exercise WHERE session_id = ? ORDER BY position", (session_id,)
    ).fetchall()
    by_exercise: dict[int, list[tuple[float | None, int]]] = {p: [] for (p,) in positions}
    for position, load, reps in working:
        by_exercise.setdefault(position, []).append((load, reps))
    volume = sum(
        sum(0.0 if load is None else load * reps for load, reps in sets)
        for sets in by_exercise.values()
    )
    cursor.execute("UPDATE session SET volume_kg = ? WHERE id = ?", (volume, session_id))
    if rows and regroup:
        rep_groups.redo(cursor, session_id)
