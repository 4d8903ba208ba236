"""The Exercise tab: choose an exercise, see every set of it and its records."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.calculations import E1rmRule
from ...domain.progress import BestSet, ExerciseProgress
from ...exercises.catalogue import Catalogue
from ..common.formatting import plural, volume_text
from ..common.layouts import titled_panel
from .appending_table import AppendingTableView
from .column_widths import fit_columns
from .exercise_search import ExerciseSearch
from .exercise_sets import COLUMNS, ExerciseSetsModel
from .read_ahead import ReadAhead
from .records_view import RecordsView

_SAMPLES = {
    "date": "Wed 28 Sep 2026",
    "set": "W10",
    "weight": "BW + 22.5 (105.5)",  # a weighted set and the load it counted
    "reps": "10+2",
    "rpe": "9.5",
    "e1rm": "1,000.5",
    "felt": "perfect",
    "rest": "3.5",
}


class ExerciseView(QWidget):
    exercise_picked = Signal(str)
    export_requested = Signal()

    def __init__(self, catalogue: Catalogue, used_names: Callable[[], list[str]], parent=None):
        super().__init__(parent)
        self.name: str | None = None
        self.search = ExerciseSearch(catalogue, used_names)
        self.search.setObjectName("exerciseSearch")
        self.search.setAccessibleName("Exercise")
        self.search.setMaximumWidth(420)
        self.search.picked.connect(self.exercise_picked)
        self.summary = QLabel("Choose an exercise to see every set you have done of it.")
        self.summary.setObjectName("exerciseSummary")
        self.summary.setWordWrap(True)  # a long history's summary takes two lines, not width
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("exportSetsCsv")
        self.export_button.setAccessibleName("Export the exercise's sets as CSV")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_requested)

        self.model = ExerciseSetsModel(parent=self)
        self.table = AppendingTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setObjectName("exerciseSets")
        self.table.setAccessibleName("Sets of the exercise")
        self.table.setModel(self.model)
        self.read_ahead = ReadAhead(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns(self.table, [k for k, _ in COLUMNS], _SAMPLES)
        # The estimate's title names the formula and unit: refitted when Settings change them.
        self.model.headerDataChanged.connect(
            lambda *_: fit_columns(self.table, [k for k, _ in COLUMNS], _SAMPLES)
        )
        self.records = RecordsView()
        self.records.session_chosen.connect(self.show_session)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.summary, 2)
        top.addWidget(self.export_button)
        records_box = titled_panel("Records", self.records)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(records_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([810, 450])  # every column fits on both sides at 1280 px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.read_ahead.schedule()

    def set_display(self, unit: str, rule: E1rmRule) -> None:
        """Units and formula for an empty view too: its headers say them."""
        self.model.set_display(unit, rule)
        self.records.show_records(None, None, unit, rule)

    def show_exercise(
        self,
        name: str,
        progress: ExerciseProgress,
        best: BestSet | None,
        unit: str,
        rule: E1rmRule,
    ) -> None:
        """Show an exercise's sets and records in `unit`, estimated by `rule`; the summary
        says how its body-weight sets were counted, if it has any."""
        self.name = name
        self.search.show_name(name)
        self.model.set_display(unit, rule)
        self.model.set_exercise(name)
        self.records.show_records(progress, best, unit, rule)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        self.summary.setText(_summary(name, progress, unit))
        # Both tables laid out now, before the window paints them: left to Qt's next idle
        # moment, each layout (and the scroll bars it shows or hides) painted them again.
        self.table.doItemsLayout()
        self.records.doItemsLayout()

    def show_session(self, session_id: str) -> None:
        """Scroll to and select the sets a session had."""
        row = self.model.row_of_session(session_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(
                self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )


def _summary(name: str, progress: ExerciseProgress, unit: str) -> str:
    totals = progress.totals
    if not totals.sessions:
        return f"No sets of {name} in your history yet."
    first, last = (totals.first_day or "")[:4], (totals.last_day or "")[:4]
    years = first if first == last else f"{first}–{last}"
    return (
        f"{plural(totals.sessions, 'session')} · {plural(totals.working_sets, 'working set')}"
        f" · {volume_text(totals.volume_kg, unit)} · {years} · warm-ups greyed, not counted"
        f"{_body_weight_note(totals.body_weight_sets, totals.unknown_loads)}"
    )


def _body_weight_note(counted: int, unknown: int) -> str:
    """Where an exercise's figures count body-weight sets, the summary says how."""
    if not counted:
        return ""
    note = (
        f" · {plural(counted, 'body-weight set')} count the body weight logged nearest "
        "their day in e1RM, records and volume"
    )
    if unknown:
        note += f" ({unknown:,} left out: no body weight logged)"
    return note
