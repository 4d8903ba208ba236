"""A sync tool's conflict copies, to resolve: two computers changed one session before they
synced, and the tool kept both. For each, the two versions side by side, field by field, and
the choice: keep the original, keep the copy, or keep both (the copy as a session of its own).
The version not kept goes to the trash, where Restore brings it back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...controller import Controller
from ...datafolder.conflicts import Keep
from ..common.formatting import plural, session_date_text
from ..common.version_table import versions_table


class SyncConflictsDialog(QDialog):
    def __init__(
        self, controller: Controller, conflicts: list[tuple[str, str]], parent: QWidget | None
    ):
        super().__init__(parent)
        self.setObjectName("syncConflictsDialog")
        self.setWindowTitle("Sessions changed on two computers")
        self.controller = controller
        self.conflicts = list(conflicts)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.list.setAccessibleName("Conflicts to resolve")
        self.list.currentRowChanged.connect(self._show)
        self.list.setMaximumHeight(5 * self.list.fontMetrics().lineSpacing() + 12)
        self.versions = QVBoxLayout()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.keep_original = self._button(buttons, "Keep the &original", Keep.ORIGINAL)
        self.keep_copy = self._button(buttons, "Keep the &copy", Keep.COPY)
        self.keep_both = self._button(buttons, "Keep &both", Keep.BOTH)
        self.keep_both.setToolTip("The copy becomes a session of its own, beside the original")
        later = buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addLayout(self.versions)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self._fill()
        self.resize(760, 520)

    def _button(self, box: QDialogButtonBox, text: str, keep: Keep) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(f"keep_{keep.value}")
        button.clicked.connect(lambda: self.resolve(keep))
        return button

    def _fill(self) -> None:
        self.list.clear()
        for copy, original in self.conflicts:
            conflict = self.controller.read_conflict(copy)
            either = conflict and (conflict.original or conflict.copy)
            text = (
                f"{session_date_text(either.date.isoformat())} {either.focus or ''}".strip()
                if either
                else copy
            )
            item = QListWidgetItem(f"{text}: changed on two computers")
            item.setToolTip(f"{copy}\nis a copy of\n{original}")
            self.list.addItem(item)
        self.intro.setText(
            f"{plural(len(self.conflicts), 'session')} changed on two computers before they "
            "synced; the sync tool kept both versions. Choose the one to keep; the other goes "
            "to the trash."
        )
        if self.conflicts:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        while self.versions.count():
            widget = self.versions.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.controller.read_conflict(self.conflicts[row][0])
        if conflict is None:
            return
        table = versions_table(conflict.original, conflict.copy, ("Original", "Copy"))
        self.versions.addWidget(table)
        self.keep_original.setEnabled(conflict.original is not None)
        self.keep_copy.setEnabled(conflict.copy is not None)
        self.keep_both.setEnabled(conflict.copy is not None)
        if conflict.copy_problem:
            self.outcome.setText(f"The copy can't be read: {conflict.copy_problem}")

    def resolve(self, keep: Keep) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        copy, _ = self.conflicts[row]
        resolved = self.controller.resolve_conflict(copy, keep)
        if resolved is None:
            return  # the controller told why; the conflict stays listed
        del self.conflicts[row]
        self.outcome.setText(f"Kept {resolved.kept.name if resolved.kept else 'nothing'}.")
        if not self.conflicts:
            self.accept()
            return
        self._fill()


def tell_conflicts(controller: Controller, conflicts: list[tuple[str, str]], parent) -> None:
    """Open the dialog without blocking the window, when there are conflicts to resolve."""
    if not conflicts:
        return
    existing = parent.findChild(SyncConflictsDialog) if parent is not None else None
    if existing is not None and existing.isVisible():
        return
    dialog = SyncConflictsDialog(controller, conflicts, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
