"""File ▸ Settings: name, units, estimated-1RM formula, data and sessions folders."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..domain.calculations import OneRepMaxFormula
from .app_settings import AppSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self.name = QLineEdit(settings.user_name)
        self.name.setAccessibleName("Your name")
        self.name.setMaxLength(100)
        self.unit = QComboBox()
        self.unit.addItem("Kilograms (kg)", "kg")
        self.unit.addItem("Pounds (lb)", "lb")
        self.unit.setCurrentIndex(0 if settings.unit == "kg" else 1)
        self.unit.setAccessibleName("Units")
        self.formula = QComboBox()
        self.formula.addItem("Epley: w × (1 + reps / 30)", OneRepMaxFormula.EPLEY.value)
        self.formula.addItem("Brzycki: w × 36 / (37 − reps)", OneRepMaxFormula.BRZYCKI.value)
        self.formula.setCurrentIndex(0 if settings.formula is OneRepMaxFormula.EPLEY else 1)
        self.formula.setAccessibleName("Estimated one-rep max formula")
        self.data_dir = QLineEdit(settings.data_dir)
        self.data_dir.setPlaceholderText("the default data folder")
        self.data_dir.setAccessibleName("Data folder")
        self.sessions_dir = QLineEdit(settings.sessions_dir)
        self.sessions_dir.setPlaceholderText("sessions/ inside the data folder")
        self.sessions_dir.setAccessibleName("Sessions folder")

        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Units", self.unit)
        form.addRow("Estimated 1RM &formula", self.formula)
        form.addRow("&Data folder", _with_browse(self.data_dir, self))
        form.addRow("&Sessions folder", _with_browse(self.sessions_dir, self))
        note = QLabel("Folder changes take effect the next time Training Log starts.")
        note.setWordWrap(True)
        note.setStyleSheet("color:#666")
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.user_name = self.name.text()
        self.settings.unit = self.unit.currentData()
        self.settings.formula = OneRepMaxFormula(self.formula.currentData())
        self.settings.data_dir = self.data_dir.text()
        self.settings.sessions_dir = self.sessions_dir.text()
        super().accept()


def _with_browse(field: QLineEdit, parent) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    browse = QPushButton("Browse…")
    browse.setAccessibleName(f"Choose {field.accessibleName().lower()}")

    def choose() -> None:
        folder = QFileDialog.getExistingDirectory(parent, field.accessibleName(), field.text())
        if folder:
            field.setText(folder)

    browse.clicked.connect(choose)
    layout.addWidget(browse)
    return box
