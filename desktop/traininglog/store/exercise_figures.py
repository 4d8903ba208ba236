"""One exercise's records and totals, read from its years (`exercise_years.py`).

The same figures as `domain.progress.exercise_progress` over the exercise's rep groups (a
test holds them equal), found without reading its whole history:

- the totals are the years' sums;
- each record is the best of the years' bests. A record is held by the first session to
  reach it, so the first year that reached it is searched, alone, for that session;
- the chart's points (one per session) are read only when the chart asks for them.

The best estimated 1RM of a year is the best estimate of its heaviest load for each rep
count: an estimate grows with the load. A formula that reads RPE estimates each set from its
own RPE, so it reads the sets (`history_queries.exercise_rep_groups_from_sets`) and adds
them up in one pass.
"""

from __future__ import annotations

import sqlite3
from functools import partial

from ..domain.calculations import (
    E1rmRule,
    ExerciseRecords,
    OneRepMaxFormula,
    Record,
)
from ..domain.names import name_key
from ..domain.progress import ExerciseProgress, ExerciseTotals, exercise_progress
from . import history_queries
from .estimates import e1rm_sql, register
from .models import database

Rule = E1rmRule | OneRepMaxFormula

# One year of an exercise's rep groups, in their key order (date, session, place, reps).
_IN_YEAR = "FROM rep_group WHERE name_key = ? AND started >= ? AND started < ? || '.'"


def exercise_figures(name: str, rule: Rule, max_rep_count: int = 12) -> ExerciseProgress:
    """An exercise's (any spelling) records, totals and, when asked, chart points."""
    rule = E1rmRule.of(rule)
    if rule.formula.reads_rpe:
        groups = history_queries.exercise_rep_groups_from_sets(name, rule)
        return exercise_progress(name, groups, max_rep_count)
    key = name_key(name)
    connection = register(database.obj.connection())
    years = connection.execute(
        "SELECT year, sessions, sets, volume_kg, body_weight_sets, unknown_loads, "
        "best_volume_kg FROM exercise_year WHERE name_key = ? ORDER BY year",
        (key,),
    ).fetchall()
    if not years:
        return ExerciseProgress(name, None, None, ExerciseTotals(0, 0, 0.0, None, None), tuple)
    heaviest = connection.execute(
        "SELECT year, reps_full, heaviest_kg FROM exercise_year_heaviest WHERE name_key = ? "
        "ORDER BY year, reps_full",
        (key,),
    ).fetchall()
    first, last = connection.execute(
        "SELECT (SELECT started FROM rep_group WHERE name_key = ?1 ORDER BY started LIMIT 1), "
        "(SELECT started FROM rep_group WHERE name_key = ?1 ORDER BY started DESC LIMIT 1)",
        (key,),
    ).fetchone()
    search = _YearSearch(connection, key)
    best_e1rm, e1rm_position = search.best_e1rm(rule)
    records = ExerciseRecords(
        name,
        best_e1rm,
        search.heaviest_for_reps(heaviest, max_rep_count),
        search.best_session_volume(years),
    )
    totals = ExerciseTotals(
        sessions=sum(y[1] for y in years),
        working_sets=sum(y[2] for y in years),
        volume_kg=sum(y[3] for y in years),
        first_day=first[:10],
        last_day=last[:10],
        body_weight_sets=sum(y[4] for y in years),
        unknown_loads=sum(y[5] for y in years),
    )
    return ExerciseProgress(name, records, e1rm_position, totals, partial(_entries, key, rule))


class _YearSearch:
    """Finds, in the first year that reached a record, the session that reached it first."""

    def __init__(self, connection: sqlite3.Connection, key: str):
        self.connection = connection
        self.key = key

    def _rows(self, columns: str, year: str, more: str = "", params: tuple = ()) -> list[tuple]:
        sql = f"SELECT {columns} {_IN_YEAR} {more}"
        return self.connection.execute(sql, (self.key, year, year, *params)).fetchall()

    def heaviest_for_reps(self, heaviest: list[tuple], max_rep_count: int) -> dict[int, Record]:
        held: dict[int, tuple[float, str]] = {}
        for year, reps, load in heaviest:  # years in order: a later equal load takes nothing
            if 1 <= reps <= max_rep_count and (reps not in held or load > held[reps][0]):
                held[reps] = (load, year)
        records: dict[int, Record] = {}
        for reps, (load, year) in sorted(held.items()):
            started, session_id = self._rows(
                "started, session_id",
                year,
                "AND reps_full = ? AND heaviest_kg = ? ORDER BY started, session_id, position "
                "LIMIT 1",
                (reps, load),
            )[0]
            records[reps] = Record("weight-for-reps", load, started[:10], session_id, reps)
        return records

    def best_e1rm(self, rule: E1rmRule) -> tuple[Record | None, int | None]:
        # SQLite's estimate is the domain's, written out (`estimates.py`).
        estimate = e1rm_sql(rule, "heaviest_kg", "reps_full", "NULL")
        best = self.connection.execute(
            f"SELECT year, {estimate} AS e1 FROM exercise_year_heaviest "
            "WHERE name_key = ? AND e1 IS NOT NULL ORDER BY e1 DESC, year LIMIT 1",
            (self.key,),
        ).fetchone()
        if best is None:
            return None, None
        year, value = best
        started, session_id, position = self._rows(
            "started, session_id, position",
            year,
            f"AND {estimate} = ? ORDER BY started, session_id, position, reps_full LIMIT 1",
            (value,),
        )[0]
        return Record("e1rm", value, started[:10], session_id), position

    def best_session_volume(self, years: list[tuple]) -> Record | None:
        bests = [(volume, year) for year, *_, volume in years if volume is not None]
        if not bests:
            return None
        most = max(volume for volume, _ in bests)
        year = next(year for volume, year in bests if volume == most)
        best: Record | None = None
        # Summed as `exercise_years` sums them, in the same order: the best is `most`.
        for started, session_id, volume in self._rows(
            "started, session_id, sum(volume_kg)", year, "GROUP BY started, session_id, position"
        ):
            if volume > 0 and (best is None or volume > best.value_kg):
                best = Record("session-volume", volume, started[:10], session_id)
        return best


def _entries(key: str, rule: E1rmRule) -> list[tuple[str, str, float | None, float | None]]:
    """One (started, session id, best estimate, top set) per session the exercise was done
    in, oldest first: the chart's points."""
    estimate = e1rm_sql(rule, "heaviest_kg", "reps_full", "NULL")
    return (
        register(database.obj.connection())
        .execute(
            f"SELECT started, session_id, max({estimate}), max(heaviest_kg) FROM rep_group "
            "WHERE name_key = ? GROUP BY started, session_id, position "
            "ORDER BY started, session_id, position",
            (key,),
        )
        .fetchall()
    )
