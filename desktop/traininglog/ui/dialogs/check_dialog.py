"""Help ▸ Check data, and the rest of the window's side of keeping the data safe.

- `CheckDialog`: runs the check (and `PRAGMA quick_check`) off the GUI thread, shows the
  report, and offers Repair when the database and the files disagree.
- `start_healthy`: at start, before the window — a damaged index rebuilt behind a progress
  dialog, an unreadable draft or settings file set aside — and `tell_startup_health` says what
  happened and where the old files went.
- `IntegrityWatch`: the full quick_check on its own connection once the window is shown;
  `recover` moves a damaged index aside and rebuilds it.
- `DataSafetyActions`: File ▸ Back up now, File ▸ Export sessions as zip, the backup on quit.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...controller import Controller
from ...datafolder import backups, health, reconcile
from ...datafolder.datadir import DataDirectory
from ...datafolder.errors import describe
from ...datafolder.logbook import Logbook
from ...datafolder.repair import RepairReport, repair
from ...domain.reports import CheckReport
from ..common.worker import Worker, stop_all_jobs


class CheckDialog(QDialog):
    """The check's report; Repair brings both stores to agreement (the files win)."""

    repaired = Signal(object)  # RepairReport

    def __init__(self, controller: Controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("checkDialog")
        self.setWindowTitle("Check data")
        self.report: CheckReport | None = None
        self.integrity: str | None = None
        self.repair_report: RepairReport | None = None
        # Late binding: a repair may replace the logbook's database object.
        self.worker = Worker(self, closing=lambda: controller.logbook.db.close())
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(lambda result: self._done(result))
        self.worker.failed.connect(self._on_failed)
        self._done = self._on_checked

        self.summary = QLabel("Checking…")
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.deep = QCheckBox("Also compare every file's &content with the database (slower)")
        self.deep.setObjectName("deepCheck")
        self.lines = QPlainTextEdit()
        self.lines.setObjectName("checkReport")
        self.lines.setReadOnly(True)
        self.lines.setMinimumSize(560, 220)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        buttons = QDialogButtonBox()
        self.check_button = QPushButton("Check &again")
        self.check_button.setObjectName("checkButton")
        self.repair_button = QPushButton("&Repair")
        self.repair_button.setObjectName("repairButton")
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self.run_check)
        self.repair_button.clicked.connect(self.run_repair)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.deep)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.run_check()

    @property
    def folders(self) -> DataDirectory:
        return self.controller.folders

    def run_check(self) -> None:
        folders, deep = self.folders, self.deep.isChecked()

        def check(job) -> tuple[CheckReport, str | None]:
            return reconcile.check(folders, deep=deep), health.integrity_problem_at(
                folders.database
            )

        self._start(check, self._on_checked, "Checking…")

    def run_repair(self) -> None:
        if self.controller.read_only:
            return
        # The repair may move the database file aside: this thread lets go of it first.
        self.controller.logbook.db.close()
        logbook = self.controller.logbook
        self._start(lambda job: repair(logbook, job.report), self._on_repaired, "Repairing…")

    def _start(self, work, done, text: str) -> None:
        self._done = done
        self.summary.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.worker.start(work)
        self._show_state()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_checked(self, result: tuple[CheckReport, str | None]) -> None:
        self.report, self.integrity = result
        lines = self.report.lines()
        if self.integrity is not None:
            lines.insert(0, f"the database failed its integrity check: {self.integrity}")
        self.lines.setPlainText("\n".join(lines))
        if self.needs_repair:
            self.summary.setText(
                "<b>The database and the session files disagree.</b> Repair brings them "
                "together: the files win, anything only the database holds is written out "
                "as a file first, and bad files go to the quarantine folder."
            )
        else:
            self.summary.setText("<b>Everything agrees.</b> Nothing needs repairing.")
        self._finish()

    def _on_repaired(self, report: RepairReport) -> None:
        self.repair_report = report
        self.report, self.integrity = report.after, None
        self.controller.logbook.db.close()  # reconnect to whatever file is in place now
        self.lines.setPlainText("\n".join(report.lines()))
        self.summary.setText(
            "<b>Repaired.</b> The database and the session files agree."
            if report.agrees
            else "<b>Some disagreement is left.</b> See the lines below."
        )
        self._finish()
        self.controller.changed.emit()
        self.repaired.emit(report)

    def _on_failed(self, error: BaseException) -> None:
        message = describe(error) or f"{type(error).__name__}: {error}"
        self.summary.setText(f"<b>Could not finish:</b> {escape(message, quote=False)}")
        self._finish()

    def _finish(self) -> None:
        self.progress.hide()
        self._show_state()

    @property
    def needs_repair(self) -> bool:
        report = self.report
        return report is not None and (
            not report.agrees or bool(report.leftover_temp_files) or self.integrity is not None
        )

    def _show_state(self) -> None:
        busy = self.worker.running
        self.check_button.setEnabled(not busy)
        self.deep.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        can_repair = not busy and self.needs_repair and not self.controller.read_only
        self.repair_button.setEnabled(can_repair)
        self.repair_button.setToolTip(
            "Another Training Log is writing this data folder; close it to repair"
            if self.controller.read_only
            else ""
        )

    def reject(self) -> None:
        if not self.worker.running:  # a repair is never left half-way
            super().reject()


# -- at start ----------------------------------------------------------------------------------


