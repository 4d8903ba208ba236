"""The logging form's content as typed: text cells, before they are a valid Session.

A `Draft` is immutable, so undo keeps snapshots and the draft file is its JSON. `problems`
says what is wrong with every cell in words a lifter reads in a tooltip; `to_session` turns
a clean draft into a Session; `from_session` loads a stored one for editing and keeps the
exact stored values, so opening a session and saving it again changes nothing.
`repeat_sets` and `template_exercises` start today from an earlier session: what was lifted
is copied, how it went (RPE, feel, rest, notes) only shows as a hint in the empty cell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from ..domain import Exercise, Session, WarmupSet, WorkingSet, limits, new_session_id
from ..domain.calculations import LB_PER_KG
from ..domain.exact import shown
from ..domain.loads import body_weight_text, load_kg
from ..domain.next_session import target_text
from ..domain.progression import Target
from ..domain.session import BODY_WEIGHT_MINUS, BODY_WEIGHT_PLUS
from ..domain.vocabulary import REP_ASSESSMENTS

KG_PER_LB = 0.45359237
WARMUP_COLUMNS = ("weight", "reps", "notes")
WORKING_COLUMNS = ("weight", "reps", "partial", "rpe", "feel", "rest", "notes")
# Columns that describe how a set went: repeated from last time as hints, never as values.
HINT_COLUMNS = ("rpe", "feel", "rest", "notes")
# A progression rule's target for a set: its weight and reps shown in grey in the empty
# cells, and "target", the words saying what it is and why (the cells' tooltip).
TARGET_HINTS = ("weight", "reps", "target")
COLUMN_TITLES = {
    "weight": "Weight",
    "reps": "Reps",
    "partial": "Partial",
    "rpe": "RPE",
    "feel": "Feel",
    "rest": "Rest (min)",
    "notes": "Notes",
}


@dataclass(frozen=True)
class DraftSet:
    """One row of a set grid, as typed. `exact_*` keep a stored value until it is retyped.

    `hints` are last time's values of `HINT_COLUMNS`, as (column, text) pairs: shown in grey
    in an empty cell, never saved, and no part of whether the row is blank."""

    weight: str = ""
    reps: str = ""
    partial: str = ""
    rpe: str = ""
    feel: str = ""
    rest: str = ""
    notes: str = ""
    exact_weight_kg: float | None = None
    exact_rest: float | None = None
    hints: tuple[tuple[str, str], ...] = ()

    def hint(self, column: str) -> str:
        return next((text for name, text in self.hints if name == column), "")

    @classmethod
    def from_json(cls, data: dict) -> DraftSet:
        """A row from the draft file; hints that are not (column, text) pairs are dropped."""
        fields = {k: v for k, v in data.items() if k != "hints"}
        hints = tuple(
            (pair[0], pair[1])
            for pair in data.get("hints", ())
            if isinstance(pair, (list, tuple))
            and len(pair) == 2
            and (pair[0] in HINT_COLUMNS or pair[0] in TARGET_HINTS)
            and isinstance(pair[1], str)
        )
        return cls(**fields, hints=hints)

    def is_blank(self) -> bool:
        return not any(
            (self.weight, self.reps, self.partial, self.rpe, self.feel, self.rest, self.notes)
        )

    def with_cell(self, column: str, text: str) -> DraftSet:
        changes: dict[str, object] = {column: text}
        if column == "weight" and text != self.weight:
            changes["exact_weight_kg"] = None
        if column == "rest" and text != self.rest:
            changes["exact_rest"] = None
        return replace(self, **changes)


@dataclass(frozen=True)
class DraftExercise:
    name: str
    muscles: tuple[str, ...] = ()
    warmups: tuple[DraftSet, ...] = ()
    workings: tuple[DraftSet, ...] = ()
    group: str | None = None  # the superset's letter

    def sets(self, kind: str) -> tuple[DraftSet, ...]:
        return self.warmups if kind == "warmup" else self.workings

    def with_sets(self, kind: str, sets: tuple[DraftSet, ...]) -> DraftExercise:
        return replace(self, warmups=sets) if kind == "warmup" else replace(self, workings=sets)


def without_lone_groups(exercises: Iterable[DraftExercise]) -> tuple[DraftExercise, ...]:
    """The exercises, a superset left with one exercise undone: one exercise is no superset."""
    exercises = tuple(exercises)
    sizes = Counter(e.group for e in exercises if e.group is not None)
    return tuple(
        replace(e, group=None) if e.group is not None and sizes[e.group] < 2 else e
        for e in exercises
    )


@dataclass(frozen=True)
class Draft:
    """The whole form. `session_id` is None until the session is first saved; `based_on` is
    the SHA-256 of the session file it was opened from (or last saved as), so that a save can
    tell when another computer changed that file meanwhile."""

    date: str
    session_id: str | None = None
    based_on: str | None = None
    phase: int | None = None
    week: int | None = None
    deload: bool = False
    focus: str = ""
    exercises: tuple[DraftExercise, ...] = ()
    user_id: str = ""
    user_name: str = ""
    body_weight: str = ""  # the lifter's weight that day as typed, in the display unit

    def with_exercise(self, index: int, exercise: DraftExercise) -> Draft:
        exercises = list(self.exercises)
        exercises[index] = exercise
        return replace(self, exercises=tuple(exercises))

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Draft:
        exercises = tuple(
            DraftExercise(
                name=e["name"],
                muscles=tuple(e.get("muscles", ())),
                warmups=tuple(DraftSet.from_json(s) for s in e.get("warmups", ())),
                workings=tuple(DraftSet.from_json(s) for s in e.get("workings", ())),
                group=e.get("group"),
            )
            for e in data.get("exercises", ())
        )
        fields = {k: v for k, v in data.items() if k != "exercises"}
        return cls(**fields, exercises=exercises)


@dataclass(frozen=True)
class CellProblem:
    """What is wrong where: exercise index and set kind/row/column, or a header field."""

    message: str
    field: str  # "date", "focus", "name" … or a set column
    exercise: int | None = None
    kind: str | None = None
    row: int | None = None

    def where(self, draft: Draft) -> str:
        if self.exercise is None:
            return self.field
        name = draft.exercises[self.exercise].name or f"exercise {self.exercise + 1}"
        if self.kind is None:
            return name
        grid = "warm-up" if self.kind == "warmup" else "set"
        return f"{name}, {grid} {self.row + 1 if self.row is not None else ''}".strip()


# -- parsing cells ---------------------------------------------------------------------------

_WEIGHT = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(kg|kgs|lb|lbs)?\s*$", re.IGNORECASE)
_REST = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(min|mins|m|s|sec|secs)?\s*$", re.IGNORECASE)


def weight_range_text(unit: str) -> str:
    top = limits.MAX_WEIGHT_KG if unit == "kg" else round(limits.MAX_WEIGHT_KG * LB_PER_KG)
    return f"0–{top:,} {unit}"


# A body-weight set as typed: "BW", "BW+20", "bw + 20 kg", "BW-30", "BW − 45lb".
_BODY_WEIGHT_SET = re.compile(r"^\s*(?:bw|bodyweight)\s*(?:([+\-−])\s*(.*?))?\s*$", re.IGNORECASE)


def parse_load(text: str, unit: str) -> tuple[float | None, str | None, str | None]:
    """A weight cell: (kilograms, body-weight kind, problem). "80" → (80, None); "BW" → (0,
    "plus"): the body alone; "BW+20" → (20, "plus"); "BW-30" → (30, "minus"), an assistance.
    The number after BW reads as any weight does (in the display unit, or 45lb, 20kg)."""
    match = _BODY_WEIGHT_SET.match(text)
    if not match:
        kg, problem = parse_weight(text, unit)
        return kg, None, problem
    sign, number = match.group(1), match.group(2)
    if sign is None:
        return 0.0, BODY_WEIGHT_PLUS, None
    kind = _kind_of_sign(sign)
    what = "added to" if kind == BODY_WEIGHT_PLUS else "taken off"
    if not number:
        return (
            None,
            None,
            f"“{text.strip()}”: type the weight {what} your body weight, like BW{sign}20",
        )
    kg, problem = parse_weight(number, unit)
    if problem or kg is None:
        return (
            None,
            None,
            (
                f"“{text.strip()}”: “{number}” is not a weight {what} your body weight; "
                f"type BW{sign}20 (or BW{sign}45lb)"
            ),
        )
    return kg, kind, None


def load_cell(kg: float, body_weight: str | None, unit: str) -> str:
    """How a stored set's weight reads in a cell: "80"; "BW", "BW+20", "BW-30" for a
    body-weight set (`parse_load` reads each back)."""
    if body_weight is None:
        return weight_cell(kg, unit)
    return body_weight_text(body_weight, weight_cell(kg, unit), kg == 0, cell=True)


def parse_weight(text: str, unit: str) -> tuple[float | None, str | None]:
    """Kilograms from "80", "82,5", "185lb" or "84kg" (a bare number is in the display unit)."""
    if text.strip().lower() in ("bw", "bodyweight"):
        return 0.0, None
    match = _WEIGHT.match(text)
    if not match:
        if re.match(r"^\s*-\s*[0-9]", text):
            return None, f"{text.strip()} is below zero: weights are {weight_range_text(unit)}"
        return None, f"“{text}” is not a weight: type a number like 80 or 82.5 (or 185lb, 84kg)"
    value = float(match.group(1).replace(",", "."))
    typed_unit = (match.group(2) or unit).lower().rstrip("s")
    kg = round(value * KG_PER_LB, 2) if typed_unit == "lb" else value
    if kg > limits.MAX_WEIGHT_KG:
        return None, f"{text} is more than the maximum weight ({weight_range_text(unit)})"
    return kg, None


def parse_whole(text: str, what: str, low: int, high: int) -> tuple[int | None, str | None]:
    stripped = text.strip()
    if not re.fullmatch(r"[0-9]+", stripped):
        return None, f"“{text}” is not a number of {what}: type a whole number, {low}–{high:,}"
    value = int(stripped)
    if value > high:
        return None, f"{value} {what} is more than the maximum ({low}–{high:,})"
    return value, None


def parse_rpe(text: str) -> tuple[float | None, str | None]:
    stripped = text.strip().lstrip("@").strip().replace(",", ".")
    if not stripped:
        return None, None
    try:
        value = float(stripped)
    except ValueError:
        return None, f"“{text}” is not an RPE: type 1–10 in half steps, like 8 or 8.5"
    if not (limits.MIN_RPE <= value <= limits.MAX_RPE) or value * 2 != int(value * 2):
        return None, f"RPE {stripped} is out of range: use 1–10 in half steps, like 8 or 8.5"
    return value, None


def parse_rest(text: str) -> tuple[float | None, str | None]:
    match = _REST.match(text)
    if not match:
        return None, f"“{text}” is not a rest time: type minutes like 3 or 2.5 (or 90s)"
    value = float(match.group(1).replace(",", "."))
    if (match.group(2) or "").lower().startswith("s"):
        value = round(value / 60, 2)
    if value > limits.MAX_REST_MINUTES:
        return None, f"{text} is more than the maximum rest (0–{limits.MAX_REST_MINUTES} minutes)"
    return value, None


def cell_problem(kind: str, column: str, row: DraftSet, unit: str) -> str | None:
    """The message for one cell, or None when it is fine."""
    text = getattr(row, column)
    if column == "weight":
        if row.exact_weight_kg is not None:
            return None
        if not text.strip():
            return None if row.is_blank() else "Type the weight (0 or BW for bodyweight)"
        return parse_load(text, unit)[2]
    if column == "reps":
        if not text.strip():
            return None if row.is_blank() else "Type the reps done"
        return parse_whole(text, "reps", 0, limits.MAX_REPS)[1]
    if column == "partial":
        return parse_whole(text, "partial reps", 0, limits.MAX_REPS)[1] if text.strip() else None
    if column == "rpe":
        return parse_rpe(text)[1]
    if column == "feel":
        if text.strip() and text.strip().lower() not in REP_ASSESSMENTS:
            return f"“{text}” is not a feel: use one of {', '.join(REP_ASSESSMENTS)}"
        return None
    if column == "rest":
        if row.exact_rest is not None or not text.strip():
            return None
        return parse_rest(text)[1]
    if column == "notes" and len(text) > limits.MAX_NOTES_CHARS:
        return f"Notes are {len(text):,} characters; at most {limits.MAX_NOTES_CHARS:,}"
    return None


def problems(draft: Draft, unit: str) -> list[CellProblem]:
    """Everything that stops the draft from being saved, in form order."""
    found: list[CellProblem] = []
    try:
        datetime.fromisoformat(draft.date)
    except ValueError:
        found.append(CellProblem(f"“{draft.date}” is not a date and time", "date"))
    if len(draft.focus) > limits.MAX_FOCUS_CHARS:
        found.append(CellProblem(f"Focus is longer than {limits.MAX_FOCUS_CHARS}", "focus"))
    if len(draft.exercises) > limits.MAX_EXERCISES:
        found.append(CellProblem(f"At most {limits.MAX_EXERCISES} exercises", "exercises"))
    message = body_weight_problem(draft.body_weight, unit)
    if message:
        found.append(CellProblem(message, "body weight"))
    for e_index, exercise in enumerate(draft.exercises):
        if not exercise.name.strip():
            found.append(CellProblem("Give the exercise a name", "name", e_index))
        elif len(exercise.name) > limits.MAX_NAME_CHARS:
            found.append(
                CellProblem(
                    f"Names are at most {limits.MAX_NAME_CHARS} characters", "name", e_index
                )
            )
        for kind, columns in (("warmup", WARMUP_COLUMNS), ("working", WORKING_COLUMNS)):
            for r, row in enumerate(exercise.sets(kind)):
                for column in columns:
                    message = cell_problem(kind, column, row, unit)
                    if message:
                        found.append(CellProblem(message, column, e_index, kind, r))
    return found


# -- draft ⇄ session -------------------------------------------------------------------------


def to_session(draft: Draft, unit: str) -> Session:
    """The session the draft describes; call only when `problems` is empty. Blank rows drop."""
    exercises = []
    for order, exercise in enumerate(draft.exercises, start=1):
        warmups = [row for row in exercise.warmups if not row.is_blank()]
        workings = [row for row in exercise.workings if not row.is_blank()]
        exercises.append(
            Exercise(
                order=order,
                name=exercise.name.strip(),
                target_muscle_groups=exercise.muscles,
                group=exercise.group,
                warmup_sets=tuple(
                    WarmupSet(n, _kg(row, unit), int(row.reps), row.notes or None, _kind(row))
                    for n, row in enumerate(warmups, start=1)
                ),
                working_sets=tuple(
                    WorkingSet(
                        number=n,
                        weight_kg=_kg(row, unit),
                        full_reps=int(row.reps),
                        partial_reps=int(row.partial) if row.partial.strip() else 0,
                        rpe=parse_rpe(row.rpe)[0],
                        rep_assessment=row.feel.strip().lower() or None,
                        rest_minutes=row.exact_rest
                        if row.exact_rest is not None
                        else (parse_rest(row.rest)[0] if row.rest.strip() else None),
                        notes=row.notes or None,
                        body_weight=_kind(row),
                    )
                    for n, row in enumerate(workings, start=1)
                ),
            )
        )
    return Session(
        id=draft.session_id or new_session_id(),
        date=datetime.fromisoformat(draft.date),
        exercises=tuple(exercises),
        user_id=draft.user_id,
        user_name=draft.user_name,
        phase=draft.phase,
        week=draft.week,
        is_deload_week=draft.deload,
        focus=draft.focus.strip() or None,
        body_weight_kg=parse_weight(draft.body_weight, unit)[0]
        if draft.body_weight.strip()
        else None,
    )


def body_weight_problem(text: str, unit: str) -> str | None:
    """What is wrong with a body weight as typed (empty: not weighed, which is fine)."""
    if not text.strip():
        return None
    kg, problem = parse_weight(text, unit)
    if problem or kg is None:
        return f"Body weight: {problem}"
    if not limits.MIN_BODY_WEIGHT_KG <= kg <= limits.MAX_BODY_WEIGHT_KG:
        low = weight_cell(limits.MIN_BODY_WEIGHT_KG, unit)
        high = weight_cell(limits.MAX_BODY_WEIGHT_KG, unit)
        return f"Body weight is {low} to {high} {unit}"
    return None


def lifted(
    row: DraftSet, unit: str, body_weight_kg: float | None = None
) -> tuple[float, int, float | None] | None:
    """The load (kg, exact when it came from a stored set), full reps and RPE a typed
    working row says; None while any of them is missing or can't be read, or for a
    body-weight set while no body weight is known (`body_weight_kg`)."""
    if not row.weight.strip() or not row.reps.strip():
        return None
    if any(cell_problem("working", column, row, unit) for column in ("weight", "reps", "rpe")):
        return None
    load = row_load_kg(row, unit, body_weight_kg)
    return None if load is None else (load, int(row.reps), parse_rpe(row.rpe)[0])


def row_load_kg(row: DraftSet, unit: str, body_weight_kg: float | None) -> float | None:
    """What a typed row's set moves: its weight, or for a body-weight set the body weight
    plus or minus it (None while no body weight is known). Call on a row without problems."""
    return load_kg(_kg(row, unit), _kind(row), body_weight_kg)


def row_body_weight(row: DraftSet) -> str | None:
    """A typed row's kind of body-weight set ("plus", "minus"), None for a plain weight."""
    return _kind(row)


