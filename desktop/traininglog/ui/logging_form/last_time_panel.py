"""Beside the form: what you did for this exercise last time, and your best estimate so far."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.calculations import PLAIN_EPLEY, E1rmRule
from ...store.queries import LastTime
from ..common.formatting import days_ago_text, load_text, short_day_text, weight_text
from ..common.theme import colours


class LastTimePanel(QWidget):
    repeat_requested = Signal()

    def __init__(self, unit: str = "kg", parent=None):
        super().__init__(parent)
        self.unit = unit
        self.setObjectName("lastTimePanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # draw the card
        self.setMinimumWidth(230)
        self.title = QLabel("Last time")
        self.title.setObjectName("panelTitle")
        self.title.setWordWrap(True)  # a long exercise name wraps rather than being cut off
        self.body = QLabel()
        self.body.setObjectName("lastTimeBody")
        self.body.setWordWrap(True)
        self.body.setAccessibleName("Last time for this exercise")
        self.best = QLabel()
        self.best.setObjectName("bestEstimate")
        self.best.setAccessibleName("Best estimated one-rep max")
        self.repeat = QPushButton("&Repeat last time")
        self.repeat.setObjectName("repeatLastTime")
        self.repeat.setAccessibleName("Repeat last time")
        self.repeat.setToolTip("Fill the grids with last time's sets")
        self.repeat.clicked.connect(self.repeat_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.best)
        layout.addWidget(self.repeat)
        layout.addStretch(1)
        self.show_last_time(None, None, None)

    def show_last_time(
        self,
        exercise_name: str | None,
        last: LastTime | None,
        best_e1rm_kg: float | None,
        rule: E1rmRule = PLAIN_EPLEY,
    ) -> None:
        """Last time's sets, and the best estimate so far by `rule`, its formula named."""
        self.last = last
        self._shown = (exercise_name, last, best_e1rm_kg, rule)
        muted, faint = colours().muted, colours().faint
        if exercise_name is None:
            self.title.setText("Last time")
            self.body.setText(
                f"<span style='color:{muted}'>Pick an exercise to see last time.</span>"
            )
            self.best.setText("")
            self.repeat.setEnabled(False)
            return
        self.title.setText(f"Last time · {html.escape(exercise_name)}")
        if last is None:
            self.body.setText(f"<span style='color:{muted}'>First time logging this one.</span>")
            self.best.setText("")
            self.repeat.setEnabled(False)
            return
        lines = [f"<b>{html.escape(_when(last.day, date.today()))}</b>"]
        for w in last.exercise.warmup_sets:
            load = load_text(w.weight_kg, self.unit, body_weight=w.body_weight)
            lines.append(f"<span style='color:{faint}'>W{w.number}  {load} × {w.reps}</span>")
            lines += _notes(w.notes)
        for s in last.exercise.working_sets:
            reps = f"{s.full_reps}+{s.partial_reps}" if s.partial_reps else str(s.full_reps)
            extra = f" @{s.rpe:g}" if s.rpe is not None else ""
            extra += f" · {html.escape(s.rep_assessment)}" if s.rep_assessment else ""
            extra += f" · rest {s.rest_minutes:g} min" if s.rest_minutes is not None else ""
            shown = load_text(s.weight_kg, self.unit, body_weight=s.body_weight)
            lines.append(f"{s.number}.  {shown} × {reps}{extra}")
            lines += _notes(s.notes)
        self.body.setText("<br>".join(lines))
        self.best.setText(
            f"Best e1RM ({html.escape(rule.label)}) "
            f"<b>{weight_text(best_e1rm_kg, self.unit, with_unit=True)}</b>"
            if best_e1rm_kg
            else ""
        )
        self.best.setToolTip(
            f"The best estimated one-rep max of any working set of {exercise_name}, by "
            f"{rule.label}, from sets of 1 to {rule.rep_cap} full reps"
        )
        self.repeat.setEnabled(True)

    def redraw(self) -> None:
        """Show the same again, in the colours of the look now in use."""
        self.show_last_time(*self._shown)


def _when(day: str, today: date) -> str:
    """ "2026-11-24" → "Tue 24 Nov · 9 days ago"."""
    try:
        when = date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{short_day_text(when, today)} · {days_ago_text(when, today)}"


def _notes(notes: str | None) -> list[str]:
    if not notes:
        return []
    muted = colours().muted
    return [f"<span style='color:{muted}'>&nbsp;&nbsp;“{html.escape(notes)}”</span>"]
