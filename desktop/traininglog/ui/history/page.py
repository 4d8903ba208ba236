"""The History view: the sessions table, one exercise's sets and records, and the charts.

Everything reads the index through queries; what the three tabs share (the exercise names,
the chosen exercise's entries, the first and last training day) is cached here until the
stored sessions change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from ...controller import Controller
from ...domain.names import name_key
from ...domain.progress import ExerciseProgress, WeeklyVolume
from ...exercises.catalogue import Catalogue, shipped_catalogue
from ...store import history_queries
from ...store.exercise_figures import exercise_figures
from ..common.app_settings import AppSettings
from ..common.formatting import plural, session_date_text, volume_text
from .chart_export import save_png
from .charts import ChartsView
from .delete_undo import DeleteSession, ReplaceImported, RestoreNotice
from .exercise_view import ExerciseView
from .record_marks import RecordMarks
from .sessions_view import SessionsView
from .table_export import write_csv

TABS = ("sessions", "exercise", "charts")
SESSIONS, EXERCISE, CHARTS = range(3)


class HistoryPage(QWidget):
    edit_requested = Signal(str)  # session id
    can_delete_changed = Signal(bool)  # a session is selected and may be deleted

    def __init__(
        self,
        controller: Controller,
        settings: AppSettings,
        catalogue: Catalogue | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.controller = controller
        self.settings = settings
        self.unit, self.rule = settings.unit, settings.e1rm_rule
        self.catalogue = catalogue or shipped_catalogue()
        self._secondary_factor = settings.secondary_volume_factor
        self._names: list[str] | None = None
        self._progress: dict[tuple[str, str], ExerciseProgress] = {}
        self._span: tuple[date, date] | bool | None = False  # False: not looked up yet

        self.sessions = SessionsView(
            controller, self.catalogue, self.exercise_names, self.day_span, self.unit
        )
        self.sessions.detail.set_display(self.unit, self.rule)
        # The Exercise and Charts tabs are built the first time they are wanted.
        self._exercise: ExerciseView | None = None
        self._charts: ChartsView | None = None
        self._exercise_tab, self._charts_tab = _holder(), _holder()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("historyTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.sessions, "&Sessions")
        self.tabs.addTab(self._exercise_tab, "E&xercise")
        self.tabs.addTab(self._charts_tab, "&Charts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.tabs)

        # The names the main window and the tests know the sessions table by.
        self.table = self.sessions.table
        self.model = self.sessions.model
        self.detail = self.sessions.detail
        self.edit_button = self.sessions.edit_button
        self.delete_button = self.sessions.delete_button

        # For the main window's status bar and Edit menu.
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shownTotals")
        self.shown_label.hide()
        self.restore_notice = RestoreNotice()
        self.undo_stack = QUndoStack(self)
        self.restore_notice.restore_requested.connect(self.undo_delete)
        self.marks = RecordMarks(controller.folders.database, self)
        self.marks.ready.connect(
            lambda: self.model.set_marks(self.marks.marks, self.marks.rule.label)
        )
        self._marks_wanted = False

        self.sessions.filters.changed.connect(self._filter_changed)
        self.sessions.edit_requested.connect(self.edit_requested)
        self.sessions.delete_requested.connect(self.delete_session)
        self.sessions.selection_changed.connect(self._can_delete_changed)
        self.sessions.export_requested.connect(self.export_sessions_csv)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._charts_stale = True
        self._show_totals()

    @property
    def exercise(self) -> ExerciseView:
        """The Exercise tab's view (built on first use)."""
        if self._exercise is None:
            view = ExerciseView(self.catalogue, self.exercise_names)
            view.exercise_picked.connect(self.show_exercise)
            view.export_requested.connect(self.export_sets_csv)
            self._exercise_tab.layout().addWidget(view)
            self._exercise = view
        return self._exercise

    @property
    def charts(self) -> ChartsView:
        """The Charts tab's view (built on first use)."""
        if self._charts is None:
            view = ChartsView(
                self.catalogue,
                self.exercise_names,
                self.day_span,
                self.progress_of,
                self.weekly_volume,
                history_queries.body_weights,
            )
            view.set_display(self.unit, self.rule)
            if self._exercise is not None and self._exercise.name:
                view.exercise = self._exercise.name
                view.search.show_name(view.exercise)
            view.exercise_picked.connect(self.show_exercise)
            view.save_requested.connect(self.save_chart_png)
            self._charts_tab.layout().addWidget(view)
            self._charts = view
            self._charts_stale = True
        return self._charts

    # -- what the tabs share -------------------------------------------------------------------

    def exercise_names(self) -> list[str]:
        if self._names is None:
            self._names = self.controller.exercise_names()
        return self._names

    def day_span(self) -> tuple[date, date] | None:
        if self._span is False:
            span = history_queries.day_span()
            self._span = (
                None if span is None else (date.fromisoformat(span[0]), date.fromisoformat(span[1]))
            )
        return self._span  # type: ignore[return-value]

    def progress_of(self, name: str) -> ExerciseProgress:
        """An exercise's records, totals and chart points (by the formula in use)."""
        key = (name_key(name), self.rule)
        if key not in self._progress:
            self._progress[key] = exercise_figures(name, self.rule)
        return self._progress[key]

    def weekly_volume(self, first: str | None, last: str | None, group: str | None) -> WeeklyVolume:
        """The weeks' volume over the range; for a muscle group, with its secondary muscles
        counted by the factor chosen in Settings."""
        factor = self.settings.secondary_volume_factor if group is not None else None
        secondary = self.catalogue.with_secondary_muscle(group) if group is not None else ()
        return WeeklyVolume(
            history_queries.weekly_volume(first, last, group, secondary, factor or 0.0),
            history_queries.training_weeks(first, last),
            factor,
        )

    # -- keeping up --------------------------------------------------------------------------

    def refresh(self) -> None:
        """The stored sessions changed: re-query what is shown."""
        self._names, self._progress, self._span = None, {}, False
        self.sessions.filters.set_focuses(self.controller.focuses())
        self._reload_keeping_selection(self.model.reload)
        if self._exercise is not None and self._exercise.name:
            self._show_in_exercise_tab(self._exercise.name)
        self._charts_stale = True
        if self._charts is not None and self.tabs.currentIndex() == CHARTS and self.isVisible():
            self._redraw_charts()
        if self._marks_wanted:
            self.marks.request(self.rule)

    def apply_settings(self) -> None:
        """Show the units and the estimated-1RM formula and rep cap the settings now hold."""
        unit, rule = self.settings.unit, self.settings.e1rm_rule
        factor = self.settings.secondary_volume_factor
        if factor != self._secondary_factor:
            self._secondary_factor = factor
            if self._charts is not None:
                self._charts.redraw()
        if (unit, rule) == (self.unit, self.rule):
            return
        rule_changed = rule != self.rule
        self.unit, self.rule = unit, rule
        self.model.set_unit(unit)
        self.sessions.detail.set_display(unit, rule)
        if self._exercise is not None and self._exercise.name:
            self._show_in_exercise_tab(self._exercise.name)
        elif self._exercise is not None:
            self._exercise.set_display(unit, rule)
        if self._charts is not None:
            self._charts.set_display(unit, rule)
        self._show_totals()
        if rule_changed and self._marks_wanted:
            self.marks.request(rule)

    def restyle(self) -> None:
        """The look changed: the tables' cells, the detail and the chart in its colours."""
        self.model.restyle()
        self.detail.show_session(self.detail.session, self.detail.weigh_in)
        if self._exercise is not None:
            self._exercise.model.restyle()
        if self._charts is not None:
            self._charts.redraw()

    def show_tab(self, key: str) -> None:
        """Show a tab, its main control taking the keyboard."""
        self.tabs.setCurrentIndex(TABS.index(key))
        if key == "sessions":
            self.table.setFocus()
        elif key == "exercise":
            self.exercise.search.setFocus()
        else:
            self.charts.kind.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.apply_settings()
        self._tab_changed()
        if not self._marks_wanted:  # the first time History is shown: start on the records
            self._marks_wanted = True
            self.marks.request(self.rule)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.shown_label.hide()
        self.can_delete_changed.emit(False)

    def _can_delete_changed(self) -> None:
        self.can_delete_changed.emit(
            self.isVisible()
            and self.tabs.currentIndex() == SESSIONS
            and self.delete_button.isEnabled()
        )

    def event(self, event) -> bool:
        # Back from the settings dialog: the units or the formula may have changed.
        if event.type() == QEvent.Type.WindowActivate and self.isVisible():
            self.apply_settings()
        return super().event(event)

    def _tab_changed(self, *_args) -> None:
        current = self.tabs.currentIndex()
        self.shown_label.setVisible(current == SESSIONS and self.isVisible())
        self._can_delete_changed()
        if current == EXERCISE:
            self.exercise  # noqa: B018 (built when first shown)
        if current == CHARTS and self._charts_stale:
            self._redraw_charts()

    def _redraw_charts(self) -> None:
        charts = self.charts
        self._charts_stale = False
        charts.redraw()

    def _filter_changed(self) -> None:
        shown = self.sessions.filters.session_filter()
        self._reload_keeping_selection(lambda: self.model.set_filter(shown), follow_row=False)

    def _reload_keeping_selection(self, reload, follow_row: bool = True) -> None:
        """Re-query; the selected session stays selected while shown. After a delete, with
        `follow_row`, the row below it is."""
        selected = self.sessions.selected_session_id()
        row = self.table.currentIndex().row()
        reload()
        found = self.model.row_of(selected) if selected else None
        if found is not None:
            self.sessions.select_row(found)
        elif selected and follow_row:
            self.sessions.select_row(row)
        else:
            self.sessions.select_nothing()
        self._show_totals()

    def _show_totals(self) -> None:
        shown = self.model.shown
        self.shown_label.setText(
            f"{shown.count:,} shown · {plural(shown.working_sets, 'working set')} · "
            f"{volume_text(shown.volume_kg, self.unit)} volume"
        )

    # -- one exercise --------------------------------------------------------------------------

    def show_exercise(self, name: str) -> None:
        """Show an exercise in the Exercise tab and in the charts."""
        self._show_in_exercise_tab(name)
        if self._charts is not None:
            self._charts.set_exercise(self.exercise.name)

    def _show_in_exercise_tab(self, name: str) -> None:
        used = {name_key(n): n for n in self.exercise_names()}
        shown = used.get(name_key(name), name)  # as the history spells it
        progress = self.progress_of(shown)
        record = progress.records.best_e1rm if progress.records else None
        best = (
            history_queries.best_set(record.session_id, progress.e1rm_position, self.rule)
            if record is not None and progress.e1rm_position is not None
            else None
        )
        self.exercise.show_exercise(shown, progress, best, self.unit, self.rule)

    # -- deleting ------------------------------------------------------------------------------

    def delete_selected(self) -> None:
        """Delete the session selected in the sessions table, if History shows one."""
        session_id = self.sessions.selected_session_id()
        if session_id and self.isVisible() and not self.controller.read_only:
            self.delete_session(session_id)

    def delete_session(self, session_id: str) -> None:
        """Move a session to trash/; Edit ▸ Undo or the status bar's Restore brings it back."""
        summary = self.model.summary(self.table.currentIndex().row())
        label = session_date_text(summary.date) if summary.id == session_id else session_id
        trash_path = self.controller.delete(session_id)
        if trash_path is None:
            return  # the controller reported why
        self.undo_stack.push(DeleteSession(self.controller, session_id, trash_path, label))
        self.restore_notice.show_deleted(label)

    def replaced_by_import(self, trash_paths: list[Path]) -> None:
        """An import replaced sessions: Edit ▸ Undo or the status bar's Restore takes it back."""
        if not trash_paths:
            return
        self.undo_stack.push(ReplaceImported(self.controller, trash_paths))
        self.restore_notice.show_replaced(len(trash_paths))

    def undo_delete(self) -> None:
        if self.undo_stack.canUndo():
            self.undo_stack.undo()
        self.restore_notice.dismiss()

    # -- exporting -----------------------------------------------------------------------------

    def export_sessions_csv(self) -> Path | None:
        header, rows = self.model.csv_rows()
        return self._write_csv("sessions.csv", header, rows)

    def export_sets_csv(self) -> Path | None:
        header, rows = self.exercise.model.csv_rows()
        name = name_key(self.exercise.name or "exercise") or "exercise"
        return self._write_csv(f"{name}-sets.csv", header, rows)

    def _write_csv(self, suggested: str, header, rows) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(
            self, "Export as CSV", str(Path.home() / suggested), "CSV files (*.csv)"
        )
        if not target:
            return None
        path = Path(target)
        try:
            count = write_csv(path, header, rows)
        except OSError as error:
            QMessageBox.warning(self, "Export", f"Could not write {path}: {error.strerror}")
            return None
        self._say(f"Exported {plural(count, 'row')} to {path}")
        return path

    def save_chart_png(self) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(
            self, "Save chart as PNG", str(Path.home() / "chart.png"), "PNG images (*.png)"
        )
        if not target:
            return None
        path = save_png(self.charts.view, Path(target))
        if path is None:
            QMessageBox.warning(self, "Save chart", f"Could not write {target}.")
            return None
        self._say(f"Saved the chart to {path}")
        return path

    def _say(self, message: str) -> None:
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 10000)


def _holder() -> QWidget:
    """An empty tab page that a view moves into when first wanted."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder
