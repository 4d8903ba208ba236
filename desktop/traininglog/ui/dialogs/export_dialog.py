"""File ▸ Export…: every stored session out as session files, a CSV table or markdown notes.

The export runs on the worker with a progress bar and Cancel. A cancelled CSV or markdown
export writes nothing (the file is written atomically at the end); a cancelled JSON export
keeps the session files already written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...controller import Controller
from ...domain import Session
from ...exporters.body_weight_csv import export_body_weight_csv
from ...exporters.csv_table import export_csv
from ...exporters.json_files import export_session_files
from ...exporters.markdown import export_markdown
from ...store import history_queries, queries
from ..common.worker import Cancelled, Job
from .worker_dialog import WorkerDialog

LAST_FOLDER_KEY = "export/lastFolder"


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    explanation: str
    default_name: str
    is_folder: bool
    file_filter: str = ""


FORMATS = (
    ExportFormat(
        "json",
        "&Session files (JSON)",
        "One file per session, as Training Log keeps them: a folder to import again anywhere.",
        "training-log-sessions",
        True,
    ),
    ExportFormat(
        "csv",
        "&CSV table",
        "One row per set, for a spreadsheet.",
        "training-log.csv",
        False,
        "CSV files (*.csv)",
    ),
    ExportFormat(
        "markdown",
        "&Markdown notes",
        "Readable training notes, one heading per session; they import again unchanged.",
        "training-log.md",
        False,
        "Markdown files (*.md)",
    ),
    ExportFormat(
        "body-weight",
        "&Body-weight log (CSV)",
        "The body weight typed in each session's header: a row per day weighed.",
        "training-log-body-weight.csv",
        False,
        "CSV files (*.csv)",
    ),
)


@dataclass(frozen=True)
class ExportResult:
    format: str
    target: Path
    sessions: int
    set_rows: int | None = None  # CSV only
    cancelled: bool = False


def export_sessions(fmt: str, target: Path, job: Job) -> ExportResult:
    """Write every stored session to `target`; runs on the worker's thread."""
    total = queries.session_count()
    written = 0

    def sessions() -> Iterator[Session]:
        nonlocal written
        for session in queries.load_sessions():
            job.check()
            yield session
            written += 1
            job.report(written, total)

    try:
        if fmt == "json":
            return ExportResult(fmt, target, export_session_files(sessions(), target))
        if fmt == "csv":
            rows = export_csv(sessions(), target)
            return ExportResult(fmt, target, written, set_rows=rows)
        if fmt == "body-weight":
            return ExportResult(
                fmt, target, export_body_weight_csv(history_queries.body_weights(), target)
            )
        return ExportResult(fmt, target, export_markdown(sessions(), target))
    except Cancelled:
        # Only the JSON export writes as it goes; the others write their file at the end.
        return ExportResult(fmt, target, written if fmt == "json" else 0, cancelled=True)


