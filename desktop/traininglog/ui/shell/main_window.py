"""The main window: menus and shortcuts, the Log and History views, and the status bar."""

from __future__ import annotations

import sqlite3
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ... import version
from ...controller import Controller
from ...datafolder.progression_rules_file import RulesFileError
from ...domain.next_session import PlannedExercise, plan_markdown
from ...domain.reports import ImportReport, SavedPaths
from ...drafts.draft_file import read_draft
from ...exercises.catalogue import shipped_catalogue
from ..common import theme
from ..common.app_settings import AppSettings
from ..common.formatting import load_text
from ..dialogs.check_dialog import DataSafetyActions
from ..dialogs.error_dialog import show_error
from ..dialogs.kept_in_trash import tell_kept_in_trash
from ..dialogs.settings_dialog import SettingsDialog
from ..dialogs.sync_conflicts import tell_conflicts
from ..history.page import HistoryPage
from ..logging_form.log_view import LogView
from ..logging_form.saved_paths_label import SavedPathsLabel
from .folder_watch import FolderWatch, arrival_text
from .plan_page import write_plan

SCREEN_SHARE = 0.9  # the most of the screen the window takes


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller, settings: QSettings | None = None):
        super().__init__()
        self.controller = controller
        self.qsettings = settings or QSettings()
        self.settings = AppSettings(self.qsettings)
        self.setWindowTitle("Training Log[*]")  # [*] shows as • while the form is unsaved
        self.setObjectName("mainWindow")

        self.log_view = LogView(controller, self.settings, shipped_catalogue())
        # History is built the first time it is wanted (`history`): logging a session needs
        # none of its tables and queries, which cost the start a fifth of its own work.
        self._history: HistoryPage | None = None
        self.views = QStackedWidget()
        self.views.addWidget(self.log_view)
        self.setCentralWidget(self.views)

        theme.changes().changed.connect(self.restyle)

        self.saved_paths = SavedPathsLabel()
        self.count_label = QLabel()
        self.count_label.setObjectName("sessionCount")
        # Where History's restore notice and shown totals go once it is built, in place from
        # the start: a widget added to the status bar later lays it out again, and that
        # shows its widgets under a message it is showing.
        self._notice_slot, self._totals_slot = _slot(), _slot()
        self.statusBar().addWidget(self._notice_slot)
        self.statusBar().addWidget(self.saved_paths, 1)
        self.statusBar().addPermanentWidget(self._totals_slot)
        self.statusBar().addPermanentWidget(self.count_label)

        self.safety = DataSafetyActions(controller, self)
        self.safety.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self._make_menus()
        controller.saved.connect(self.on_saved)
        self.log_view.saved.connect(self.tell_records)
        controller.bug.connect(lambda error, doing: show_error(error, doing, self))
        controller.changed.connect(self.refresh)
        controller.error.connect(self.on_error)
        # Started by the application once the window is up: what other computers save.
        self.folder_watch = FolderWatch(controller, self)
        self.folder_watch.arrived.connect(self.on_arrived)
        self.folder_watch.scanned_at_start.connect(self.tell_startup_scan)
        self.log_view.editor.changed.connect(self._update_title)
        self.refresh()
        self._restore_geometry()
        self._update_title()

    # -- menus -------------------------------------------------------------------------------

    def _action(self, menu, text: str, handler, shortcut=None, name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(handler)
        menu.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(
            file_menu, "&New session", self.new_session, QKeySequence.StandardKey.New, "newSession"
        )
        self.save_action = self._action(
            file_menu, "&Save", self.log_view.save, QKeySequence.StandardKey.Save, "saveSession"
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Import…", self.import_files, None, "importFiles")
        self._action(file_menu, "&Export…", self.export_files, None, "exportFiles")
        self._action(file_menu, "&Back up now", self.safety.back_up_now, None, "backUpNow")
        self._action(
            file_menu,
            "Export sessions as &zip…",
            self.safety.export_sessions_zip,
            None,
            "exportSessionsZip",
        )
        self._action(file_menu, "Open &data folder", self.open_data_folder)
        file_menu.addSeparator()
        self._action(
            file_menu, "&Plan next session…", self.plan_next_session, None, "planNextSession"
        )
        self._action(
            file_menu, "Import progression &rules…", self.import_rules, None, "importRules"
        )
        self._action(
            file_menu, "Export progression r&ules…", self.export_rules, None, "exportRules"
        )
        file_menu.addSeparator()
        self._action(file_menu, "Se&ttings…", self.show_settings, "Ctrl+,", "settings")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu("&Edit")
        # Undo follows the view: the form's edits in Log, deletes in History.
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.log_view.editor.undo_stack)
        self.undo_group.setActiveStack(self.log_view.editor.undo_stack)
        self.views.currentChanged.connect(self._undo_follows_the_view)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.delete_action = self._action(
            edit_menu,
            "&Delete session",
            lambda: self.history.delete_selected(),
            None,
            "deleteSelected",
        )
        self.delete_action.setEnabled(False)  # until a session is chosen in History

        view_menu = bar.addMenu("&View")
        self._action(view_menu, "&Log", self.show_log, "Ctrl+1", "viewLog")
        for text, tab, key, name in (
            ("&History: sessions", "sessions", "Ctrl+2", "viewHistory"),
            ("History: e&xercise", "exercise", "Ctrl+3", "viewExercise"),
            ("History: &charts", "charts", "Ctrl+4", "viewCharts"),
        ):
            self._action(
                view_menu,
                text,
                lambda _checked=False, tab=tab: (self.show_history(), self.history.show_tab(tab)),
                key,
                name,
            )

        view_menu.addSeparator()
        self._action(
            view_menu,
            "&Find in history",
            self.find_in_history,
            QKeySequence.StandardKey.Find,
            "find",
        )

        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1", "keyboardShortcuts"
        )
        self._action(help_menu, "&Check data…", self.safety.check_data, None, "checkData")
        self._action(help_menu, "&About Training Log", self.show_about)

    # -- views -------------------------------------------------------------------------------

    @property
    def history(self) -> HistoryPage:
        """The History view, built and filled the first time it is wanted."""
        if self._history is None:
            page = HistoryPage(self.controller, self.settings, shipped_catalogue())
            page.edit_requested.connect(self.edit_session)
            page.can_delete_changed.connect(self.delete_action.setEnabled)
            self._notice_slot.layout().addWidget(page.restore_notice)
            self._totals_slot.layout().addWidget(page.shown_label)
            self.undo_group.addStack(page.undo_stack)
            self._history = page
            self.views.addWidget(page)
            page.refresh()
        return self._history

    def _undo_follows_the_view(self) -> None:
        page = self._history
        in_history = page is not None and self.views.currentWidget() is page
        stack = page.undo_stack if in_history else self.log_view.editor.undo_stack
        self.undo_group.setActiveStack(stack)

    def show_log(self) -> None:
        self.views.setCurrentWidget(self.log_view)

    def find_in_history(self) -> None:
        """Ctrl+F: the history's search field, ready to type into."""
        self.show_history()
        self.history.show_tab("sessions")
        field = self.history.sessions.filters.text
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) for every action in the window that has keys: read from the actions
        themselves, so the list can't go stale."""
        rows: dict[tuple[str, str], None] = {}
        for action in self.findChildren(QAction):
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if keys and text:
                rows[(text.removesuffix("…"), keys)] = None
        return sorted(rows, key=lambda row: row[0].casefold())

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{escape(what)}</td><td style='padding-left:16px'>"
            f"<b>{escape(keys)}</b></td></tr>"
            for what, keys in self.shortcut_rows()
        )
        box = QMessageBox(self)
        box.setObjectName("keyboardShortcutsBox")
        box.setWindowTitle("Keyboard shortcuts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<table>{rows}</table><p>Buttons show their Alt key underlined; in a set grid, "
            "Enter moves on and Tab leaves the grid after its last cell.</p>"
        )
        box.open()

    def show_history(self) -> None:
        self.views.setCurrentWidget(self.history)
        self.history.table.setFocus()

    def refresh(self) -> None:
        if self._history is not None:
            self._history.refresh()
            total = self._history.model.total
        else:
            total = self.controller.session_count()
        self.count_label.setText(f"{total:,} session{'s' if total != 1 else ''}")

    def _update_title(self, *_args) -> None:
        self.setWindowModified(self.log_view.editor.dirty)

    # -- sessions ----------------------------------------------------------------------------

    def new_session(self) -> None:
        if self.confirm_discard():
            self.log_view.new_session()
            self.show_log()

    def edit_session(self, session_id: str) -> None:
        session = self.controller.load_session(session_id)
        if session is not None and self.confirm_discard():
            self.log_view.load_session(session)
            self.show_log()

    def offer_draft_restore(self) -> None:
        """At start: a draft left by a crash or a closed laptop is offered back."""
        draft = read_draft(self.controller.folders.root)
        if draft is None or self.controller.read_only:
            return
        count = len(draft.exercises)
        answer = QMessageBox.question(
            self,
            "Restore unsaved session?",
            f"An unsaved session from {draft.date[:16].replace('T', ' ')} with {count} "
            f"exercise{'s' * (count != 1)} was found. Restore it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.log_view.restore_draft(draft)
        else:
            self.log_view.new_session()

    def confirm_discard(self) -> bool:
        """True when the form may be replaced: saved, discarded, or nothing to lose."""
        if not self.log_view.editor.dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Save this session?",
            "The session in the log has unsaved changes.",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.log_view.save()
        return answer == QMessageBox.StandardButton.Discard

    # -- reacting to the controller ---------------------------------------------------------

    def on_saved(self, paths: SavedPaths) -> None:
        self.saved_paths.show_paths(paths)
        self._update_title()

    def tell_records(self) -> None:
        """After a save from the form: the records its sets beat, named."""
        records = self.log_view.records_set
        if records:
            self.statusBar().showMessage("New records! " + " · ".join(records), 20000)

    def on_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 20000)
        QMessageBox.warning(self, "Training Log", message)

    # -- files -------------------------------------------------------------------------------

    def import_files(self) -> None:
        from ..dialogs.import_dialog import (
            ImportDialog,  # loaded when first used: the importers with it
        )

        dialog = ImportDialog(self.controller, self, settings=self.qsettings)
        dialog.exec()
        self.imported(dialog.report)
        dialog.deleteLater()

    def imported(self, report: ImportReport | None) -> None:
        """After an import: one undo entry for the sessions it replaced, if any."""
        if report is not None and report.trashed:
            self.history.replaced_by_import(report.trashed)  # their undo lives in History

    def export_files(self) -> None:
        from ..dialogs.export_dialog import ExportDialog  # loaded when first used

        dialog = ExportDialog(self.controller, self, settings=self.qsettings)
        dialog.exec()
        dialog.deleteLater()

    # -- progression rules and the plan -------------------------------------------------------

    def import_rules(self) -> None:
        """Take a rules file's rules as the data folder's; a file with any problem is named
        with each problem, and nothing changes."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Import progression rules", "", "Progression rules (*.json);;All files (*)"
        )
        if not name:
            return
        result = self.controller.import_progression_rules(Path(name))
        if isinstance(result, RulesFileError):
            problems = "\n".join(f"• {problem}" for problem in result.problems)
            QMessageBox.warning(
                self,
                "Progression rules not imported",
                f"{result.path} can't be imported, so nothing was changed:\n\n{problems}",
            )
            return
        count = len(result)
        self.statusBar().showMessage(
            f"Imported {count} progression rule{'s' * (count != 1)} from {name}", 15000
        )

    def export_rules(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export progression rules", "progression_rules.json", "JSON (*.json)"
        )
        if name and self.controller.export_progression_rules(Path(name)) is not None:
            self.statusBar().showMessage(f"Progression rules written to {name}", 15000)

    def plan_next_session(self) -> None:
        """The next targets as a markdown or PDF page: of the exercises of the last session of
        the focus typed in the form when there is one, else of every exercise with a rule."""
        try:
            rules = self.controller.progression_rules()
        except RulesFileError as error:
            self.on_error(f"No plan: {error}")
            return
        plates, title = self.settings.plate_set, "Next session"
        focus = self.log_view.header.focus.text().strip()
        last = self.controller.latest_session(focus) if focus else None
        if last is not None:
            title = f"Next {focus} session"
            planned = [self._planned(e, plates) for e in last.exercises]
        else:
            names = sorted(rules, key=str.casefold)
            planned = [PlannedExercise(n, self.controller.next_targets(n, plates)) for n in names]
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Plan next session",
            f"next-session-{date.today().isoformat()}.md",
            "Markdown (*.md);;PDF (*.pdf)",
        )
        if not name:
            return
        try:
            path = write_plan(Path(name), plan_markdown(date.today(), planned, title))
        except OSError as error:
            self.on_error(f"The plan could not be written to {name}: {error.strerror or error}")
            return
        self.statusBar().showMessage(f"Plan for next session written to {path}", 20000)

    def _planned(self, exercise, plates) -> PlannedExercise:
        """An exercise of the last session: its rule's targets, or what was done then."""
        if self.controller.progression_rule(exercise.name) is not None:
            return PlannedExercise(
                exercise.name, self.controller.next_targets(exercise.name, plates)
            )
        unit = self.settings.unit
        done = ", ".join(
            f"{load_text(s.weight_kg, unit, True, s.body_weight)} × {s.full_reps}"
            for s in exercise.working_sets
        )
        return PlannedExercise(
            exercise.name, (), f"No progression rule; last time {done or 'no working sets'}."
        )

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.controller.folders.root)))

    def show_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self, self.controller.folders)
        if dialog.exec():
            self.apply_settings()

    def apply_settings(self) -> None:
        """Units, formula, look and name take effect at once; folders at the next start."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.reapply(app, self.settings.colour_scheme)
        self.log_view.apply_settings()
        if self._history is not None:  # else built with them
            self._history.apply_settings()
        self.refresh()

    def restyle(self) -> None:
        """The look changed (light or dark): draw again what carries its own colours."""
        self.log_view.last_time.redraw()
        if self._history is not None:
            self._history.restyle()

    def about_text(self) -> str:
        return (
            f"<h3>Training Log {version()}</h3>"
            f"<p>Data directory: {self.controller.folders.root}</p>"
            f"<p>Qt {qVersion()} · SQLite {sqlite3.sqlite_version}</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About Training Log", self.about_text())

    # -- window state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.qsettings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.fit_screen()

    def fit_screen(self, room: QRect | None = None) -> None:
        """Never larger than 90% of the screen's room (a 1366×768 laptop has 1366×~740)."""
        if room is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is None:
                return
            room = screen.availableGeometry()
        width = min(self.width(), int(room.width() * SCREEN_SHARE))
        height = min(self.height(), int(room.height() * SCREEN_SHARE))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

    def tell_startup_scan(self, report) -> None:
        """What the startup scan found: its warnings in the status bar, sessions it kept in
        trash/ and conflict copies, each with its dialog."""
        if report.warnings():
            self.statusBar().showMessage("; ".join(report.warnings()[:3]), 15000)
        tell_kept_in_trash(self.controller, report.trashed, self)
        tell_conflicts(self.controller, report.conflicts, self)

    def on_arrived(self, report) -> None:
        """Sessions saved, changed or deleted on another computer reached the folder."""
        text = arrival_text(report)
        if self.log_view.notice_changes_elsewhere():
            text += "; the session you have open is one of them"
        if text:
            self.statusBar().showMessage(text, 15000)
        if report.trashed:
            tell_kept_in_trash(self.controller, report.trashed, self)
        tell_conflicts(self.controller, report.conflicts, self)

    def closeEvent(self, event) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        self.folder_watch.stop()
        self.qsettings.setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)


def _slot() -> QWidget:
    """An empty place in the status bar, for widgets that come later."""
    slot = QWidget()
    layout = QHBoxLayout(slot)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    return slot
