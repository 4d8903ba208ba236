"""The Sessions tab: filters, the sessions table, and the selected session beside it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...controller import Controller
from ...exercises.catalogue import Catalogue
from .appending_table import AppendingTableView
from .column_widths import fit_columns
from .date_range import Span
from .filters_bar import FiltersBar
from .read_ahead import ReadAhead
from .session_detail import SessionDetail
from .sessions_table import COLUMNS, MOST_FIRST, SessionTableModel

# The widest text a column usually holds; columns fit these or their titles, whichever is
# wider, in the font in use.
_SAMPLES = {
    "date": "Wed 28 Sep 2026, 18:58",
    "focus": "upper-hypertrophy",
    "phase": "12 · 15",
    "deload": "deload",
    "exercises": "12",
    "working_sets": "123",
    "volume": "123,456",
}
STAR_WIDTH = 22  # the record mark before a date
READ_AHEAD = 100  # rows kept fetched below the last one in sight: four screens or so


class SessionsView(QWidget):
    edit_requested = Signal(str)  # session id
    delete_requested = Signal(str)  # session id
    export_requested = Signal()
    selection_changed = Signal()

    def __init__(
        self,
        controller: Controller,
        catalogue: Catalogue,
        used_names: Callable[[], list[str]],
        span: Span,
        unit: str,
        parent=None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.filters = FiltersBar(catalogue, used_names, span)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("exportSessionsCsv")
        self.export_button.setAccessibleName("Export the shown sessions as CSV")
        self.export_button.clicked.connect(self.export_requested)

        self.model = SessionTableModel(unit=unit, parent=self)
        self.table = AppendingTableView()
        self.table.setObjectName("sessionsTable")
        self.table.setAccessibleName("Sessions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self._sorted_by = self._sorted_before = 0
        header.sortIndicatorChanged.connect(self._remember_sort)
        header.sectionClicked.connect(self._most_first)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        fit_columns(self.table, [k for k, _ in COLUMNS], _SAMPLES, {"date": STAR_WIDTH})
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.read_ahead = ReadAhead(self.table, rows=READ_AHEAD)
        # Before the view paints: rows scrolled back into sight get their cells again; and
        # once fetched rows are in (a fetch far ahead may have let go of the rows in sight).
        self.table.verticalScrollBar().valueChanged.connect(self._fill_in_sight)
        self._refill = QTimer(self)
        self._refill.setSingleShot(True)
        self._refill.setInterval(0)
        self._refill.timeout.connect(self._fill_in_sight)
        self.model.rowsInserted.connect(self._refill.start)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as from any field
        self.table.installEventFilter(self)  # Enter on a session opens it in the log
        self.delete_action = QAction("Delete session", self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._delete_selected)
        self.table.addAction(self.delete_action)

        self.detail = SessionDetail(unit)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("deleteSession")
        self.delete_button.setAccessibleName("Delete the selected session")
        self.delete_button.setToolTip(
            "Move the session's file to trash/ (Edit ▸ Undo brings it back)"
        )
        self.edit_button = QPushButton("Ed&it in log")
        self.edit_button.setObjectName("editSession")
        self.edit_button.setAccessibleName("Edit the selected session")
        for button in (self.delete_button, self.edit_button):
            button.setEnabled(False)
        self.delete_button.clicked.connect(self._delete_selected)
        self.edit_button.clicked.connect(self._edit_selected)

        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.export_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([990, 270])  # every column fits beside the detail at 1280 px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.read_ahead.schedule()

    def _fill_in_sight(self, *_value: int) -> None:
        first = self.table.rowAt(0)
        if first >= 0:
            last = self.table.rowAt(self.table.viewport().height() - 1)
            self.model.fill(first, last if last >= 0 else self.model.rowCount() - 1)

    def selected_session_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.session_id(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        """Make a row current (the nearest one there is, after a delete)."""
        rows = self.model.rowCount()
        if rows:
            index = self.model.index(max(0, min(row, rows - 1)), 0)
            self.table.setCurrentIndex(index)
            self._show_selected(index, None)  # a reset model does not say it changed
        else:
            self.select_nothing()

    def select_nothing(self) -> None:
        self.table.clearSelection()
        self._show_selected(QModelIndex(), None)

    def _remember_sort(self, column: int, _order: Qt.SortOrder) -> None:
        self._sorted_before, self._sorted_by = self._sorted_by, column

    def _most_first(self, column: int) -> None:
        """A first click on a number column sorts the most first (dates: newest first); a
        second click turns it round."""
        header = self.table.horizontalHeader()
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        if column != self._sorted_before and column in MOST_FIRST and ascending:
            header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._edit_selected()
            return True
        return super().eventFilter(watched, event)

    def _show_selected(self, current, _previous) -> None:
        session_id = self.model.session_id(current.row()) if current.isValid() else None
        session = self.controller.load_session(session_id) if session_id else None
        weigh_in = self.controller.body_weight_near(session.day) if session else None
        self.detail.show_session(session, weigh_in)
        writable = session is not None and not self.controller.read_only
        self.edit_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)
        self.selection_changed.emit()

    def _edit_index(self, index) -> None:
        session_id = self.model.session_id(index.row()) if index.isValid() else None
        if session_id and not self.controller.read_only:
            self.edit_requested.emit(session_id)

    def _edit_selected(self) -> None:
        session_id = self.selected_session_id()
        if session_id and not self.controller.read_only:
            self.edit_requested.emit(session_id)

    def _delete_selected(self) -> None:
        session_id = self.selected_session_id()
        if session_id and not self.controller.read_only:
            self.delete_requested.emit(session_id)
