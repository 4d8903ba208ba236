"""Two versions of a session, field by field, in a table: for choosing which to keep."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...domain import Session
from ...sessionfiles.compare import differences, field_label

ROWS_SHOWN = 12


def versions_table(
    left: Session | None, right: Session | None, titles: tuple[str, str]
) -> QTableWidget:
    """Two versions of a session side by side: one row per field they hold differently."""
    rows = differences(left, right)
    table = QTableWidget(len(rows), 3)
    table.setObjectName("versionDifferences")
    table.setAccessibleName(f"How {titles[0].lower()} and {titles[1].lower()} differ")
    table.setHorizontalHeaderLabels(["Field", *titles])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for row, (path, left_text, right_text) in enumerate(rows):
        label = QTableWidgetItem(field_label(path, left, right))
        label.setToolTip(path)  # as the session file names it
        table.setItem(row, 0, label)
        table.setItem(row, 1, QTableWidgetItem(left_text))
        table.setItem(row, 2, QTableWidgetItem(right_text))
    line = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(line * (min(len(rows), ROWS_SHOWN) + 1) + 4)
    return table