def _kg(row: DraftSet, unit: str) -> float:
    if row.exact_weight_kg is not None:
        return row.exact_weight_kg
    return parse_load(row.weight, unit)[0] or 0.0


def _kind(row: DraftSet) -> str | None:
    match = _BODY_WEIGHT_SET.match(row.weight)
    if not match:
        return None
    return _kind_of_sign(match.group(1))


def _kind_of_sign(sign: str | None) -> str:
    """After "BW": a minus (either kind) takes the weight off, a plus or nothing adds it."""
    return BODY_WEIGHT_MINUS if sign in ("-", "−") else BODY_WEIGHT_PLUS


def weight_cell(kg: float, unit: str) -> str:
    """How a stored weight reads in a cell: 80, 82.5, 176.4 (lb)."""
    value = kg * LB_PER_KG if unit == "lb" else kg
    return f"{round(value, 2):g}"


def _number_cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def draft_sets(exercise: Exercise, unit: str) -> tuple[tuple[DraftSet, ...], tuple[DraftSet, ...]]:
    """The grid rows for a stored exercise's sets, keeping their exact values."""
    warmups = tuple(
        DraftSet(**_lifted_warmup(w, unit), notes=w.notes or "") for w in exercise.warmup_sets
    )
    workings = tuple(
        DraftSet(**_lifted(s, unit), **_how_it_went(s), exact_rest=s.rest_minutes)
        for s in exercise.working_sets
    )
    return warmups, workings


