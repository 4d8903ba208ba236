"""What a lifter did in one session, as plain values.

These dataclasses mirror the session document (see `data/schemas/`) field for field, in
Python's names. They are frozen: an edit makes a new value, so a saved session can never be
changed behind the save service's back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

DATA_MODEL_VERSION = "0.0.1"  # what a session using none of the later fields is written as
GROUPS_VERSION = "0.1.0"  # the first version with supersets and circuits (`Exercise.group`)
BODY_WEIGHT_VERSION = "0.2.0"  # the first with the lifter's body weight (`body_weight_kg`)
BODY_WEIGHT_LOAD_VERSION = "0.3.0"  # the first with body-weight sets (`body_weight` of a set)
NEWEST_VERSION = BODY_WEIGHT_LOAD_VERSION  # the newest this version of the app reads and writes
DATA_MODEL_TYPE = "training_session_log"
GROUP_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A set's `body_weight`: the lifter's own weight is part of the load. "plus": the body weight
# plus the set's weight (a belt with plates; 0 for the body alone); "minus": the body weight
# less the set's weight (an assisted machine, a band entered as its load).
BODY_WEIGHT_PLUS = "plus"
BODY_WEIGHT_MINUS = "minus"
BODY_WEIGHT_KINDS = (BODY_WEIGHT_PLUS, BODY_WEIGHT_MINUS)


@dataclass(frozen=True)
class WarmupSet:
    """A lighter set before the work: weight and reps only, never counted in statistics."""

    number: int
    weight_kg: float
    reps: int
    notes: str | None = None
    body_weight: str | None = None  # "plus" or "minus": see BODY_WEIGHT_KINDS


@dataclass(frozen=True)
class WorkingSet:
    """A set that counts: full and partial reps, how hard it was, how long the rest before."""

    number: int
    weight_kg: float
    full_reps: int
    partial_reps: int = 0
    rpe: float | None = None
    rep_assessment: str | None = None
    rest_minutes: float | None = None
    notes: str | None = None
    body_weight: str | None = None  # "plus" or "minus": see BODY_WEIGHT_KINDS


@dataclass(frozen=True)
class Exercise:
    """One exercise in a session, with its warm-up and working sets in the order done.

    `group`: the superset or circuit it was done in, a capital letter; exercises with the
    same letter were done together, their sets alternating (A1 set 1, A2 set 1, A1 set 2…).
    None when it was done on its own."""

    order: int
    name: str
    target_muscle_groups: tuple[str, ...] = ()
    warmup_sets: tuple[WarmupSet, ...] = ()
    working_sets: tuple[WorkingSet, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class Session:
    """A training session: when, where in the program, and the exercises done."""

    id: str
    date: datetime
    exercises: tuple[Exercise, ...] = ()
    user_id: str = ""
    user_name: str = ""
    phase: int | None = None
    week: int | None = None
    is_deload_week: bool = False
    focus: str | None = None
    body_weight_kg: float | None = None  # the lifter's weight that day, when weighed

    @property
    def has_body_weight_sets(self) -> bool:
        """True when some set, warm-up or working, counts the lifter's body weight."""
        return any(
            s.body_weight is not None
            for e in self.exercises
            for s in (*e.warmup_sets, *e.working_sets)
        )

    @property
    def data_model_version(self) -> str:
        """The version its file is written as: the oldest that holds everything it uses, so
        a session using none of the later fields is written exactly as before."""
        if self.has_body_weight_sets:
            return BODY_WEIGHT_LOAD_VERSION
        if self.body_weight_kg is not None:
            return BODY_WEIGHT_VERSION
        if any(e.group is not None for e in self.exercises):
            return GROUPS_VERSION
        return DATA_MODEL_VERSION

    @property
    def day(self) -> str:
        """The calendar day the lifter logged, as YYYY-MM-DD (wall clock, offset ignored)."""
        return self.date.date().isoformat()  # strftime writes year 1 as "1", not "0001"

    def renumbered(self) -> Session:
        """This session with exercises and sets numbered 1, 2, 3… in their current order."""
        exercises = tuple(
            replace(
                exercise,
                order=index,
                warmup_sets=tuple(
                    replace(s, number=n) for n, s in enumerate(exercise.warmup_sets, start=1)
                ),
                working_sets=tuple(
                    replace(s, number=n) for n, s in enumerate(exercise.working_sets, start=1)
                ),
            )
            for index, exercise in enumerate(self.exercises, start=1)
        )
        return replace(self, exercises=exercises)


def group_labels(groups: Iterable[str | None]) -> dict[int, str]:
    """The label of each grouped exercise by its place from 1, given each exercise's group in
    the order done: "A1", "A2"…, counted within its group."""
    labels: dict[int, str] = {}
    counted: dict[str, int] = {}
    for place, group in enumerate(groups, start=1):
        if group is not None:
            counted[group] = counted.get(group, 0) + 1
            labels[place] = f"{group}{counted[group]}"
    return labels


def canonical_id(text: object) -> str | None:
    """The one form a session id is stored in, lower-case and hyphenated, of any way of writing
    the UUID (capitals, `urn:uuid:…`, `{…}`, no hyphens); None if `text` is not a UUID."""
    if not isinstance(text, str):
        return None
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        return None


def new_session_id() -> str:
    """A fresh random session id, as the seed's files have them."""
    return str(uuid.uuid4())
