"""A row of a phone app's export that is a set: what it holds, and reading it from the row."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import limits
from ..domain.session import BODY_WEIGHT_MINUS
from .csv_tables import Row
from .set_values import BadValue, check_text, has_value, number, reps, rpe, weight_kg
from .text_files import EMPTY_WEIGHT_UNIT

WARMUP, WORKING, DROP, FAILURE, REST = "warmup", "working", "drop", "failure", "rest"


@dataclass
class SetRow:
    """One row that is a set (or a rest timer) of an exercise."""

    line: int
    exercise: str
    kind: str
    weight_kg: float = 0.0
    reps: int = 0
    rpe: float | None = None
    notes: str | None = None
    rest_minutes: float | None = None
    exercise_notes: str | None = None
    superset: str | None = None  # the app's own id of the superset the set was done in
    body_weight: str | None = None  # "minus": the weight is an assisted machine's help


def read_set(row: Row, kind: str, unit: str | None) -> SetRow | None:
    """The set on a row (fields exercise, weight, reps, rpe, notes, distance, seconds), or
    None when it is not a strength set: no reps with a distance or time (cardio, a timed
    hold), or no reps and no weight at all. Bad cells are noted on `row`."""
    exercise = row.text("exercise")
    if not exercise:
        row.problem("exercise", "is empty")
    elif len(exercise) > limits.MAX_NAME_CHARS:
        row.problem(
            "exercise", f"is {len(exercise)} characters long; at most {limits.MAX_NAME_CHARS}"
        )
    value = row.value("weight", lambda t: number(t) if t else 0.0, 0.0)
    # A negative weight is the help of an assisted machine (Strong writes it so): the set
    # moved the body weight less that much.
    body_weight = BODY_WEIGHT_MINUS if value < 0 else None
    value = abs(value)
    if unit is None and value:
        row.problem("weight_unit", EMPTY_WEIGHT_UNIT)
    kg = 0.0
    try:
        kg = weight_kg(value, unit or "kg")
    except BadValue as error:
        row.problem("weight", str(error))
    count = row.value("reps", reps, 0)
    if count == 0 and (
        has_value(row.text("distance")) or has_value(row.text("seconds")) or value == 0
    ):
        return None
    notes = row.value("notes", lambda t: check_text(t.replace("\r\n", "\n"), "notes"), "")
    return SetRow(
        line=row.line,
        exercise=exercise,
        kind=kind,
        weight_kg=kg,
        reps=count,
        rpe=row.value("rpe", rpe, None),
        notes=notes or None,
        body_weight=body_weight,
    )
