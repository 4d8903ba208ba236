"""Logging a whole session with the keyboard alone, as a lifter would after training."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from traininglog.store import queries

SESSION = [
    # exercise typed, expected name, warm-ups, working sets (weight, reps, partial, rpe);
    # "bench" is a few letters, not a name: Down picks the first suggestion. The others are
    # catalogue names or aliases, or the lifter's own name, and Enter alone takes them.
    (
        "bench",
        "Barbell Bench Press",
        [("20", "10"), ("60", "5")],
        [("80", "5", "", "8"), ("80", "5", "2", "9")],
    ),
    ("squat", "Barbell Back Squat", [("60", "5")], [("120", "5", "", "8.5")]),
    ("Barbell Row", "Barbell Row", [], [("70", "8", "", "")]),
    ("ohp", "Barbell Overhead Press", [], [("50", "6", "", "9")]),
    ("pullup", "Pull-Up", [], [("0", "10", "", ""), ("0", "8", "", "")]),
    ("My Odd Carry", "My Odd Carry", [], [("40", "1", "", "")]),
]


def type_cells(qtbot, widget, values):
    """Type each value into the current cell and press Enter, as a person would."""
    for value in values:
        for char in value:  # the first key opens the cell's editor, which then has the focus
            qtbot.keyClicks(QApplication.focusWidget(), char)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        QApplication.processEvents()  # the cell editor commits on Enter through a queued call


def test_a_six_exercise_session_typed_by_keyboard_lands_in_both_stores(qtbot, window, controller):
    view = window.log_view
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.header.focus, "upper-strength")
    qtbot.keyClick(view.header.focus, Qt.Key.Key_Return)  # on to "Add exercise"
    for typed, expected, warmups, workings in SESSION:
        assert QApplication.focusWidget() is view.picker.field
        qtbot.keyClicks(view.picker.field, typed)
        if typed == "bench":
            qtbot.keyClick(view.picker.field, Qt.Key.Key_Down)
        qtbot.keyClick(view.picker.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda e=expected: view.name.text() == e, timeout=2000)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is view.warmup_grid, timeout=2000)
        for weight, reps in warmups:
            type_cells(qtbot, view.warmup_grid, [weight, reps, ""])
        type_cells(qtbot, view.warmup_grid, [""])  # Enter on the empty row: warm-ups done
        assert QApplication.focusWidget() is view.working_grid
        for weight, reps, partial, rpe in workings:
            type_cells(qtbot, view.working_grid, [weight, reps, partial, rpe, "", "", ""])
        type_cells(qtbot, view.working_grid, [""])  # done: back to "Add exercise"
        assert QApplication.focusWidget() is view.picker.field

    assert view.save_button.isEnabled(), view.problem_label.text()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.saved_paths.paths is not None)

    paths = window.saved_paths.paths
    assert paths.session_file.exists()
    assert str(paths.session_file) in window.saved_paths.text()
    assert str(paths.database) in window.saved_paths.text()
    document = json.loads(paths.session_file.read_text(encoding="utf-8"))
    names = [e["Name"] for e in document["exercises"]]
    assert names == [expected for _, expected, _, _ in SESSION]
    bench = document["exercises"][0]
    assert [(s["weightKg"], s["repCount"]) for s in bench["warmupSets"]] == [(20, 10), (60, 5)]
    assert [(s["weightKg"], s["repCount"], s["rpe"]) for s in bench["workingSets"]] == [
        (80, {"full": 5, "partial": 0}, 8),
        (80, {"full": 5, "partial": 2}, 9),
    ]
    assert document["focus"] == "upper-strength"
    assert bench["targetMuscleGroups"] == ["chest"]
    stored = queries.load_session(document["_id"])
    assert stored is not None and len(stored.exercises) == 6
    assert stored.exercises[1].working_sets[0].rpe == 8.5
    assert not view.editor.dirty
