"""What the lifter types as an exercise name is what is saved, unless it is a catalogue
name or alias, or the lifter picks a suggestion."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import stored_session, to_working_sets, type_cells


def type_name(qtbot, view, typed: str, downs: int = 0) -> None:
    view.picker.setFocus()
    qtbot.keyClicks(view.picker.field, typed)
    for _ in range(downs):
        qtbot.keyClick(view.picker.field, Qt.Key.Key_Down)
    qtbot.keyClick(view.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.warmup_grid, timeout=2000)


def log_a_set_and_save(qtbot, window) -> dict:
    view = window.log_view
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["50", "8"])
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.saved_paths.paths is not None)
    return json.loads(window.saved_paths.paths.session_file.read_text(encoding="utf-8"))


def test_an_unknown_name_and_enter_stays_the_lifters_own_name(qtbot, window):
    view = window.log_view
    qtbot.keyClicks(view.picker.field, "abc")
    assert view.picker.suggestions()  # something is suggested …
    view.picker.field.clear()
    type_name(qtbot, view, "abc")  # … but Enter alone does not take it
    assert view.name.text() == "abc"
    assert view.new_badge.isVisible()
    assert "new exercise" in view.new_badge.text().lower()
    assert "new exercise" in view.exercise_list.item(0).toolTip().lower()
    document = log_a_set_and_save(qtbot, window)
    assert [e["Name"] for e in document["exercises"]] == ["abc"]


def test_a_catalogue_name_or_alias_typed_in_any_case_takes_the_catalogue_entry(qtbot, window):
    view = window.log_view
    type_name(qtbot, view, "bench press (barbell)")
    assert view.name.text() == "Barbell Bench Press"
    assert not view.new_badge.isVisible()
    type_name(qtbot, view, "OHP")
    assert view.name.text() == "Barbell Overhead Press"
    type_name(qtbot, view, "pull up")
    assert view.name.text() == "Pull-Up"
    document = log_a_set_and_save(qtbot, window)
    names = [e["Name"] for e in document["exercises"]]
    assert names == ["Barbell Bench Press", "Barbell Overhead Press", "Pull-Up"]


def test_a_suggestion_is_taken_only_when_picked(qtbot, window):
    view = window.log_view
    qtbot.keyClicks(view.picker.field, "bench")
    suggestions = view.picker.suggestions()
    assert suggestions[:2] == ["Barbell Bench Press", "Dumbbell Bench Press"]
    view.picker.field.clear()
    type_name(qtbot, view, "bench", downs=1)
    assert view.name.text() == "Barbell Bench Press"
    type_name(qtbot, view, "bench", downs=2)
    assert view.name.text() == "Dumbbell Bench Press"
    view.picker.setFocus()
    qtbot.keyClicks(view.picker.field, "squat")
    item = view.picker.list.item(1)
    qtbot.mouseClick(
        view.picker.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.picker.list.visualItemRect(item).center(),
    )
    qtbot.waitUntil(lambda: len(view.editor.draft.exercises) == 3, timeout=2000)
    assert view.editor.draft.exercises[2].name == suggestions_for(view, "squat")[1]
    type_name(qtbot, view, "bench")
    assert view.name.text() == "bench"  # Enter alone: as typed
    assert view.new_badge.isVisible()


def suggestions_for(view, typed: str) -> list[str]:
    return view.catalogue.search(typed, view.controller.exercise_names())


def test_a_name_from_the_lifters_history_takes_its_spelling_and_is_not_new(qtbot, window, logbook):
    logbook.save(stored_session("2026-01-05"))
    session = stored_session("2026-01-06")
    odd = replace(session.exercises[1], order=1, name="My Odd Carry")
    logbook.save(replace(session, exercises=(odd,)))
    window.controller.changed.emit()
    view = window.log_view
    type_name(qtbot, view, "my odd-carry")
    assert view.name.text() == "My Odd Carry"
    assert not view.new_badge.isVisible()


def test_renaming_follows_the_same_rule(qtbot, window):
    view = window.log_view
    type_name(qtbot, view, "abc")
    view.name.selectAll()
    qtbot.keyClicks(view.name, "barbell  bench-press")
    qtbot.keyClick(view.name, Qt.Key.Key_Return)
    assert view.editor.draft.exercises[0].name == "Barbell Bench Press"
    assert not view.new_badge.isVisible()
    view.name.selectAll()
    qtbot.keyClicks(view.name, "Zercher Walk")
    qtbot.keyClick(view.name, Qt.Key.Key_Return)
    assert view.editor.draft.exercises[0].name == "Zercher Walk"
    assert view.new_badge.isVisible()
