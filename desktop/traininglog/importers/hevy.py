"""Hevy's CSV export:

`title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,
set_type,weight_kg,reps,distance_km,duration_seconds,rpe` (or `weight_lbs`,
`distance_miles`). Dates like `2 Mar 2026, 19:59` or `Mar 2, 2026, 7:59 PM` (`dates.py`);
set types normal, warmup, dropset, failure; an empty weight is bodyweight; newest workout
first. The description is the workout's notes, `exercise_notes` (repeated on each row) the
exercise's.
"""

from __future__ import annotations

from ..exercises.matching import ExerciseNames
from .batch import ImportBatch
from .csv_tables import Columns, Record, Row, split_header
from .set_rows import DROP, FAILURE, WARMUP, WORKING, read_set
from .set_values import BadValue
from .text_files import TextFile
from .weight_units import WeightUnits
from .workouts import Workout, WorkoutCollector

FORMAT = "hevy"

COLUMNS = {
    "title": "workout",
    "starttime": "date",
    "description": "workout_notes",
    "exercisetitle": "exercise",
    "exercisenotes": "exercise_notes",
    "supersetid": "superset",
    "settype": "set_type",
    "weightkg": "weight",
    "weightlbs": "weight",
    "weightlb": "weight",
    "reps": "reps",
    "distancekm": "distance",
    "distancemiles": "distance",
    "distancemi": "distance",
    "distancemeters": "distance",
    "durationseconds": "seconds",
    "rpe": "rpe",
    "notes": "notes",
}
WEIGHT_UNITS = {"weightkg": "kg", "weightlbs": "lb", "weightlb": "lb"}
SET_TYPES = {
    "": WORKING,
    "normal": WORKING,
    "warmup": WARMUP,
    "dropset": DROP,
    "failure": FAILURE,
}
REQUIRED = {
    "workout": "title",
    "date": "start_time",
    "exercise": "exercise_title",
    "set_type": "set_type",
    "weight": "weight_kg",
    "reps": "reps",
}


def is_hevy_header(keys: list[str]) -> bool:
    return "exercisetitle" in keys and ("settype" in keys or "setindex" in keys)


def set_kind(text: str) -> str:
    kind = SET_TYPES.get(text.strip().casefold().replace("_", "").replace(" ", ""))
    if kind is None:
        raise BadValue(f"{text!r} is not a set type: normal, warmup, dropset or failure")
    return kind


def read_hevy(source: TextFile, names: ExerciseNames) -> ImportBatch:
    """The sessions in a Hevy export; raises Unreadable when the file is not one."""
    header, rows = split_header(source)
    columns = Columns(source, header, COLUMNS)
    columns.require(REQUIRED, "a Hevy export")
    units = WeightUnits(WEIGHT_UNITS[columns.key["weight"]], False, None)
    collector = WorkoutCollector(source, FORMAT, names, units)

    def handle(record: Record) -> Workout:
        row = Row(columns, record)
        workout = collector.titled_workout(row)
        found = read_set(row, row.value("set_type", set_kind, WORKING), units.unit_of(row))
        if found is not None:
            found.exercise_notes = row.text("exercise_notes").replace("\r\n", "\n") or None
            found.superset = row.text("superset") or None
        return collector.take(workout, row, found)

    collector.read(rows, handle)
    return collector.finish()
