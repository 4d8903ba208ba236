"""The "Add exercise" field: type a few letters, get the catalogue's and your own names.

Suggestions show in a list inside the window, not in a popup window: a popup takes window
activation, and when it closes the toolkit hands the keyboard back to this field, undoing the
move to the set grid. In the logging form nothing is highlighted at first: Enter adds the
name as typed (or the catalogue's name when it is one of its names or aliases, case and
punctuation aside). Down and Up highlight a suggestion and Enter takes it; so does a click.
Escape hides the list. Where a name must be mapped to another (`enter_takes_best_match`, the
import dialog), the best match starts highlighted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QVBoxLayout, QWidget

from ...domain.names import name_key
from ...exercises.catalogue import Catalogue
from .layouts import flush


def lifter_name(typed: str, catalogue: Catalogue, used_names: list[str]) -> str:
    """The name to log for what was typed: the catalogue's own name when it is one of its
    names or aliases, the lifter's earlier spelling of an exercise they logged before, else
    exactly what was typed (trimmed)."""
    typed = typed.strip()
    known = catalogue.find(typed)
    if known is not None:
        return known.name
    used = {name_key(n): n for n in used_names}
    return used.get(name_key(typed), typed)


def is_new_exercise(name: str, catalogue: Catalogue, used_names: list[str]) -> bool:
    """True for a name neither the catalogue nor the lifter's history knows."""
    key = name_key(name)
    return catalogue.find(name) is None and key not in {name_key(n) for n in used_names}


def suggestion_keys(event: QEvent, suggestions: QListWidget) -> bool:
    """Up/Down move the highlight in the visible suggestions, Escape hides them; True when
    the key was one of those (the field should not see it)."""
    if event.type() != QEvent.Type.KeyPress or not suggestions.isVisible():
        return False
    key = event.key()
    if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
        step = 1 if key == Qt.Key.Key_Down else -1
        row = max(0, min(suggestions.count() - 1, suggestions.currentRow() + step))
        suggestions.setCurrentRow(row)
        return True
    if key == Qt.Key.Key_Escape:
        suggestions.hide()
        return True
    return False


class ExercisePicker(QWidget):
    picked = Signal(str)

    def __init__(
        self,
        catalogue: Catalogue,
        used_names: Callable[[], list[str]],
        parent=None,
        enter_takes_best_match: bool = True,
    ):
        super().__init__(parent)
        self.enter_takes_best_match = enter_takes_best_match
        self.catalogue = catalogue
        self.used_names = used_names
        self.setObjectName("exercisePicker")
        self.field = QLineEdit()
        self.field.setObjectName("addExercise")
        self.field.setPlaceholderText("Add exercise — type a few letters, e.g. bench")
        self.field.setAccessibleName("Add exercise")
        self.field.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("exerciseSuggestions")
        self.list.setAccessibleName("Suggested exercises")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setMaximumHeight(200)
        self.list.hide()
        flush(QVBoxLayout(self), self.list, self.field, spacing=2)
        self.setFocusProxy(self.field)
        self.field.textEdited.connect(self._suggest)
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)
        self.list.itemClicked.connect(lambda item: self._emit(item.text()))

    def suggestions(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def text(self) -> str:
        return self.field.text()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.field and suggestion_keys(event, self.list):
            return True
        return super().eventFilter(watched, event)

    def _suggest(self, text: str) -> None:
        names = self.catalogue.search(text, self.used_names())
        self.list.clear()
        self.list.addItems(names)
        self.list.setVisible(bool(names))
        # In the logging form, Enter takes what was typed until a suggestion is picked.
        self.list.setCurrentRow(0 if names and self.enter_takes_best_match else -1)

    def _on_return(self) -> None:
        current = self.list.currentItem() if self.list.currentRow() >= 0 else None
        if self.list.isVisible() and current is not None:
            self._emit(current.text())
        else:
            self._emit(self.field.text())

    def _emit(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        self.field.clear()
        self.list.clear()
        self.list.hide()
        self.picked.emit(lifter_name(name, self.catalogue, self.used_names()))
