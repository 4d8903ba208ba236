"""A field of a dialog that can't be used: raised where the field is read, and shown under
the form in the error colour, the keyboard back in that field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from .theme import restyle


class FieldProblem(ValueError):
    """A field that can't be used: (the field, the message)."""

    def __init__(self, field: QWidget, message: str):
        super().__init__(field, message)
        self.field, self.message = field, message


def show_field_problem(label: QLabel, problem: FieldProblem, select: bool = False) -> None:
    """Say what is wrong in `label` and put the keyboard in the field (its text selected,
    with `select`, ready to be typed over)."""
    label.setText(f"⚠ {problem.message}")
    restyle(label, "problem", True)
    label.show()
    problem.field.setFocus()
    if select and isinstance(problem.field, QLineEdit):
        problem.field.selectAll()
