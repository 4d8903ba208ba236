"""One exercise across a history: points to chart, records, and weekly volume series.

Working sets only: warm-ups never count toward estimates, records or volume.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .calculations import (
    ExerciseRecords,
    OneRepMaxFormula,
    best_set,
    exercise_volume_kg,
    records_for_exercise,
    set_estimated_one_rep_max,
)
from .session import Exercise, Session, WorkingSet


@dataclass(frozen=True)
class ExerciseEntry:
    """One exercise as it was done in one session."""

    session_id: str
    date: datetime  # wall clock, as the lifter logged it
    exercise: Exercise

    @property
    def day(self) -> str:
        return self.date.strftime("%Y-%m-%d")


@dataclass(frozen=True)
class ProgressPoint:
    """One session's figures for an exercise: its best estimated 1RM and its top set."""

    date: datetime
    session_id: str
    best_e1rm_kg: float | None
    top_set_kg: float | None


@dataclass(frozen=True)
class ExerciseTotals:
    sessions: int
    working_sets: int
    volume_kg: float


def in_range(
    entries: Iterable[ExerciseEntry], first_day: str | None, last_day: str | None
) -> list[ExerciseEntry]:
    """The entries from `first_day` to `last_day` (inclusive YYYY-MM-DD; None: unbounded)."""
    return [
        e
        for e in entries
        if (first_day is None or e.day >= first_day) and (last_day is None or e.day <= last_day)
    ]


def progress_points(
    entries: Iterable[ExerciseEntry], formula: OneRepMaxFormula = OneRepMaxFormula.EPLEY
) -> list[ProgressPoint]:
    """Per entry with working sets: the best estimated 1RM and the heaviest working set."""
    points = []
    for entry in entries:
        sets = entry.exercise.working_sets
        if not sets:
            continue
        estimates = [e for s in sets if (e := set_estimated_one_rep_max(s, formula)) is not None]
        loaded = [s.weight_kg for s in sets if s.weight_kg > 0]
        points.append(
            ProgressPoint(
                entry.date,
                entry.session_id,
                max(estimates) if estimates else None,
                max(loaded) if loaded else None,
            )
        )
    return points


def exercise_records(
    entries: Iterable[ExerciseEntry],
    formula: OneRepMaxFormula = OneRepMaxFormula.EPLEY,
    max_rep_count: int = 12,
) -> ExerciseRecords | None:
    """The exercise's records (`records_for_exercise`) from its entries, oldest first."""
    pairs = ((Session(e.session_id, e.date), e.exercise) for e in entries)
    return records_for_exercise(pairs, formula, max_rep_count)


def best_set_of(
    entries: Iterable[ExerciseEntry],
    session_id: str,
    formula: OneRepMaxFormula = OneRepMaxFormula.EPLEY,
) -> WorkingSet | None:
    """The set with the best estimated 1RM that the exercise had in one session."""
    sets = [s for e in entries if e.session_id == session_id for s in e.exercise.working_sets]
    return best_set(sets, formula)


def exercise_totals(entries: Iterable[ExerciseEntry]) -> ExerciseTotals:
    sessions, working_sets, volume = set(), 0, 0.0
    for entry in entries:
        sessions.add(entry.session_id)
        working_sets += len(entry.exercise.working_sets)
        volume += exercise_volume_kg(entry.exercise)
    return ExerciseTotals(len(sessions), working_sets, volume)


def week_start(day: date) -> date:
    """The Monday of the day's week."""
    return day - timedelta(days=day.weekday())


def weekly_series(
    volumes: Mapping[str, float], first_day: str | None = None, last_day: str | None = None
) -> list[tuple[date, float]]:
    """Every week from the first to the last (their Mondays), with the weeks nobody trained
    as 0. Without bounds, from the first to the last week in `volumes`."""
    weeks = sorted(volumes)
    if not weeks and (first_day is None or last_day is None):
        return []
    first = week_start(date.fromisoformat(first_day or weeks[0]))
    last = week_start(date.fromisoformat(last_day or weeks[-1]))
    series = []
    week = first
    while week <= last:
        series.append((week, float(volumes.get(week.isoformat(), 0.0))))
        week += timedelta(days=7)
    return series
