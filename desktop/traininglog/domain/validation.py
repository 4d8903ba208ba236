"""Domain rules for a session, with messages that name the field by its JSON path.

The same ranges as the schema, plus what a schema cannot say: exercises and sets numbered
1, 2, 3… without gaps. `problems(session)` returns every broken rule, never raises.
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass

from . import limits
from .session import (
    BODY_WEIGHT_KINDS,
    GROUP_LETTERS,
    Exercise,
    Session,
    WarmupSet,
    WorkingSet,
    canonical_id,
)
from .vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS

# A lone surrogate (from a "\ud800" escape in JSON) is not Unicode text: it has no UTF-8
# form, so neither the session file nor the database could hold it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
NOT_UNICODE = "is not valid Unicode text (it holds a lone surrogate)"


def has_lone_surrogate(text: str) -> bool:
    """True when the text holds a code point in U+D800–U+DFFF, which UTF-8 cannot encode."""
    return _LONE_SURROGATE.search(text) is not None


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (a JSON path such as `exercises[0].workingSets[2].rpe`) and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidSession(ValueError):
    """A session that breaks one or more rules; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


# The sessions found valid, for as long as they live. A session is frozen, so one found
# valid stays valid: one checked where it was read (an importer) is not checked again where
# it is stored. Kept by identity (a weak reference), never by equality.
_FOUND_VALID: weakref.WeakValueDictionary[int, Session] = weakref.WeakValueDictionary()


def problems(session: Session) -> list[Problem]:
    """Every rule the session breaks, in document order."""
    if _FOUND_VALID.get(id(session)) is session:
        return []
    found: list[Problem] = []
    _check_session(session, found)
    if not found:
        _FOUND_VALID[id(session)] = session
    return found


def numbering_problems(session: Session) -> list[Problem]:
    """Exercises and sets not numbered 1, 2, 3… in order (the rule a schema cannot state)."""
    found: list[Problem] = []
    for index, exercise in enumerate(session.exercises):
        at = f"exercises[{index}]"
        _sequence(found, f"{at}.Order", exercise.order, index + 1, "exercises")
        for kind, sets in (
            ("warmupSets", exercise.warmup_sets),
            ("workingSets", exercise.working_sets),
        ):
            for n, one_set in enumerate(sets):
                _sequence(found, f"{at}.{kind}[{n}].set", one_set.number, n + 1, "sets")
    return found


def ensure_valid(session: Session) -> None:
    """Raise `InvalidSession` when the session breaks any rule."""
    found = problems(session)
    if found:
        raise InvalidSession(found)


def _check_session(s: Session, out: list[Problem]) -> None:
    canonical = canonical_id(s.id)
    if canonical is None:
        out.append(Problem("_id", f"{s.id!r} is not a UUID"))
    elif canonical != s.id:
        out.append(Problem("_id", f"{s.id!r} is not written as stored ids are: {canonical!r}"))
    _text(out, "userId", s.user_id, limits.MAX_USER_CHARS, optional=False, blank_ok=True)
    _text(out, "userName", s.user_name, limits.MAX_USER_CHARS, optional=False, blank_ok=True)
    _whole(out, "phase", s.phase, 0, limits.MAX_PHASE, optional=True)
    _whole(out, "week", s.week, 0, limits.MAX_WEEK, optional=True)
    if not isinstance(s.is_deload_week, bool):
        out.append(Problem("isDeloadWeek", f"{s.is_deload_week!r} is not true or false"))
    _text(out, "focus", s.focus, limits.MAX_FOCUS_CHARS, optional=True)
    if s.body_weight_kg is not None:
        _number(
            out,
            "bodyWeightKg",
            s.body_weight_kg,
            limits.MIN_BODY_WEIGHT_KG,
            limits.MAX_BODY_WEIGHT_KG,
        )
    if len(s.exercises) > limits.MAX_EXERCISES:
        out.append(
            Problem("exercises", f"{len(s.exercises)} exercises; at most {limits.MAX_EXERCISES}")
        )
    for index, exercise in enumerate(s.exercises):
        _check_exercise(exercise, index, f"exercises[{index}]", out)


