"""The session's own fields: when, where in the program, and the focus."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain import limits
from ...drafts.draft import Draft
from .draft_editor import DraftEditor

UNKNOWN = -1  # a spin box at -1 shows "—": the value is not known (null in the file)


class SessionHeader(QWidget):
    template_requested = Signal(str)  # focus

    def __init__(self, editor: DraftEditor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self._loading = False
        self.date = QDateTimeEdit()
        self.date.setObjectName("sessionDate")
        self.date.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName("Session date and time")
        self.phase = _optional_spin(limits.MAX_PHASE, "Phase", "sessionPhase")
        self.week = _optional_spin(limits.MAX_WEEK, "Week", "sessionWeek")
        self.deload = QCheckBox("Deload")
        self.deload.setObjectName("sessionDeload")
        self.deload.setAccessibleName("Deload week")
        self.focus = QLineEdit()
        self.focus.setObjectName("sessionFocus")
        self.focus.setPlaceholderText("Focus, e.g. upper-strength")
        self.focus.setAccessibleName("Focus")
        self.focus.setMaxLength(limits.MAX_FOCUS_CHARS)
        self.focus.setMinimumWidth(130)  # room to read the focus typed, on a 1024-pixel screen
        self._focuses = QStringListModel(self)
        completer = QCompleter(self._focuses, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.focus.setCompleter(completer)
        self.body_weight = QLineEdit()
        self.body_weight.setObjectName("sessionBodyWeight")
        self.body_weight.setAccessibleName("Your body weight today")
        self.body_weight.setMaximumWidth(56)
        self.set_unit("kg")
        self.template = QPushButton("Start from las&t session")
        self.template.setObjectName("startFromLast")
        self.template.setAccessibleName("Start from the last session with this focus")
        self.template.clicked.connect(lambda: self.template_requested.emit(self.focus.text()))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (("Date", self.date), ("Phase", self.phase), ("Week", self.week)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addWidget(self.deload)
        caption = QLabel("BW")
        caption.setToolTip("Your body weight today (optional): the body-weight chart's log")
        caption.setBuddy(self.body_weight)
        layout.addWidget(caption)
        layout.addWidget(self.body_weight)
        caption = QLabel("Focus")
        caption.setBuddy(self.focus)
        layout.addWidget(caption)
        layout.addWidget(self.focus, 1)
        layout.addWidget(self.template)

        self.date.dateTimeChanged.connect(self._date_edited)
        self.phase.valueChanged.connect(lambda v: self._edited("phase", None if v < 0 else v))
        self.week.valueChanged.connect(lambda v: self._edited("week", None if v < 0 else v))
        self.deload.toggled.connect(lambda on: self._edited("deload", on))
        self.focus.textEdited.connect(lambda text: self._edited("focus", text))
        self.body_weight.textEdited.connect(lambda text: self._edited("body_weight", text))
        editor.changed.connect(self._on_changed)
        self.show_draft(editor.draft)

    def set_unit(self, unit: str) -> None:
        """Body weight is typed in the display unit (or with its own: 181lb, 82kg)."""
        self.body_weight.setPlaceholderText(unit)
        self.body_weight.setToolTip(
            f"Your body weight today, in {unit} (optional); it goes into the body-weight "
            "chart's log"
        )

    def set_focus_suggestions(self, focuses: list[str]) -> None:
        self._focuses.setStringList(focuses)

    def set_template_available(self, available: bool) -> None:
        focus = self.focus.text().strip()
        # The focus is in its field just beside the button, and in the button's tooltip: the
        # button keeps a short text, so that the focus field keeps room on a 1024-pixel screen.
        self.template.setText("Start from las&t session")
        self.template.setToolTip(f"Start from the last {focus} session (Ctrl+T)".replace("  ", " "))
        self.template.setEnabled(available)

    def _on_changed(self, what: str) -> None:
        if what in ("all", "header"):
            self.show_draft(self.editor.draft)

    def show_draft(self, draft: Draft) -> None:
        self._loading = True
        try:
            moment = datetime.fromisoformat(draft.date)
            if self._shown_date() != moment.replace(second=0, microsecond=0, tzinfo=None):
                self.date.setDateTime(QDateTime(moment.replace(tzinfo=None)))
            self.phase.setValue(UNKNOWN if draft.phase is None else draft.phase)
            self.week.setValue(UNKNOWN if draft.week is None else draft.week)
            self.deload.setChecked(draft.deload)
            if self.focus.text() != draft.focus:
                self.focus.setText(draft.focus)
            if self.body_weight.text() != draft.body_weight:
                self.body_weight.setText(draft.body_weight)
        finally:
            self._loading = False

    def _shown_date(self) -> datetime:
        return self.date.dateTime().toPython().replace(second=0, microsecond=0)

    def _edited(self, field: str, value) -> None:
        if not self._loading:
            self.editor.set_header(f"Change {field}", **{field: value})

    def _date_edited(self, _value: QDateTime) -> None:
        if self._loading:
            return
        old = datetime.fromisoformat(self.editor.draft.date)
        shown = self._shown_date()
        if shown == old.replace(second=0, microsecond=0, tzinfo=None):
            return  # only the hidden seconds differ: keep the stored time exactly
        new = shown.replace(tzinfo=old.tzinfo)
        self.editor.set_header("Change date", date=new.isoformat())


def _optional_spin(maximum: int, name: str, object_name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(object_name)
    spin.setRange(UNKNOWN, maximum)
    spin.setSpecialValueText("—")
    spin.setAccessibleName(name)
    spin.setToolTip(f"{name}; — when it does not apply")
    return spin
