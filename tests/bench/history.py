"""A realistic, deterministic training history for benchmarks, UI tests and screenshots.

    from history import generate_history         # with tests/bench on sys.path
    from bench.history import generate_history   # in pytest (conftest adds tests/)
    sessions = generate_history(sessions=5000, seed=1)   # list[Session], oldest first

One lifter trains 3–4 times a week. Programs rotate (upper/lower, push/pull/legs, full body);
each program runs a cycle of 2–3 phases (hypertrophy, strength, peaking) of 4–6 weeks, the
last week of each phase a deload (lighter, flagged `is_deload_week`). `phase` counts the
phases of the current program from 1 and `week` its weeks from 1, so both stay small. Lifts
are taken from `data/exercises.json` (with its muscle groups) plus a few custom unicode names;
each program cycle fixes its variations. Strength grows along a saturating curve with
day-to-day noise, dips after the odd holiday, and every set's RPE (half steps, 6–10), rep
assessment, failed reps and PR notes follow from the weight against the day's strength.

The history has three eras, as a real one does: the oldest tenth was imported from another
app (naive dates without fractions, no phase/week/focus/muscle groups/RPE/rest); then the
command-line version's naive microsecond dates; the newest half has RFC 3339 offsets.

At 3–4 sessions a week, 5,000 sessions cover about 29 years (1996 to early 2026); 1,800
sessions make ten years. Sessions average 5–6 exercises and ≈ 30 sets (warm-up + working):
5,000 sessions hold ≈ 147,000 sets.

The same `seed` always gives the same sessions (ids included). `python history.py [N]`
prints the counts.
"""

from __future__ import annotations

import json
import math
import random
import sys
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, ensure_valid
from traininglog.files.shipped import shipped_file

__all__ = ["LAST_DAY", "USER_ID", "USER_NAME", "count_sets", "generate_history"]

LAST_DAY = date(2026, 2, 13)  # the newest session is on or before this day
USER_ID = "jmueller"
USER_NAME = "Jördis Müller"

# name: (muscle groups, equipment); names a user typed themselves, not from the catalogue.
CUSTOM_EXERCISES: dict[str, tuple[tuple[str, ...], str]] = {
    "Kniebeuge mit Sicherheitsstange (Pause)": (("quads", "glutes", "adductors"), "barbell"),
    "Écarté poulie vis-à-vis": (("chest", "front-delts"), "cable"),
    "ベンチプレス（ナローグリップ）": (("triceps", "chest"), "barbell"),
    "Жим гантелей на наклонной скамье": (("chest", "front-delts", "triceps"), "dumbbell"),
    "Schlitten ziehen 🛷": (("quads", "glutes", "calves"), "other"),
    "Nackenbrücke": (("neck",), "bodyweight"),
}

