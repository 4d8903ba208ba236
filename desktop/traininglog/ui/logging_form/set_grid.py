"""A grid of sets for one exercise, typed like a spreadsheet.

Enter moves to the next cell and, past the last one, starts a new set; Enter on an empty
last row means "done here" (`finished`). Typing into a cell replaces what is there, however
the cell was reached; F2 or a double-click edits it in place. Ctrl+D copies the set above;
Ctrl+Enter takes a set's grey weight and reps (a target, or last time's) as lifted.
A bad cell turns red and its tooltip says what is wrong and what is allowed. Last time's
RPE, feel, rest and notes show in grey in empty cells (`PLACEHOLDER_ROLE`), never saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ...domain.calculations import E1rmRule
from ...domain.plates import PlateSet
from ...domain.records_as_typed import NewRecord, StandingRecords, records_beaten
from ...domain.vocabulary import REP_ASSESSMENT_MEANINGS, REP_ASSESSMENTS
from ...drafts.draft import (
    COLUMN_TITLES,
    WARMUP_COLUMNS,
    WORKING_COLUMNS,
    DraftSet,
    cell_problem,
    lifted,
    row_body_weight,
    row_load_kg,
)
from ..common.formatting import lifted_text, weight_text
from ..common.theme import colours, qcolor
from .draft_editor import DraftEditor
from .plate_view import plate_line

Index = QModelIndex | QPersistentModelIndex
WEIGHT_WIDTH = 104  # the weight column's width; wider only while a cell needs it
# Last time's value for an empty cell, shown in grey and never saved unless typed.
PLACEHOLDER_ROLE = Qt.ItemDataRole.UserRole + 1
_PROBLEM_ROLES = (
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole,
)


class SetTableModel(QAbstractTableModel):
    """The rows of one exercise's warm-up or working sets, read from the draft editor."""

    def __init__(self, editor: DraftEditor, kind: str, unit: str = "kg", parent=None):
        super().__init__(parent)
        self.editor, self.kind, self.unit = editor, kind, unit
        self.columns = WARMUP_COLUMNS if kind == "warmup" else WORKING_COLUMNS
        self.exercise: int | None = None
        self._count = 0
        # What today's working sets have to beat, for the exercise shown (None: not known).
        self.standing: StandingRecords | None = None
        self.rule = E1rmRule()
        self.plates = PlateSet.standard(unit)  # the lifter's, for the weight cells' tooltips
        # The body weight a body-weight set ("BW+20") counts: (kg, where it came from, as
        # "typed above" or "logged Mon 30 Nov"), or None when none is known.
        self.body_weight: tuple[float, str] | None = None
        editor.changed.connect(self._on_changed)

    def show_exercise(self, index: int | None) -> None:
        self.beginResetModel()
        self.exercise = index
        self._count = len(self._rows())
        self.endResetModel()

    def _rows(self) -> tuple[DraftSet, ...]:
        exercises = self.editor.draft.exercises
        if self.exercise is None or self.exercise >= len(exercises):
            return ()
        return exercises[self.exercise].sets(self.kind)

    def _on_changed(self, what: str) -> None:
        if what in ("all", "exercises"):
            self.show_exercise(self.exercise if self.exercise is not None else None)
            return
        count = len(self._rows())
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self.columns) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, count - 1)

    def set_records(self, standing: StandingRecords | None, rule: E1rmRule) -> None:
        """The records today's sets are marked against as they are typed."""
        self.standing, self.rule = standing, rule
        if self._count:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self._count - 1)

    def set_body_weight(self, found: tuple[float, str] | None) -> None:
        """The body weight today's body-weight sets count, and where it came from."""
        if found == self.body_weight:
            return
        self.body_weight = found
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 0))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self._count - 1)

    def _body_weight_kg(self) -> float | None:
        return None if self.body_weight is None else self.body_weight[0]

    def load_of_row(self, row: int) -> float | None:
        """What the typed set in `row` moves, in kg: its weight, or for a body-weight set the
        body weight plus or minus it; None while it can't be read or isn't known."""
        rows = self._rows()
        if row >= len(rows) or not rows[row].weight.strip():
            return None
        if cell_problem(self.kind, "weight", rows[row], self.unit):
            return None
        return row_load_kg(rows[row], self.unit, self._body_weight_kg())

    def records_of_row(self, row: int) -> list[NewRecord]:
        """The records the typed set in `row` beats (none while it can't be read)."""
        rows = self._rows()
        if self.kind != "working" or self.standing is None or row >= len(rows):
            return []
        typed = lifted(rows[row], self.unit, self._body_weight_kg())
        return [] if typed is None else records_beaten(*typed, self.standing, self.rule)

    def weight_of_row(self, row: int) -> str:
        """The weight of a row as typed, or its grey placeholder when none is typed."""
        rows = self._rows()
        if row >= len(rows):
            return ""
        return rows[row].weight or rows[row].hint("weight")

    def row_is_blank(self, row: int) -> bool:
        rows = self._rows()
        return row >= len(rows) or rows[row].is_blank()

    # -- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.ToolTipRole:
            beaten = self.records_of_row(section)
            return f"New record: {records_text(beaten, self.unit)}" if beaten else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            if self.kind == "warmup":
                return f"W{section + 1}"
            return f"★ {section + 1}" if self.records_of_row(section) else str(section + 1)
        column = self.columns[section]
        return f"Weight ({self.unit})" if column == "weight" else COLUMN_TITLES[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._count:
            return None
        row = self._rows()[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole and column == "weight":
            return self._weight_shown(index.row(), row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(row, column)
        if role == PLACEHOLDER_ROLE:
            return row.hint(column) if not getattr(row, column) else None
        if role in _PROBLEM_ROLES:
            problem = cell_problem(self.kind, column, row, self.unit)
            if role == Qt.ItemDataRole.ToolTipRole:
                if problem:
                    return problem
                if column == "weight":
                    return self._weight_tip(row, index.row())
                if column == "reps" and not row.reps and row.hint("target"):
                    return f"{row.hint('target')} (not saved unless you type it)"
                last = row.hint(column) if not getattr(row, column) else ""
                if last:
                    return f"Last time: {last} (not saved unless you type it)"
                return _hint(column, self.unit)
            if not problem:
                return None
            # Red text as well as a red cell: the mistake shows even while the cell is selected.
            error = colours().error if role == Qt.ItemDataRole.ForegroundRole else None
            return QBrush(qcolor(error or colours().error_background))
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("notes", "feel"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _weight_shown(self, index: int, row: DraftSet) -> str:
        """A body-weight set shows the load it counts beside what was typed: "BW+20 = 102.5"."""
        if row_body_weight(row) is None:
            return row.weight
        load = self.load_of_row(index)
        return row.weight if load is None else f"{row.weight} = {lifted_text(load, self.unit)}"

    def _body_weight_tip(self, index: int, row: DraftSet) -> str | None:
        if row_body_weight(row) is None or cell_problem(self.kind, "weight", row, self.unit):
            return None
        if self.body_weight is None:
            return (
                "No body weight logged yet: type today's in BW above (or log one in any "
                "session) and this set's e1RM, records and volume count it"
            )
        kg, where = self.body_weight
        load = self.load_of_row(index)
        counted = (
            "warm-ups count toward nothing"
            if self.kind == "warmup"
            else ("its e1RM, records and volume count that")
        )
        return (
            f"{row.weight}: body weight {lifted_text(kg, self.unit, with_unit=True)} ({where}) "
            f"→ {lifted_text(load, self.unit, with_unit=True)}; {counted}"
        )

    def _weight_tip(self, row: DraftSet, index: int = -1) -> str:
        """The plates for the cell's weight (Ctrl+P shows them too); an empty cell's target;
        for a body-weight set, the load it counts and the body weight it was worked out from."""
        lines = []
        body = self._body_weight_tip(index, row) if index >= 0 else None
        if body:
            lines.append(body)
        if not row.weight and row.hint("target"):
            lines.append(f"{row.hint('target')} (not saved unless you type it)")
        weight = row.weight or row.hint("weight")
        if weight:
            lines.append(f"Plates: {plate_line(weight, self.unit, self.plates)} (Ctrl+P)")
        return "\n".join(lines) or _hint("weight", self.unit)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.exercise is None or not index.isValid():
            return False
        text = "" if value is None else str(value)
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        column = self.columns[index.column()]
        self.editor.set_cell(self.exercise, self.kind, index.row(), column, text)
        return True


def _hint(column: str, unit: str) -> str:
    return {
        "weight": f"Weight in {unit}; 185lb or 84kg converts; BW or 0 for bodyweight",
        "reps": "Full reps, a whole number",
        "partial": "Partial reps after the full ones",
        "rpe": "Rate of perceived exertion, 1–10 in half steps (10 = nothing left)",
        "feel": "How the reps felt: " + ", ".join(REP_ASSESSMENTS),
        "rest": "Rest before this set, in minutes (90s converts)",
        "notes": "Anything worth remembering",
    }[column]


class _CellDelegate(QStyledItemDelegate):
    """A plain line editor for every cell (Feel completes its words inline, no popup).

    A key typed into a cell that is not being edited replaces what is there, like a
    spreadsheet: the editor opens with everything selected and the key takes its place.
    F2 and a double-click open it with the caret after the text instead (`SetGrid.edit`).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.last_editor: QLineEdit | None = None

    def createEditor(self, parent, option, index):
        field = QLineEdit(parent)
        field.setFrame(False)
        model = index.model()
        column = model.columns[index.column()] if isinstance(model, SetTableModel) else ""
        if column == "feel":
            words = QCompleter(list(REP_ASSESSMENTS), field)
            words.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            words.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
            field.setCompleter(words)
            field.setAccessibleName("How the reps felt")
            field.setToolTip(
                "\n".join(f"{word}: {REP_ASSESSMENT_MEANINGS[word]}" for word in REP_ASSESSMENTS)
            )
        field.setPlaceholderText(index.data(PLACEHOLDER_ROLE) or "")
        self.last_editor = field
        return field

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        text = editor.text()
        column = model.columns[index.column()] if isinstance(model, SetTableModel) else ""
        model.setData(index, text.strip().lower() if column == "feel" else text)

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        placeholder = index.data(PLACEHOLDER_ROLE)
        if placeholder and not option.text:
            # Last time's value, in grey: a reminder, saved only once it is typed.
            option.text = placeholder
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
            muted = option.palette.color(QPalette.ColorRole.PlaceholderText)
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                option.palette.setColor(group, QPalette.ColorRole.Text, muted)
                option.palette.setColor(group, QPalette.ColorRole.HighlightedText, muted)
            option.font.setItalic(True)


def _types_text(event) -> bool:
    """True for a key that types a character (not a shortcut)."""
    shortcut = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return bool(event.text()) and event.text().isprintable() and not event.modifiers() & shortcut


class SetGrid(QTableView):
    """The view: spreadsheet-like keys, Ctrl+D, and `finished` on Enter in an empty last row."""

    finished = Signal()

    def __init__(self, model: SetTableModel, parent=None):
        super().__init__(parent)
        # Past the end of a row: True when the form moved on elsewhere (the next exercise of
        # a superset), else the grid goes on to its own next row.
        self.row_done: Callable[[int], bool] = lambda row: False
        self.setModel(model)
        self.set_model = model
        kind = "Warm-up sets" if model.kind == "warmup" else "Working sets"
        self.setAccessibleName(kind)
        self.setObjectName("warmupGrid" if model.kind == "warmup" else "workingGrid")
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # No edit on a click of the selected cell: Qt opens that editor after a delay and
        # drops the keys typed meanwhile. A click selects; typing replaces; F2 edits.
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {
            "weight": WEIGHT_WIDTH,
            "reps": 64,
            "partial": 70,
            "rpe": 60,
            "feel": 96,
            "rest": 92,
        }
        for column, name in enumerate(model.columns):
            header.resizeSection(column, widths.get(name, 120))
        # "BW+22.5 = 105.25" is wider than a weight: the column grows to show it whole.
        self._weight_width = WEIGHT_WIDTH
        model.dataChanged.connect(self._fit_weight_column)
        model.modelReset.connect(self._fit_weight_column)
        model.rowsInserted.connect(self._fit_weight_column)
        # On a narrow screen the columns scroll rather than being cut off.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.cells = _CellDelegate(self)
        self.setItemDelegate(self.cells)
        self.verticalHeader().setDefaultSectionSize(26)
        # Actions, not bare shortcuts: Help ▸ Keyboard shortcuts lists the window's actions.
        for text, keys, handler in (
            ("Copy the set above", ("Ctrl+D",), self.copy_set_above),
            (
                "Take a set's grey weight and reps as lifted",
                ("Ctrl+Return", "Ctrl+Enter"),
                self.take_grey_set,
            ),
        ):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.addAction(action)

    def edit(self, index, trigger=None, event=None) -> bool:
        if trigger is None:
            return super().edit(index)
        self.cells.last_editor = None
        opened = super().edit(index, trigger, event)
        editor = self.cells.last_editor
        keyed = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        if opened and editor is not None and not keyed:
            editor.deselect()  # F2 or a double-click: change what is there, from its end
            editor.end(False)
        return opened

    def commit_editing(self) -> None:
        """Commit whatever is typed in an open cell editor (before a save)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is not None and self.viewport().isAncestorOf(editor):
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def take_grey_set(self) -> None:
        """Ctrl+Enter: the set was lifted as the grey values say (the rule's target, or last
        time's): its weight and reps are taken where none is typed, then on to the next set.
        How it went (RPE, feel, rest, notes) stays today's to type."""
        self.commit_editing()
        model, current = self.set_model, self.currentIndex()
        if model.exercise is None or not current.isValid():
            return
        row = current.row()
        typed = model.editor.draft.exercises[model.exercise].sets(model.kind)[row]
        for column in ("weight", "reps"):
            grey = typed.hint(column)
            if grey and not getattr(typed, column):
                model.editor.set_cell(model.exercise, model.kind, row, column, grey)
        if self.row_done(row):
            return
        if row == model.rowCount() - 1:
            model.editor.append_row(model.exercise, model.kind)
        target = model.index(row + 1, 0)
        self.setCurrentIndex(target)
        self.scrollTo(target)

    def _fit_weight_column(self, *_args) -> None:
        model = self.model()
        metrics = self.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(str(model.index(row, 0).data() or ""))
                for row in range(model.rowCount())
            ),
            default=0,
        )
        wanted = max(WEIGHT_WIDTH, widest + 24)  # the cell's margins and a little air
        header = self.horizontalHeader()
        if header.sectionSize(0) != self._weight_width:  # the lifter dragged it: theirs
            return
        if wanted != self._weight_width:
            self._weight_width = wanted
            header.resizeSection(0, wanted)

    def copy_set_above(self) -> None:
        model = self.set_model
        row = self.currentIndex().row() if self.currentIndex().isValid() else model.rowCount()
        if model.exercise is not None and row >= 1:
            self.commit_editing()
            model.editor.copy_row_above(model.exercise, model.kind, row)
            self.setCurrentIndex(model.index(row, 0))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            self._advance()
            return
        no_ctrl = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_Down and not event.modifiers() and self._on_a_last_set():
            self._next_set()  # Down past the last set starts a new one, like Enter past it
            return
        if event.key() == Qt.Key.Key_Tab and no_ctrl and self._at_edge(last=True):
            self.leave(forward=True)
            return
        if event.key() == Qt.Key.Key_Backtab and no_ctrl and self._at_edge(last=False):
            self.leave(forward=False)
            return
        if (
            event.key() == Qt.Key.Key_Delete
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            model = self.set_model
            if model.exercise is not None and self.currentIndex().isValid():
                model.editor.remove_row(model.exercise, model.kind, self.currentIndex().row())
            return
        if not self.currentIndex().isValid() and _types_text(event):
            self._start_a_set()  # a key typed into a grid with no cell: it starts one
        super().keyPressEvent(event)

    def _on_a_last_set(self) -> bool:
        current, model = self.currentIndex(), self.set_model
        return (
            current.isValid()
            and current.row() == model.rowCount() - 1
            and not model.row_is_blank(current.row())
        )

    def _next_set(self) -> None:
        model, column = self.set_model, self.currentIndex().column()
        model.editor.append_row(model.exercise, model.kind)
        self.setCurrentIndex(model.index(model.rowCount() - 1, column))

    def _at_edge(self, last: bool) -> bool:
        """On the grid's last cell (or first, `last` False), or on none: Tab leaves."""
        current, model = self.currentIndex(), self.set_model
        if not current.isValid() or model.rowCount() == 0:
            return True
        if last:
            return current.row() == model.rowCount() - 1 and (
                current.column() == model.columnCount() - 1
            )
        return current.row() == 0 and current.column() == 0

    def leave(self, forward: bool) -> None:
        """Focus the next (or previous) widget that takes Tab: out of the grid, never round
        inside it."""
        widget = self.nextInFocusChain() if forward else self.previousInFocusChain()
        while widget is not None and widget is not self:
            takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            if (
                takes_tab
                and widget.isVisible()
                and widget.isEnabled()
                and not self.isAncestorOf(widget)
            ):
                widget.setFocus(
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                return
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()

    def _start_a_set(self) -> None:
        """Put the cursor on the last set when it is empty, else on a new one."""
        model = self.set_model
        if model.exercise is None:
            return
        if model.rowCount() == 0 or not model.row_is_blank(model.rowCount() - 1):
            model.editor.append_row(model.exercise, model.kind)
        self.setCurrentIndex(model.index(model.rowCount() - 1, 0))

    def closeEditor(self, editor, hint) -> None:
        Hint = QAbstractItemDelegate.EndEditHint
        tabbed_out = (hint == Hint.EditNextItem and self._at_edge(last=True)) or (
            hint == Hint.EditPreviousItem and self._at_edge(last=False)
        )
        super().closeEditor(editor, Hint.NoHint)
        if tabbed_out:
            self.leave(forward=hint == Hint.EditNextItem)
        elif hint == Hint.EditPreviousItem:
            self._back()
        elif hint in (Hint.EditNextItem, Hint.SubmitModelCache):
            self._advance()

    def _back(self) -> None:
        """Shift+Tab: the cell before, at the end of the row above from a row's first."""
        current, model = self.currentIndex(), self.set_model
        if current.column() > 0:
            target = model.index(current.row(), current.column() - 1)
        else:
            target = model.index(current.row() - 1, model.columnCount() - 1)
        self.setCurrentIndex(target)

    def _advance(self) -> None:
        """Enter: next cell; past the end, a new row; on an empty last row, done."""
        model = self.set_model
        current = self.currentIndex()
        if model.exercise is None:
            return
        if not current.isValid():
            if model.rowCount() == 0:
                model.editor.append_row(model.exercise, model.kind)
            self.setCurrentIndex(model.index(0, 0))
            return
        row, column = current.row(), current.column()
        last_row = row == model.rowCount() - 1
        if last_row and model.row_is_blank(row) and column == 0:
            if model.rowCount() > 1 or model.kind == "warmup":
                model.editor.remove_row(model.exercise, model.kind, row)
            self.finished.emit()
            return
        if column + 1 < model.columnCount():
            target = model.index(row, column + 1)
        elif self.row_done(row):
            return
        else:
            if last_row:
                model.editor.append_row(model.exercise, model.kind)
            target = model.index(row + 1, 0)
        self.setCurrentIndex(target)
        self.scrollTo(target)


def records_text(beaten: list[NewRecord], unit: str) -> str:
    """ "estimated 1RM 105 kg (was 100 kg); 5-rep max 90 kg (was 87.5 kg)"."""
    parts = []
    for record in beaten:
        # An estimate to one decimal; a rep max is a weight lifted, as typed.
        shown = weight_text if record.kind == "e1rm" else lifted_text
        value = shown(record.value_kg, unit, with_unit=True)
        was = shown(record.was_kg, unit, with_unit=True)
        what = "estimated 1RM" if record.kind == "e1rm" else f"{record.reps}-rep max"
        parts.append(f"{what} {value} (was {was})")
    return "; ".join(parts)
