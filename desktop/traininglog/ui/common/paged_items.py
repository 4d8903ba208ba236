"""A table model whose rows are fetched a page at a time and kept as Qt items, formatted once.

Painting then reads the cells in C++. A Python `data()` would be called for every visible
cell and role on every repaint (about 1,300 calls a frame in the sessions table), which made
each scroll step cost twice the painting itself.

Cells are written only through the model's own calls (`setItemData` on an index), which make
each item in C++ from the read-only prototype. An item made in Python (or cloned through
Python) keeps a wrapper that outlives it when a reload deletes it, and a later object at the
same address is then handed that stale wrapper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
# Roles as plain ints: they are the keys of the dictionaries `setItemData` takes.
DISPLAY = Qt.ItemDataRole.DisplayRole.value
DECORATION = Qt.ItemDataRole.DecorationRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
RIGHT_ALIGNED = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


class PagedItemModel(QStandardItemModel):
    """Subclasses write one row's cells in `_set_cells`; `_lines` holds the fetched rows."""

    def __init__(self, columns: int, parent=None):
        super().__init__(0, columns, parent)
        self._lines: list[Any] = []
        prototype = QStandardItem()
        prototype.setFlags(READ_ONLY)
        self.setItemPrototype(prototype)

    def _set_cells(self, row: int, line: Any, previous: Any | None) -> None:
        raise NotImplementedError

    def _replace_rows(self, lines: Sequence[Any]) -> None:
        """Show `lines` alone: one reset for the views, no signal per row and cell."""
        self.beginResetModel()
        self.blockSignals(True)
        try:
            self.setRowCount(0)
            self._lines = []
            self.setRowCount(len(lines))
            self._write(lines)
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def _add_rows(self, lines: Sequence[Any]) -> None:
        """Append `lines`: one insert and one change for the views."""
        if not lines:
            return
        first = len(self._lines)
        self.setRowCount(first + len(lines))
        self.blockSignals(True)
        try:
            self._write(lines)
        finally:
            self.blockSignals(False)
        last = first + len(lines) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _quietly_update(
        self, update: Callable[[int, Any], None], first_column: int, last_column: int
    ) -> None:
        """Change some columns of every fetched row, then tell the views once."""
        if not self._lines:
            return
        self.blockSignals(True)
        try:
            for row, line in enumerate(self._lines):
                if line is not None:  # a row let go of (see SessionTableModel) has no cells
                    update(row, line)
        finally:
            self.blockSignals(False)
        last_row = len(self._lines) - 1
        self.dataChanged.emit(self.index(0, first_column), self.index(last_row, last_column))

    def restyle(self) -> None:
        """Write the fetched rows' cells again (the look changed: their colours with it)."""
        lines = self._lines
        self.blockSignals(True)
        try:
            previous = None
            for row, line in enumerate(lines):
                if line is not None:
                    self._set_cells(row, line, previous)
                previous = line
        finally:
            self.blockSignals(False)
        if lines:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(lines) - 1, self.columnCount() - 1)
            )

    def _write(self, lines: Sequence[Any]) -> None:
        previous = self._lines[-1] if self._lines else None
        for row, line in enumerate(lines, start=len(self._lines)):
            self._set_cells(row, line, previous)
            previous = line
        self._lines.extend(lines)
