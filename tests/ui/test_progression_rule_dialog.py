"""Choosing an exercise's progression rule from the form, written to the data folder's
progression_rules.json; a field that can't be used is named and nothing is written."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from traininglog.ui.logging_form.rule_dialog import ProgressionRuleDialog
from traininglog.ui.logging_form.set_grid import PLACEHOLDER_ROLE

from helpers import add_exercise, to_working_sets, type_cells

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def dialog_typed(qtbot, monkeypatch, kind_downs: int, fields: dict[str, str], deload=False):
    """The next rule dialog: Down in the Rule list `kind_downs` times, each field's text
    typed over, the deload box ticked if asked, then OK. Returns what the dialog showed."""
    seen = {}

    def exec_(dialog: ProgressionRuleDialog) -> int:
        for _ in range(kind_downs):
            qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
        for name, text in fields.items():
            field = getattr(dialog, name)
            field.setFocus()
            field.selectAll()
            qtbot.keyClicks(field.lineEdit() if hasattr(field, "lineEdit") else field, text)
        if deload:
            qtbot.keyClick(dialog.deload, Qt.Key.Key_Space)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        seen["problem"] = "" if dialog.problem.isHidden() else dialog.problem.text()
        return dialog.result()

    monkeypatch.setattr(ProgressionRuleDialog, "exec", exec_)
    return seen


def rules_file(window) -> dict:
    path = window.controller.folders.root / "progression_rules.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_rule_chosen_with_the_keyboard_is_kept_and_its_targets_follow(qtbot, window, monkeypatch):
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    assert view.lift.rule_button.text() == "No progression rule"
    dialog_typed(
        qtbot,
        monkeypatch,
        1,
        {"reps_low": "6", "reps_high": "10", "double_sets": "2", "double_start": "60"},
    )
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, CTRL | SHIFT)
    assert rules_file(window)["rules"] == {
        "Barbell Bench Press": {
            "increment": 2.5,
            "repsHigh": 10,
            "repsLow": 6,
            "rule": "double-progression",
            "sets": 2,
            "startWeight": 60,
            "unit": "kg",
        }
    }
    assert view.lift.rule_button.toolTip().startswith("Rule: double progression 6–10 reps, +2.5 kg")
    # Its sets were still empty: the first session's targets show at once.
    model = view.working_model
    assert [model.index(r, 0).data(PLACEHOLDER_ROLE) for r in range(2)] == ["60", "60"]
    assert model.index(0, 1).data(PLACEHOLDER_ROLE) == "6"

    to_working_sets(qtbot, view)
    type_cells(qtbot, ["60", "10", "", "", "", "", "", "60", "10", "", "", "", "", ""])
    assert view.save()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    add_exercise(qtbot, view, "bench")
    assert model.index(0, 0).data(PLACEHOLDER_ROLE) == "62.5"


def test_a_fixed_increment_with_a_deload_every_fourth_session(qtbot, window, monkeypatch):
    view = window.log_view
    add_exercise(qtbot, view, "squat")
    dialog_typed(qtbot, monkeypatch, 2, {"fixed_increment": "5", "fixed_reps": "5"}, deload=True)
    view.lift.choose_rule()
    rule = rules_file(window)["rules"]["Barbell Back Squat"]
    assert (rule["rule"], rule["every"], rule["of"]["rule"], rule["of"]["increment"]) == (
        "deload-weeks",
        4,
        "fixed-increment",
        5,
    )


def test_a_field_that_cant_be_used_is_named_and_nothing_is_written(qtbot, window, monkeypatch):
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    seen = dialog_typed(qtbot, monkeypatch, 1, {"double_increment": "a bit"})
    view.lift.choose_rule()
    assert seen["problem"] == "⚠ Increment: “a bit” is not a number; type 0–100 kg"
    assert not (window.controller.folders.root / "progression_rules.json").exists()
    seen = dialog_typed(qtbot, monkeypatch, 3, {"training_max": "100", "weeks": "65×5, 75 / 70×3"})
    view.lift.choose_rule()
    assert seen["problem"] == "⚠ Weeks: “75” in week 1 is not percent×reps, like 75×5"
    assert not (window.controller.folders.root / "progression_rules.json").exists()


def test_the_rule_shortcut_is_listed_in_help(window):
    assert ("Progression rule", "Ctrl+Shift+P") in window.shortcut_rows()