def repeat_sets(exercise: Exercise, unit: str) -> tuple[tuple[DraftSet, ...], tuple[DraftSet, ...]]:
    """Today's rows from a stored exercise: its weights and reps (exactly), and how the sets
    went last time only as hints, since today's RPE, feel, rest and notes are today's."""
    warmups = tuple(
        DraftSet(**_lifted_warmup(w, unit), hints=_hints(notes=w.notes or ""))
        for w in exercise.warmup_sets
    )
    workings = tuple(
        DraftSet(**_lifted(s, unit), hints=_hints(**_how_it_went(s))) for s in exercise.working_sets
    )
    return warmups, workings


def _lifted_warmup(w: WarmupSet, unit: str) -> dict[str, Any]:
    """A warm-up set's weight and reps as cells, the weight also kept exactly."""
    return {
        "weight": load_cell(w.weight_kg, w.body_weight, unit),
        "reps": str(w.reps),
        "exact_weight_kg": w.weight_kg,
    }


def _lifted(s: WorkingSet, unit: str) -> dict[str, Any]:
    """What a working set lifted, as cells: weight (also kept exactly), full and partial reps."""
    return {
        "weight": load_cell(s.weight_kg, s.body_weight, unit),
        "reps": str(s.full_reps),
        "partial": str(s.partial_reps) if s.partial_reps else "",
        "exact_weight_kg": s.weight_kg,
    }


