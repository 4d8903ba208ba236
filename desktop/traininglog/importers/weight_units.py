"""Which unit each row's weight is in, and where that came from, for one file.

In order: the row's own unit cell (Strong's and FitNotes' `Weight Unit`: kg, kgs, lb, lbs,
any case), then the weight column's name (`Weight (kg)`, `weight_lbs`), then the lifter's
choice (`--weight-unit`). A row left with none has no unit: its weight is a bad value.
"""

from __future__ import annotations

from collections import Counter

from .csv_tables import Columns, Row
from .set_values import unit_named
from .text_files import TextFile, refuse_unitless_weights

ROW, HEADER, CHOSEN = "row", "header", "chosen"


class WeightUnits:
    """The unit of each row's weight, counted by unit and by where it came from."""

    def __init__(
        self,
        column_unit: str | None,
        has_unit_column: bool,
        chosen: str | None,
        unit_words: str = "kg or lb",
    ):
        self.column_unit = column_unit
        self.has_unit_column = has_unit_column
        self.chosen = chosen
        self.unit_words = unit_words
        self.counts: Counter[tuple[str, str]] = Counter()

    @property
    def needs_choice(self) -> bool:
        """True when nothing in the file can say kg or lb and the lifter has not either."""
        return self.column_unit is None and not self.has_unit_column and self.chosen is None

    def unit_of(self, row: Row) -> str | None:
        """The row's unit; an unknown unit word is noted on the row (and kg used)."""
        if self.has_unit_column:
            written = row.text("weight_unit")
            if written:
                unit = unit_named(written)
                if unit is None:
                    row.problem("weight_unit", f"{written!r} is not a unit: {self.unit_words}")
                    return "kg"
                self.counts[ROW, unit] += 1
                return unit
        if self.column_unit is not None:
            self.counts[HEADER, self.column_unit] += 1
            return self.column_unit
        if self.chosen is not None:
            self.counts[CHOSEN, self.chosen] += 1
        return self.chosen

    def described(self, column_title: str = "Weight") -> str:
        """For the file's summary: `units from the file's Weight Unit column (kg 980 rows, …)`."""
        parts = []
        for source, what in (
            (ROW, "from the file's Weight Unit column"),
            (HEADER, f"from the column name {column_title!r}"),
            (CHOSEN, "as chosen for the file (--weight-unit)"),
        ):
            found = [(unit, n) for (s, unit), n in sorted(self.counts.items()) if s == source]
            if found:
                rows = ", ".join(f"{unit} {n:,} row{'s' if n != 1 else ''}" for unit, n in found)
                parts.append(f"units {what} ({rows})")
        return "; ".join(parts) or "no weights"


def units_of_columns(
    source: TextFile,
    columns: Columns,
    unit_by_weight_column: dict[str, str | None],
    chosen: str | None,
    unit_words: str,
) -> WeightUnits:
    """The units of an export whose weight column may name its unit ("Weight (kg)"), whose
    rows may ("Weight Unit"), or neither; then the lifter must say, or the file is refused."""
    units = WeightUnits(
        unit_by_weight_column[columns.key["weight"]],
        columns.has("weight_unit"),
        chosen,
        unit_words,
    )
    if units.needs_choice:
        raise refuse_unitless_weights(source.at(columns.line), columns.title["weight"])
    return units
