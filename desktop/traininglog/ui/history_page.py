"""The History view: every session in a table, and the selected one's sets beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..controller import Controller
from .session_detail import SessionDetail
from .sessions_table import SESSION_ID_ROLE, SessionTableModel


class HistoryPage(QWidget):
    edit_requested = Signal(str)  # session id

    def __init__(self, controller: Controller, unit: str = "kg", parent=None):
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.controller = controller
        self.model = SessionTableModel(unit=unit, parent=self)
        self.table = QTableView()
        self.table.setObjectName("sessionsTable")
        self.table.setAccessibleName("Sessions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((190, 150, 100, 70, 80, 100, 110)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(self._edit_index)

        self.detail = SessionDetail(unit)
        self.edit_button = QPushButton("Edit in log")
        self.edit_button.setObjectName("editSession")
        self.edit_button.setAccessibleName("Edit the selected session")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self._edit_selected)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([780, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        self.model.reload()
        self.detail.show_session(None)
        self.edit_button.setEnabled(False)

    def selected_session_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(SESSION_ID_ROLE) if index.isValid() else None

    def _show_selected(self, current, _previous) -> None:
        session_id = current.data(SESSION_ID_ROLE) if current.isValid() else None
        session = self.controller.load_session(session_id) if session_id else None
        self.detail.show_session(session)
        self.edit_button.setEnabled(session is not None and not self.controller.read_only)

    def _edit_index(self, index) -> None:
        session_id = index.data(SESSION_ID_ROLE)
        if session_id and not self.controller.read_only:
            self.edit_requested.emit(session_id)

    def _edit_selected(self) -> None:
        session_id = self.selected_session_id()
        if session_id:
            self.edit_requested.emit(session_id)
