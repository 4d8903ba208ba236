"""A field to choose one of the exercises in the history, by a few letters.

Like the logging form's picker, suggestions show in a list inside the window, never in a
popup window (which would take the keyboard away and hand it back when it closes). The list
floats over the widgets below the field. Up and Down move the highlight, Enter takes it,
Escape hides the list. Only exercises with a history are suggested.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget

from ...domain.names import name_key
from ...exercises.catalogue import Catalogue
from ..common.exercise_picker import suggestion_keys


class ExerciseSearch(QLineEdit):
    picked = Signal(str)  # the exercise's name as the history spells it
    cleared = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        used_names: Callable[[], list[str]],
        placeholder: str = "Exercise — type a few letters, e.g. bench",
        parent=None,
    ):
        super().__init__(parent)
        self.catalogue = catalogue
        self.used_names = used_names
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self.list = QListWidget()
        self.list.setObjectName("exerciseSuggestions")
        self.list.setAccessibleName("Suggested exercises")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.hide()
        self.list.itemClicked.connect(lambda item: self.pick(item.text()))
        self.textEdited.connect(self._suggest)
        self.textChanged.connect(self._maybe_cleared)
        self.returnPressed.connect(self._on_return)
        self.installEventFilter(self)

    def suggestions(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def pick(self, name: str) -> None:
        """Choose an exercise, as Enter on a suggestion does."""
        self.list.hide()
        self.blockSignals(True)
        self.setText(name)
        self.blockSignals(False)
        self.picked.emit(name)

    def show_name(self, name: str) -> None:
        """Show the chosen exercise without announcing it."""
        self.blockSignals(True)
        self.setText(name)
        self.blockSignals(False)

    def eventFilter(self, watched, event) -> bool:
        if watched is self and suggestion_keys(event, self.list):
            return True
        if watched is self and event.type() == QEvent.Type.FocusOut:
            self.list.hide()
        return super().eventFilter(watched, event)

    def _suggest(self, text: str) -> None:
        used = self.used_names()
        spelled = {name_key(n): n for n in reversed(used)}
        names: list[str] = []
        for name in self.catalogue.search(text, used):
            known = spelled.get(name_key(name))
            if known is not None and known not in names:
                names.append(known)
        self.list.clear()
        self.list.addItems(names)
        if not names:
            self.list.hide()
            return
        self.list.setCurrentRow(0)
        self._place_list()

    def _place_list(self) -> None:
        host = self.window()
        if self.list.parent() is not host:
            self.list.setParent(host)
        corner = self.mapTo(host, QPoint(0, self.height() + 2))
        rows = min(self.list.count(), 10)
        height = rows * max(self.list.sizeHintForRow(0), 20) + 2 * self.list.frameWidth() + 4
        self.list.setGeometry(corner.x(), corner.y(), max(self.width(), 320), height)
        self.list.raise_()
        self.list.show()

    def _on_return(self) -> None:
        current = self.list.currentItem()
        if self.list.isVisible() and current is not None:
            self.pick(current.text())
        elif self.text().strip():
            used = {name_key(n): n for n in self.used_names()}
            self.pick(used.get(name_key(self.text()), self.text().strip()))

    def _maybe_cleared(self, text: str) -> None:
        if not text:
            self.list.hide()
            self.cleared.emit()
