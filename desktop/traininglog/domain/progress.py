"""One exercise across a history: its records, totals and points to chart, and weekly volume.

The figures come from an exercise's working sets summed up per session and rep count
(`RepGroup`, added up by the index), so years of history take one short pass. Warm-ups never
count. The records follow `calculations.records_for_exercise` exactly: a record is held by
the first session to reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from .calculations import ExerciseRecords, Record


class RepGroup(NamedTuple):
    """An exercise's working sets of one rep count in one session, summed up."""

    session_id: str
    started: str  # the session's wall-clock ISO time
    position: int  # the exercise's place in the session
    full_reps: int
    sets: int
    heaviest_kg: float | None  # None when none had a load
    best_e1rm_kg: float | None  # the best estimated 1RM among them, or None
    volume_kg: float
    body_weight_sets: int = 0  # how many count the lifter's body weight
    unknown_loads: int = 0  # of those, how many have no weigh-in to count (left out)

    @property
    def day(self) -> str:
        return self.started[:10]


class BestSet(NamedTuple):
    """The set behind an estimated-1RM record: its weight as entered, and its load (the same
    for a plain set; a body-weight set's counts the weigh-in nearest its day)."""

    weight_kg: float
    full_reps: int
    partial_reps: int
    rpe: float | None
    e1rm_kg: float
    body_weight: str | None = None
    load_kg: float | None = None


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
    body_weight_sets: int = 0  # working sets that count the lifter's body weight
    unknown_loads: int = 0  # of those, left out of every figure: no weigh-in logged


# One session's figures as the pass over the rep groups finds them: (started, session id,
# best estimated 1RM, top set). The chart's points are made of them only when drawn.
_Entry = tuple[str, str, float | None, float | None]


@dataclass(frozen=True)
class ExerciseProgress:
    """Everything the history shows of one exercise but its table of sets."""

    exercise: str
    records: ExerciseRecords | None
    e1rm_position: int | None  # where in its session the exercise with the best estimate was
    totals: ExerciseTotals
    # Reads one entry per session, oldest first: called when first asked for (the Exercise
    # tab shows the records and totals alone; the chart reads the entries).
    read_entries: Callable[[], Sequence[_Entry]] = field(default=tuple, repr=False, compare=False)

    @cached_property
    def entries(self) -> tuple[_Entry, ...]:
        return tuple(self.read_entries())

    @cached_property
    def points(self) -> list[ProgressPoint]:
        """One chart point per session, oldest first."""
        return [
            ProgressPoint(datetime.fromisoformat(started), session_id, best, top)
            for started, session_id, best, top in self.entries
        ]


def exercise_progress(
    exercise: str, groups: Sequence[RepGroup], max_rep_count: int = 12
) -> ExerciseProgress:
    """Records, totals and one chart point per session, from rep groups in date order (the
    whole history in one pass; `store.exercise_figures` reads the same from a few rows a
    year, for every formula that does not read RPE)."""
    best_e1rm: Record | None = None
    e1rm_position: int | None = None
    heaviest: dict[int, Record] = {}
    best_volume: Record | None = None
    entries: list[_Entry] = []
    sessions: set[str] = set()
    working_sets, total_volume = 0, 0.0
    body_weight_sets = unknown_loads = 0
    # One pass; an exercise's rep groups in one session are next to each other. Plain tuple
    # unpacking: this runs over years of history while the lifter waits.
    entry: tuple[str, str, int] | None = None
    volume, top, best = 0.0, None, None

    def close_entry() -> None:
        nonlocal best_e1rm, e1rm_position, best_volume, total_volume
        assert entry is not None
        session_id, started, position = entry
        if best is not None and (best_e1rm is None or best > best_e1rm.value_kg):
            best_e1rm = Record("e1rm", best, started[:10], session_id)
            e1rm_position = position
        if volume > 0 and (best_volume is None or volume > best_volume.value_kg):
            best_volume = Record("session-volume", volume, started[:10], session_id)
        entries.append((started, session_id, best, top))
        sessions.add(session_id)
        total_volume += volume

    for session_id, started, position, reps, count, heavy, e1rm, group_volume, *bw in groups:
        if bw:
            body_weight_sets += bw[0]
            unknown_loads += bw[1]
        if entry is None or entry[0] != session_id or entry[2] != position:
            if entry is not None:
                close_entry()
            entry = (session_id, started, position)
            volume, top, best = 0.0, None, None
        if e1rm is not None and (best is None or e1rm > best):
            best = e1rm
        if heavy is not None:
            if top is None or heavy > top:
                top = heavy
            if 1 <= reps <= max_rep_count:
                held = heaviest.get(reps)
                if held is None or heavy > held.value_kg:
                    heaviest[reps] = Record(
                        "weight-for-reps", heavy, started[:10], session_id, reps
                    )
        volume += group_volume
        working_sets += count
    if entry is not None:
        close_entry()
    records = (
        ExerciseRecords(exercise, best_e1rm, dict(sorted(heaviest.items())), best_volume)
        if groups
        else None
    )
    totals = ExerciseTotals(
        len(sessions),
        working_sets,
        total_volume,
        groups[0].day if groups else None,
        groups[-1].day if groups else None,
        body_weight_sets,
        unknown_loads,
    )
    return ExerciseProgress(exercise, records, e1rm_position, totals, lambda: entries)


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


