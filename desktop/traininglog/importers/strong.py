"""Strong's CSV exports, every variant people have:

- `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,
  Workout Notes,RPE` — the weight has no unit, so the lifter says kg or lb;
- the same with `Weight Unit` and `Distance Unit` columns: each row's own unit (kg, lbs);
- the newer `"Workout #";"Date";…;"Weight (kg)";…` — semicolons, every field quoted,
  `WARM_UP` / `FAILURE` set orders, notes with line breaks inside;
- the oldest `Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes`;
- the German `Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,…`.

Set orders: a number is a working set; W a warm-up, D a drop set, F a failure set;
`Rest Timer` (`Ruhezeit`) rows carry a rest in seconds. Duration is not kept: a session
has no field for it.
"""

from __future__ import annotations

from ..domain.names import name_key
from ..exercises.matching import ExerciseNames
from .batch import ImportBatch
from .csv_tables import Columns, Record, Row, split_header
from .set_rows import DROP, FAILURE, REST, WARMUP, WORKING, SetRow, read_set
from .set_values import BadValue, number, rest_minutes
from .text_files import TextFile
from .weight_units import units_of_columns
from .workouts import Workout, WorkoutCollector

FORMAT = "strong"

COLUMNS = {
    "date": "date",
    "datum": "date",
    "workoutname": "workout",
    "exercisename": "exercise",
    "namederübung": "exercise",
    "setorder": "set_order",
    "reihenfolgefestlegen": "set_order",
    "reps": "reps",
    "wiederh": "reps",
    "wiederholungen": "reps",
    "distance": "distance",
    "distancemeters": "distance",
    "distancekm": "distance",
    "distancemi": "distance",
    "km": "distance",
    "mi": "distance",
    "entfernung": "distance",
    "distanz": "distance",
    "seconds": "seconds",
    "sekunden": "seconds",
    "notes": "notes",
    "notizen": "notes",
    "workoutnotes": "workout_notes",
    "workoutnotizen": "workout_notes",
    "rpe": "rpe",
    "weightunit": "weight_unit",
    "distanceunit": "distance_unit",
}
# The weight column's name says its unit, or nothing (then the lifter must).
WEIGHT_COLUMNS: dict[str, str | None] = {
    "weight": None,
    "gewicht": None,
    "weightkg": "kg",
    "weightkgs": "kg",
    "gewichtkg": "kg",
    "kg": "kg",
    "kgs": "kg",
    "weightlb": "lb",
    "weightlbs": "lb",
    "gewichtlbs": "lb",
    "lb": "lb",
    "lbs": "lb",
}
SET_ORDERS = {
    "w": WARMUP,
    "warmup": WARMUP,
    "d": DROP,
    "drop": DROP,
    "dropset": DROP,
    "f": FAILURE,
    "failure": FAILURE,
    "resttimer": REST,
    "rest": REST,
    "ruhezeit": REST,
}
REQUIRED = {
    "date": "Date",
    "workout": "Workout Name",
    "exercise": "Exercise Name",
    "set_order": "Set Order",
    "weight": "Weight",
    "reps": "Reps",
}


def is_strong_header(keys: list[str]) -> bool:
    """True for a header with Strong's exercise and set-order columns, in any language."""
    fields = {COLUMNS.get(k) for k in keys}
    return {"exercise", "set_order"} <= fields


def set_kind(text: str) -> str:
    if text.isdigit():
        return WORKING
    key = name_key(text)
    kind = WORKING if key.isdigit() else SET_ORDERS.get(key)
    if kind is None:
        raise BadValue(
            f"{text!r} is not a set number, W (warm-up), D (drop set), F (failure) or Rest Timer"
        )
    return kind


def read_strong(source: TextFile, weight_unit: str | None, names: ExerciseNames) -> ImportBatch:
    """The sessions in a Strong export; raises Unreadable when the file is not one."""
    header, rows = split_header(source)
    known = dict(COLUMNS) | dict.fromkeys(WEIGHT_COLUMNS, "weight")
    columns = Columns(source, header, known)
    columns.require(REQUIRED, "a Strong export")
    units = units_of_columns(source, columns, WEIGHT_COLUMNS, weight_unit, "kg or lbs")
    collector = WorkoutCollector(source, FORMAT, names, units)

    def handle(record: Record) -> Workout:
        row = Row(columns, record)
        workout = collector.titled_workout(row)
        kind = row.value("set_order", set_kind, WORKING)
        if kind != REST:
            return collector.take(workout, row, read_set(row, kind, units.unit_of(row)))
        seconds = row.value("seconds", lambda t: number(t) if t else None, None)
        rest = None
        if seconds is not None:
            rest = row.value("seconds", lambda _: rest_minutes(seconds), None)
        return collector.take(
            workout, row, SetRow(record.line, row.text("exercise"), REST, rest_minutes=rest)
        )

    collector.read(rows, handle)
    return collector.finish()
