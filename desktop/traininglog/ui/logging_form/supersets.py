"""Supersets and circuits in the form: Ctrl+G puts the exercise with the one below (or every
selected exercise) in a superset, Ctrl+Shift+G takes it out, the badge beside the exercise's
name says which superset it is in, and its sets are typed in the order done (A1 set 1, A2
set 1, A1 set 2…)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from ...domain.session import group_labels
from ...drafts.draft import DraftExercise

if TYPE_CHECKING:
    from .log_view import LogView


class Supersets:
    """The superset keys and badge of one form."""

    def __init__(self, view: LogView):
        self.view = view
        self.badge = QLabel()
        self.badge.setObjectName("supersetBadge")
        self.badge.setToolTip(
            "Done together, sets alternating. Ctrl+G adds the exercise below, Ctrl+Shift+G "
            "takes this one out."
        )
        self.badge.hide()

    def _chosen(self) -> list[int]:
        """The selected exercises when several are, else the current one."""
        exercises = self.view.exercise_list
        rows = sorted({i.row() for i in exercises.selectedIndexes()})
        current = exercises.currentRow()
        return rows if len(rows) > 1 else ([current] if current >= 0 else [])

    def group(self) -> None:
        """Ctrl+G: the selected exercises (or this one and the one below) as a superset."""
        chosen = self._chosen()
        if chosen:
            self.view.editor.group_exercises(chosen)
            self.view.exercise_list.setCurrentRow(chosen[0])

    def ungroup(self) -> None:
        """Ctrl+Shift+G: the selected exercises out of their superset."""
        chosen = self._chosen()
        if chosen:
            self.view.editor.ungroup_exercises(chosen)
            self.view.exercise_list.setCurrentRow(chosen[0])

    def next_set(self, row: int) -> bool:
        """A working set of a superset typed: on to the next exercise's set of the same
        number, and after the last exercise back to the first one's next set, the order the
        sets were done in. False when the exercise is in no superset."""
        view = self.view
        exercises, current = view.editor.draft.exercises, view.current
        if current is None or exercises[current].group is None:
            return False
        members = [i for i, e in enumerate(exercises) if e.group == exercises[current].group]
        place = members.index(current)
        target, target_row = (
            (members[place + 1], row) if place + 1 < len(members) else (members[0], row + 1)
        )
        while len(view.editor.draft.exercises[target].workings) <= target_row:
            view.editor.append_row(target, "working")
        view.exercise_list.setCurrentRow(target)
        view.working_grid.setFocus()
        index = view.working_model.index(target_row, 0)
        view.working_grid.setCurrentIndex(index)
        view.working_grid.scrollTo(index)
        return True

    def show(self, exercise: DraftExercise | None) -> None:
        """ "A1 · with A2 Barbell Row": which superset, and what else is in it."""
        exercises, current = self.view.editor.draft.exercises, self.view.current
        if exercise is None or exercise.group is None or current is None:
            self.badge.hide()
            return
        labels = group_labels(e.group for e in exercises)
        others = [
            f"{labels[n]} {e.name}"
            for n, e in enumerate(exercises, start=1)
            if e.group == exercise.group and n != current + 1
        ]
        self.badge.setText(f"{labels[current + 1]} · with {', '.join(others)}")
        self.badge.setAccessibleName(f"Superset {exercise.group}")
        self.badge.show()