# Starting and long-term one-rep max (kg of load) and plate step, where equipment says too
# little. Bodyweight lifts without added load have (0, 0).
STRENGTH: dict[str, tuple[float, float, float]] = {
    "Barbell Back Squat": (70, 195, 2.5),
    "Low-Bar Squat": (75, 205, 2.5),
    "Safety Bar Squat": (60, 180, 2.5),
    "Kniebeuge mit Sicherheitsstange (Pause)": (55, 160, 2.5),
    "Barbell Front Squat": (55, 155, 2.5),
    "Barbell Bench Press": (55, 142.5, 2.5),
    "Paused Bench Press": (50, 135, 2.5),
    "Close-Grip Bench Press": (50, 130, 2.5),
    "ベンチプレス（ナローグリップ）": (45, 120, 2.5),
    "Incline Barbell Bench Press": (45, 120, 2.5),
    "Conventional Deadlift": (90, 240, 2.5),
    "Sumo Deadlift": (85, 230, 2.5),
    "Trap Bar Deadlift": (95, 250, 2.5),
    "Romanian Deadlift": (60, 170, 2.5),
    "Barbell Overhead Press": (35, 92.5, 1.25),
    "Seated Barbell Overhead Press": (30, 80, 1.25),
    "Barbell Row": (50, 130, 2.5),
    "Pendlay Row": (50, 125, 2.5),
    "Seal Row": (40, 105, 2.5),
    "Barbell Hip Thrust": (60, 220, 5),
    "Barbell Shrug": (60, 180, 5),
    "Barbell Curl": (25, 60, 2.5),
    "Leg Press": (120, 360, 5),
    "Hack Squat": (60, 200, 5),
    "Weighted Pull-Up": (0, 50, 2.5),
    "Weighted Chin-Up": (0, 55, 2.5),
    "Weighted Dip": (0, 70, 2.5),
    "Dumbbell Lateral Raise": (6, 18, 1),
    "Cable Lateral Raise": (4, 15, 1.25),
    "Dumbbell Shoulder Press": (14, 40, 2),
    "Hammer Curl": (12, 30, 2),
    "Incline Dumbbell Curl": (8, 22, 2),
    "Incline Dumbbell Press": (18, 50, 2),
    "Жим гантелей на наклонной скамье": (18, 48, 2),
    "Dumbbell Bulgarian Split Squat": (10, 40, 2),
    "Face Pull": (15, 45, 2.5),
    "Reverse Pec Deck": (20, 65, 5),
    "Cable Triceps Pushdown": (20, 60, 2.5),
    "Cable Overhead Triceps Extension": (15, 45, 2.5),
    "Lat Pulldown": (45, 110, 2.5),
    "Seated Cable Row": (45, 115, 2.5),
    "Chest-Supported T-Bar Row": (40, 120, 2.5),
    "Lying Leg Curl": (30, 90, 5),
    "Seated Leg Curl": (35, 100, 5),
    "Standing Calf Raise": (60, 160, 5),
    "Seated Calf Raise": (30, 90, 5),
    "Leg Press Calf Raise": (100, 260, 5),
    "Cable Crunch": (30, 90, 2.5),
    "Pallof Press": (10, 30, 2.5),
    "Schlitten ziehen 🛷": (40, 160, 10),
}
EQUIPMENT_STRENGTH: dict[str, tuple[float, float, float]] = {
    "barbell": (40, 110, 2.5),
    "dumbbell": (12, 36, 2),
    "machine": (40, 120, 5),
    "cable": (20, 70, 2.5),
    "bodyweight": (0, 0, 0),
    "band": (0, 0, 0),
    "kettlebell": (12, 32, 4),
    "smith-machine": (40, 120, 2.5),
    "ez-bar": (25, 60, 2.5),
    "trap-bar": (80, 220, 2.5),
    "other": (10, 40, 2.5),
}

