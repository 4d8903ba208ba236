"""The Exercise tab's table: every set of one exercise, newest session first.

Warm-ups are listed, greyed, and never estimated; working sets carry their estimated 1RM.
Rows come from the index a page at a time as the view scrolls, like the sessions table.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain.calculations import LB_PER_KG, OneRepMaxFormula
from ...store.history_queries import SetLine, exercise_set_lines
from ..formatting import weight_text
from .texts import day_text, reps_text

COLUMNS = (
    ("date", "Date"),
    ("set", "Set"),
    ("weight", "Weight"),
    ("reps", "Reps"),
    ("rpe", "RPE"),
    ("e1rm", "Est. 1RM"),
    ("felt", "Felt"),
    ("rest", "Rest (min)"),
    ("notes", "Notes"),
)
_KEYS = tuple(key for key, _ in COLUMNS)
_RIGHT = {"weight", "reps", "rpe", "e1rm", "rest"}
WARMUP_COLOUR = "#9aa5b1"
IS_WARMUP_ROLE = Qt.ItemDataRole.UserRole + 1
E1RM_KG_ROLE = Qt.ItemDataRole.UserRole + 2
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 3

# Plain ints: `data()` runs for every visible cell and role, and enum lookups add up.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_RIGHT_ALIGNED = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value

Index = QModelIndex | QPersistentModelIndex


class ExerciseSetsModel(QAbstractTableModel):
    PAGE = 200

    def __init__(self, unit: str = "kg", formula=OneRepMaxFormula.EPLEY, parent=None):
        super().__init__(parent)
        self.unit = unit
        self.formula = formula
        self.exercise: str | None = None
        self._lines: list[SetLine] = []
        self._more = False
        self._grey = QColor(WARMUP_COLOUR)

    def set_exercise(self, exercise: str | None) -> None:
        """Show an exercise's sets (any spelling), the newest page first."""
        self.beginResetModel()
        self.exercise = exercise
        self._lines = exercise_set_lines(exercise, self.formula, 0, self.PAGE) if exercise else []
        self._more = len(self._lines) == self.PAGE
        self.endResetModel()

    def set_display(self, unit: str, formula: OneRepMaxFormula) -> None:
        if formula != self.formula:
            self.unit, self.formula = unit, formula
            self.set_exercise(self.exercise)  # the estimates come from the query
        elif unit != self.unit:
            self.unit = unit
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
            if self._lines:
                last = self.index(len(self._lines) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self.exercise is None:
            return
        first = len(self._lines)
        page = exercise_set_lines(self.exercise, self.formula, first, self.PAGE)
        self._more = len(page) == self.PAGE
        if page:
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._lines.extend(page)
            self.endInsertRows()

    def row_of_session(self, session_id: str) -> int | None:
        """The first row of a session's sets, fetching pages until it is found."""
        searched = 0
        while True:
            for row in range(searched, len(self._lines)):
                if self._lines[row].session_id == session_id:
                    return row
            searched = len(self._lines)
            if not self.canFetchMore():
                return None
            self.fetchMore()

    # -- the Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal:
            return None
        key, title = COLUMNS[section]
        if role == _DISPLAY:
            return f"{title} ({self.unit})" if key in ("weight", "e1rm") else title
        if role == _TOOLTIP and key == "e1rm":
            return f"Estimated one-rep max ({self.formula.value.title()}); warm-ups have none"
        return None

    def data(self, index: Index, role: int = _DISPLAY):
        if not index.isValid():
            return None
        row = index.row()
        line = self._lines[row]
        key = _KEYS[index.column()]
        warmup = line.kind == "warmup"
        if role == _DISPLAY:
            return self._text(row, line, key)
        if role == _FOREGROUND:
            return self._grey if warmup and key != "date" else None
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if key in _RIGHT else None
        if role == _TOOLTIP and warmup and key == "set":
            return "Warm-up set: not counted in statistics"
        if role == IS_WARMUP_ROLE:
            return warmup
        if role == E1RM_KG_ROLE:
            return line.e1rm_kg
        if role == SESSION_ID_ROLE:
            return line.session_id
        return None

    def _text(self, row: int, line: SetLine, key: str) -> str:
        if key == "date":
            previous = self._lines[row - 1] if row else None
            same = previous and (previous.session_id, previous.position) == (
                line.session_id,
                line.position,
            )
            return "" if same else day_text(date.fromisoformat(line.started[:10]))
        if key == "set":
            return f"W{line.number}" if line.kind == "warmup" else str(line.number)
        if key == "weight":
            return weight_text(line.weight_kg, self.unit)
        if key == "reps":
            return reps_text(line.full_reps, line.partial_reps)
        if key == "rpe":
            return "" if line.rpe is None else f"{line.rpe:g}"
        if key == "e1rm":
            return weight_text(line.e1rm_kg, self.unit)
        if key == "felt":
            return line.rep_assessment or ""
        if key == "rest":
            return "" if line.rest_minutes is None else f"{line.rest_minutes:g}"
        return line.notes or ""

    # -- export ------------------------------------------------------------------------------

    def csv_rows(self) -> tuple[list[str], Iterator[list[object]]]:
        """The header and every set of the exercise (fetched or not), in table order."""
        header = [
            "date",
            "exercise",
            "set_type",
            "set",
            f"weight_{self.unit}",
            "reps_full",
            "reps_partial",
            "rpe",
            f"e1rm_{self.unit}",
            "rep_assessment",
            "rest_minutes",
            "notes",
        ]
        factor = LB_PER_KG if self.unit == "lb" else 1.0
        exercise, formula = self.exercise, self.formula

        def number(kg: float | None) -> object:
            return "" if kg is None else _plain(round(kg * factor, 2))

        def rows() -> Iterator[list[object]]:
            offset = 0
            while exercise:
                page = exercise_set_lines(exercise, formula, offset, 1000)
                for line in page:
                    yield [
                        line.started[:19],  # to the second
                        line.exercise,
                        line.kind,
                        line.number,
                        number(line.weight_kg),
                        line.full_reps,
                        line.partial_reps,
                        _plain(line.rpe),
                        number(line.e1rm_kg),
                        line.rep_assessment or "",
                        _plain(line.rest_minutes),
                        line.notes or "",
                    ]
                if len(page) < 1000:
                    return
                offset += len(page)

        return header, rows()


def _plain(value: float | None) -> object:
    """A number for a CSV cell: 8.0 → 8, 8.5 → 8.5, None → empty."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value
