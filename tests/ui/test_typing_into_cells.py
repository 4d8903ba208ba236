"""Every keystroke typed into a set grid's cell lands in it, however the cell was reached,
and what is saved is exactly what was typed."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import add_exercise, to_working_sets, type_cells

WEIGHT, REPS, PARTIAL, RPE, FEEL, REST, NOTES = range(7)


def type_text(qtbot, text: str) -> None:
    """Type key by key into whatever has the keyboard (the first key opens the editor)."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    QApplication.processEvents()  # the cell editor commits on Enter through a queued call


def click_cell(qtbot, grid, row: int, column: int, double: bool = False) -> None:
    where = grid.visualRect(grid.model().index(row, column)).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=where)
    if double:  # a real double-click: press and release, then the double-click event
        qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QApplication.processEvents()


def pause_between_clicks(qtbot) -> None:
    """Long enough that two clicks are two clicks, not a double-click."""
    qtbot.wait(QApplication.doubleClickInterval() + 50)


def save_and_read(qtbot, window) -> dict:
    view = window.log_view
    assert view.save_button.isEnabled(), view.problem_label.text()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.saved_paths.paths is not None)
    path = window.saved_paths.paths.session_file
    assert path.parent == window.controller.folders.sessions
    return json.loads(path.read_text(encoding="utf-8"))


def working_sets(document: dict) -> list[tuple]:
    return [
        (
            s["weightKg"],
            s["repCount"]["full"],
            s["repCount"]["partial"],
            s["rpe"],
            s["repAssessment"],
            s["actualRestMinutes"],
            s["notes"],
        )
        for s in document["exercises"][0]["workingSets"]
    ]


def start_squats(qtbot, window):
    view = window.log_view
    add_exercise(qtbot, view, "Barbell Back Squat")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["100", "5", "", "8", "good", "3", "fine"])
    return view.working_grid


def test_a_click_then_typing_replaces_the_cell(qtbot, window):
    grid = start_squats(qtbot, window)
    click_cell(qtbot, grid, 0, WEIGHT)
    type_text(qtbot, "62")
    press(qtbot, Qt.Key.Key_Return)
    assert working_sets(save_and_read(qtbot, window))[0][WEIGHT] == 62


def test_typing_into_the_cell_already_selected_keeps_the_first_keystroke(qtbot, window):
    grid = start_squats(qtbot, window)
    click_cell(qtbot, grid, 0, WEIGHT)
    pause_between_clicks(qtbot)
    click_cell(qtbot, grid, 0, WEIGHT)  # the same cell again, now that it is selected
    type_text(qtbot, "62")
    press(qtbot, Qt.Key.Key_Return)
    pause_between_clicks(qtbot)
    click_cell(qtbot, grid, 0, REPS)  # where the Enter moved to: already selected
    type_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    assert working_sets(save_and_read(qtbot, window))[0][:2] == (62, 7)


def test_typing_into_feel_replaces_the_word_there(qtbot, window):
    grid = start_squats(qtbot, window)
    click_cell(qtbot, grid, 0, FEEL)
    type_text(qtbot, "hard")
    press(qtbot, Qt.Key.Key_Return)
    assert window.log_view.editor.draft.exercises[0].workings[0].feel == "hard"
    press(qtbot, Qt.Key.Key_Left)  # back onto Feel with the keyboard
    type_text(qtbot, "easy")
    press(qtbot, Qt.Key.Key_Tab)
    assert working_sets(save_and_read(qtbot, window))[0][FEEL] == "easy"


def test_a_double_click_or_f2_edits_in_place_with_the_caret_at_the_end(qtbot, window):
    grid = start_squats(qtbot, window)
    click_cell(qtbot, grid, 0, REST, double=True)
    type_text(qtbot, ".5")
    press(qtbot, Qt.Key.Key_Return)
    click_cell(qtbot, grid, 0, NOTES)
    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, ", deep")
    press(qtbot, Qt.Key.Key_Return)
    click_cell(qtbot, grid, 0, FEEL, double=True)
    type_text(qtbot, "x")
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Return)
    saved = working_sets(save_and_read(qtbot, window))[0]
    assert saved[REST] == 3.5
    assert saved[NOTES] == "fine, deep"
    assert saved[FEEL] == "good"


def test_tab_enter_arrows_new_rows_and_ctrl_d_all_take_every_keystroke(qtbot, window):
    grid = start_squats(qtbot, window)
    # Enter past the last cell added row 2 and put the cursor in it: type straight away.
    type_text(qtbot, "82.5")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "4")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)  # partial left empty; Tab moves on without an editor
    type_text(qtbot, "9.5")
    press(qtbot, Qt.Key.Key_Return)
    # Arrows from a cell that is not being edited (row 2's Feel): to row 1's RPE, 8 there.
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Left)
    type_text(qtbot, "7.5")
    press(qtbot, Qt.Key.Key_Return)  # on to row 1's Feel
    press(qtbot, Qt.Key.Key_Down)
    type_text(qtbot, "grinder")
    press(qtbot, Qt.Key.Key_Return)
    # Enter through row 2's empty Rest and Notes starts row 3; Ctrl+D copies row 2 into it,
    # then the weight is typed over the copy.
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (2, WEIGHT)
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "85")
    press(qtbot, Qt.Key.Key_Return)
    assert working_sets(save_and_read(qtbot, window)) == [
        (100, 5, 0, 7.5, "good", 3, "fine"),
        (82.5, 4, 0, 9.5, "grinder", None, None),
        (85, 4, 0, 9.5, "grinder", None, None),
    ]


def test_clicking_another_cell_while_typing_keeps_both(qtbot, window):
    grid = start_squats(qtbot, window)
    click_cell(qtbot, grid, 0, WEIGHT)
    type_text(qtbot, "102.5")  # the editor is still open …
    click_cell(qtbot, grid, 0, REPS)  # … when another cell is clicked
    type_text(qtbot, "4")
    press(qtbot, Qt.Key.Key_Return)
    document = save_and_read(qtbot, window)
    assert working_sets(document)[0][:2] == (102.5, 4)


def test_typing_into_an_empty_grid_starts_its_first_set(qtbot, window):
    grid = start_squats(qtbot, window)
    warmups = window.log_view.warmup_grid
    assert warmups.model().rowCount() == 0  # Enter on its empty row finished the warm-ups
    click_cell(qtbot, grid, 0, REPS)
    type_text(qtbot, "6")  # an editor open in the working sets …
    qtbot.mouseClick(warmups.viewport(), Qt.MouseButton.LeftButton)  # … then the warm-ups
    QApplication.processEvents()
    type_text(qtbot, "60")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    document = save_and_read(qtbot, window)
    assert working_sets(document)[0][:2] == (100, 6)
    assert [(w["weightKg"], w["repCount"]) for w in document["exercises"][0]["warmupSets"]] == [
        (60, 5)
    ]


def test_ctrl_s_with_a_cell_still_open_saves_what_is_in_it(qtbot, window):
    grid = start_squats(qtbot, window)
    click_cell(qtbot, grid, 0, NOTES, double=True)
    type_text(qtbot, ", belt")  # no Enter: the cell is still being edited
    assert working_sets(save_and_read(qtbot, window))[0][NOTES] == "fine, belt"
