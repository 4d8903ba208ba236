"""FitNotes' CSV export:

`Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time`, or with
`Weight (kgs)`, or `Weight,Weight Unit` (kgs / lbs on each row), and optionally a trailing
`Comment` (the set's notes). Dates have no time and no workout name: one session per day,
its sets in row order; the Cardio category is skipped.
"""

from __future__ import annotations

from .batch import ImportBatch
from .csv_tables import Columns, Record, Row, split_header
from .exercise_names import ExerciseNames
from .set_rows import WORKING, read_set
from .text_files import TextFile, refuse_unitless_weights
from .weight_units import WeightUnits
from .workouts import Workout, WorkoutCollector

FORMAT = "fitnotes"

COLUMNS = {
    "date": "date",
    "exercise": "exercise",
    "category": "category",
    "weightlbs": "weight",
    "weightlb": "weight",
    "weightkgs": "weight",
    "weightkg": "weight",
    "weight": "weight",
    "weightunit": "weight_unit",
    "reps": "reps",
    "distance": "distance",
    "time": "seconds",
    "comment": "notes",
}
WEIGHT_UNITS: dict[str, str | None] = {
    "weightlbs": "lb",
    "weightlb": "lb",
    "weightkgs": "kg",
    "weightkg": "kg",
    "weight": None,
}
REQUIRED = {"date": "Date", "exercise": "Exercise", "weight": "Weight", "reps": "Reps"}


def is_fitnotes_header(keys: list[str]) -> bool:
    return {"date", "exercise", "category"} <= set(keys)


def read_fitnotes(source: TextFile, weight_unit: str | None, names: ExerciseNames) -> ImportBatch:
    """The sessions in a FitNotes export; raises Unreadable when the file is not one."""
    header, rows = split_header(source)
    columns = Columns(source, header, COLUMNS)
    columns.require(REQUIRED, "a FitNotes export")
    units = WeightUnits(
        WEIGHT_UNITS[columns.key["weight"]], columns.has("weight_unit"), weight_unit, "kgs or lbs"
    )
    if units.needs_choice:
        raise refuse_unitless_weights(source.at(columns.line), columns.title["weight"])
    collector = WorkoutCollector(source, FORMAT, names)
    collector.units = units

    def handle(record: Record) -> Workout:
        row = Row(columns, record)
        workout = collector.workout_of(row, (row.text("date"),), "")
        unit = units.unit_of(row)
        if row.text("category").casefold() == "cardio" and not row.problems:
            return collector.take(workout, row, None)
        return collector.take(workout, row, read_set(row, WORKING, unit))

    collector.read(rows, handle)
    return collector.finish()
