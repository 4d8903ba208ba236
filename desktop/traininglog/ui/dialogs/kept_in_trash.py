"""What the startup scan kept in trash/, told when the window opens, with Restore.

A session whose file vanished (deleted by hand, or on another computer through a sync tool),
now holds another session, or can no longer be read is no longer in the index, but its copy is
in trash/. The lifter sees which, and why, and can bring them back in one click.
"""

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
from ...domain.reports import TrashedSession
from ..common.formatting import plural


class KeptInTrashDialog(QDialog):
    """The sessions the scan kept in trash/; Restore brings the checked ones back."""

    def __init__(
        self, controller: Controller, trashed: list[TrashedSession], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("keptInTrashDialog")
        self.setWindowTitle("Sessions kept in trash")
        self.controller = controller
        # By the wall-clock day: a file may hold a naive date or one with an offset.
        self.trashed = sorted(trashed, key=lambda t: t.date.replace(tzinfo=None))
        self.restored: list[TrashedSession] = []

        count = plural(len(self.trashed), "session")
        intro = QLabel(
            f"{count} in your log no longer had a file in the sessions folder, so "
            "Training Log kept a copy of each in trash/. Nothing is lost: check the ones "
            "to bring back and choose Restore."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Sessions kept in trash")
        self.list.setWordWrap(True)
        for t in self.trashed:
            item = QListWidgetItem(f"{t.label}: its file {t.reason}")
            item.setToolTip(f"{t.why}\nKept in {t.trash_path}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore")
        self.keep_button = QPushButton("&Keep in trash")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_checked)
        self.keep_button.clicked.connect(self.reject)
        self.restore_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)

    def restore_checked(self) -> None:
        failed = []
        for row, t in enumerate(self.trashed):
            if self.list.item(row).checkState() != Qt.CheckState.Checked:
                continue
            if not t.trash_path.exists():
                continue  # restored already
            if self.controller.restore(t.trash_path) is None:
                failed.append(t)
            else:
                self.restored.append(t)
        if failed:
            names = ", ".join(t.label for t in failed)
            self.outcome.setText(f"Could not restore {names}; they stay in trash/.")
            return
        self.accept()


def tell_kept_in_trash(controller: Controller, trashed: list[TrashedSession], parent) -> None:
    """Open the dialog, without blocking the window, when the scan kept anything in trash/."""
    if not trashed:
        return
    dialog = KeptInTrashDialog(controller, trashed, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
