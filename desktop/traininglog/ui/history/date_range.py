"""A date range: all time, the last 3 or 12 months, or custom dates.

The presets count back from today: "last 3 months" on 4 December is 5 September to today,
whatever was trained when, so that a break shows as the gap it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ..common.layouts import flush

PRESETS = (
    ("all", "All time"),
    ("3m", "Last 3 months"),
    ("12m", "Last 12 months"),
    ("custom", "Custom dates"),
)
_MONTHS = {"3m": 3, "12m": 12}

Span = Callable[[], "tuple[date, date] | None"]


class DateRangeControl(QWidget):
    changed = Signal()

    def __init__(self, span: Span, preset: str = "all", parent=None):
        """`span` gives the first and the latest training day (None with no sessions)."""
        super().__init__(parent)
        self.span = span
        self.today: Callable[[], date] = date.today
        self.preset = QComboBox()
        self.preset.setObjectName("dateRangePreset")
        self.preset.setAccessibleName("Date range")
        self.preset.setToolTip("Ranges count back from today")
        for key, text in PRESETS:
            self.preset.addItem(text, key)
        self.first = _date_edit("From")
        self.last = _date_edit("To")
        self.dash = QLabel("–")
        flush(QHBoxLayout(self), self.preset, self.first, self.dash, self.last, spacing=4)
        self.preset.setCurrentIndex(self.preset.findData(preset))
        self._show_dates()
        self._shown = self.range()
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.first.dateChanged.connect(self._dates_changed)
        self.last.dateChanged.connect(self._dates_changed)

    def key(self) -> str:
        return self.preset.currentData()

    def set_preset(self, key: str) -> None:
        self.preset.setCurrentIndex(self.preset.findData(key))

    def reset(self, key: str = "all") -> None:
        """Back to a preset without announcing it."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(key))
        self.preset.blockSignals(False)
        self._show_dates()
        self._shown = self.range()

    def set_custom(self, first: date, last: date) -> None:
        """Custom dates, as a lifter would pick them: one `changed`."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.preset.blockSignals(False)
        self._set_dates(first, last)
        self._show_dates()
        self._emit()

    def range(self) -> tuple[str | None, str | None]:
        """(first day, last day), inclusive YYYY-MM-DD; None where the range is open."""
        key = self.key()
        if key == "custom":
            return _iso(self.first.date()), _iso(self.last.date())
        if key in _MONTHS:
            today = self.today()
            anchor = QDate(today.year, today.month, today.day)
            return _iso(anchor.addMonths(-_MONTHS[key]).addDays(1)), None
        return None, None

    def _span(self) -> tuple[date, date]:
        return self.span() or (date.today(), date.today())

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _preset_changed(self) -> None:
        if self.key() == "custom":
            # Start from what was shown, so switching to custom changes nothing at first.
            first, last = self._span()
            shown_first, shown_last = self._shown
            self._set_dates(
                date.fromisoformat(shown_first) if shown_first else first,
                date.fromisoformat(shown_last) if shown_last else last,
            )
        self._show_dates()
        self._emit()

    def _dates_changed(self) -> None:
        if self.key() == "custom":
            self._emit()

    def _emit(self) -> None:
        self._shown = self.range()
        self.changed.emit()

    def _show_dates(self) -> None:
        custom = self.key() == "custom"
        for widget in (self.first, self.dash, self.last):
            widget.setVisible(custom)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("d MMM yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    edit.setObjectName(f"range{name}")
    return edit


def _iso(day: QDate) -> str:
    return day.toString("yyyy-MM-dd")