def _how_it_went(s: WorkingSet) -> dict[str, str]:
    """How a working set went, as cells: RPE, feel, rest and notes."""
    return {
        "rpe": _number_cell(s.rpe),
        "feel": s.rep_assessment or "",
        "rest": _number_cell(s.rest_minutes),
        "notes": s.notes or "",
    }


def _hints(**values: str) -> tuple[tuple[str, str], ...]:
    return tuple((column, text) for column, text in values.items() if text)


def target_rows(
    targets: Sequence[Target], unit: str, last_time: Sequence[DraftSet] = ()
) -> tuple[DraftSet, ...]:
    """Empty working rows showing a progression rule's targets as hints (weight in `unit`,
    reps, and the target's words), with how last time's set of the same place went when
    given: nothing of it is saved unless typed."""
    rows = []
    for n, target in enumerate(targets):
        before = last_time[n].hints if n < len(last_time) else ()
        how_it_went = tuple(pair for pair in before if pair[0] in HINT_COLUMNS)
        rows.append(
            DraftSet(
                hints=(
                    ("weight", _target_weight(target, unit)),
                    ("reps", str(target.reps)),
                    ("target", target_text(target)),
                    *how_it_went,
                )
            )
        )
    return tuple(rows)


def _target_weight(target: Target, unit: str) -> str:
    if target.unit == unit:
        text = shown(target.weight)
        if target.body_weight is None:
            return text
        return body_weight_text(target.body_weight, text, not target.weight, cell=True)
    kg = float(target.weight) if target.unit == "kg" else float(target.weight) * KG_PER_LB
    return load_cell(kg, target.body_weight, unit)


