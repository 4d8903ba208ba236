"""A table view that does not repaint the rows in sight when rows are added below them.

Qt lays a table out again after rows are inserted anywhere, and that layout repaints the
whole viewport. The sessions table fetches a page ahead of the view while the window is idle
(`ReadAhead`): those rows land below the rows in sight, which look the same before and after,
and repainting them cost as much as a scroll step (about 10 ms), every other step. Only the
scroll bar changes, and it paints itself.

Any other change to the model between two layouts (rows inserted in sight, cells changed in
sight, rows removed, a reset, a new order) lets the layout repaint as usual: Qt leaves those
repaints to the pending layout.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

Index = QModelIndex | QPersistentModelIndex


class AppendingTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._appended_out_of_sight = False  # since the last layout: only rows below sight
        self._changed_in_sight = False  # since the last layout: anything else

    def setModel(self, model) -> None:
        super().setModel(model)
        model.rowsAboutToBeInserted.connect(self._rows_coming)
        model.dataChanged.connect(self._cells_changed)
        for signal in (
            model.rowsRemoved,
            model.rowsMoved,
            model.modelReset,
            model.layoutChanged,
            model.columnsInserted,
            model.columnsRemoved,
        ):
            signal.connect(self._changed)

    def doItemsLayout(self) -> None:
        quiet = self._appended_out_of_sight and not self._changed_in_sight
        self._appended_out_of_sight = self._changed_in_sight = False
        viewport = self.viewport()
        if quiet:  # update() does nothing while the attribute is set
            viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        try:
            super().doItemsLayout()
        finally:
            if quiet:
                viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)

    def _last_row_in_sight(self) -> int:
        """The last row the viewport shows; -1 when it shows blank space below the rows."""
        return self.rowAt(self.viewport().height() - 1)

    def _rows_coming(self, parent: Index, first: int, _last: int) -> None:
        last_in_sight = self._last_row_in_sight()
        if not parent.isValid() and 0 <= last_in_sight < first:
            self._appended_out_of_sight = True
        else:
            self._changed_in_sight = True

    def _cells_changed(self, top_left: Index, bottom_right: Index, *_roles) -> None:
        first_in_sight, last_in_sight = self.rowAt(0), self._last_row_in_sight()
        if last_in_sight < 0 or (
            top_left.row() <= last_in_sight and bottom_right.row() >= first_in_sight
        ):
            self._changed_in_sight = True

    def _changed(self, *_arguments) -> None:
        self._changed_in_sight = True
