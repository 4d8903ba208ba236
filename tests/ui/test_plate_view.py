"""The plate calculator in the form: Ctrl+P on a weight cell, its tooltip, and the bar and
plates set in Settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from traininglog.domain.plates import PlateSet
from traininglog.ui.dialogs.settings_dialog import SettingsDialog

from helpers import add_exercise, to_working_sets, type_cells

CTRL = Qt.KeyboardModifier.ControlModifier


def type_a_set(qtbot, view, weight: str) -> None:
    add_exercise(qtbot, view, "squat")
    to_working_sets(qtbot, view)
    type_cells(qtbot, [weight, "5"])
    view.working_grid.setCurrentIndex(view.working_model.index(0, 1))  # on the reps cell


def press_ctrl_p(qtbot, view) -> str:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(view.lift.plate_view.isVisible, timeout=2000)
    return view.lift.plate_view.text()


def test_ctrl_p_shows_the_plates_per_side_and_esc_closes_it(qtbot, window):
    view = window.log_view
    type_a_set(qtbot, view, "95")
    assert press_ctrl_p(qtbot, view) == "95 kg: 20 kg bar + 25 · 10 · 2.5 per side"
    qtbot.keyClick(view.lift.plate_view, Qt.Key.Key_Escape)
    assert not view.lift.plate_view.isVisible()
    assert QApplication.focusWidget() is view.working_grid  # back where Ctrl+P was pressed
    tip = view.working_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Plates: 95 kg: 20 kg bar + 25 · 10 · 2.5 per side" in tip


def test_an_impossible_load_says_why_and_the_nearest_loads(qtbot, window):
    view = window.log_view
    type_a_set(qtbot, view, "101")
    text = press_ctrl_p(qtbot, view)
    assert (
        "101 kg can't be made: loads go up in steps of 2.5 kg, the lightest pair (2 × 1.25 kg)"
        in text
    )
    assert "nearest 100 kg (20 kg bar + 25 · 15 per side)" in text
    assert "or 102.5 kg (20 kg bar + 25 · 15 · 1.25 per side)" in text


def test_ctrl_p_works_in_the_warm_up_grid_too(qtbot, window):
    view = window.log_view
    add_exercise(qtbot, view, "squat")
    type_cells(qtbot, ["60", "5"])
    view.warmup_grid.setCurrentIndex(view.warmup_model.index(0, 0))
    assert press_ctrl_p(qtbot, view) == "60 kg: 20 kg bar + 20 per side"


def test_the_shortcut_is_listed_in_help(window):
    assert ("Plates for this weight", "Ctrl+P") in window.shortcut_rows()


def settings_typed(qtbot, monkeypatch, **fields):
    """The next Settings dialog gets these plate fields typed, then OK; returns what it did."""
    seen = {}

    def exec_(dialog: SettingsDialog) -> int:
        for name, text in fields.items():
            if name == "plate_unit":
                dialog.plate_unit.setCurrentIndex(dialog.plate_unit.findData(text))
                continue
            field = getattr(dialog, name)
            field.clear()
            qtbot.keyClicks(field, text)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        seen["problem"] = "" if dialog.plate_problem.isHidden() else dialog.plate_problem.text()
        seen["open"] = dialog.result() == 0
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    return seen


def test_the_plate_set_from_settings_changes_what_is_shown(qtbot, window, monkeypatch):
    view = window.log_view
    settings_typed(qtbot, monkeypatch, bar="15", plates_owned="20×4, 10×2, 5×2", collars="2.5")
    window.show_settings()
    assert window.settings.plate_set == PlateSet(15, [(20, 4), (10, 2), (5, 2)], 2.5)
    type_a_set(qtbot, view, "87.5")
    assert press_ctrl_p(qtbot, view) == (
        "87.5 kg: 15 kg bar + 20 · 10 · 5 per side + 2.5 kg collars"
    )
    qtbot.keyClick(view.lift.plate_view, Qt.Key.Key_Escape)
    view.working_grid.setCurrentIndex(view.working_model.index(0, 0))
    type_cells(qtbot, ["150"])
    assert "more than the plates owned make (at most 127.5 kg)" in press_ctrl_p(qtbot, view)


def test_pound_plates_load_a_weight_typed_in_kilograms(qtbot, window, monkeypatch):
    view = window.log_view
    settings_typed(
        qtbot, monkeypatch, plate_unit="lb", bar="45", plates_owned="45x8, 25x2, 10x2, 5x2, 2.5x2"
    )
    window.show_settings()
    type_a_set(qtbot, view, "225lb")
    assert press_ctrl_p(qtbot, view) == "225 lb: 45 lb bar + 45 · 45 per side"


def test_bad_plate_settings_name_the_field_and_keep_the_dialog_open(qtbot, window, monkeypatch):
    before = window.settings.plate_set
    seen = settings_typed(qtbot, monkeypatch, plates_owned="25×8, 20")
    window.show_settings()
    assert seen["open"]
    assert seen["problem"] == "⚠ Plates owned: “20” is not weight×count, like 25×8"
    assert window.settings.plate_set == before
    seen = settings_typed(qtbot, monkeypatch, bar="heavy")
    window.show_settings()
    assert seen["open"]
    assert seen["problem"] == "⚠ Bar: “heavy” is not a weight; type a number of kg, 0–1000"
    assert window.qsettings.value("plates/bar") is None  # nothing written


def test_the_popup_stays_on_the_screen_near_its_edges(qtbot, window):
    from PySide6.QtCore import QPoint

    view = window.log_view
    popup = view.lift.plate_view
    screen = window.screen().availableGeometry()
    # Asked to open past the bottom-right corner (a weight cell at the screen's edge).
    popup.show_line("95 kg: 20 kg bar + 25 · 10 · 2.5 per side", screen.bottomRight())
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert screen.contains(popup.frameGeometry().topLeft())
    assert screen.contains(popup.frameGeometry().bottomRight())
    popup.close()
    popup.show_line("95 kg", QPoint(screen.left() + 10, screen.top() + 10))
    assert popup.pos() == QPoint(screen.left() + 10, screen.top() + 10)  # left where it fits
    popup.close()


def test_on_a_body_weight_set_ctrl_p_says_there_is_no_bar(qtbot, window):
    view = window.log_view
    type_a_set(qtbot, view, "BW+20")
    assert press_ctrl_p(qtbot, view) == "Body weight + 20 kg on a belt or vest: no bar"
    qtbot.keyClick(view.lift.plate_view, Qt.Key.Key_Escape)
    view.working_grid.setCurrentIndex(view.working_model.index(0, 0))
    type_cells(qtbot, ["BW-30"])
    view.working_grid.setCurrentIndex(view.working_model.index(0, 1))
    assert press_ctrl_p(qtbot, view).startswith("Assisted: the machine's weight is taken off")
