"""Supersets in the form: Ctrl+G puts the exercise with the one below it (or every selected
exercise) into a superset, the list shows them as A1, A2…, Ctrl+Shift+G takes them out, and
the saved file carries the group. A session opened again for editing keeps its groups."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from helpers import add_exercise, to_working_sets, type_cells

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def log_three(qtbot, view) -> None:
    for typed in ("squat", "bench", "barbell row"):
        add_exercise(qtbot, view, typed)
        to_working_sets(qtbot, view)
        type_cells(qtbot, ["100", "5"])


def list_texts(view) -> list[str]:
    return [view.exercise_list.item(r).text() for r in range(view.exercise_list.count())]


def test_ctrl_g_makes_a_superset_and_the_file_keeps_it(qtbot, window):
    view = window.log_view
    log_three(qtbot, view)
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(1)  # bench
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    assert [e.group for e in view.editor.draft.exercises] == [None, "A", "A"]
    texts = list_texts(view)
    assert texts[0].startswith("1. Barbell Back Squat")
    assert texts[1].startswith("2. A1 · Barbell Bench Press")
    assert texts[2].startswith("3. A2 · Barbell Row")
    assert view.save()
    document = json.loads(window.saved_paths.paths.session_file.read_text("utf-8"))
    assert document["dataModelVersion"] == "0.1.0"
    assert [e.get("group") for e in document["exercises"]] == [None, "A", "A"]
    # Undo takes the superset back, like any other change to the form.
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert [e.group for e in view.editor.draft.exercises] == [None, None, None]


def test_selected_exercises_join_one_superset_and_ctrl_shift_g_takes_them_out(qtbot, window):
    view = window.log_view
    log_three(qtbot, view)
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(0)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    assert [e.group for e in view.editor.draft.exercises] == ["A", "A", "A"]  # a circuit
    view.exercise_list.setCurrentRow(2)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL | SHIFT)
    assert [e.group for e in view.editor.draft.exercises] == ["A", "A", None]
    view.exercise_list.setCurrentRow(0)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL | SHIFT)
    # A superset of one is no superset: the other one leaves it too.
    assert [e.group for e in view.editor.draft.exercises] == [None, None, None]
    assert view.save()
    document = json.loads(window.saved_paths.paths.session_file.read_text("utf-8"))
    assert document["dataModelVersion"] == "0.0.1"
    assert all("group" not in e for e in document["exercises"])


def test_a_second_superset_takes_the_next_letter(qtbot, window):
    view = window.log_view
    log_three(qtbot, view)
    add_exercise(qtbot, view, "curl")
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(0)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    view.exercise_list.setCurrentRow(2)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    assert [e.group for e in view.editor.draft.exercises] == ["A", "A", "B", "B"]
    assert list_texts(view)[3].startswith("4. B2 · ")


def test_a_superset_opened_again_for_editing_keeps_its_groups(qtbot, window):
    view = window.log_view
    log_three(qtbot, view)
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(0)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    assert view.save()
    saved_id = view.editor.draft.session_id
    window.show_history()
    page = window.history
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens it in the form
    qtbot.waitUntil(lambda: window.views.currentWidget() is view)
    assert view.editor.draft.session_id == saved_id
    assert [e.group for e in view.editor.draft.exercises] == ["A", "A", None]


def test_the_history_detail_shows_the_labels(qtbot, window):
    view = window.log_view
    log_three(qtbot, view)
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(1)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    assert view.save()
    window.show_history()
    page = window.history
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    text = page.detail.toPlainText()
    assert "2. A1 · Barbell Bench Press" in text
    assert "3. A2 · Barbell Row" in text
    assert "1. Barbell Back Squat" in text


def test_the_exercise_shown_says_which_superset_it_is_in(qtbot, window):
    view = window.log_view
    log_three(qtbot, view)
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(1)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    assert view.supersets.badge.isVisible()
    assert view.supersets.badge.text() == "A1 · with A2 Barbell Row"
    view.exercise_list.setCurrentRow(2)
    assert view.supersets.badge.text() == "A2 · with A1 Barbell Bench Press"
    view.exercise_list.setCurrentRow(0)
    assert not view.supersets.badge.isVisible()


def test_sets_of_a_superset_are_typed_in_the_order_done(qtbot, window):
    """Bench and row as a superset: past the end of a bench set, Enter goes on to the row's
    set of the same number, and past the row's, back to the bench's next set."""
    view = window.log_view
    for typed in ("bench", "barbell row"):
        add_exercise(qtbot, view, typed)
        to_working_sets(qtbot, view)
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(0)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_G, CTRL)
    view.working_grid.setFocus()
    view.working_grid.setCurrentIndex(view.working_model.index(0, 0))
    columns = view.working_model.columnCount()
    whole_row = ["80", "5"] + [""] * (columns - 2)  # weight, reps, and Enter past the rest
    type_cells(qtbot, whole_row)  # A1 set 1
    assert view.current == 1 and view.working_grid.currentIndex().row() == 0
    type_cells(qtbot, ["60", "10"] + [""] * (columns - 2))  # A2 set 1
    assert view.current == 0 and view.working_grid.currentIndex().row() == 1
    type_cells(qtbot, ["82.5", "5"] + [""] * (columns - 2))  # A1 set 2
    assert view.current == 1 and view.working_grid.currentIndex().row() == 1
    type_cells(qtbot, ["60", "9"])  # A2 set 2
    bench, row = view.editor.draft.exercises
    assert [(s.weight, s.reps) for s in bench.workings if not s.is_blank()] == [
        ("80", "5"),
        ("82.5", "5"),
    ]
    assert [(s.weight, s.reps) for s in row.workings if not s.is_blank()] == [
        ("60", "10"),
        ("60", "9"),
    ]
