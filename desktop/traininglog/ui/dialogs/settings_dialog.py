"""File ▸ Settings: name, units, estimated-1RM formula and rep cap, how secondary muscles
count toward a muscle group's volume, the bar and plates owned, data and sessions folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...datafolder.datadir import DataDirectory, default_data_dir
from ...datafolder.folder_settings import settings_file, write_sessions_folder
from ...domain.calculations import HIGHEST_REP_CAP, OneRepMaxFormula
from ...domain.exact import shown as shown_number
from ...domain.plates import PlateSet
from ...domain.plates_owned import parse_plates_owned, plates_owned_text
from ..common.app_settings import AppSettings
from ..common.field_problem import FieldProblem, show_field_problem
from ..common.theme import DARK_SCHEME, LIGHT_SCHEME, SYSTEM

# What each choice says in the list, and what its tool tip adds. Only the last reads the RPE.
FORMULA_CHOICES = {
    OneRepMaxFormula.EPLEY: (
        "Epley: w × (1 + reps / 30)",
        "Weight and full reps only; a single is its own weight.",
    ),
    OneRepMaxFormula.BRZYCKI: (
        "Brzycki: w × 36 / (37 − reps)",
        "Weight and full reps only; a single is its own weight.",
    ),
    OneRepMaxFormula.EPLEY_RESERVE: (
        "Epley + reps in reserve (RPE): reps + (10 − RPE), then Epley",
        "Adds the reps in reserve, 10 − RPE, to the full reps before Epley: a single at "
        "RPE 8 counts as a triple. Sets without an RPE count as done to failure.",
    ),
}


LOOK_CHOICES = (
    (SYSTEM, "As the system: light or dark, following it"),
    (LIGHT_SCHEME, "Light"),
    (DARK_SCHEME, "Dark"),
)
SECONDARY_CHOICES = (
    (0.0, "Not counted: primary muscles only"),
    (0.5, "Half: secondary muscles count ×0.5"),
    (1.0, "In full: like primary muscles"),
)


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent=None, folders: DataDirectory | None = None):
        super().__init__(parent)
        self.settings = settings
        self.folders = folders
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
        for formula, (text, tip) in FORMULA_CHOICES.items():
            self.formula.addItem(text, formula.value)
            self.formula.setItemData(self.formula.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.formula.setCurrentIndex(self.formula.findData(settings.formula.value))
        self.formula.setAccessibleName("Estimated one-rep max formula")
        self.formula.currentIndexChanged.connect(self._explain_formula)
        self.rep_cap = QSpinBox()
        self.rep_cap.setRange(1, HIGHEST_REP_CAP)
        self.rep_cap.setValue(settings.rep_cap)
        self.rep_cap.setSuffix(" reps")
        self.rep_cap.setAccessibleName("Most reps an estimate is made from")
        self.rep_cap.setToolTip(
            "Sets of more full reps than this get no estimated 1RM: past about a dozen reps "
            "every formula drifts far from a real single."
        )
        self._explain_formula()
        self.look = QComboBox()
        self.look.setObjectName("colourScheme")
        for key, text in LOOK_CHOICES:
            self.look.addItem(text, key)
        self.look.setCurrentIndex(self.look.findData(settings.colour_scheme))
        self.look.setAccessibleName("Light or dark")
        self.secondary = QComboBox()
        self.secondary.setObjectName("secondaryVolumeFactor")
        for factor, text in SECONDARY_CHOICES:
            self.secondary.addItem(text, factor)
        self.secondary.setCurrentIndex(self.secondary.findData(settings.secondary_volume_factor))
        self.secondary.setAccessibleName("Secondary muscles in a muscle group's volume")
        self.secondary.setToolTip(
            "The weekly-volume chart of a muscle group counts the exercises that target it "
            "(as logged) in full, and those that work it as a secondary muscle (bench press "
            "for the triceps, by the exercise catalogue) by this much."
        )
        self.data_dir = QLineEdit(settings.data_dir)
        self.data_dir.setPlaceholderText("the default data folder")
        self.data_dir.setAccessibleName("Data folder")
        shown = folders.sessions_folder if folders is not None else None
        self.sessions_dir = QLineEdit(str(shown) if shown is not None else settings.sessions_dir)
        self.sessions_dir.setPlaceholderText("sessions/ inside the data folder")
        self.sessions_dir.setAccessibleName("Sessions folder")
        self.sessions_dir.setToolTip(
            "A folder a sync tool (Syncthing, Dropbox, Nextcloud) shares between your "
            "computers may hold the session files; the index, trash and backups stay here."
        )

        plates = settings.plate_set
        self.plate_unit = QComboBox()
        self.plate_unit.setObjectName("plateUnit")
        self.plate_unit.addItem("kg", "kg")
        self.plate_unit.addItem("lb", "lb")
        self.plate_unit.setCurrentIndex(self.plate_unit.findData(plates.unit))
        self.plate_unit.setAccessibleName("Unit of the bar and plates")
        self.bar = QLineEdit(shown_number(plates.bar))
        self.bar.setObjectName("barWeight")
        self.bar.setAccessibleName("Bar weight")
        self.plates_owned = QLineEdit(plates_owned_text(plates))
        self.plates_owned.setObjectName("platesOwned")
        self.plates_owned.setAccessibleName("Plates owned")
        self.plates_owned.setToolTip(
            "Every plate you own, weight×how many in all: 25×8 is four a side. "
            "An odd one out stays on the rack."
        )
        self.collars = QLineEdit(shown_number(plates.collars))
        self.collars.setObjectName("collarWeight")
        self.collars.setAccessibleName("Collars (the pair)")
        self.collars.setToolTip("The pair's weight, 0 for spring clips or none")
        self.plate_problem = QLabel()
        self.plate_problem.setObjectName("plateProblem")
        self.plate_problem.setWordWrap(True)
        self.plate_problem.hide()

        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Units", self.unit)
        form.addRow("Estimated 1RM &formula", self.formula)
        form.addRow("Estimate from at &most", self.rep_cap)
        form.addRow("Secondary muscles' &volume", self.secondary)
        form.addRow("&Look", self.look)
        form.addRow("&Plates in", self.plate_unit)
        form.addRow("&Bar", self.bar)
        form.addRow("Plates &owned", self.plates_owned)
        form.addRow("Coll&ars", self.collars)
        form.addRow(self.plate_problem)
        form.addRow("&Data folder", _with_browse(self.data_dir, self))
        form.addRow("&Sessions folder", _with_browse(self.sessions_dir, self))
        note = QLabel("Folder changes take effect the next time Training Log starts.")
        note.setWordWrap(True)
        note.setObjectName("quietNote")
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_plates(self) -> PlateSet | None:
        """The plate set typed, or None after saying in the dialog which field is wrong."""
        unit = self.plate_unit.currentData()
        try:
            bar = _weight(self.bar, "Bar", unit)
            collars = _weight(self.collars, "Collars", unit)
            try:
                owned = parse_plates_owned(self.plates_owned.text())
            except ValueError as error:
                raise FieldProblem(self.plates_owned, f"Plates owned: {error}") from None
            return PlateSet(bar, owned, collars, unit)
        except FieldProblem as problem:
            show_field_problem(self.plate_problem, problem, select=True)
            return None

    def accept(self) -> None:
        plates = self.chosen_plates()
        if plates is None:
            return  # the dialog stays open with the reason shown, nothing is written
        self.settings.plate_set = plates
        self.settings.user_name = self.name.text()
        self.settings.unit = self.unit.currentData()
        self.settings.formula = OneRepMaxFormula(self.formula.currentData())
        self.settings.rep_cap = self.rep_cap.value()
        self.settings.secondary_volume_factor = self.secondary.currentData()
        self.settings.colour_scheme = self.look.currentData()
        self.settings.data_dir = self.data_dir.text()
        self.settings.sessions_dir = self.sessions_dir.text()
        if not self._remember_sessions_folder():
            return
        super().accept()

    def _remember_sessions_folder(self) -> bool:
        """Write the sessions folder into the data folder's settings file, which the command
        line reads too; False (the dialog stays open) when that can't be done."""
        text = self.sessions_dir.text().strip()
        if self.data_dir.text().strip():
            root = Path(self.data_dir.text().strip()).expanduser()
        else:
            root = self.folders.root if self.folders is not None else default_data_dir()
        try:
            write_sessions_folder(root, Path(text).expanduser() if text else None)
        except OSError as error:
            QMessageBox.warning(
                self,
                "Settings not saved",
                f"The sessions folder could not be written to {settings_file(root)}: "
                f"{error.strerror or error}",
            )
            return False
        return True

    def _explain_formula(self) -> None:
        self.formula.setToolTip(FORMULA_CHOICES[OneRepMaxFormula(self.formula.currentData())][1])


MAX_BAR = 1000


def _weight(field: QLineEdit, what: str, unit: str) -> str:
    text = field.text().strip() or ("0" if what == "Collars" else "")
    field_text = text.replace(",", ".")
    try:
        value = float(field_text)
    except ValueError:
        value = float("nan")
    if value != value or not 0 <= value <= MAX_BAR:
        raise FieldProblem(
            field, f"{what}: “{text}” is not a weight; type a number of {unit}, 0–{MAX_BAR}"
        )
    return field_text


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
