"""The sessions table: a model over the index. A filter or a sort is one query for the ordered
ids and totals; the rows themselves are fetched a page at a time as the view scrolls."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from ..domain.calculations import LB_PER_KG
from ..store.history_queries import (
    RecordMark,
    SessionFilter,
    SessionLine,
    ShownSessions,
    session_lines,
    shown_sessions,
)
from ..store.queries import session_count
from .formatting import session_date_text, volume_text

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORDS_ROLE = Qt.ItemDataRole.UserRole + 2  # the RecordMarks a session holds (a tuple)

# (key the query sorts by, header)
COLUMNS = (
    ("date", "Date"),
    ("focus", "Focus"),
    ("phase", "Phase · week"),
    ("deload", "Deload"),
    ("exercises", "Exercises"),
    ("working_sets", "Working sets"),
    ("volume", "Volume"),
    ("notes", "Notes"),
)
_KEYS = tuple(key for key, _ in COLUMNS)
_NUMERIC = {"exercises", "working_sets", "volume"}
RECORD_COLOUR = "#c98a00"
NOTES_COLOUR = "#5f6b7a"

# Plain ints: `data()` runs for every visible cell and role, and enum lookups add up.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_RIGHT_ALIGNED = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value

Index = QModelIndex | QPersistentModelIndex


class SessionTableModel(QAbstractTableModel):
    """Rows come from `session_lines` in pages; sorting and filtering re-query, never sort in
    Python."""

    PAGE = 100

    def __init__(self, unit: str = "kg", parent=None):
        super().__init__(parent)
        self.unit = unit
        self.filter = SessionFilter()
        self._shown = ShownSessions((), 0, 0)
        self._lines: list[SessionLine] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row → its cells, formatted once
        self._total = 0
        self._order, self._descending = "date", True
        self._marks: dict[str, tuple[RecordMark, ...]] = {}
        self._star: QIcon | None = None
        self._no_star: QIcon | None = None
        self._notes_colour = QColor(NOTES_COLOUR)
        self._loaded = False  # the first `reload()` (the page's refresh) loads

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._total = session_count()
        self._shown = shown_sessions(self.filter, self._order, self._descending)
        self._lines = session_lines(self._shown.ids[: self.PAGE])
        self._texts = {}
        self.endResetModel()

    def set_filter(self, shown: SessionFilter) -> None:
        if shown != self.filter or not self._loaded:
            self.filter = shown
            self.reload()

    def set_unit(self, unit: str) -> None:
        if unit != self.unit:
            self.unit = unit
            self._texts = {}
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
            self._all_changed()

    def set_marks(self, marks: dict[str, tuple[RecordMark, ...]]) -> None:
        self._marks = marks
        self._all_changed()

    def _all_changed(self) -> None:
        if self._lines:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._lines) - 1, len(COLUMNS) - 1)
            )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._lines) < self._shown.count

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        first = len(self._lines)
        page = session_lines(self._shown.ids[first : first + self.PAGE])
        if not page:  # deleted meanwhile: the next change reloads
            self._shown = ShownSessions(self._shown.ids[:first], 0, 0)
            return
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._lines.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = (COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        if wanted != (self._order, self._descending) or not self._loaded:
            self._order, self._descending = wanted
            if self._loaded:
                self.reload()

    @property
    def total(self) -> int:
        """Every stored session, whatever the filter."""
        return self._total

    @property
    def shown(self) -> ShownSessions:
        """The sessions the filter lets through (all of them, fetched or not)."""
        return self._shown

    def summary(self, row: int):
        return self._lines[row].summary

    def row_of(self, session_id: str) -> int | None:
        """The row of a session, fetching pages up to it; None when it is not shown."""
        try:
            position = self._shown.ids.index(session_id)
        except ValueError:
            return None
        while len(self._lines) <= position and self.canFetchMore():
            self.fetchMore()
        return position if position < len(self._lines) else None

    # -- the Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            header = COLUMNS[section][1]
            return f"{header} ({self.unit})" if COLUMNS[section][0] == "volume" else header
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][0] == "volume":
            return "Working-set volume: weight × full reps, warm-ups not counted"
        return None

    def data(self, index: Index, role: int = _DISPLAY):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            texts = self._texts.get(row)
            if texts is None:
                line = self._lines[row]
                texts = self._texts[row] = tuple(self._text(line, key) for key in _KEYS)
            return texts[column]
        key = _KEYS[column]
        if role == _DECORATION:
            return (
                self._star_icon(self._lines[row].summary.id in self._marks) if column == 0 else None
            )
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if key in _NUMERIC else None
        if role == _FOREGROUND:
            return self._notes_colour if key == "notes" else None
        if role == SESSION_ID_ROLE:
            return self._lines[row].summary.id
        if role == RECORDS_ROLE:
            return self._marks.get(self._lines[row].summary.id, ())
        if role == _TOOLTIP:
            return self._tooltip(self._lines[row], key)
        return None

    def _text(self, line: SessionLine, key: str) -> str:
        row = line.summary
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
        if key == "notes":
            return line.notes
        return volume_text(row.volume_kg, self.unit).removesuffix(f" {self.unit}")

    def _tooltip(self, line: SessionLine, key: str) -> str | None:
        if key == "date":
            marks = self._marks.get(line.summary.id)
            return records_text(marks) if marks else line.summary.file_name
        if key == "notes":
            return line.notes or None
        return None

    def _star_icon(self, marked: bool) -> QIcon:
        # Unmarked rows get a blank icon of the same size, so every date lines up.
        if self._star is None or self._no_star is None:
            self._star, self._no_star = star_icon(), star_icon(blank=True)
        return self._star if marked else self._no_star

    # -- export ------------------------------------------------------------------------------

    def csv_rows(self) -> tuple[list[str], Iterator[list[object]]]:
        """The header and every shown row (fetched or not) as plain values, in table order."""
        header = [
            "date",
            "focus",
            "phase",
            "week",
            "deload",
            "exercises",
            "working_sets",
            f"volume_{self.unit}",
            "records",
            "notes",
        ]
        factor = LB_PER_KG if self.unit == "lb" else 1.0

        def rows() -> Iterator[list[object]]:
            ids = self._shown.ids
            for start in range(0, len(ids), 500):
                for line in session_lines(ids[start : start + 500]):
                    row = line.summary
                    yield [
                        row.date,
                        row.focus or "",
                        "" if row.phase is None else row.phase,
                        "" if row.week is None else row.week,
                        "true" if row.is_deload_week else "false",
                        row.exercise_count,
                        row.working_set_count,
                        _number(row.volume_kg * factor),
                        records_text(self._marks.get(row.id, ()), "; "),
                        line.notes,
                    ]

        return header, rows()


def records_text(marks: tuple[RecordMark, ...], separator: str = "\n") -> str:
    """ "Barbell Bench Press: best estimated 1RM" and the like, one per record."""
    return separator.join(f"{m.exercise}: {record_name(m.kind, m.reps)}" for m in marks)


def record_name(kind: str, reps: int | None = None) -> str:
    if kind == "e1rm":
        return "best estimated 1RM"
    if kind == "session-volume":
        return "best session volume"
    return f"heaviest for {reps} rep{'s' if reps != 1 else ''}"


def star_icon(size: int = 16, blank: bool = False) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    if blank:
        return QIcon(pixmap)
    painter = QPainter(pixmap)
    font = QFont()
    font.setPixelSize(size - 2)
    painter.setFont(font)
    painter.setPen(QColor(RECORD_COLOUR))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "★")
    painter.end()
    return QIcon(pixmap)


def _number(value: float) -> float | int:
    """A figure for a CSV cell: 650.0 → 650, 667.5 → 667.5."""
    rounded = round(value, 1)
    return int(rounded) if rounded.is_integer() else rounded


def _or_dash(value: int | None) -> str:
    return "—" if value is None else str(value)