# Slot kinds: a main lift, a secondary compound, an accessory. Each slot lists variations;
# a program cycle picks one per slot (earlier names more often) and keeps it.
MAIN, SECOND, ACCESSORY = "main", "second", "accessory"
BENCH = ["Barbell Bench Press"] * 4 + ["Paused Bench Press", "Close-Grip Bench Press"]
SQUAT = ["Barbell Back Squat"] * 3 + [
    "Low-Bar Squat",
    "Safety Bar Squat",
    "Kniebeuge mit Sicherheitsstange (Pause)",
]
DEADLIFT = ["Conventional Deadlift"] * 3 + ["Sumo Deadlift", "Trap Bar Deadlift"]
PRESS = ["Barbell Overhead Press"] * 2 + [
    "Seated Barbell Overhead Press",
    "Dumbbell Shoulder Press",
]
ROW = ["Barbell Row", "Pendlay Row", "Chest-Supported T-Bar Row", "Seal Row", "Seated Cable Row"]
VERTICAL_PULL = ["Weighted Pull-Up", "Lat Pulldown", "Weighted Chin-Up", "Pull-Up", "Chin-Up"]
DELTS = ["Dumbbell Lateral Raise", "Cable Lateral Raise", "Face Pull", "Reverse Pec Deck"]
BICEPS = ["EZ-Bar Curl", "Hammer Curl", "Incline Dumbbell Curl", "Barbell Curl"]
TRICEPS = [
    "Cable Triceps Pushdown",
    "Barbell Skull Crusher",
    "Cable Overhead Triceps Extension",
    "ベンチプレス（ナローグリップ）",
]
CHEST_ACC = ["Incline Dumbbell Press", "Жим гантелей на наклонной скамье", "Weighted Dip"]
FLY = ["Cable Fly", "Écarté poulie vis-à-vis", "Pec Deck", "Dumbbell Fly"]
HINGE = ["Romanian Deadlift", "Barbell Hip Thrust", "Good Morning"]
QUAD_ACC = ["Leg Press", "Hack Squat", "Dumbbell Bulgarian Split Squat", "Barbell Front Squat"]
HAMSTRING = ["Lying Leg Curl", "Seated Leg Curl", "Nordic Hamstring Curl", "Glute Ham Raise"]
CALVES = ["Standing Calf Raise", "Seated Calf Raise", "Leg Press Calf Raise"]
ABS = ["Hanging Leg Raise", "Cable Crunch", "Ab Wheel Rollout", "Pallof Press"]
TRAPS_NECK = ["Barbell Shrug", "Dumbbell Shrug", "Nackenbrücke", "4-Way Neck Machine"]
CONDITIONING = ["Schlitten ziehen 🛷", "Sled Push", "Farmer's Walk", "Kettlebell Swing"]

DAYS: dict[str, list[tuple[str, list[str]]]] = {
    "upper": [
        (MAIN, BENCH),
        (SECOND, ROW),
        (SECOND, PRESS),
        (ACCESSORY, VERTICAL_PULL),
        (ACCESSORY, DELTS),
        (ACCESSORY, BICEPS),
        (ACCESSORY, TRICEPS),
    ],
    "lower": [
        (MAIN, SQUAT),
        (SECOND, DEADLIFT + HINGE),
        (ACCESSORY, QUAD_ACC),
        (ACCESSORY, HAMSTRING),
        (ACCESSORY, CALVES),
        (ACCESSORY, ABS),
    ],
    "push": [
        (MAIN, BENCH),
        (SECOND, PRESS),
        (ACCESSORY, CHEST_ACC),
        (ACCESSORY, FLY),
        (ACCESSORY, DELTS[:2]),
        (ACCESSORY, TRICEPS),
    ],
    "pull": [
        (MAIN, DEADLIFT),
        (SECOND, ROW),
        (ACCESSORY, VERTICAL_PULL),
        (ACCESSORY, DELTS[2:]),
        (ACCESSORY, BICEPS),
        (ACCESSORY, TRAPS_NECK),
    ],
    "legs": [
        (MAIN, SQUAT),
        (SECOND, HINGE),
        (ACCESSORY, QUAD_ACC),
        (ACCESSORY, HAMSTRING),
        (ACCESSORY, CALVES),
        (ACCESSORY, CONDITIONING),
        (ACCESSORY, ABS),
    ],
    "full-body": [
        (MAIN, SQUAT + DEADLIFT),
        (SECOND, BENCH + PRESS),
        (SECOND, ROW + VERTICAL_PULL),
        (ACCESSORY, QUAD_ACC + HAMSTRING),
        (ACCESSORY, DELTS + BICEPS + TRICEPS),
        (ACCESSORY, ABS + CALVES),
    ],
}
PROGRAMS: dict[str, list[str]] = {
    "upper-lower": ["upper", "lower"],
    "push-pull-legs": ["push", "pull", "legs"],
    "full-body": ["full-body"],
}
# A program cycle's phases; each phase is 4–6 weeks, the last a deload.
CYCLES = [
    ("hypertrophy", "strength"),
    ("hypertrophy", "strength", "peaking"),
    ("hypertrophy", "hypertrophy", "strength"),
]
# Per phase: (main reps, accessory reps, starting RPE choices, rest minutes for main lifts).
SCHEMES = {
    "hypertrophy": ((8, 10), (10, 15), (7, 7.5, 8), (2, 3)),
    "strength": ((4, 6), (8, 12), (7.5, 8, 8.5), (3, 4.5)),
    "peaking": ((1, 3), (6, 10), (8, 8.5, 9), (3.5, 5)),
    "deload": ((5, 6), (10, 12), (6, 6), (2, 3)),
}

