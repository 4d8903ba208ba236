"""Typing into the real widgets the way a person does."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, new_session_id


def type_cells(qtbot, values):
    """Type each value into the focused cell and press Enter (empty: Enter alone)."""
    for value in values:
        for char in value:  # the first key opens the cell's editor, which then has the focus
            qtbot.keyClicks(QApplication.focusWidget(), char)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        QApplication.processEvents()  # the cell editor commits on Enter through a queued call


def add_exercise(qtbot, view, typed: str) -> None:
    """Type a few letters, Down to the first suggestion and Enter, as a lifter picks one."""
    view.picker.setFocus()
    qtbot.keyClicks(view.picker.field, typed)
    qtbot.keyClick(view.picker.field, Qt.Key.Key_Down)
    qtbot.keyClick(view.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.warmup_grid, timeout=2000)


def to_working_sets(qtbot, view) -> None:
    """From the warm-up grid's first empty row: Enter moves on to the working sets."""
    type_cells(qtbot, [""])
    assert QApplication.focusWidget() is view.working_grid


def stored_session(day: str, focus: str = "upper-strength", bench=((80, 5, 8.0),)) -> Session:
    """A session as if logged earlier: bench press with the given working sets."""
    return Session(
        id=new_session_id(),
        date=datetime.fromisoformat(f"{day}T18:00:00"),
        focus=focus,
        phase=1,
        week=3,
        exercises=(
            Exercise(
                order=1,
                name="Barbell Bench Press",
                target_muscle_groups=("chest",),
                warmup_sets=(WarmupSet(1, 40, 8),),
                working_sets=tuple(
                    WorkingSet(n, w, r, 0, rpe, "good") for n, (w, r, rpe) in enumerate(bench, 1)
                ),
            ),
            Exercise(
                order=2,
                name="Barbell Row",
                target_muscle_groups=("upper-back",),
                working_sets=(WorkingSet(1, 60, 10),),
            ),
        ),
    )


class Paints(QObject):
    """Counts the paint events a widget gets."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False
