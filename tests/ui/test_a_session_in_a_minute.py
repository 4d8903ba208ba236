"""The front page's promise, counted: a three-exercise session (three warm-ups and three
working sets each) typed from an empty window in at most 150 keystrokes, and the same session
started from last time with two weights changed in at most 25. Every key is a real key event
sent to whatever has the keyboard; the tests save and read the file."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

FROM_SCRATCH_BUDGET = 150
FROM_LAST_TIME_BUDGET = 25

# Typed name (and whether Down picks the first suggestion), warm-ups, the working weight.
SESSION = (
    ("bench", True, (("20", "8"), ("40", "5"), ("60", "3")), "80"),
    ("squat", False, (("40", "5"), ("70", "3"), ("90", "2")), "110"),
    ("ohp", False, (("20", "8"), ("30", "5"), ("40", "3")), "50"),
)
REPS = "5"


class Keyboard:
    """Presses keys into the focused widget and counts them."""

    def __init__(self, qtbot):
        self.qtbot, self.count = qtbot, 0

    def type(self, text: str) -> None:
        for char in text:
            self.qtbot.keyClicks(QApplication.focusWidget(), char)
            self.count += 1

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)
            QApplication.processEvents()  # a cell editor commits on Enter by a queued call
            self.count += 1

    def enter(self, times: int = 1) -> None:
        self.press(Qt.Key.Key_Return, times=times)

    def ctrl(self, key) -> None:
        self.press(key, Qt.KeyboardModifier.ControlModifier)


def save(qtbot, window, keys: Keyboard) -> dict:
    keys.ctrl(Qt.Key.Key_S)
    qtbot.waitUntil(lambda: window.saved_paths.paths is not None)
    return json.loads(window.saved_paths.paths.session_file.read_text(encoding="utf-8"))


def type_the_session(qtbot, window) -> tuple[dict, int]:
    view, keys = window.log_view, Keyboard(qtbot)
    window.activateWindow()
    keys.ctrl(Qt.Key.Key_N)
    keys.type("upper")
    keys.enter()  # on to Add exercise
    for name, pick_first, warmups, weight in SESSION:
        keys.type(name)
        if pick_first:
            keys.press(Qt.Key.Key_Down)
        keys.enter()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is view.warmup_grid, timeout=2000)
        for warmup_weight, reps in warmups:
            keys.type(warmup_weight)
            keys.enter()
            keys.type(reps)
            keys.enter(2)  # past the notes: the next warm-up
        keys.enter()  # on the empty row: on to the working sets
        keys.type(weight)
        keys.enter()
        keys.type(REPS)
        keys.enter(6)  # partial, RPE, feel, rest, notes left empty: the next set
        for _ in range(2):  # two more sets like it: Ctrl+D, and Down to the next
            keys.ctrl(Qt.Key.Key_D)
            keys.press(Qt.Key.Key_Down)
        keys.enter()  # on the empty row: this exercise is done
        assert QApplication.focusWidget() is view.picker.field
    return save(qtbot, window, keys), keys.count


def test_a_whole_session_from_an_empty_window_in_150_keys(qtbot, window) -> None:
    document, count = type_the_session(qtbot, window)
    print(f"\nkeystrokes for 3 exercises x (3 warm-ups + 3 working sets): {count}")
    assert count <= FROM_SCRATCH_BUDGET
    assert document["focus"] == "upper"
    assert [e["Name"] for e in document["exercises"]] == [
        "Barbell Bench Press",
        "Barbell Back Squat",
        "Barbell Overhead Press",
    ]
    for exercise, (_, _, warmups, weight) in zip(document["exercises"], SESSION, strict=True):
        assert [(w["weightKg"], w["repCount"]) for w in exercise["warmupSets"]] == [
            (float(x), int(r)) for x, r in warmups
        ]
        assert [(s["weightKg"], s["repCount"]["full"]) for s in exercise["workingSets"]] == [
            (float(weight), int(REPS))
        ] * 3


def test_last_times_session_with_two_weights_changed_in_25_keys(qtbot, window) -> None:
    type_the_session(qtbot, window)
    view, keys = window.log_view, Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_N)
    keys.type("upper")
    keys.ctrl(Qt.Key.Key_T)  # Start from last upper session
    assert QApplication.focusWidget() is view.working_grid
    keys.type("82.5")  # over last time's first working weight
    keys.enter()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Left)
    keys.type("82.5")  # and the second
    keys.enter()
    document = save(qtbot, window, keys)
    print(f"\nkeystrokes from last time, two weights changed: {keys.count}")
    assert keys.count <= FROM_LAST_TIME_BUDGET
    bench = document["exercises"][0]["workingSets"]
    assert [s["weightKg"] for s in bench] == [82.5, 82.5, 80]
    assert len(document["exercises"]) == 3
    assert document["exercises"][1]["workingSets"][0]["weightKg"] == 110
