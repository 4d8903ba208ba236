"""Rows fetched ahead of a table view while the window is idle, so that scrolling only paints.

A view fetches a page by itself when it reaches the last fetched row, in the middle of a
scroll step. This keeps `rows` fetched below the last row in sight instead: after a scroll,
a reset or an insert, a zero timer fetches one page, and the rows it inserts ask again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QTableView


class ReadAhead(QObject):
    def __init__(self, table: QTableView, rows: int = 100):
        super().__init__(table)
        self.table = table
        self.rows = rows
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fetch)
        model = table.model()
        # A plain slot: `QTimer.start` given valueChanged's int would take it for an interval.
        table.verticalScrollBar().valueChanged.connect(self.schedule)
        model.modelReset.connect(self.schedule)
        model.rowsInserted.connect(self.schedule)

    def schedule(self, *_signal_arguments) -> None:
        """Check once the window is idle (call it too when the table is shown)."""
        self.timer.start()

    def fetch(self) -> None:
        """One more page when fewer than `rows` lie below the view; nothing while hidden."""
        model = self.table.model()
        if not model.canFetchMore() or not self.table.isVisible():
            return
        last_in_sight = self.table.rowAt(self.table.viewport().height() - 1)
        if last_in_sight < 0:  # the view shows the end of what is fetched
            last_in_sight = model.rowCount()
        if model.rowCount() - last_in_sight < self.rows:
            model.fetchMore()
