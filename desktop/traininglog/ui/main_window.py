"""The main window: menus, the sessions list with a detail pane, and the status bar."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
)

from .. import __version__
from ..controller import Controller
from ..reports import SavedPaths
from .saved_paths_label import SavedPathsLabel
from .session_detail import SessionDetail
from .sessions_table import SESSION_ID_ROLE, SessionTableModel


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller, settings: QSettings | None = None):
        super().__init__()
        self.controller = controller
        self.settings = settings or QSettings()
        self.setWindowTitle("Training Log")
        self.setObjectName("mainWindow")

        self.sessions_model = SessionTableModel(parent=self)
        self.sessions_table = self._make_table()
        self.detail = SessionDetail()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sessions_table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)

        self.saved_paths = SavedPathsLabel()
        self.count_label = QLabel()
        self.count_label.setObjectName("sessionCount")
        self.statusBar().addWidget(self.saved_paths, 1)
        self.statusBar().addPermanentWidget(self.count_label)

        self._make_menus()
        controller.saved.connect(self.on_saved)
        controller.changed.connect(self.refresh)
        controller.error.connect(self.on_error)
        self.refresh()
        self._restore_geometry()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("sessionsTable")
        table.setAccessibleName("Sessions")
        table.setModel(self.sessions_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.selectionModel().currentRowChanged.connect(self._show_selected)
        return table

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_folder = QAction("Open &data folder", self)
        open_folder.triggered.connect(self.open_data_folder)
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Training Log", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # -- reacting to the controller -------------------------------------------------------

    def refresh(self) -> None:
        self.sessions_model.reload()
        total = self.sessions_model.total
        self.count_label.setText(f"{total:,} session{'s' if total != 1 else ''}")

    def on_saved(self, paths: SavedPaths) -> None:
        self.saved_paths.show_paths(paths)

    def on_error(self, message: str) -> None:
        QMessageBox.warning(self, "Training Log", message)

    def _show_selected(self, current, _previous) -> None:
        session_id = current.data(SESSION_ID_ROLE) if current.isValid() else None
        self.detail.show_session(self.controller.load_session(session_id) if session_id else None)

    # -- actions ------------------------------------------------------------------------------

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.controller.folders.root)))

    def about_text(self) -> str:
        return (
            f"<h3>Training Log {__version__}</h3>"
            f"<p>Data directory: {self.controller.folders.root}</p>"
            f"<p>Qt {qVersion()} · SQLite {sqlite3.sqlite_version}</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About Training Log", self.about_text())

    # -- window state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("mainWindow/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.settings.setValue("mainWindow/state", self.saveState())
        super().closeEvent(event)
