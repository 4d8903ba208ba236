"""The session in the form was changed or deleted on another computer since it was opened:
the lifter chooses what to keep instead of one version silently overwriting the other."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import Session
from ..common.layouts import flush
from ..common.version_table import versions_table


class Choice(Enum):
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


class ChangedElsewhereDialog(QDialog):
    """Both versions side by side, field by field, and the three ways out (or Cancel: nothing
    is saved and the form keeps what was typed)."""

    def __init__(
        self, mine: Session, theirs: Session | None, file_name: str, parent: QWidget | None
    ):
        super().__init__(parent)
        self.setObjectName("changedElsewhereDialog")
        self.setWindowTitle("Changed on another computer")
        self.choice: Choice | None = None
        if theirs is None:
            text = (
                f"<b>{file_name}</b> was deleted on another computer (or by a sync tool) "
                "since you opened it here. Nothing has been saved yet."
            )
        else:
            text = (
                f"<b>{file_name}</b> was changed on another computer (or by a sync tool) "
                "since you opened it here. Nothing has been saved yet; the version not kept "
                "goes to the trash, where Restore brings it back."
            )
        heading = QLabel(text)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if theirs is not None:
            layout.addWidget(versions_table(mine, theirs, ("Yours", "Theirs")))
        buttons = QDialogButtonBox()
        self.mine_button = self._button(buttons, "Keep &mine", Choice.MINE, "keepMine")
        self.theirs_button = self._button(
            buttons,
            "Keep &theirs" if theirs is not None else "Keep it &deleted",
            Choice.THEIRS,
            "keepTheirs",
        )
        self.both_button = self._button(buttons, "Keep &both", Choice.BOTH, "keepBoth")
        self.both_button.setToolTip("Save yours as a session of its own, beside theirs")
        self.both_button.setVisible(theirs is not None)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _button(self, box: QDialogButtonBox, text: str, choice: Choice, name: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(name)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


class ChangedElsewhereBanner(QWidget):
    """Above the form: the session being edited was changed or deleted on another computer.
    The form is not overwritten; the lifter may load their version, or go on and choose when
    saving."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("changedElsewhereBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.load_button = QPushButton("&Load their version")
        self.load_button.setObjectName("loadTheirVersion")
        self.dismiss_button = QPushButton("Keep editing")
        self.dismiss_button.clicked.connect(self.hide)
        row = flush(QHBoxLayout(self), self.text, self.load_button, self.dismiss_button)
        row.setContentsMargins(8, 4, 8, 4)
        row.setStretch(0, 1)
        self.hide()

    def tell(self, gone: bool, reloaded: bool = False) -> None:
        """`reloaded`: nothing was typed here, so the form now shows their version."""
        if reloaded:
            self.text.setText(
                "This session was <b>changed on another computer</b>; nothing had been typed "
                "here, so the form now shows that version."
            )
        elif gone:
            self.text.setText(
                "This session was <b>deleted on another computer</b>. What you have here is "
                "kept until you choose: saving asks what to keep."
            )
        else:
            self.text.setText(
                "This session was <b>changed on another computer</b> since you opened it. "
                "Nothing here is overwritten: saving asks which version to keep."
            )
        self.load_button.setVisible(not gone and not reloaded)
        self.show()
