"""File ▸ Import…: choose exports and notes, see what they hold, then import it.

Nothing is written before the lifter presses Import. Reading the files and comparing them with
the stored sessions (a dry run of the import) happen on the worker, as does the import itself,
with a progress bar and Cancel; a cancelled import keeps what was written and leaves the files
and the index agreeing. Exercise names mapped here are remembered for the next import.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...controller import Controller
from ...domain.reports import ImportReport
from ...exercises.catalogue import Catalogue, shipped_catalogue
from ...importers.batch import ImportBatch
from ..common.formatting import plural
from ..common.theme import restyle
from ..common.worker import Cancelled, Job
from .import_preview import (
    FileGroup,
    Preview,
    common_folder,
    file_warnings,
    problem_lines,
    read_preview,
    run_import,
)
from .name_mapping import NameMappingTable
from .worker_dialog import WorkerDialog

FILE_FILTER = "Exports and notes (*.csv *.json *.md *.markdown *.txt);;All files (*)"
LAST_FOLDER_KEY = "import/lastFolder"
FILE_ROWS_SHOWN = (2, 6)  # the files table grows with its rows between these, then scrolls
WHAT_IT_READS = (
    "Choose the files to import: Strong, Hevy or FitNotes CSV exports, markdown training "
    "notes, or Training Log session files (a folder of them too). You will see what they "
    "hold before anything is imported."
)


class ImportDialog(WorkerDialog):
    """Choose → preview (on the worker) → import (on the worker, cancellable) → summary."""

    def __init__(
        self,
        controller: Controller,
        parent: QWidget | None = None,
        catalogue: Catalogue | None = None,
        settings: QSettings | None = None,
    ):
        super().__init__(controller, "Import sessions", "importDialog", parent, settings)
        self.paths: list[Path] = []
        self.preview: Preview | None = None
        self.report: ImportReport | None = None
        self._job_kind = ""  # "read" or "import" while the worker runs

        self.choose_files_button = QPushButton("Choose &files…")
        self.choose_folder_button = QPushButton("Add f&older…")
        self.clear_button = QPushButton("C&lear")
        self.files = _files_table()
        self.unit_row = self._make_unit_row()
        self.summary = QLabel(WHAT_IT_READS)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.replace_box = QCheckBox("&Replace sessions already imported from this file")
        self.replace_box.setObjectName("replaceImported")
        self.replace_box.setToolTip(
            "Read them again over the versions in your log (for example with another weight "
            "unit). The versions replaced go to trash/; Edit ▸ Undo brings them back."
        )
        self.mapping = NameMappingTable(catalogue or shipped_catalogue(), controller.exercise_names)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setAccessibleName("Problems found, with file and line")
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText("No problems found.")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.mapping, "Exercise names")
        self.tabs.addTab(self.problems, "Problems")
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.import_button = QPushButton("&Import")
        self.import_button.setObjectName("importButton")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelButton")
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("closeButton")

        self._lay_out()
        # Enter in the mapping field picks an exercise; it must never press Import too.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.choose_files_button.clicked.connect(self.choose_files)
        self.choose_folder_button.clicked.connect(self.choose_folder)
        self.clear_button.clicked.connect(self.clear)
        self.import_button.clicked.connect(self.start_import)
        self.replace_box.toggled.connect(lambda _checked: self._show_state())
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.resize(840, 680)
        self._show_state()

    def _lay_out(self) -> None:
        file_buttons = QHBoxLayout()
        for button in (self.choose_files_button, self.choose_folder_button, self.clear_button):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_buttons)
        layout.addWidget(self.files)
        layout.addWidget(self.unit_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.replace_box, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    def _make_unit_row(self) -> QWidget:
        row = QWidget()
        row.setObjectName("weightUnitRow")
        self.unit_label = QLabel()
        self.unit_label.setWordWrap(True)
        self.unit_kg = QRadioButton("&kg")
        self.unit_lb = QRadioButton("l&b")
        self.unit_kg.setObjectName("unitKg")
        self.unit_lb.setObjectName("unitLb")
        self.units = QButtonGroup(row)
        self.units.addButton(self.unit_kg)
        self.units.addButton(self.unit_lb)
        self.units.buttonClicked.connect(lambda _button: self.read_files())
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.unit_label, 1)
        layout.addWidget(self.unit_kg)
        layout.addWidget(self.unit_lb)
        row.hide()
        return row

    # -- choosing -----------------------------------------------------------------------------

    @property
    def weight_unit(self) -> str | None:
        if self.unit_kg.isChecked():
            return "kg"
        return "lb" if self.unit_lb.isChecked() else None

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Choose files to import", self._last_folder(), FILE_FILTER
        )
        if names:
            self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Choose a folder to import", self._last_folder()
        )
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        """Add files or folders to the import and read everything again."""
        for path in paths:
            if path not in self.paths:
                self.paths.append(path)
        if paths and self.settings is not None:
            last = paths[-1] if paths[-1].is_dir() else paths[-1].parent
            self.settings.setValue(LAST_FOLDER_KEY, str(last))
        self.read_files()

    def clear(self) -> None:
        self.paths = []
        self.preview = None
        self.units.setExclusive(False)
        self.unit_kg.setChecked(False)
        self.unit_lb.setChecked(False)
        self.units.setExclusive(True)
        self._show_state()

    def _last_folder(self) -> str:
        value = self.settings.value(LAST_FOLDER_KEY, "") if self.settings is not None else ""
        return value if isinstance(value, str) and value else str(Path.home())

    # -- reading (the preview) ----------------------------------------------------------------

    def read_files(self) -> None:
        """Read the chosen files on the worker and show what they hold."""
        if not self.paths or self.worker.running:
            return
        self.preview = None
        logbook, paths, unit = self.controller.logbook, list(self.paths), self.weight_unit
        self._start("read", lambda job: read_preview(logbook, paths, unit, job))
        self._set_busy(f"Reading {plural(len(paths), 'file')}…")

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        batch, check = preview.batch, preview.check
        self.mapping.set_names(preview.name_uses())
        lines = preview.problem_lines()
        self.problems.setPlainText(in_the_dialogs_words("\n".join(lines)))
        self.tabs.setTabText(0, f"Exercise names ({len(batch.unmapped_names):,})")
        self.tabs.setTabText(1, f"Problems ({len(lines):,})")
        # The names to map when there are some, else the problems when there are some.
        self.tabs.setCurrentIndex(0 if batch.unmapped_names or not lines else 1)
        parts = [
            f"Found <b>{plural(len(batch.sessions), 'session')}</b> "
            f"({plural(batch.exercise_count, 'exercise')}, {plural(batch.set_count, 'set')}) "
            f"in {plural(sum(len(g.files) for g in preview.groups), 'file')}.",
            f"<b>{preview.new_sessions:,} new</b>, "
            f"{len(check.already_stored):,} already in your log.",
        ]
        if check.conflicts and preview.new_sessions == 0 and not check.rejected:
            total = len(check.already_stored) + len(check.conflicts)
            parts.append(
                f"Nothing new: all {plural(total, 'session')} were imported before; "
                f"{len(check.conflicts):,} read differently now. Tick “Replace” to replace "
                "them with this reading."
            )
        elif check.conflicts:
            parts.append(
                f"{plural(len(check.conflicts), 'session')} stored differently already "
                "(kept as stored unless you tick “Replace”)."
            )
        elif preview.new_sessions == 0 and check.already_stored and not check.rejected:
            parts.append(
                f"Nothing new: all {plural(len(check.already_stored), 'session')} are "
                "already in your log, unchanged."
            )
        if batch.skipped_rows:
            parts.append(
                f"{plural(batch.skipped_rows, 'row')} skipped: cardio or timed, not strength sets."
            )
        if preview.left_out:
            parts.append(
                f"{plural(len(preview.left_out), 'session')} left out because of errors "
                "(see Problems)."
            )
        parts += _warnings(batch)
        self.summary.setText(in_the_dialogs_words(" ".join(parts)))

    # -- importing ----------------------------------------------------------------------------

    @property
    def replacing(self) -> int:
        """How many stored sessions the import will replace (with "Replace" ticked)."""
        preview = self.preview
        if preview is None or not self.replace_box.isChecked():
            return 0
        return len(preview.check.conflicts)

    def start_import(self) -> None:
        preview = self.preview
        if preview is None or self.worker.running:
            return
        replacing = self.replacing
        if preview.new_sessions == 0 and not replacing:
            return
        logbook, choices = self.controller.logbook, self.mapping.choices()
        self._start(
            "import",
            lambda job: run_import(logbook, preview, choices, job, replace=bool(replacing)),
        )
        self._set_busy(f"Importing {plural(preview.new_sessions + replacing, 'session')}…")

    def _show_report(self, report: ImportReport, batch: ImportBatch) -> None:
        self.report = report
        self.mapping.close_suggestions()
        if report.imported or report.replaced:
            self.controller.changed.emit()
        verb = "Import cancelled" if report.cancelled else "Import finished"
        parts = [
            f"<b>{verb}: {plural(len(report.imported), 'session')} imported</b>.",
            f"{len(report.already_stored):,} already in your log.",
        ]
        if report.replaced:
            parts.append(
                f"{plural(len(report.replaced), 'session')} replaced with this reading (the "
                "versions replaced are in trash/; Edit ▸ Undo brings them back)."
            )
        if report.cancelled:
            parts.append("The rest was not imported; importing these files again adds it.")
        if report.conflicts:
            parts.append(f"{plural(len(report.conflicts), 'session')} kept as stored.")
        refused = len(report.rejected) + len(batch.rejected_sessions)
        if refused:
            parts.append(f"{plural(refused, 'session')} not imported (see Problems).")
        parts += _warnings(batch)
        self.summary.setText(in_the_dialogs_words(" ".join(parts)))
        lines = problem_lines(self.paths, batch, report)
        self.problems.setPlainText(in_the_dialogs_words("\n".join(lines)))
        self.tabs.setTabText(1, f"Problems ({len(lines):,})")

    # -- the worker ---------------------------------------------------------------------------

    def _start(self, kind: str, work: Callable[[Job], object]) -> None:
        self._job_kind = kind
        self.worker.start(work)

    def _on_progress(self, done: int, total: int) -> None:
        super()._on_progress(done, total)
        if self._job_kind == "read":
            self.status.setText(f"Comparing {plural(total, 'session')} with your log…")
        else:
            self.progress.setFormat(f"%v of {total:,} sessions")

    def _on_finished(self, result: object) -> None:
        kind, self._job_kind = self._job_kind, ""
        self.status.clear()
        if kind == "read":
            assert isinstance(result, Preview)
            self._show_preview(result)
        else:
            report, batch = result  # type: ignore[misc]
            self._show_report(report, batch)
        self._show_state()

    def _on_failed(self, error: BaseException) -> None:
        kind, self._job_kind = self._job_kind, ""
        if isinstance(error, Cancelled):
            message = (
                "Reading cancelled." if kind == "read" else "Import cancelled: nothing imported."
            )
        else:
            message = self._failure_text(error, f"import dialog: {kind}")
            if kind == "read":
                message = f"Could not read the files: {message}"
            else:
                message = (
                    f"Could not import: {message} Sessions written before it stopped are kept."
                )
                # Files written since the last batch reached the index are not in it yet; the
                # startup scan would take them in, this does it now (and refreshes the window).
                self.controller.sync()
        self._show_state()
        self.status.setText(message)

    # -- how the dialog looks in each state ---------------------------------------------------

    def _set_busy(self, text: str) -> None:
        self.status.setText(text)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress.resetFormat()
        self.progress.show()
        self._show_state()

    def _show_state(self) -> None:
        busy = self.worker.running
        done = self.report is not None
        preview = self.preview
        self._fill_files_table()
        for widget in (self.choose_files_button, self.choose_folder_button):
            widget.setEnabled(not busy and not done)
        self.clear_button.setEnabled(not busy and not done and bool(self.paths))
        self.unit_row.setEnabled(not busy and not done)
        self.mapping.setEnabled(not busy and not done)
        self.unit_row.setVisible(
            preview is not None and (preview.needs_unit or preview.weight_unit is not None)
        )
        if preview is not None and preview.needs_unit:
            files = [escape(g.path.name, quote=False) for g in preview.groups if g.needs_unit]
            self.unit_label.setText(
                f"<b>{', '.join(files)}</b> {'has' if len(files) == 1 else 'have'} weights "
                "without a unit. Are they in kilograms or pounds?"
            )
        elif preview is not None:
            self.unit_label.setText("Weights without a unit are in:")
        # A question while a file waits for the answer; a plain setting once answered.
        asking = preview is not None and preview.needs_unit
        restyle(self.unit_row, "asking", asking)
        self.progress.setVisible(busy or (done and self.progress.maximum() > 0))
        offer_replace = preview is not None and bool(preview.check.conflicts) and not done
        self.replace_box.setVisible(offer_replace)
        self.replace_box.setEnabled(offer_replace and not busy)
        new, replacing = (preview.new_sessions if preview else 0), self.replacing
        can_import = (new > 0 or replacing > 0) and not busy and not done
        self.import_button.setEnabled(can_import)
        if new and replacing:
            text = f"&Import {new:,}, replace {replacing:,}"
        elif replacing:
            text = f"&Replace {plural(replacing, 'session')}"
        else:
            text = f"&Import {plural(new, 'session')}" if new else "&Import"
        self.import_button.setText(text)
        self.import_button.setVisible(not done)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.close_button.setEnabled(not busy)
        if not self.paths:
            self.summary.setText(WHAT_IT_READS)
            self.tabs.setTabText(0, "Exercise names")
            self.tabs.setTabText(1, "Problems")
            self.mapping.set_names({})
            self.problems.clear()

    def _fill_files_table(self) -> None:
        if self.preview is not None:
            base = common_folder([g.path for g in self.preview.groups])
            rows = [
                (
                    g.tooltip,
                    _file_label(g, base),
                    g.format_text(),
                    f"{g.sessions:,}",
                    f"{g.problems:,}",
                )
                for g in self.preview.groups
            ]
        else:
            reading = "reading…" if self.worker.running else ""
            base = common_folder(self.paths)
            rows = [(str(p), _shown_path(p, base), reading, "", "") for p in self.paths]
        self.files.setRowCount(len(rows))
        for row, (tooltip, *cells) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.files.setItem(row, column, item)
        shown = min(max(len(rows), FILE_ROWS_SHOWN[0]), FILE_ROWS_SHOWN[1])
        self.files.setFixedHeight(
            self.files.horizontalHeader().height()
            + shown * self.files.verticalHeader().defaultSectionSize()
            + 2 * self.files.frameWidth()
        )

    # -- closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape or the window's close button: cancels a running job instead of leaving it."""
        if self.worker.running:
            self.cancel()
            return
        super().reject()


