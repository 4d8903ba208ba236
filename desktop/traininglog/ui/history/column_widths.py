"""Column widths from the font in use, not from pixels measured on one machine."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

HEADER_PADDING = 22  # the header's padding and room for the sort arrow
CELL_PADDING = 16


def fit_columns(
    table: QTableView,
    keys: Sequence[str],
    samples: dict[str, str],
    extra: dict[str, int] | None = None,
) -> None:
    """Size the columns (named by `keys`, in order) to fit a sample text or their bold
    title, whichever is wider; `extra` adds room (for an icon) to some."""
    model = table.model()
    bold = QFont(table.font())
    bold.setBold(True)
    titles, cells = QFontMetrics(bold), table.fontMetrics()
    for column, key in enumerate(keys):
        if key not in samples:
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        width = max(
            max(titles.horizontalAdvance(line) for line in str(title).splitlines() or [""])
            + HEADER_PADDING,
            cells.horizontalAdvance(samples[key]) + CELL_PADDING + (extra or {}).get(key, 0),
        )
        table.horizontalHeader().resizeSection(column, width)
