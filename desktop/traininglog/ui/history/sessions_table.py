"""The sessions table: a model over the index. A filter or a sort is one query for the ordered
ids and totals; the rows themselves are fetched a page at a time as the view scrolls, and
kept as Qt items formatted once (see paged_items). Only the `KEPT` rows nearest the view
keep their cells: a row scrolled far out of sight lets them go, and is read and formatted
again when it comes back into sight (`fill`), so that a window scrolled through 50,000
sessions holds a thousand rows' cells, not all of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from shiboken6 import Shiboken

from ...domain.calculations import LB_PER_KG
from ...store.history_queries import (
    RecordMark,
    SessionFilter,
    SessionLine,
    ShownSessions,
    session_lines,
    shown_sessions,
)
from ...store.queries import SessionSummary, session_count
from ..common.formatting import session_date_text, volume_text
from ..common.paged_items import (
    ALIGNMENT,
    DECORATION,
    DISPLAY,
    FOREGROUND,
    RIGHT_ALIGNED,
    TOOLTIP,
    PagedItemModel,
)
from ..common.theme import colours, qcolor

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole.value + 1  # on the first column
RECORDS_ROLE = Qt.ItemDataRole.UserRole.value + 2  # the RecordMarks a session holds (a tuple)

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
_NUMERIC_COLUMNS = tuple(
    c for c, key in enumerate(_KEYS) if key in {"exercises", "working_sets", "volume"}
)
# Columns whose first click sorts the most (or the newest) first.
MOST_FIRST = (_KEYS.index("date"), *_NUMERIC_COLUMNS)
_VOLUME = _KEYS.index("volume")
_NOTES = _KEYS.index("notes")
NOTES_PREVIEW = 200  # characters: more than the widest column shows; the tooltip has all


Index = QModelIndex | QPersistentModelIndex


class SessionTableModel(PagedItemModel):
    """Rows come from `session_lines` in pages; sorting and filtering re-query, never sort in
    Python."""

    PAGE = 50  # rows a fetch adds: a page builds in well under a frame
    KEPT = 1000  # rows that keep their cells, around the view (20 pages, 30 screens)

    def __init__(self, unit: str = "kg", parent=None):
        super().__init__(len(COLUMNS), parent)
        self.unit = unit
        self.filter = SessionFilter()
        self._shown = ShownSessions((), 0, 0)
        self._lines: list[SessionLine | None]  # None: a row that let go of its cells
        self._row_ids: list[str] = []  # each fetched row's session
        self._held = (0, 0)  # the rows [first, end) that hold their cells
        self._total = 0
        self._order, self._descending = "date", True
        self._marks: dict[str, tuple[RecordMark, ...]] = {}
        self._formula = "Epley"  # the estimate the marks were found by
        self._stars: dict[str, QIcon] = {}  # by the look's record colour
        self._no_star: QIcon | None = None
        self._loaded = False  # the first `reload()` (the page's refresh) loads
        self._set_headers()

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._loaded = True
        self._total = session_count()
        self._shown = shown_sessions(self.filter, self._order, self._descending)
        lines = session_lines(self._shown.ids[: self.PAGE])
        self._replace_rows(lines)
        self._row_ids = [line.summary.id for line in lines]
        self._held = (0, len(lines))

    def set_filter(self, shown: SessionFilter) -> None:
        if shown != self.filter or not self._loaded:
            self.filter = shown
            self.reload()

    def set_unit(self, unit: str) -> None:
        if unit != self.unit:
            self.unit = unit
            self._set_headers()
            self._quietly_update(
                lambda row, line: self.setData(
                    self.index(row, _VOLUME), self._volume(line.summary), DISPLAY
                ),
                _VOLUME,
                _VOLUME,
            )

    def set_marks(self, marks: dict[str, tuple[RecordMark, ...]], formula: str = "Epley") -> None:
        """The records each session holds, the estimated-1RM ones found by `formula`."""
        self._marks, self._formula = marks, formula
        self._quietly_update(
            lambda row, line: self.setItemData(self.index(row, 0), self._date_roles(line)), 0, 0
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
        start, end = self._held
        if end != first:  # the rows holding cells are elsewhere: the new ones start afresh
            self._let_go(start, end)
            start = first
        self._add_rows(page)
        self._row_ids.extend(line.summary.id for line in page)
        end = len(self._lines)
        self._let_go(start, max(start, end - self.KEPT))
        self._held = (max(start, end - self.KEPT), end)

    def fill(self, first: int, last: int) -> None:
        """Rows `first` to `last` (those in sight) hold their cells; the rows farthest from
        them let go of theirs, so that at most KEPT rows (and a page) hold any."""
        last = min(last, len(self._lines) - 1)
        first = max(first, 0)
        start, end = self._held
        if first > last or (start <= first and last < end):
            return
        wanted = (max(0, first - self.PAGE), min(len(self._lines), last + 1 + self.PAGE))
        if wanted[1] < start or wanted[0] > end:  # far from the rows held: start afresh
            self._let_go(start, end)
            start, end = wanted
            self._write_rows(*wanted)
        else:
            self._write_rows(wanted[0], start)
            self._write_rows(end, wanted[1])
            start, end = min(start, wanted[0]), max(end, wanted[1])
        if end - start > self.KEPT:
            if wanted[0] - start > end - wanted[1]:  # more held above the view than below
                self._let_go(start, end - self.KEPT)
                start = end - self.KEPT
            else:
                self._let_go(start + self.KEPT, end)
                end = start + self.KEPT
        self._held = (start, end)

    def _write_rows(self, start: int, end: int) -> None:
        """Read rows [start, end) again and write their cells (a session gone meanwhile
        stays blank until the next change reloads)."""
        if start >= end:
            return
        ids = self._row_ids[start:end]
        found = {line.summary.id: line for line in session_lines(ids)}
        self.blockSignals(True)
        try:
            for row, session_id in enumerate(ids, start=start):
                line = found.get(session_id)
                if line is not None:
                    self._lines[row] = line
                    self._set_cells(row, line, None)
        finally:
            self.blockSignals(False)
        self.dataChanged.emit(self.index(start, 0), self.index(end - 1, self.columnCount() - 1))

    def _let_go(self, start: int, end: int) -> None:
        """Rows [start, end) give up their cells (made in Qt, deleted in Qt) and lines."""
        for row in range(start, end):
            if self._lines[row] is not None:
                self._lines[row] = None
                for column in range(self.columnCount()):
                    # Taken out, the item is the caller's to delete: at once, in C++ (a
                    # wrapper dropped would leave it allocated).
                    Shiboken.delete(self.takeItem(row, column))

    def _set_cells(self, row: int, line: SessionLine, previous: SessionLine | None) -> None:
        texts = self._texts(line)
        date = self._date_roles(line)
        date[DISPLAY] = texts[0]
        self.setItemData(self.index(row, 0), date)
        for column in range(1, _NOTES):
            cell: dict[int, object] = {DISPLAY: texts[column]}
            if column in _NUMERIC_COLUMNS:
                cell[ALIGNMENT] = RIGHT_ALIGNED
            self.setItemData(self.index(row, column), cell)
        notes: dict[int, object] = {DISPLAY: texts[_NOTES], FOREGROUND: qcolor(colours().muted)}
        if line.notes:
            notes[TOOLTIP] = line.notes
        self.setItemData(self.index(row, _NOTES), notes)

    def _date_roles(self, line: SessionLine) -> dict[int, object]:
        """A row's date cell: the record star and marks, the tooltip, the session id."""
        summary = line.summary
        marks = self._marks.get(summary.id, ())
        return {
            DECORATION: self._star_icon(bool(marks)),
            TOOLTIP: records_text(marks, formula=self._formula) if marks else summary.file_name,
            SESSION_ID_ROLE: summary.id,
            RECORDS_ROLE: marks,
        }

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

    def summary(self, row: int) -> SessionSummary:
        line = self._lines[row]
        if line is None:
            self.fill(row, row)
            line = self._lines[row]
            assert line is not None, "deleted since it was fetched"
        return line.summary

    def session_id(self, row: int) -> str:
        return self._row_ids[row]

    def row_of(self, session_id: str) -> int | None:
        """The row of a session, fetching pages up to it; None when it is not shown."""
        try:
            position = self._shown.ids.index(session_id)
        except ValueError:
            return None
        while len(self._lines) <= position and self.canFetchMore():
            self.fetchMore()
        return position if position < len(self._lines) else None

    # -- what the cells say ------------------------------------------------------------------

    def _set_headers(self) -> None:
        for column, (key, header) in enumerate(COLUMNS):
            title = f"{header} ({self.unit})" if key == "volume" else header
            self.setHeaderData(column, Qt.Orientation.Horizontal, title)
        self.setHeaderData(
            _VOLUME,
            Qt.Orientation.Horizontal,
            "Working-set volume: weight × full reps, warm-ups not counted",
            TOOLTIP,
        )

    def _texts(self, line: SessionLine) -> tuple[str, ...]:
        row = line.summary
        if row.phase is None and row.week is None:
            phase = "—"
        else:
            phase = f"{_or_dash(row.phase)} · {_or_dash(row.week)}"
        return (
            session_date_text(row.date),
            row.focus or "—",
            phase,
            "deload" if row.is_deload_week else "",
            str(row.exercise_count),
            str(row.working_set_count),
            self._volume(row),
            notes_preview(line.notes),
        )

    def _volume(self, row: SessionSummary) -> str:
        return volume_text(row.volume_kg, self.unit).removesuffix(f" {self.unit}")

    def _star_icon(self, marked: bool) -> QIcon:
        # Unmarked rows get a blank icon of the same size, so every date lines up.
        if not marked:
            if self._no_star is None:
                self._no_star = star_icon(blank=True)
            return self._no_star
        colour = colours().record
        if colour not in self._stars:
            self._stars[colour] = star_icon()
        return self._stars[colour]

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
                        records_text(self._marks.get(row.id, ()), "; ", self._formula),
                        line.notes,
                    ]

        return header, rows()


def records_text(
    marks: tuple[RecordMark, ...], separator: str = "\n", formula: str = "Epley"
) -> str:
    """ "Barbell Bench Press: best estimated 1RM (Epley)" and the like, one per record."""
    return separator.join(f"{m.exercise}: {record_name(m.kind, m.reps, formula)}" for m in marks)


def record_name(kind: str, reps: int | None = None, formula: str = "Epley") -> str:
    if kind == "e1rm":
        return f"best estimated 1RM ({formula})"
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
    painter.setPen(qcolor(colours().record))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "★")
    painter.end()
    return QIcon(pixmap)


def notes_preview(notes: str) -> str:
    """One line, short enough to lay out quickly: a cell shows a line's start anyway."""
    line = " ".join(notes.split())
    return line if len(line) <= NOTES_PREVIEW else line[: NOTES_PREVIEW - 1] + "…"


def _number(value: float) -> float | int:
    """A figure for a CSV cell: 650.0 → 650, 667.5 → 667.5."""
    rounded = round(value, 1)
    return int(rounded) if rounded.is_integer() else rounded


def _or_dash(value: int | None) -> str:
    return "—" if value is None else str(value)
