"""What to lift, in the form: the exercise's progression rule (its button, Ctrl+Shift+P),
the rule's targets in grey in the empty working sets with the reason beside them, and the
plates per side for a set's weight (Ctrl+P)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QToolButton

from ...domain.next_session import rule_summary
from ...drafts.draft import DraftSet, target_rows
from .plate_view import PlateView, plate_line
from .rule_dialog import ProgressionRuleDialog

if TYPE_CHECKING:
    from .log_view import LogView

RULE_WIDTH = 220  # pixels of the rule's text on its button, like the muscle groups beside it


class WhatToLift:
    """The rule button, the target note and the plate popup of one form."""

    def __init__(self, view: LogView):
        self.view = view
        self.rule_button = QToolButton()
        self.rule_button.setObjectName("ruleButton")
        self.rule_button.setAccessibleName("Progression rule")
        self.rule_button.clicked.connect(self.choose_rule)
        self.target_note = QLabel()
        self.target_note.setObjectName("quietNote")
        self.target_note.setAccessibleName("Next session's target")
        # A long reason is cut at the grid's edge (the tooltip has it all), never widening it.
        self.target_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.target_note.hide()
        self.plate_view = PlateView(view)

    # -- the progression rules' targets --------------------------------------------------------

    def targets(self, name: str):
        """The exercise's rule's targets for this session, from the sessions before it (all of
        them for a session not saved yet). A planned deload ticks the session's Deload box,
        which is how the rule knows afterwards that it was one."""
        view = self.view
        before = view._draft_started() if view.editor.draft.session_id else None
        targets = view.controller.next_targets(name, view.settings.plate_set, before)
        if any(t.deload for t in targets) and not view.editor.draft.deload:
            view.editor.set_header("Planned deload", deload=True)
        return targets

    def show_rule(self) -> None:
        view = self.view
        exercises = view.editor.draft.exercises
        exercise = exercises[view.current] if view.current is not None else None
        rule = view.controller.progression_rule(exercise.name) if exercise else None
        text = f"Rule: {rule_summary(rule)}" if rule else "No progression rule"
        metrics = self.rule_button.fontMetrics()
        self.rule_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, RULE_WIDTH))
        self.rule_button.setToolTip(f"{text}. Choose what to lift next time (Ctrl+Shift+P)")

    def show_target_note(self) -> None:
        """Beside "Working sets": the target still in grey, and why."""
        view = self.view
        exercises = view.editor.draft.exercises
        rows = exercises[view.current].workings if view.current is not None else ()
        target = next((r.hint("target") for r in rows if r.hint("target") and not r.weight), "")
        text = f"{target}: in grey below, saved once typed" if target else ""
        self.target_note.setText(text)
        self.target_note.setToolTip(text)
        self.target_note.setVisible(bool(text))

    def choose_rule(self) -> None:
        """Ctrl+Shift+P: the selected exercise's progression rule, chosen in a dialog and kept
        in the data folder; its working sets, while still empty, show the new targets."""
        view = self.view
        if view.current is None:
            return
        name = view.editor.draft.exercises[view.current].name
        dialog = ProgressionRuleDialog(
            name, view.controller.progression_rule(name), view.unit, view
        )
        if not dialog.exec() or not view.controller.set_progression_rule(name, dialog.rule):
            return
        index = view.current
        if index is None or index >= len(view.editor.draft.exercises):
            return
        exercise = view.editor.draft.exercises[index]
        if all(row.is_blank() for row in exercise.workings):
            rows = target_rows(self.targets(name), view.unit, exercise.workings)
            view.editor.replace_sets(
                index, exercise.warmups, rows or (DraftSet(),), "Show the rule's targets"
            )

    def with_targets(self, name: str, workings: tuple[DraftSet, ...]) -> tuple[DraftSet, ...]:
        """Last time's sets to start from, or, for an exercise with a rule, its targets in grey
        instead (how last time's sets went still in grey beside them)."""
        targets = self.targets(name)
        return target_rows(targets, self.view.unit, workings) if targets else workings

    # -- plates ---------------------------------------------------------------------------------

    def show_plates(self) -> None:
        """Ctrl+P: the plates per side for the weight of the set at the cursor, in a popup
        under its weight cell (the working sets' when neither grid has the focus)."""
        view = self.view
        focus, grid = QApplication.focusWidget(), view.working_grid
        if focus is view.warmup_grid or view.warmup_grid.isAncestorOf(focus):
            grid = view.warmup_grid
        grid.commit_editing()
        model, current = grid.set_model, grid.currentIndex()
        row = current.row() if current.isValid() else 0
        if model.exercise is None or row >= model.rowCount():
            text = "No set here: type a weight to see its plates"
            where = grid.viewport().mapToGlobal(grid.viewport().rect().topLeft())
        else:
            text = plate_line(model.weight_of_row(row), view.unit, view.settings.plate_set)
            cell = grid.visualRect(model.index(row, 0))
            where = grid.viewport().mapToGlobal(cell.bottomLeft())
        self.plate_view.show_line(text, where)
