"""The sessions table: a model over the index, fetched a page at a time as the view scrolls."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..store.queries import SessionSummary
from ..store.session_pages import count_sessions, summary_page
from .formatting import session_date_text, volume_text

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# (key the query sorts by, header)
COLUMNS = (
    ("date", "Date"),
    ("focus", "Focus"),
    ("phase", "Phase · week"),
    ("deload", "Deload"),
    ("exercises", "Exercises"),
    ("working_sets", "Working sets"),
    ("volume", "Volume"),
)
_NUMERIC = {"exercises", "working_sets", "volume"}

Index = QModelIndex | QPersistentModelIndex


class SessionTableModel(QAbstractTableModel):
    """Rows come from `summary_page` in pages; sorting re-queries, never sorts in Python."""

    PAGE = 200

    def __init__(self, unit: str = "kg", parent=None):
        super().__init__(parent)
        self.unit = unit
        self._rows: list[SessionSummary] = []
        self._total = 0
        self._order, self._descending = "date", True
        self.reload()

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._total = count_sessions()
        self._rows = summary_page(0, min(self.PAGE, self._total), self._order, self._descending)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = summary_page(len(self._rows), self.PAGE, self._order, self._descending)
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    @property
    def total(self) -> int:
        return self._total

    def summary(self, row: int) -> SessionSummary:
        return self._rows[row]

    # -- the Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            header = COLUMNS[section][1]
            return f"{header} ({self.unit})" if COLUMNS[section][0] == "volume" else header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SESSION_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.file_name
        return None

    def _text(self, row: SessionSummary, key: str) -> str:
        if key == "date":
            return session_date_text(row.date)
        if key == "focus":
            return row.focus or "—"
        if key == "phase":
            if row.phase is None and row.week is None:
                return "—"
            return f"{_or_dash(row.phase)} · {_or_dash(row.week)}"
        if key == "deload":
            return "deload" if row.is_deload_week else ""
        if key == "exercises":
            return str(row.exercise_count)
        if key == "working_sets":
            return str(row.working_set_count)
        return volume_text(row.volume_kg, self.unit).removesuffix(f" {self.unit}")


def _or_dash(value: int | None) -> str:
    return "—" if value is None else str(value)