SET_NOTES = [
    "Knie fühlte sich gut an",
    "Belt on",
    "Grip gave out 🤦",
    "Tempo 3-1-1",
    "Ellenbogen zwickt",
    "Paused reps",
    "Sleep was bad — 5 h",
    "Überraschend leicht",
    "Schulter ok 👍",
    "Spotter helped on the last rep",
    "Slight knee cave on rep 4",
    "New shoes",
    "膝",
    "膝が少し痛い",
    "Легко пошло",
    "ça glisse, craie !",
    "Lower back a bit tight, stopped there",
    "Bar speed 🔥",
]
WARMUP_NOTES = ["empty bar", "Hüfte steif", "mobility first", "膝", "felt heavy"]
LONG_NOTE = (
    "Long day at work, came in tired. First warm-ups felt slow but the working sets moved "
    "well once I focused on bracing. Knie fühlte sich gut an, no pain at the bottom. Next "
    "time: same weight, aim for cleaner lockouts and a full 3 min rest between sets. "
)


@dataclass(frozen=True)
class _Lift:
    name: str
    groups: tuple[str, ...]
    start: float  # one-rep max at the start of the history (kg of load)
    peak: float  # long-term one-rep max
    step: float  # smallest weight change (plates, pins, dumbbell pairs)
    equipment: str

    @property
    def loaded(self) -> bool:
        return self.peak > 0


@cache
def _catalogue() -> dict[str, tuple[tuple[str, ...], str]]:
    """Catalogue name → (muscle groups: primary then secondary, equipment)."""
    with open(shipped_file("data", "exercises.json"), encoding="utf-8") as f:
        items = json.load(f)["exercises"]
    out = {}
    for item in items:
        groups = tuple(dict.fromkeys(item["primaryMuscles"] + item["secondaryMuscles"]))
        out[item["name"]] = (groups, item["equipment"])
    return out


@cache
def _lift(name: str) -> _Lift:
    groups, equipment = CUSTOM_EXERCISES.get(name) or _catalogue()[name]
    start, peak, step = STRENGTH.get(name) or EQUIPMENT_STRENGTH[equipment]
    return _Lift(name, groups, start, peak, step, equipment)


def _check_names() -> None:
    catalogue = _catalogue()
    for day in DAYS.values():
        for _, names in day:
            for name in names:
                if name not in catalogue and name not in CUSTOM_EXERCISES:
                    raise LookupError(f"{name!r} is neither in data/exercises.json nor custom")


def count_sets(sessions: list[Session]) -> tuple[int, int]:
    """(warm-up sets, working sets) over all sessions."""
    warmups = workings = 0
    for session in sessions:
        for exercise in session.exercises:
            warmups += len(exercise.warmup_sets)
            workings += len(exercise.working_sets)
    return warmups, workings


def generate_history(sessions: int = 5000, seed: int = 1, validate: bool = True) -> list[Session]:
    """`sessions` sessions of one lifter, oldest first, ending on or before `LAST_DAY`.

    Deterministic for a given (sessions, seed). With `validate`, every session is checked
    with `traininglog.domain.ensure_valid`.
    """
    _check_names()
    if sessions <= 0:
        return []
    schedule = _schedule(sessions, random.Random(f"schedule-{seed}"))
    first_monday = LAST_DAY - timedelta(days=LAST_DAY.weekday()) - timedelta(weeks=schedule[-1][0])
    out = _Lifter(random.Random(f"history-{seed}"), sessions).train(schedule, first_monday)
    if validate:
        for session in out:
            ensure_valid(session)
    return out