def template_exercises(session: Session, unit: str) -> tuple[DraftExercise, ...]:
    """An earlier session's exercises to start today from, its sets as `repeat_sets` makes."""
    return tuple(
        DraftExercise(
            exercise.name,
            exercise.target_muscle_groups,
            *repeat_sets(exercise, unit),
            group=exercise.group,
        )
        for exercise in session.exercises
    )


def from_session(session: Session, unit: str, based_on: str | None = None) -> Draft:
    """A draft for editing a stored session (whose file's SHA-256 is `based_on`)."""
    exercises = []
    for exercise in session.exercises:
        warmups, workings = draft_sets(exercise, unit)
        exercises.append(
            DraftExercise(
                exercise.name, exercise.target_muscle_groups, warmups, workings, exercise.group
            )
        )
    return Draft(
        date=session.date.isoformat(),
        session_id=session.id,
        based_on=based_on,
        phase=session.phase,
        week=session.week,
        deload=session.is_deload_week,
        focus=session.focus or "",
        exercises=tuple(exercises),
        user_id=session.user_id,
        user_name=session.user_name,
        body_weight=(
            weight_cell(session.body_weight_kg, unit) if session.body_weight_kg is not None else ""
        ),
    )


def new_draft(
    now: datetime, latest: Session | None, user_id: str = "", user_name: str = ""
) -> Draft:
    """A blank form, pre-filled from the most recent session: same phase; the week moves on
    when a new calendar week has started since; the deload flag is kept only within that
    same week (a deload is a week: the week after it is not one)."""
    draft = Draft(date=now.replace(second=0, microsecond=0).isoformat(), user_id=user_id)
    draft = replace(draft, user_name=user_name)
    if latest is None:
        return draft
    last_monday = latest.date.date().toordinal() - latest.date.weekday()
    this_monday = now.date().toordinal() - now.weekday()
    new_week = this_monday > last_monday
    week = latest.week
    if week is not None and new_week:
        week = min(week + 1, limits.MAX_WEEK)
    deload = latest.is_deload_week and not new_week
    return replace(draft, phase=latest.phase, week=week, deload=deload)


