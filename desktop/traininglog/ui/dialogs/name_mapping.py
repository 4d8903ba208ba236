"""The import dialog's table of exercise names the catalogue does not know, each mappable.

Select a name, type a few letters below the table and press Enter: the same suggestions as
the log form's "Add exercise" (an `ExercisePicker`, whose list sits inside the dialog; a
completer popup would take the keyboard back when it closed). Typing while the table has the
focus goes to that field. A name left alone is imported as written, a custom exercise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...exercises.catalogue import Catalogue
from ..common.exercise_picker import ExercisePicker
from ..common.theme import colours, qcolor

NAME, USES, TARGET = range(3)
KEEP_TEXT = "keep as written (custom exercise)"
SUGGESTIONS_SHOWN = 5


class NameMappingTable(QWidget):
    """Names not in the catalogue → what to import them as; `choices()` holds the answers."""

    changed = Signal()

    def __init__(self, catalogue: Catalogue, used_names: Callable[[], list[str]], parent=None):
        super().__init__(parent)
        self.setObjectName("nameMapping")
        self._choices: dict[str, str] = {}
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("unmappedNames")
        self.table.setAccessibleName("Exercise names not in the catalogue")
        self.table.setHorizontalHeaderLabels(["Name in the file", "Sets", "Import as"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(USES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        self.prompt = QLabel()
        self.prompt.setObjectName("mappingPrompt")
        self.picker = ExercisePicker(catalogue, used_names)
        self.picker.field.setPlaceholderText("Type a few letters of an exercise, then Enter")
        self.keep_button = QPushButton("Keep as written")
        self.keep_button.setObjectName("keepAsWritten")
        self.keep_button.setAutoDefault(False)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        row.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.prompt)
        layout.addLayout(row)

        self.table.itemSelectionChanged.connect(self._on_selected)
        self.table.itemActivated.connect(lambda _item: self.picker.setFocus())
        self.table.installEventFilter(self)
        self.picker.picked.connect(self._on_picked)
        self.picker.field.textEdited.connect(self._fit_suggestions)
        self.keep_button.clicked.connect(self.keep_selected)
        self._on_selected()

    # -- what the dialog reads and sets ------------------------------------------------------

    def set_names(self, uses: Mapping[str, int]) -> None:
        """Show these names (→ sets of each) in their order; answers already given are kept."""
        selected = self.selected_name()
        self.table.setRowCount(0)
        for name in uses:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, NAME, QTableWidgetItem(name))
            count = QTableWidgetItem(f"{uses[name]:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, USES, count)
            self.table.setItem(row, TARGET, QTableWidgetItem())
            self._show_target(row)
        self._choices = {n: t for n, t in self._choices.items() if n in uses}
        names = self.names()
        if names:
            self.table.selectRow(names.index(selected) if selected in names else 0)
        self._on_selected()

    def names(self) -> list[str]:
        return [self.table.item(row, NAME).text() for row in range(self.table.rowCount())]

    def choices(self) -> dict[str, str]:
        """Written name → exercise to import it as, for the names the lifter mapped."""
        return dict(self._choices)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), NAME).text() if rows else None

    def map_selected(self, target: str) -> None:
        """Import the selected name as `target`, then move on to the next name."""
        name = self.selected_name()
        if name is None:
            return
        self._choices[name] = target
        row = self.names().index(name)
        self._show_target(row)
        if row + 1 < self.table.rowCount():
            self.table.selectRow(row + 1)
        self.changed.emit()

    def close_suggestions(self) -> None:
        """Clear the search and hide its list (when the answers can no longer change)."""
        self.picker.field.clear()
        self.picker.list.hide()

    def keep_selected(self) -> None:
        name = self.selected_name()
        if name is not None and self._choices.pop(name, None) is not None:
            self._show_target(self.names().index(name))
            self.changed.emit()

    # -- inside ------------------------------------------------------------------------------

    def _show_target(self, row: int) -> None:
        item = self.table.item(row, TARGET)
        target = self._choices.get(self.table.item(row, NAME).text())
        item.setText(target or KEEP_TEXT)
        font = QFont(item.font())
        font.setItalic(target is None)
        item.setFont(font)
        item.setForeground(qcolor(colours().ink if target else colours().muted))

    def _on_selected(self) -> None:
        name = self.selected_name()
        enabled = name is not None
        self.picker.setEnabled(enabled)
        self.keep_button.setEnabled(enabled and name in self._choices)
        self.prompt.setText(
            f"Import <b>{escape(name or '', quote=False)}</b> as:"
            if enabled
            else "Select a name to map it."
        )

    def _on_picked(self, target: str) -> None:
        self.map_selected(target)
        self.picker.setFocus()
        self._on_selected()

    def _fit_suggestions(self) -> None:
        # As tall as the suggestions, at most five, so the names above keep their room
        # (runs after the picker has filled its list for the same keystroke).
        suggestions = self.picker.list
        rows = min(suggestions.count(), SUGGESTIONS_SHOWN)
        if rows:
            height = rows * suggestions.sizeHintForRow(0) + 2 * suggestions.frameWidth()
            suggestions.setFixedHeight(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Letters typed on the table start the search below it (the table would jump rows).
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            text = event.text()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            typed = text and text.isprintable() and not text.isspace() and not modifiers
            if typed and self.picker.isEnabled():
                self.picker.setFocus()
                self.picker.field.insert(text)
                self.picker.field.textEdited.emit(self.picker.field.text())
                return True
        return super().eventFilter(watched, event)
