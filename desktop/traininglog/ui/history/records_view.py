"""An exercise's records: best estimated 1RM, best session volume, and the heaviest weight
for each rep count from 1 to 12, each with the day it was set."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...domain.calculations import E1rmRule, Record
from ...domain.progress import BestSet, ExerciseProgress
from ..common.formatting import lifted_text, volume_text, weight_text
from .texts import day_text, set_text

MAX_REPS = 12
SESSION_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordsView(QTableWidget):
    session_chosen = Signal(str)  # the session that set the record

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setObjectName("exerciseRecords")
        self.setAccessibleName("Records")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # The first three columns are fitted to their texts once per exercise shown
        # (`_fit_columns`): fitted on every change, as ResizeToContents does, the 56 texts
        # of an exercise cost 30-45 ms of laying out each time one was chosen.
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)
        self._make_items()
        self.show_records(None, None, "kg", E1rmRule())

    def _make_items(self) -> None:
        # The table's shape never changes: items are made once, their texts set per exercise.
        self.setRowCount(2 + MAX_REPS)
        muted = self.palette().placeholderText()
        for row in range(2 + MAX_REPS):
            for column in range(4):
                item = QTableWidgetItem()
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 3:
                    item.setForeground(muted)
                if row == 1:
                    item.setToolTip("Weight × full reps of the working sets, in one session")
                self.setItem(row, column, item)

    def show_records(
        self,
        progress: ExerciseProgress | None,
        best: BestSet | None,
        unit: str,
        rule: E1rmRule,
    ) -> None:
        """Show the records, with `best` the set that holds the estimated-1RM record."""
        self.setHorizontalHeaderLabels(["Record", unit, "Date", "Set"])
        records = progress.records if progress else None
        rows: list[tuple[str, str, str, Record | None]] = []
        e1rm = records.best_e1rm if records else None
        rows.append(
            (
                f"Best e1RM ({rule.label})",
                weight_text(e1rm.value_kg, unit) if e1rm else "—",
                set_text(
                    best.weight_kg,
                    best.full_reps,
                    best.partial_reps,
                    best.rpe,
                    unit,
                    best.body_weight,
                )
                if best
                else "",
                e1rm,
            )
        )
        volume = records.best_session_volume if records else None
        rows.append(
            (
                "Best session volume",
                volume_text(volume.value_kg, unit).removesuffix(f" {unit}") if volume else "—",
                "",
                volume,
            )
        )
        heaviest = records.heaviest_for_reps if records else {}
        for reps in range(1, MAX_REPS + 1):
            held = heaviest.get(reps)
            rows.append(
                (
                    f"Heaviest for {reps} rep{'s' if reps > 1 else ''}",
                    lifted_text(held.value_kg, unit) if held else "—",
                    "",
                    held,
                )
            )
        self.item(0, 0).setToolTip(
            f"The best estimated one-rep max by {rule.label}, from working sets of 1 to "
            f"{rule.rep_cap} full reps"
        )
        for row, (title, value, detail, record) in enumerate(rows):
            cells = (title, value, day_text(record.day) if record else "", detail)
            for column, text in enumerate(cells):
                item = self.item(row, column)
                item.setText(text)
                item.setData(SESSION_ROLE, record.session_id if record else None)
        self._fit_columns()

    def _fit_columns(self) -> None:
        for column in (0, 1, 2):
            self.resizeColumnToContents(column)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item else ""

    def _chosen(self, item: QTableWidgetItem) -> None:
        session_id = item.data(SESSION_ROLE)
        if session_id:
            self.session_chosen.emit(session_id)