def _file_label(group: FileGroup, base: Path | None) -> str:
    """`notes.md`, `phone/strong.csv` when the files come from several folders, or
    `history/ (1,500 files)` for a folder."""
    shown = _shown_path(group.path, base)
    if group.is_folder:
        return f"{shown}/ ({plural(len(group.files), 'file')})"
    return shown


def _shown_path(path: Path, base: Path | None) -> str:
    """The path from the chosen files' common folder, "/" and all (the whole path in the
    tooltip); the name alone when that folder is the file's own."""
    if base is None:
        return str(path)
    try:
        relative = path.relative_to(base)
    except ValueError:
        return str(path)
    return relative.as_posix() if str(relative) != "." else path.name


# What the importers say for the command line, and this dialog's own controls instead.
_DIALOG_WORDS = (
    ("(--weight-unit kg|lb)", "(the kg / lb choice above)"),
    ("choosing another --weight-unit", "choosing the other unit above"),
    ("use --replace", "tick “Replace sessions already imported from this file”"),
    ("(--weight-unit)", "(the kg / lb choice above)"),
    ("--weight-unit", "the kg / lb choice"),
    ("--replace", "“Replace sessions already imported from this file”"),
)


def in_the_dialogs_words(text: str) -> str:
    for terminal, dialog in _DIALOG_WORDS:
        text = text.replace(terminal, dialog)
    return text


def _files_table() -> QTableWidget:
    table = QTableWidget(0, 4)
    table.setObjectName("importFiles")
    table.setAccessibleName("Files to import")
    table.setHorizontalHeaderLabels(["File", "Format", "Sessions", "Problems"])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long path keeps its file name
    for column in (1, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _warnings(batch: ImportBatch) -> list[str]:
    """The files past the 5% rule, for the summary."""
    return [f"<b>Warning:</b> {escape(w)} (see Problems)" for w in file_warnings(batch)]
