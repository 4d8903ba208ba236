"""The row above the sessions table: date range, focus, exercise and free text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...exercises.catalogue import Catalogue
from ...store.history_queries import SessionFilter
from .date_range import DateRangeControl, Span
from .exercise_search import ExerciseSearch

ANY_FOCUS = "Any focus"
TYPING_PAUSE_MS = 250  # free text applies when typing pauses (or on Enter)


class FiltersBar(QWidget):
    changed = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        used_names: Callable[[], list[str]],
        span: Span,
        parent=None,
    ):
        super().__init__(parent)
        self.setObjectName("sessionFilters")
        self.dates = DateRangeControl(span, "all")
        self.focus = QComboBox()
        self.focus.setObjectName("focusFilter")
        self.focus.setAccessibleName("Focus")
        self.focus.setMinimumContentsLength(14)
        self.focus.addItem(ANY_FOCUS, None)
        self.exercise = ExerciseSearch(catalogue, used_names, "Any exercise")
        self.exercise.setObjectName("exerciseFilter")
        self.exercise.setAccessibleName("Exercise")
        self.exercise.setMinimumWidth(160)  # room at 1024 px: the window is 90% of it
        self.text = QLineEdit()
        self.text.setObjectName("textFilter")
        self.text.setAccessibleName("Search notes and exercise names")
        self.text.setPlaceholderText("Search notes and exercises")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(160)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAccessibleName("Clear the filters")
        self.clear_button.setEnabled(False)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._apply)
        self._applied = SessionFilter()
        self._exercise: str | None = None  # as picked: a half-typed name filters nothing

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.dates)
        layout.addWidget(self.focus)
        layout.addWidget(self.exercise, 1)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.clear_button)

        self.dates.changed.connect(self._apply)
        self.focus.currentIndexChanged.connect(self._apply)
        self.exercise.picked.connect(self._exercise_picked)
        self.exercise.cleared.connect(lambda: self._exercise_picked(None))
        self.text.textChanged.connect(lambda _text: self._typing.start())
        self.text.returnPressed.connect(self._apply)
        self.clear_button.clicked.connect(self.clear)

    def session_filter(self) -> SessionFilter:
        first, last = self.dates.range()
        return SessionFilter(
            first_day=first,
            last_day=last,
            focus=self.focus.currentData(),
            exercise=self._exercise,
            text=self.text.text().strip(),
        )

    def set_focuses(self, focuses: list[str]) -> None:
        """Offer these focuses, keeping the chosen one."""
        chosen = self.focus.currentData()
        self.focus.blockSignals(True)
        self.focus.clear()
        self.focus.addItem(ANY_FOCUS, None)
        for focus in focuses:
            self.focus.addItem(focus, focus)
        if chosen is not None and self.focus.findData(chosen) < 0:
            self.focus.addItem(chosen, chosen)  # no session has it any more: still chosen
        self.focus.setCurrentIndex(max(0, self.focus.findData(chosen)))
        self.focus.blockSignals(False)

    def clear(self) -> None:
        self.dates.reset("all")
        for widget in (self.focus, self.exercise, self.text):
            widget.blockSignals(True)
        self.focus.setCurrentIndex(0)
        self.exercise.clear()
        self.text.clear()
        for widget in (self.focus, self.exercise, self.text):
            widget.blockSignals(False)
        self._exercise = None
        self._apply()

    def _exercise_picked(self, name: str | None) -> None:
        self._exercise = name
        self._apply()

    def _apply(self) -> None:
        self._typing.stop()
        shown = self.session_filter()
        self.clear_button.setEnabled(shown != SessionFilter())
        if shown != self._applied:
            self._applied = shown
            self.changed.emit()