def _check_exercise(e: Exercise, index: int, at: str, out: list[Problem]) -> None:
    _sequence(out, f"{at}.Order", e.order, index + 1, "exercises")
    _text(out, f"{at}.Name", e.name, limits.MAX_NAME_CHARS, optional=False)
    if e.group is not None and not (
        isinstance(e.group, str) and len(e.group) == 1 and e.group in GROUP_LETTERS
    ):
        out.append(Problem(f"{at}.group", f"{e.group!r} is not a capital letter A to Z"))
    groups = list(e.target_muscle_groups)
    for n, group in enumerate(groups):
        if group not in MUSCLE_GROUPS:
            out.append(
                Problem(
                    f"{at}.targetMuscleGroups[{n}]",
                    f"{group!r} is not a muscle group; use one of: {', '.join(MUSCLE_GROUPS)}",
                )
            )
        elif groups.index(group) != n:
            out.append(Problem(f"{at}.targetMuscleGroups[{n}]", f"{group!r} is listed twice"))
    for kind, sets in (("warmupSets", e.warmup_sets), ("workingSets", e.working_sets)):
        if len(sets) > limits.MAX_SETS:
            out.append(Problem(f"{at}.{kind}", f"{len(sets)} sets; at most {limits.MAX_SETS}"))
    for n, warmup in enumerate(e.warmup_sets):
        _check_warmup(warmup, n, f"{at}.warmupSets[{n}]", out)
    for n, working in enumerate(e.working_sets):
        _check_working(working, n, f"{at}.workingSets[{n}]", out)


def _check_warmup(w: WarmupSet, index: int, at: str, out: list[Problem]) -> None:
    _sequence(out, f"{at}.set", w.number, index + 1, "sets")
    _number(out, f"{at}.weightKg", w.weight_kg, 0, limits.MAX_WEIGHT_KG)
    _whole(out, f"{at}.repCount", w.reps, 0, limits.MAX_REPS)
    _body_weight(out, at, w.body_weight)
    _text(out, f"{at}.notes", w.notes, limits.MAX_NOTES_CHARS, optional=True, blank_ok=True)


def _check_working(w: WorkingSet, index: int, at: str, out: list[Problem]) -> None:
    _sequence(out, f"{at}.set", w.number, index + 1, "sets")
    _number(out, f"{at}.weightKg", w.weight_kg, 0, limits.MAX_WEIGHT_KG)
    _whole(out, f"{at}.repCount.full", w.full_reps, 0, limits.MAX_REPS)
    _whole(out, f"{at}.repCount.partial", w.partial_reps, 0, limits.MAX_REPS)
    _body_weight(out, at, w.body_weight)
    if w.rpe is not None and _number(out, f"{at}.rpe", w.rpe, limits.MIN_RPE, limits.MAX_RPE):
        steps = w.rpe / limits.RPE_STEP
        if steps != int(steps):
            out.append(Problem(f"{at}.rpe", f"{w.rpe} is not in half steps (like 7, 7.5, 8)"))
    if w.rep_assessment is not None and w.rep_assessment not in REP_ASSESSMENTS:
        out.append(
            Problem(
                f"{at}.repAssessment",
                f"{w.rep_assessment!r} is not one of: {', '.join(REP_ASSESSMENTS)}",
            )
        )
    if w.rest_minutes is not None:
        _number(out, f"{at}.actualRestMinutes", w.rest_minutes, 0, limits.MAX_REST_MINUTES)
    _text(out, f"{at}.notes", w.notes, limits.MAX_NOTES_CHARS, optional=True, blank_ok=True)


def _body_weight(out: list[Problem], at: str, value: object) -> None:
    if value is not None and value not in BODY_WEIGHT_KINDS:
        out.append(
            Problem(f"{at}.bodyWeight", f"{value!r} is not one of: {', '.join(BODY_WEIGHT_KINDS)}")
        )


def _sequence(out: list[Problem], at: str, value: object, expected: int, what: str) -> None:
    if value != expected or isinstance(value, bool):
        out.append(
            Problem(
                at, f"is {value!r}, expected {expected} ({what} are numbered 1, 2, 3… in order)"
            )
        )


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number(out: list[Problem], at: str, value: object, low: float, high: float) -> bool:
    # isfinite only for floats: an int too large for a float would raise OverflowError.
    if not _is_number(value) or (isinstance(value, float) and not math.isfinite(value)):
        out.append(Problem(at, f"{value!r} is not a number"))
        return False
    if value < low:  # type: ignore[operator]
        out.append(Problem(at, f"{value} is less than the minimum {low}"))
        return False
    if value > high:  # type: ignore[operator]
        out.append(Problem(at, f"{value} is greater than the maximum {high}"))
        return False
    return True


def _whole(
    out: list[Problem], at: str, value: object, low: int, high: int, optional: bool = False
) -> None:
    if value is None and optional:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        out.append(Problem(at, f"{value!r} is not a whole number"))
        return
    _number(out, at, value, low, high)


def _text(
    out: list[Problem],
    at: str,
    value: object,
    max_chars: int,
    optional: bool,
    blank_ok: bool = False,
) -> None:
    if value is None:
        if not optional:
            out.append(Problem(at, "is missing"))
        return
    if not isinstance(value, str):
        out.append(Problem(at, f"{value!r} is not text"))
    elif has_lone_surrogate(value):
        out.append(Problem(at, NOT_UNICODE))
    elif not blank_ok and not value.strip():
        out.append(Problem(at, "is empty"))
    elif len(value) > max_chars:
        out.append(Problem(at, f"is {len(value)} characters long; at most {max_chars}"))