def start_healthy(
    logbook: Logbook, settings: QSettings | None = None, parent: QWidget | None = None
) -> health.StartupHealth:
    """Before the window: rebuild a damaged index (with a progress dialog), set aside an
    unreadable draft or settings file. Run it before the startup scan."""
    dialog = None
    if logbook.moved_aside is not None and not logbook.read_only:
        dialog = QProgressDialog(
            "The database was damaged. Building a new one from your session files…",
            "",
            0,
            0,
            parent,
        )
        dialog.setCancelButton(None)
        dialog.setWindowTitle("Training Log")
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)

    def progress(done: int, total: int) -> None:
        if dialog is not None:
            dialog.setRange(0, max(total, 1))
            dialog.setValue(done)
            QApplication.processEvents()

    try:
        found = health.at_start(logbook, progress)
    finally:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
    if settings is not None and not logbook.read_only:
        aside = set_aside_unreadable_settings(settings, logbook.folders)
        if aside is not None:
            found.set_aside.append(aside)
    return found


def set_aside_unreadable_settings(
    settings: QSettings, folders: DataDirectory
) -> health.SetAside | None:
    """A settings file Qt cannot parse goes to backups/; the app starts with the defaults."""
    if settings.status() != QSettings.Status.FormatError:
        return None
    path = Path(settings.fileName())
    if not path.is_file():
        return None
    aside = health.set_aside(path, folders.backups, "the settings file", "Qt cannot read it")
    settings.clear()
    return aside


def tell_startup_health(found: health.StartupHealth, parent: QWidget | None = None) -> None:
    """What the start repaired, and where the old files went."""
    messages = found.messages()
    if messages:
        QMessageBox.information(parent, "Training Log repaired your data", "\n\n".join(messages))


# -- after start -------------------------------------------------------------------------------


class IntegrityWatch(QObject):
    """`PRAGMA quick_check` on a connection of its own, off the GUI thread; `damaged` if not ok.

    About 0.1 s of CPU for 5,000 sessions: too much for the 1 s start, nothing on a second core.
    """

    damaged = Signal(str)
    checked = Signal(object)  # the problem, or None

    def __init__(self, folders: DataDirectory, parent: QObject | None = None):
        super().__init__(parent)
        self.folders = folders
        self.worker = Worker(self)
        self.worker.finished.connect(self._on_finished)

    def start(self) -> None:
        database = self.folders.database
        self.worker.start(lambda job: health.integrity_problem_at(database))

    def _on_finished(self, problem: str | None) -> None:
        self.checked.emit(problem)
        if problem is not None:
            self.damaged.emit(problem)


def recover(
    controller: Controller, problem: str, parent: QWidget | None = None
) -> health.Recovery | None:
    """Move a damaged index aside and rebuild it from the files, with a progress dialog."""
    if controller.read_only:
        return None
    # An import or export still running would write to the database being moved aside.
    if not stop_all_jobs():
        QMessageBox.warning(
            parent,
            "Training Log could not repair the database yet",
            f"The database failed its integrity check ({problem}), but a running import "
            "or export did not stop. Quit and start Training Log again: it checks the "
            "database at start and rebuilds it from your session files.",
        )
        return None
    dialog = QProgressDialog(
        "The database failed its integrity check. Building a new one from your session files…",
        "",
        0,
        0,
        parent,
    )
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)

    def progress(done: int, total: int) -> None:
        dialog.setRange(0, max(total, 1))
        dialog.setValue(done)
        QApplication.processEvents()

    try:
        found = health.recover(controller.logbook, problem, progress)
    finally:
        dialog.close()
        dialog.deleteLater()
    controller.changed.emit()
    QMessageBox.information(parent, "Training Log repaired your data", found.message())
    return found


class DataSafetyActions(QObject):
    """File ▸ Back up now, File ▸ Export sessions as zip, Help ▸ Check data; backup on quit."""

    message = Signal(str)  # for the status bar

    def __init__(self, controller: Controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.window = parent
        self.worker = Worker(self)
        self.worker.finished.connect(self.message.emit)
        self.worker.failed.connect(self._on_failed)
        self.check_dialog: CheckDialog | None = None

    def back_up_now(self) -> None:
        if self.worker.running:
            return
        if self.controller.read_only:
            self.message.emit("Another Training Log is writing this data folder: back up there")
            return
        folders = self.controller.folders

        def work(job) -> str:
            return f"Backed up the database to {backups.back_up(folders)}"

        self.worker.start(work)

    def export_sessions_zip(self) -> None:
        """Ask where, then write the zip (File ▸ Export sessions as zip…)."""
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Export sessions as zip", "training-sessions.zip", "Zip (*.zip)"
        )
        if name:
            self.write_sessions_zip(Path(name))

    def write_sessions_zip(self, target: Path) -> None:
        if self.worker.running:
            return
        folders = self.controller.folders

        def work(job) -> str:
            count = backups.export_sessions_zip(folders, target, job.report, job.cancelled)
            return f"Exported {count:,} session files to {target}"

        self.worker.start(work)

    def check_data(self) -> CheckDialog:
        self.check_dialog = CheckDialog(self.controller, self.window)
        self.check_dialog.open()
        return self.check_dialog

    def back_up_on_quit(self) -> None:
        """On quit, when the index changed since the newest backup (a short wait at most)."""
        if self.controller.read_only:
            return
        try:
            backups.back_up_if_changed(self.controller.folders)
        except Exception as error:  # quitting goes on; the next quit tries again
            from ...datafolder.errorlog import failure

            failure(error, "back up the database on quit")

    def _on_failed(self, error: BaseException) -> None:
        message = describe(error) or f"{type(error).__name__}: {error}"
        self.message.emit(f"Could not finish: {message}")
        QMessageBox.warning(self.window, "Training Log", message)
