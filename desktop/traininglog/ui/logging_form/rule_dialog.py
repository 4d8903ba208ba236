"""The progression rule of one exercise, chosen by the lifter: none, double progression, a
fixed increment, or percentages of a training max by week; any of them with a deload every so
many sessions. A field that can't be used is named under the fields and the dialog stays."""

from __future__ import annotations

import re
from fractions import Fraction

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.exact import shown
from ...domain.plates import ROUNDINGS
from ...domain.progression import (
    DeloadWeeks,
    DoubleProgression,
    FixedIncrement,
    Rule,
    TrainingMaxWeeks,
    WeekSet,
)
from ..common.field_problem import FieldProblem, show_field_problem

KINDS = (
    ("none", "No rule"),
    (DoubleProgression.kind, "Double progression: more reps, then more weight"),
    (FixedIncrement.kind, "Fixed increment when every set reaches its reps"),
    (TrainingMaxWeeks.kind, "Percentages of a training max, week by week"),
)
WEEKS_EXAMPLE = "65×5, 75×5, 85×5 / 70×3, 80×3, 90×3 / 75×5, 85×3, 95×1"
_WEEK_SET = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)\s*%?\s*[×xX*]\s*([0-9]+)$")


def _spin(low: int, high: int, value: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setAccessibleName(name)
    return box


def _line(text: str, name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field


def _number(field: QLineEdit, low: int, high: int, unit: str = "") -> Fraction | None:
    """The field's number; None when it is empty; FieldProblem naming it when it is no number or
    out of range."""
    text = field.text().strip().replace(",", ".")
    if not text:
        return None
    what = field.accessibleName()
    span = f"{low}–{high}{f' {unit}' if unit else ''}"
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        raise FieldProblem(field, f"{what}: “{field.text().strip()}” is not a number; type {span}")
    value = Fraction(text)
    if not low <= value <= high:
        raise FieldProblem(field, f"{what}: {shown(value)} is out of range; type {span}")
    return value


def _needed(field: QLineEdit, low: int, high: int, unit: str = "") -> Fraction:
    value = _number(field, low, high, unit)
    if value is None:
        raise FieldProblem(field, f"{field.accessibleName()}: type a number, {low}–{high} {unit}")
    return value


def weeks_text(weeks: tuple[tuple[WeekSet, ...], ...]) -> str:
    return " / ".join(", ".join(f"{shown(s.percent)}×{s.reps}" for s in week) for week in weeks)


def parse_weeks(field: QLineEdit) -> tuple[tuple[WeekSet, ...], ...]:
    """ "65×5, 75×5 / 70×3, 80×3": weeks split by /, sets by commas, percent×reps each."""
    weeks = []
    for n, week in enumerate(field.text().split("/"), start=1):
        sets = []
        for part in (p.strip() for p in week.split(",")):
            match = _WEEK_SET.match(part)
            if not match:
                raise FieldProblem(
                    field, f"Weeks: “{part}” in week {n} is not percent×reps, like 75×5"
                )
            percent = Fraction(match.group(1).replace(",", "."))
            reps = int(match.group(2))
            if not (1 <= percent <= 200 and 1 <= reps <= 100):
                raise FieldProblem(
                    field, f"Weeks: “{part}” in week {n}: 1–200 percent × 1–100 reps"
                )
            sets.append(WeekSet(percent, reps))
        weeks.append(tuple(sets))
    return tuple(weeks)


class ProgressionRuleDialog(QDialog):
    """Choose an exercise's rule; after OK, `rule` is the rule chosen (None: no rule)."""

    def __init__(self, exercise: str, rule: Rule | None, unit: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Progression rule: {exercise}")
        self.setObjectName("progressionRuleDialog")
        self.rule: Rule | None = rule
        base = rule.rule if isinstance(rule, DeloadWeeks) else rule
        unit = base.unit if base is not None else unit

        self.kind = QComboBox()
        self.kind.setObjectName("ruleKind")
        self.kind.setAccessibleName("Rule")
        for key, text in KINDS:
            self.kind.addItem(text, key)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit")
        self.unit.addItem("kg", "kg")
        self.unit.addItem("lb", "lb")
        self.unit.setCurrentIndex(self.unit.findData(unit))

        double = base if isinstance(base, DoubleProgression) else None
        self.reps_low = _spin(1, 100, double.reps_low if double else 8, "Bottom of the rep range")
        self.reps_high = _spin(1, 100, double.reps_high if double else 12, "Top of the rep range")
        self.double_increment = _line(shown(double.increment) if double else "2.5", "Increment")
        self.double_sets = _spin(1, 50, double.sets if double else 3, "Sets")
        self.double_start = _line(
            shown(double.start_weight) if double and double.start_weight is not None else "",
            "First session's weight",
            "optional",
        )

        fixed = base if isinstance(base, FixedIncrement) else None
        self.fixed_increment = _line(shown(fixed.increment) if fixed else "2.5", "Increment")
        self.fixed_reps = _spin(1, 100, fixed.reps if fixed else 5, "Reps")
        self.fixed_sets = _spin(1, 50, fixed.sets if fixed else 3, "Sets")
        self.misses = _spin(
            1, 20, fixed.failures_before_deload if fixed else 3, "Misses before a deload"
        )
        self.miss_deload = _line(
            shown(fixed.deload_percent) if fixed else "10", "Deload after the misses (%)"
        )
        self.fixed_start = _line(
            shown(fixed.start_weight) if fixed and fixed.start_weight is not None else "",
            "First session's weight",
            "optional",
        )

        weeks = base if isinstance(base, TrainingMaxWeeks) else None
        self.training_max = _line(shown(weeks.training_max) if weeks else "", "Training max")
        self.weeks = _line(weeks_text(weeks.weeks) if weeks else WEEKS_EXAMPLE, "Weeks")
        self.weeks.setToolTip("Percent of the training max × reps; weeks split by /")
        self.cycle_increment = _line(
            shown(weeks.cycle_increment) if weeks else "2.5", "Training max rise per cycle"
        )
        self.rounding = QComboBox()
        self.rounding.setAccessibleName("Rounding")
        for way in ROUNDINGS:
            self.rounding.addItem(way, way)
        self.rounding.setCurrentIndex(self.rounding.findData(weeks.rounding if weeks else "down"))

        deload = rule if isinstance(rule, DeloadWeeks) else None
        self.deload = QCheckBox("&Deload every")
        self.deload.setObjectName("deloadWeeks")
        self.deload.setChecked(deload is not None)
        self.deload_every = _spin(2, 52, deload.every if deload else 4, "Sessions per deload")
        self.deload_every.setSuffix(" sessions")
        self.deload_percent = _line(shown(deload.percent) if deload else "60", "Deload weight (%)")

        self.pages = QStackedWidget()
        self.pages.addWidget(QLabel("The exercise shows last time's sets, no targets."))
        self.pages.addWidget(
            _form(
                ("Reps from", self.reps_low),
                ("to", self.reps_high),
                ("&Increment", self.double_increment),
                ("Sets", self.double_sets),
                ("First session", self.double_start),
            )
        )
        self.pages.addWidget(
            _form(
                ("&Increment", self.fixed_increment),
                ("Reps", self.fixed_reps),
                ("Sets", self.fixed_sets),
                ("Misses before a deload", self.misses),
                ("Deload after misses (%)", self.miss_deload),
                ("First session", self.fixed_start),
            )
        )
        self.pages.addWidget(
            _form(
                ("Training &max", self.training_max),
                ("&Weeks (% × reps)", self.weeks),
                ("Rise per cycle", self.cycle_increment),
                ("Rounding", self.rounding),
            )
        )
        self.kind.currentIndexChanged.connect(self._show_kind)
        kind = rule.rule.kind if isinstance(rule, DeloadWeeks) else (rule.kind if rule else "none")
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._show_kind()

        self.problem = QLabel()
        self.problem.setObjectName("rulesProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        deload_row = QHBoxLayout()
        deload_row.addWidget(self.deload)
        deload_row.addWidget(self.deload_every)
        deload_row.addWidget(QLabel("at"))
        deload_row.addWidget(self.deload_percent)
        deload_row.addWidget(QLabel("% of the weight"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        top = QFormLayout()
        top.addRow("&Rule", self.kind)
        top.addRow("&Unit", self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addLayout(deload_row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.kind.setFocus()

    def _show_kind(self) -> None:
        self.pages.setCurrentIndex(self.kind.currentIndex())
        has_rule = self.kind.currentData() != "none"
        for widget in (self.unit, self.deload, self.deload_every, self.deload_percent):
            widget.setEnabled(has_rule)

    def chosen_rule(self) -> Rule | None:
        """The rule the fields describe; FieldProblem naming the field that can't be used."""
        kind, unit = self.kind.currentData(), self.unit.currentData()
        if kind == "none":
            return None
        rule: Rule
        if kind == DoubleProgression.kind:
            if self.reps_high.value() < self.reps_low.value():
                low, high = self.reps_low.value(), self.reps_high.value()
                raise FieldProblem(self.reps_high, f"Rep range: {low} to {high} is upside down")
            rule = DoubleProgression(
                self.reps_low.value(),
                self.reps_high.value(),
                _needed(self.double_increment, 0, 100, unit),
                self.double_sets.value(),
                _number(self.double_start, 0, 2500, unit),
                unit,
            )
        elif kind == FixedIncrement.kind:
            rule = FixedIncrement(
                _needed(self.fixed_increment, 0, 100, unit),
                self.fixed_reps.value(),
                self.fixed_sets.value(),
                self.misses.value(),
                _needed(self.miss_deload, 0, 90),
                _number(self.fixed_start, 0, 2500, unit),
                unit,
            )
        else:
            rule = TrainingMaxWeeks(
                _needed(self.training_max, 1, 2500, unit),
                parse_weeks(self.weeks),
                _needed(self.cycle_increment, 0, 100, unit),
                self.rounding.currentData(),
                unit=unit,
            )
        if self.deload.isChecked():
            return DeloadWeeks(
                rule, self.deload_every.value(), _needed(self.deload_percent, 1, 100)
            )
        return rule

    def accept(self) -> None:
        try:
            self.rule = self.chosen_rule()
        except FieldProblem as problem:
            show_field_problem(self.problem, problem)
            return
        super().accept()


def _form(*rows: tuple[str, QWidget]) -> QWidget:
    page = QWidget()
    form = QFormLayout(page)
    form.setContentsMargins(0, 0, 0, 0)
    for label, widget in rows:
        form.addRow(label, widget)
    return page