def _schedule(sessions: int, rng: random.Random) -> list[tuple[int, list[int], bool]]:
    """(week index, weekdays trained, first week after a break) per training week."""
    weeks: list[tuple[int, list[int], bool]] = []
    week, total, after_break = 0, 0, False
    while total < sessions:
        if rng.random() < 1 / 30:  # holidays, illness, moving house: 1–3 weeks off
            week += rng.randint(1, 3)
            after_break = True
            continue
        if rng.random() < 0.5:
            days = [0, 2, 4]
        else:
            days = [0, 1, 3, 4] if rng.random() < 0.7 else [0, 2, 4, 5]
        if rng.random() < 0.1:  # one session moved a day later
            i = rng.randrange(len(days))
            if days[i] + 1 not in days and days[i] < 6:
                days[i] += 1
        days = days[: sessions - total]
        weeks.append((week, days, after_break))
        total += len(days)
        week += 1
        after_break = False
    return weeks


class _Lifter:
    """Walks the schedule week by week, running programs and logging every set."""

    def __init__(self, rng: random.Random, sessions: int):
        self.rng = rng
        self.total = sessions
        self.best: dict[str, float] = {}  # best estimated 1RM per lift, for PR notes
        self.short_ids: set[str] = set()
        self.rust = 0.0  # strength lost to a break, recovering over a few weeks
        self.program = ""
        self.slots: dict[str, list[tuple[str, str, list[str]]]] = {}
        self.phases: list[tuple[str, int]] = []  # (goal, weeks) of the current cycle
        self.phase_index = self.week_in_phase = self.program_week = 0
        self.day_turn = 0
        self.evening = True

    def train(self, schedule, first_monday: date) -> list[Session]:
        out: list[Session] = []
        self._new_cycle()
        for week, days, after_break in schedule:
            if after_break:
                self.rust = self.rng.uniform(0.02, 0.05)
            self._advance_week()
            goal, weeks = self.phases[self.phase_index]
            deload = self.week_in_phase == weeks
            for weekday in days:
                day = first_monday + timedelta(weeks=week, days=weekday)
                out.append(self._session(len(out), day, week, goal, deload))
            self.rust *= 0.7
        return out

    # -- program bookkeeping -----------------------------------------------------------------

    def _new_cycle(self) -> None:
        rng = self.rng
        self.program = rng.choice([p for p in PROGRAMS if p != self.program] or list(PROGRAMS))
        self.slots = {}
        for day in PROGRAMS[self.program]:
            self.slots[day] = [(kind, _pick(rng, names), names) for kind, names in DAYS[day]]
        self.phases = [(goal, rng.randint(4, 6)) for goal in rng.choice(CYCLES)]
        self.phase_index, self.week_in_phase, self.program_week = 0, 0, 0
        self.day_turn = 0
        if rng.random() < 0.2:
            self.evening = not self.evening

    def _advance_week(self) -> None:
        self.week_in_phase += 1
        self.program_week += 1
        if self.week_in_phase > self.phases[self.phase_index][1]:
            self.phase_index += 1
            self.week_in_phase = 1
            if self.phase_index == len(self.phases):
                self._new_cycle()
                self.week_in_phase = self.program_week = 1

    # -- one session -------------------------------------------------------------------------

    def _session(self, index: int, day: date, week: int, goal: str, deload: bool) -> Session:
        rng = self.rng
        era = 0 if index < self.total * 0.1 else (1 if index < self.total * 0.45 else 2)
        days = PROGRAMS[self.program]
        day_name = days[self.day_turn % len(days)]
        self.day_turn += 1
        slots = list(self.slots[day_name])
        accessories = [i for i, (kind, _, _) in enumerate(slots) if kind == ACCESSORY]
        for i in sorted(rng.sample(accessories, rng.choice((0, 0, 0, 1, 1, 2))), reverse=True):
            del slots[i]  # short on time: an accessory or two left out
        if rng.random() < 0.08:  # something extra from the catalogue at the end
            slots.append((ACCESSORY, rng.choice(sorted(_catalogue())), []))
        training_years = week / 52
        exercises = []
        for order, (kind, name, variations) in enumerate(slots, start=1):
            if kind == ACCESSORY and variations and rng.random() < 0.04:
                name = rng.choice(variations)  # the usual machine was taken
            lift = _lift(name)
            exercises.append(self._exercise(order, lift, kind, goal, deload, training_years, era))
        start = self._start_time(day, era)
        return Session(
            id=self._session_id(),
            date=start,
            exercises=tuple(exercises),
            user_id=USER_ID,
            user_name=USER_NAME,
            phase=None if era == 0 else self.phase_index + 1,
            week=None if era == 0 else self.program_week,
            is_deload_week=deload and era > 0,
            focus=None if era == 0 else f"{day_name}-{'deload' if deload else goal}",
        )

    def _session_id(self) -> str:
        while True:
            sid = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            if sid[:8] not in self.short_ids:  # file names stay unique
                self.short_ids.add(sid[:8])
                return sid

    def _start_time(self, day: date, era: int) -> datetime:
        rng = self.rng
        if self.evening:
            minutes = rng.randint(17 * 60, 20 * 60 + 30)
        else:
            minutes = rng.randint(6 * 60, 8 * 60)
        clock = time(minutes // 60, minutes % 60, rng.randint(0, 59))
        if era == 0:
            return datetime.combine(day, clock)
        clock = clock.replace(microsecond=rng.randint(0, 999_999))
        if era == 1:
            return datetime.combine(day, clock)
        return datetime.combine(day, clock, tzinfo=_berlin_offset(day))

    # -- one exercise ------------------------------------------------------------------------

    def _exercise(self, order, lift: _Lift, kind, goal, deload, years, era) -> Exercise:
        rng = self.rng
        scheme = SCHEMES["deload" if deload else goal]
        low, high = scheme[0] if kind == MAIN else scheme[1]
        if not lift.loaded:
            low, high = max(low, 6), max(high, 12)
        target = rng.randint(low, high)
        if kind == MAIN:
            count = rng.choice((3, 4, 4, 5, 5))
        else:
            count = rng.choice((3, 4, 4, 4, 5) if kind == SECOND else (3, 4, 4, 4))
        if deload:
            count = max(2, count - 1)
        rpe = rng.choice(scheme[2])
        # Weights are planned from the long-term curve; the day's strength also has a dip
        # after a break, noise, and fatigue set by set.
        level = 1 - math.exp(-years / 4.5)
        one_rm = lift.start + (lift.peak - lift.start) * level if lift.loaded else 0.0
        share = 1 / (1 + (target + 10 - rpe) / 30)  # of the one-rep max, for these reps
        if deload:
            share *= rng.uniform(0.6, 0.7)
        weight = _round(one_rm * share, lift.step) if lift.loaded else 0.0
        # Bodyweight, or added weight too small to load: reps against a virtual 100 kg.
        strength, basis = (one_rm, weight) if weight > 0 else (100.0, 100.0 * share)
        today = strength * (1 - self.rust) * rng.gauss(1.0, 0.02)
        rest_range = scheme[3] if kind == MAIN else (1.5, 3) if kind == SECOND else (1, 2)

        workings = []
        for number in range(1, count + 1):
            # Reps the lifter could do today at this weight (Epley turned around).
            possible = 30 * (today / basis - 1)
            workings.append(
                self._working(number, lift, weight, target, possible, rest_range, kind, era)
            )
            today *= 0.993
        warmups = self._warmups(lift, kind, weight, era)
        groups = () if era == 0 or rng.random() < 0.03 else lift.groups
        return Exercise(order, lift.name, groups, tuple(warmups), tuple(workings))

    def _working(self, number, lift, weight, target, possible, rest_range, kind, era):
        rng = self.rng
        full, partial = target, 0
        if possible < target - 0.5:
            full = max(0, math.floor(possible))
            partial = 1 if rng.random() < 0.4 else 0
            rpe = 10.0
        else:
            rpe = _half_steps(10 - (possible - target))
        rpe = min(10.0, max(6.0, rpe))
        assessment = "failed" if full < target else _assessment(rpe, rng)
        if kind == ACCESSORY and number >= 3 and full == target and rng.random() < 0.12:
            partial = rng.randint(1, 3)  # a few lengthened partials to finish
        notes = None
        e1rm = weight * (1 + full / 30) if full else 0.0
        if weight > 0 and e1rm > self.best.get(lift.name, 0.0) * 1.005:
            first = lift.name not in self.best
            self.best[lift.name] = e1rm
            if not first and era > 0 and rng.random() < 0.25:
                notes = "💪 PR!"
        if notes is None and rng.random() < 0.04:
            notes = LONG_NOTE if rng.random() < 0.02 else rng.choice(SET_NOTES)
        rest = None
        if era > 0 and rng.random() < 0.92:
            rest = _half_steps(rng.uniform(*rest_range))
        return WorkingSet(
            number=number,
            weight_kg=weight,
            full_reps=full,
            partial_reps=partial,
            rpe=None if era == 0 else rpe,
            rep_assessment=None if era == 0 or rng.random() < 0.05 else assessment,
            rest_minutes=rest,
            notes=notes,
        )

    def _warmups(self, lift: _Lift, kind: str, weight: float, era: int) -> list[WarmupSet]:
        rng = self.rng
        if kind == MAIN:
            ramp = [(0.4, 8), (0.6, 5), (0.8, 3)] if rng.random() < 0.6 else [(0.5, 5), (0.75, 3)]
        elif kind == SECOND:
            ramp = [(0.5, 6), (0.75, 3)] if rng.random() < 0.8 else [(0.6, 5)]
        else:
            ramp = rng.choice(([], [(0.6, 8)], [(0.6, 8)], [(0.5, 10), (0.75, 5)]))
        sets = []
        floor = 20.0 if lift.equipment == "barbell" and weight >= 40 else 0.0  # the empty bar
        for number, (share, reps) in enumerate(ramp, start=1):
            load = max(floor, _round(weight * share, lift.step)) if lift.loaded else 0.0
            notes = rng.choice(WARMUP_NOTES) if era > 0 and rng.random() < 0.015 else None
            sets.append(WarmupSet(number, load, reps, notes))
        return sets


def _pick(rng: random.Random, names: list[str]) -> str:
    """A variation, the first listed twice as often as the others."""
    return rng.choice([names[0], *names])


def _round(weight: float, step: float) -> float:
    if step <= 0:
        return 0.0
    return float(round(max(0.0, weight) / step) * step)


def _half_steps(value: float) -> float:
    return round(value * 2) / 2


def _assessment(rpe: float, rng: random.Random) -> str:
    words = ["easy", "good", "perfect", "hard", "grinder"]
    i = 0 if rpe <= 6.5 else 1 if rpe <= 7.5 else 2 if rpe <= 8.5 else 3 if rpe <= 9 else 4
    if rng.random() < 0.2:  # feel and numbers do not always agree
        i = min(len(words) - 1, max(0, i + rng.choice((-1, 1))))
    return words[i]


def _berlin_offset(day: date) -> timezone:
    """Central European time: +02:00 from the last Sunday of March to that of October."""

    def last_sunday(month: int) -> date:
        last = date(day.year, month, 31)
        return last - timedelta(days=(last.weekday() + 1) % 7)

    summer = last_sunday(3) <= day < last_sunday(10)
    return timezone(timedelta(hours=2 if summer else 1))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    history = generate_history(n)
    warmups, workings = count_sets(history)
    print(
        f"{len(history)} sessions, {warmups + workings} sets ({warmups} warm-up, "
        f"{workings} working), {history[0].day} … {history[-1].day}"
    )