def in_unit(draft: Draft, old: str, new: str) -> Draft:
    """The draft with every typed weight shown in `new` units instead of `old`.

    A weight that does not parse is left as typed (it stays red); a parsed one keeps its
    exact kilograms, so switching units back and forth changes nothing that is saved.
    """
    if old == new:
        return draft

    def convert(row: DraftSet) -> DraftSet:
        if not row.weight.strip():
            return convert_hint(row)
        kg = row.exact_weight_kg
        if kg is None:
            kg, _, problem = parse_load(row.weight, old)
            if problem or kg is None:
                return row
        return replace(row, weight=load_cell(kg, _kind(row), new), exact_weight_kg=kg)

    def convert_hint(row: DraftSet) -> DraftSet:
        kg = parse_weight(row.hint("weight"), old)[0] if row.hint("weight") else None
        if kg is None:
            return row
        hints = tuple((c, weight_cell(kg, new) if c == "weight" else t) for c, t in row.hints)
        return replace(row, hints=hints)

    exercises = tuple(
        replace(
            e,
            warmups=tuple(convert(r) for r in e.warmups),
            workings=tuple(convert(r) for r in e.workings),
        )
        for e in draft.exercises
    )
    body_weight = draft.body_weight
    if body_weight.strip():
        kg, problem = parse_weight(body_weight, old)
        body_weight = body_weight if problem or kg is None else weight_cell(kg, new)
    return replace(draft, exercises=exercises, body_weight=body_weight)