@dataclass(frozen=True)
class WeeklyVolume:
    """What the weekly-volume chart draws: volume (kg) per week, the weeks anybody trained
    (True for a deload week), all keyed by the week's Monday (YYYY-MM-DD); and for a muscle
    group, the factor its secondary muscles were counted by (None: all groups)."""

    volume_kg: Mapping[str, float]
    trained: Mapping[str, bool]
    secondary_factor: float | None = None

    def series(
        self, first_day: str | None = None, last_day: str | None = None
    ) -> list[tuple[date, float | None]]:
        return weekly_series(self.volume_kg, first_day, last_day, self.trained)

    @property
    def deload_weeks(self) -> set[date]:
        return {date.fromisoformat(week) for week, deload in self.trained.items() if deload}


def weekly_series(
    volumes: Mapping[str, float],
    first_day: str | None = None,
    last_day: str | None = None,
    trained: Iterable[str] = (),
) -> list[tuple[date, float | None]]:
    """Every week from the first to the last (their Mondays), each with its volume: 0 for a
    week trained (in `trained` or `volumes`) without volume for what is shown, None for a week
    nobody trained. Without bounds, from the first to the last week in `volumes`."""
    weeks = sorted(volumes)
    if not weeks and (first_day is None or last_day is None):
        return []
    trained_weeks = set(trained)
    first = week_start(date.fromisoformat(first_day or weeks[0]))
    last = week_start(date.fromisoformat(last_day or weeks[-1]))
    series: list[tuple[date, float | None]] = []
    for n in range((last - first).days // 7 + 1):  # no week past the last: 9999-12-27 ends time
        week = first + timedelta(days=7 * n)
        key = week.isoformat()
        if key in volumes:
            series.append((week, float(volumes[key])))
        else:
            series.append((week, 0.0 if key in trained_weeks else None))
    return series


def monthly_best(points: Iterable[ProgressPoint]) -> list[ProgressPoint]:
    """One point per calendar month: its best estimated 1RM and its heaviest top set, dated
    the 1st (the session named is the one with the best estimate). Years of sessions read
    as a trend this way, and a deload week no longer looks like a collapse."""
    months: dict[tuple[int, int], ProgressPoint] = {}
    for p in points:
        key = (p.date.year, p.date.month)
        held = months.get(key)
        if held is None:
            months[key] = ProgressPoint(
                datetime(p.date.year, p.date.month, 1), p.session_id, p.best_e1rm_kg, p.top_set_kg
            )
            continue
        better = p.best_e1rm_kg is not None and (
            held.best_e1rm_kg is None or p.best_e1rm_kg > held.best_e1rm_kg
        )
        months[key] = ProgressPoint(
            held.date,
            p.session_id if better else held.session_id,
            p.best_e1rm_kg if better else held.best_e1rm_kg,
            _larger(held.top_set_kg, p.top_set_kg),
        )
    return [months[key] for key in sorted(months)]


def monthly_mean(
    weeks: Iterable[tuple[date, float | None]],
) -> list[tuple[date, float | None]]:
    """Weekly figures averaged per calendar month (of each week's Monday), dated the 1st.
    A week nobody trained counts as nothing lifted; a month nobody trained has no figure."""
    months: dict[date, list[float | None]] = {}
    for week, value in weeks:
        months.setdefault(week.replace(day=1), []).append(value)
    return [
        (
            month,
            None if all(v is None for v in values) else sum(v or 0.0 for v in values) / len(values),
        )
        for month, values in sorted(months.items())
    ]


def _larger(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None else max(a, b)
