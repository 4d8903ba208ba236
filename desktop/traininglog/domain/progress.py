"""One exercise across a history: its records, totals and points to chart, and weekly volume.

The figures come from an exercise's working sets as plain rows (`SetFigures`), each with its
estimated 1RM already worked out, so years of history take one pass. Warm-ups never count.
The records follow `calculations.records_for_exercise` exactly: a record is held by the
first session to reach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .calculations import ExerciseRecords, Record


class SetFigures(NamedTuple):
    """One working set of an exercise, with when it was done and its estimated 1RM."""

    session_id: str
    started: str  # the session's wall-clock ISO time
    position: int  # the exercise's place in the session
    number: int
    weight_kg: float
    full_reps: int
    partial_reps: int
    rpe: float | None
    e1rm_kg: float | None  # estimated_one_rep_max of the set, or None

    @property
    def day(self) -> str:
        return self.started[:10]


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
    first_day: str | None
    last_day: str | None


@dataclass(frozen=True)
class ExerciseProgress:
    """Everything the history shows of one exercise but its table of sets."""

    exercise: str
    records: ExerciseRecords | None
    best_set: SetFigures | None  # the set that holds the estimated-1RM record
    totals: ExerciseTotals
    points: list[ProgressPoint]


def exercise_progress(
    exercise: str, sets: Sequence[SetFigures], max_rep_count: int = 12
) -> ExerciseProgress:
    """Records, totals and one chart point per session, from working sets in date order."""
    best_e1rm: Record | None = None
    best_set: SetFigures | None = None
    heaviest: dict[int, Record] = {}
    best_volume: Record | None = None
    points: list[ProgressPoint] = []
    sessions: set[str] = set()
    total_volume = 0.0
    i = 0
    while i < len(sets):
        # one exercise in one session: its sets are next to each other
        first = sets[i]
        j = i
        volume, top, best = 0.0, None, None
        while j < len(sets) and (sets[j].session_id, sets[j].position) == (
            first.session_id,
            first.position,
        ):
            s = sets[j]
            if s.e1rm_kg is not None:
                if best_e1rm is None or s.e1rm_kg > best_e1rm.value_kg:
                    best_e1rm = Record("e1rm", s.e1rm_kg, s.day, s.session_id)
                    best_set = s
                best = s.e1rm_kg if best is None else max(best, s.e1rm_kg)
            if 1 <= s.full_reps <= max_rep_count and s.weight_kg > 0:
                held = heaviest.get(s.full_reps)
                if held is None or s.weight_kg > held.value_kg:
                    heaviest[s.full_reps] = Record(
                        "weight-for-reps", s.weight_kg, s.day, s.session_id, s.full_reps
                    )
            if s.weight_kg > 0:
                top = s.weight_kg if top is None else max(top, s.weight_kg)
            volume += s.weight_kg * s.full_reps
            j += 1
        if volume > 0 and (best_volume is None or volume > best_volume.value_kg):
            best_volume = Record("session-volume", volume, first.day, first.session_id)
        points.append(
            ProgressPoint(datetime.fromisoformat(first.started), first.session_id, best, top)
        )
        sessions.add(first.session_id)
        total_volume += volume
        i = j
    records = (
        ExerciseRecords(exercise, best_e1rm, dict(sorted(heaviest.items())), best_volume)
        if sets
        else None
    )
    totals = ExerciseTotals(
        len(sessions),
        len(sets),
        total_volume,
        sets[0].day if sets else None,
        sets[-1].day if sets else None,
    )
    return ExerciseProgress(exercise, records, best_set, totals, points)


def points_in_range(
    points: Iterable[ProgressPoint], first_day: str | None, last_day: str | None
) -> list[ProgressPoint]:
    """The points from `first_day` to `last_day` (inclusive YYYY-MM-DD; None: open)."""
    first = date.fromisoformat(first_day) if first_day else date.min
    last = date.fromisoformat(last_day) if last_day else date.max
    return [p for p in points if first <= p.date.date() <= last]


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
