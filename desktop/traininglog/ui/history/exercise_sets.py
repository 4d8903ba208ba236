"""The Exercise tab's table: every set of one exercise, newest session first.

Warm-ups are listed, greyed, and never estimated; working sets carry their estimated 1RM.
Rows come from the index a page at a time as the view scrolls, like the sessions table, and
like it they are kept as Qt items formatted once, so painting runs no Python (paged_items).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...domain.calculations import LB_PER_KG, PLAIN_EPLEY, E1rmRule
from ...store.history_queries import SetLine, exercise_set_lines
from ..common.formatting import lifted_text, load_text, weight_text
from ..common.paged_items import (
    ALIGNMENT,
    DISPLAY,
    FOREGROUND,
    RIGHT_ALIGNED,
    TOOLTIP,
    PagedItemModel,
)
from ..common.theme import colours, qcolor
from .texts import day_text, reps_text

COLUMNS = (
    ("date", "Date"),
    ("set", "Set"),
    ("weight", "Weight"),
    ("reps", "Reps"),
    ("rpe", "RPE"),
    ("e1rm", "e1RM"),
    ("felt", "Felt"),
    ("rest", "Rest (min)"),
    ("notes", "Notes"),
)
_KEYS = tuple(key for key, _ in COLUMNS)
_RIGHT = {"weight", "reps", "rpe", "e1rm", "rest"}
_SET, _WEIGHT, _E1RM = _KEYS.index("set"), _KEYS.index("weight"), _KEYS.index("e1rm")
IS_WARMUP_ROLE = Qt.ItemDataRole.UserRole.value + 1  # on the set's number
E1RM_KG_ROLE = Qt.ItemDataRole.UserRole.value + 2  # on the estimate


Index = QModelIndex | QPersistentModelIndex


class ExerciseSetsModel(PagedItemModel):
    PAGE = 50

    def __init__(self, unit: str = "kg", rule: E1rmRule = PLAIN_EPLEY, parent=None):
        super().__init__(len(COLUMNS), parent)
        self.unit = unit
        self.rule = rule
        self.exercise: str | None = None
        self._lines: list[SetLine]
        self._more = False
        self._set_headers()

    def set_exercise(self, exercise: str | None) -> None:
        """Show an exercise's sets (any spelling), the newest page first."""
        self.exercise = exercise
        lines = exercise_set_lines(exercise, self.rule, 0, self.PAGE) if exercise else []
        self._replace_rows(lines)
        self._more = len(lines) == self.PAGE

    def set_display(self, unit: str, rule: E1rmRule) -> None:
        if rule != self.rule:
            self.unit, self.rule = unit, rule
            self._set_headers()
            self.set_exercise(self.exercise)  # the estimates come from the query
        elif unit != self.unit:
            self.unit = unit
            self._set_headers()

            def reformat(row: int, line: SetLine) -> None:
                self.setData(self.index(row, _WEIGHT), _weight(line, unit))
                self.setData(self.index(row, _E1RM), weight_text(line.e1rm_kg, unit))

            self._quietly_update(reformat, _WEIGHT, _E1RM)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self.exercise is None:
            return
        first = len(self._lines)
        page = exercise_set_lines(self.exercise, self.rule, first, self.PAGE)
        self._more = len(page) == self.PAGE
        self._add_rows(page)

    def _set_cells(self, row: int, line: SetLine, previous: SetLine | None) -> None:
        warmup = line.kind == "warmup"
        for column, text in enumerate(self._texts(line, previous)):
            cell: dict[int, object] = {DISPLAY: text}
            if _KEYS[column] in _RIGHT:
                cell[ALIGNMENT] = RIGHT_ALIGNED
            if warmup and column:  # the day is not greyed
                cell[FOREGROUND] = qcolor(colours().faint)
            if column == _SET:
                cell[IS_WARMUP_ROLE] = warmup
                if warmup:
                    cell[TOOLTIP] = "Warm-up set: not counted in statistics"
            elif column == _E1RM and line.e1rm_kg is not None:
                cell[E1RM_KG_ROLE] = line.e1rm_kg
            elif column == _WEIGHT and line.body_weight is not None:
                cell[TOOLTIP] = _load_tip(line, self.unit)
            self.setItemData(self.index(row, column), cell)

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

    # -- what the cells say ------------------------------------------------------------------

    def _set_headers(self) -> None:
        for column, (key, title) in enumerate(COLUMNS):
            if key == "e1rm":  # on two lines: the formula's name would crowd the columns
                text = f"{title}\n({self.rule.label}, {self.unit})"
            elif key == "weight":
                text = f"{title} ({self.unit})"
            else:
                text = title
            self.setHeaderData(column, Qt.Orientation.Horizontal, text)
        self.setHeaderData(
            _E1RM,
            Qt.Orientation.Horizontal,
            f"Estimated one-rep max by {self.rule.label}, from sets of 1 to "
            f"{self.rule.rep_cap} full reps; warm-ups and longer sets have none",
            TOOLTIP,
        )

    def _texts(self, line: SetLine, previous: SetLine | None) -> tuple[str, ...]:
        same = previous is not None and (previous.session_id, previous.position) == (
            line.session_id,
            line.position,
        )
        return (
            "" if same else day_text(date.fromisoformat(line.started[:10])),
            f"W{line.number}" if line.kind == "warmup" else str(line.number),
            _weight(line, self.unit),
            reps_text(line.full_reps, line.partial_reps),
            "" if line.rpe is None else f"{line.rpe:g}",
            weight_text(line.e1rm_kg, self.unit),
            line.rep_assessment or "",
            "" if line.rest_minutes is None else f"{line.rest_minutes:g}",
            line.notes or "",
        )

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
            f"e1rm_{self.rule.formula.value.replace('-', '_')}_{self.unit}",
            "rep_assessment",
            "rest_minutes",
            "notes",
        ]
        factor = LB_PER_KG if self.unit == "lb" else 1.0
        exercise, rule = self.exercise, self.rule

        def number(kg: float | None) -> object:
            return "" if kg is None else _plain(round(kg * factor, 2))

        def rows() -> Iterator[list[object]]:
            offset = 0
            while exercise:
                page = exercise_set_lines(exercise, rule, offset, 1000)
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


def _weight(line: SetLine, unit: str) -> str:
    """ "80"; a body-weight set as "BW + 20 (102.5)": what was added or taken off, and the
    load it counts, or "BW + 20" alone while no weigh-in is logged."""
    if line.body_weight is None:
        return lifted_text(line.weight_kg, unit)
    typed = load_text(line.weight_kg, unit, body_weight=line.body_weight)
    return typed if line.load_kg is None else f"{typed} ({lifted_text(line.load_kg, unit)})"


def _load_tip(line: SetLine, unit: str) -> str:
    if line.load_kg is None:
        return (
            "A body-weight set, with no body weight logged: its load is not known, so it "
            "counts toward no e1RM, record or volume until one is logged"
        )
    return (
        f"A body-weight set: {lifted_text(line.load_kg, unit, with_unit=True)} with the "
        "body weight logged nearest its day; its e1RM, records and volume count that"
    )
