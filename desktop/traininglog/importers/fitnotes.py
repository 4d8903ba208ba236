"""FitNotes' CSV export:

`Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time`, or with
`Weight (kgs)`, or `Weight,Weight Unit` (kgs / lbs on each row), and optionally a trailing
`Comment` (the set's notes). A name or comment with a bare comma (some exports do not
quote them) is rejoined when the numeric columns leave one way to (`unquoted_commas.py`).
Dates have no time and no workout name: one session per day, its sets in row order; the
Cardio category is skipped.
"""

from __future__ import annotations

from ..domain import Problem
from ..exercises.matching import ExerciseNames
from .batch import ImportBatch
from .csv_tables import Columns, Record, Row, split_header
from .set_rows import WORKING, read_set
from .text_files import TextFile
from .unquoted_commas import CHECKS, fits_as_is, rejoin
from .weight_units import units_of_columns
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
    "distanceunit": "distance_unit",
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
    units = units_of_columns(source, columns, WEIGHT_UNITS, weight_unit, "kgs or lbs")
    collector = WorkoutCollector(source, FORMAT, names, units)
    width = columns.width
    free_text = [columns.index[f] for f in ("exercise", "notes") if columns.has(f)]
    checks = {columns.index[f]: check for f, check in CHECKS.items() if columns.has(f)}
    numeric = [
        columns.title[f] for f in ("weight", "reps", "distance", "seconds") if columns.has(f)
    ]

    def handle(record: Record) -> Workout:
        unplaced = None
        if len(record.cells) > width and not fits_as_is(record.cells, width, checks):
            rejoined = rejoin(record.cells, width, free_text, checks)
            if rejoined.cells is not None:
                record = Record(record.line, rejoined.cells)
                collector.repaired.append(record.line)
            else:
                unplaced = _unplaced(len(record.cells), width, rejoined.ways, numeric)
        row = Row(columns, record)
        workout = collector.workout_of(row, (row.text("date"),), "")
        if unplaced is not None:
            row.problems = [Problem("", unplaced)]
            return collector.take(workout, row, None)
        unit = units.unit_of(row)
        if row.text("category").casefold() == "cardio" and not row.problems:
            return collector.take(workout, row, None)
        return collector.take(workout, row, read_set(row, WORKING, unit))

    collector.read(rows, handle)
    return collector.finish()


def _unplaced(fields: int, width: int, ways: int, numeric: list[str]) -> str:
    """Why a row with more fields than columns could not be rejoined."""
    said = f"has {fields} fields for {width} columns: a comma in a name or comment is not in quotes"
    if ways == 0:
        columns = (
            ", ".join(numeric[:-1]) + f" and {numeric[-1]}" if len(numeric) > 1 else numeric[0]
        )
        return f"{said}, and no way of joining the fields puts numbers under {columns}"
    return f"{said}, and the fields can be joined in more than one way: put the name in quotes"
