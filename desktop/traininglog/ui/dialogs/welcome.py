"""The first start: the lifter's name (written into every session as `userName`) and units.
Asked once; both can be changed later in Settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ..common.app_settings import AppSettings

ASKED_KEY = "user/welcomed"


class WelcomeDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to Training Log")
        self.settings = settings
        intro = QLabel(
            "Your name goes into every session you save, so your log says whose it is. "
            "You can change it, and the units, in File ▸ Settings."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(settings.user_name)
        self.name.setObjectName("welcomeName")
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Sam Lifter")
        self.name.setMaxLength(100)
        self.unit = QComboBox()
        self.unit.setObjectName("welcomeUnit")
        self.unit.addItem("Kilograms (kg)", "kg")
        self.unit.addItem("Pounds (lb)", "lb")
        self.unit.setCurrentIndex(0 if settings.unit == "kg" else 1)
        self.unit.setAccessibleName("Units")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start logging")
        buttons.accepted.connect(self.accept)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Name", self.name)
        form.addRow("&Units", self.unit)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.user_name = self.name.text()
        self.settings.unit = self.unit.currentData()
        super().accept()

    def done(self, result: int) -> None:
        # Asked once, however it was closed: a lifter who skips it is not asked again.
        self.settings.store.setValue(ASKED_KEY, True)
        super().done(result)


def needs_welcome(settings: AppSettings) -> bool:
    """The first start: no name yet, and never asked."""
    return not settings.user_name and not settings.store.value(ASKED_KEY, False, type=bool)