class ExportDialog(WorkerDialog):
    def __init__(
        self,
        controller: Controller,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ):
        super().__init__(controller, "Export sessions", "exportDialog", parent, settings)
        self.result: ExportResult | None = None
        folder = self._last_folder()
        self.targets = {f.key: folder / f.default_name for f in FORMATS}

        count = queries.session_count()
        self.heading = QLabel(f"Export all <b>{count:,} session{'s' if count != 1 else ''}</b> as:")
        self.format_buttons: dict[str, QRadioButton] = {}
        self.formats = QButtonGroup(self)
        choices = QGridLayout()
        choices.setColumnStretch(1, 1)
        choices.setHorizontalSpacing(12)
        for row, fmt in enumerate(FORMATS):
            button = QRadioButton(fmt.label)
            button.setObjectName(f"format_{fmt.key}")
            explanation = QLabel(fmt.explanation)
            explanation.setWordWrap(True)
            explanation.setObjectName("quietNote")
            self.formats.addButton(button)
            self.format_buttons[fmt.key] = button
            choices.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            choices.addWidget(explanation, row, 1)
        self.target_label = QLabel()
        self.target = QLineEdit()
        self.target.setObjectName("exportTarget")
        self.target_label.setBuddy(self.target)
        self.browse_button = QPushButton("&Browse…")
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        # Room for the progress and the summary from the start: the dialog does not jump.
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing())
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.export_button = QPushButton("&Export")
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.close_button = QPushButton("Close")
        for button in (self.browse_button, self.cancel_button, self.close_button):
            button.setAutoDefault(False)

        where = QHBoxLayout()
        where.addWidget(self.target_label)
        where.addWidget(self.target, 1)
        where.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(choices)
        layout.addSpacing(6)
        layout.addLayout(where)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.formats.buttonClicked.connect(lambda _button: self._show_format())
        self.target.textEdited.connect(self._on_target_edited)
        self.browse_button.clicked.connect(self.browse)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.format_buttons["json"].setChecked(True)
        self._show_format()
        self._show_state()
        self.resize(640, self.sizeHint().height())

    # -- choosing ------------------------------------------------------------------------------

    @property
    def format(self) -> ExportFormat:
        checked = self.formats.checkedButton()
        return next(f for f in FORMATS if self.format_buttons[f.key] is checked)

    def choose_format(self, key: str) -> None:
        self.format_buttons[key].setChecked(True)
        self._show_format()

    def _show_format(self) -> None:
        fmt = self.format
        self.target_label.setText("Into &folder:" if fmt.is_folder else "&File:")
        self.target.setText(str(self.targets[fmt.key]))

    def _on_target_edited(self, text: str) -> None:
        self.targets[self.format.key] = Path(text.strip()).expanduser()
        self._show_state()

    def browse(self) -> None:
        fmt, current = self.format, str(self.targets[self.format.key])
        if fmt.is_folder:
            chosen = QFileDialog.getExistingDirectory(self, "Export into folder", current)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to file", current, fmt.file_filter
            )
        if chosen:
            self.targets[fmt.key] = Path(chosen)
            self.target.setText(chosen)
            self._show_state()

    def _last_folder(self) -> Path:
        value = self.settings.value(LAST_FOLDER_KEY, "") if self.settings is not None else ""
        return Path(value) if isinstance(value, str) and value else Path.home()

    # -- exporting -----------------------------------------------------------------------------

    def start_export(self) -> None:
        if self.worker.running:
            return
        fmt, target = self.format, self.targets[self.format.key]
        problem = self._refused(fmt, target)
        if problem:
            self.status.setText(escape(problem, quote=False))
            return
        if self.settings is not None:
            self.settings.setValue(LAST_FOLDER_KEY, str(target.parent))
        self.result = None
        self.worker.start(lambda job: export_sessions(fmt.key, target, job))
        self.status.setText("Exporting…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show_state()

    def _refused(self, fmt: ExportFormat, target: Path) -> str | None:
        if not str(target).strip() or target == Path():
            return "Choose where to export to."
        folders = self.controller.folders
        if fmt.is_folder and target.resolve() == folders.sessions.resolve():
            return "That is Training Log's own sessions folder; choose another folder."
        if not fmt.is_folder and target.is_dir():
            return f"{target} is a folder; choose a file name."
        return None

    def _on_finished(self, result: ExportResult) -> None:
        self.result = result
        self.progress.setValue(self.progress.maximum() if not result.cancelled else 0)
        self._show_state()
        self.status.setText(summary_html(result))

    def _on_failed(self, error: BaseException) -> None:
        message = self._failure_text(error, "export")
        self.progress.hide()
        self._show_state()
        self.status.setText(f"Could not export: {escape(message, quote=False)}")

    def _show_state(self) -> None:
        busy = self.worker.running
        for widget in (*self.format_buttons.values(), self.target, self.browse_button):
            widget.setEnabled(not busy)
        self.export_button.setEnabled(not busy and bool(self.target.text().strip()))
        self.export_button.setVisible(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.close_button.setEnabled(not busy)

    def reject(self) -> None:
        """Escape or the window's close button: cancels a running export instead of leaving."""
        if self.worker.running:
            self.cancel()
            return
        super().reject()


def summary_html(result: ExportResult) -> str:
    """What was written and where, with a link that opens the folder."""
    folder = result.target if result.format == "json" else result.target.parent
    url = QUrl.fromLocalFile(str(folder)).toString()
    link = f'<a href="{url}">{escape(str(result.target), quote=False)}</a>'
    sessions = f"{result.sessions:,} session{'s' if result.sessions != 1 else ''}"
    if result.cancelled:
        if result.format == "json":
            return f"Export cancelled: {sessions} written to {link} before it stopped."
        return "Export cancelled: nothing was written."
    if result.format == "body-weight":
        days = f"{result.sessions:,} day{'s' if result.sessions != 1 else ''} weighed"
        return f"Exported the body weight of {days} to {link}."
    if result.set_rows is not None:
        rows = f"{result.set_rows:,} set{'s' if result.set_rows != 1 else ''}"
        return f"Exported {sessions} ({rows}) to {link}."
    return f"Exported {sessions} to {link}."
