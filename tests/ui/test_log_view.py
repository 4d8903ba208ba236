"""The logging form: last time, templates, validation, undo, drafts, edits, failed saves."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from traininglog.drafts.draft_file import draft_path
from traininglog.store import queries
from traininglog.ui.shell.main_window import MainWindow

from helpers import add_exercise, stored_session, to_working_sets, type_cells


def test_last_time_shows_the_previous_sets_and_repeat_fills_the_grid(qtbot, window, logbook):
    logbook.save(stored_session("2026-01-05", bench=((75, 5, 7.5),)))
    logbook.save(stored_session("2026-01-12", bench=((80, 5, 8.0), (80, 4, 9.0))))
    window.controller.changed.emit()
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    body = view.last_time.body.text()
    assert (
        "Mon 12 Jan" in body and "days ago" in body and "80 × 5 @8" in body and "80 × 4 @9" in body
    )
    assert "75" not in body  # only the most recent session
    assert "Best e1RM" in view.last_time.best.text()
    qtbot.mouseClick(view.last_time.repeat, Qt.MouseButton.LeftButton)
    exercise = view.editor.draft.exercises[0]
    assert [(s.weight, s.reps, s.rpe, s.hint("rpe")) for s in exercise.workings] == [
        ("80", "5", "", "8"),  # last time's RPE is a hint, not today's value
        ("80", "4", "", "9"),
    ]
    assert [(s.weight, s.reps) for s in exercise.warmups] == [("40", "8")]
    assert view.save_button.isEnabled()


def test_start_from_the_last_session_of_a_focus_copies_its_exercises(qtbot, window, logbook):
    logbook.save(stored_session("2026-01-05", focus="upper-strength", bench=((70, 5, 8.0),)))
    logbook.save(stored_session("2026-01-08", focus="lower", bench=((10, 1, None),)))
    window.controller.changed.emit()
    view = window.log_view
    view.header.focus.clear()
    qtbot.keyClicks(view.header.focus, "upper-strength")
    assert view.header.template.isEnabled()
    assert view.header.template.text() == "Start from las&t session"
    assert view.header.template.toolTip() == "Start from the last upper-strength session (Ctrl+T)"
    qtbot.mouseClick(view.header.template, Qt.MouseButton.LeftButton)
    names = [e.name for e in view.editor.draft.exercises]
    assert names == ["Barbell Bench Press", "Barbell Row"]
    assert view.editor.draft.exercises[0].workings[0].weight == "70"
    assert view.editor.draft.session_id is None  # a template, not an edit of that session


@pytest.mark.parametrize(
    ("column", "typed", "message"),
    [
        (0, "-5", "-5 is below zero: weights are 0–1,000 kg"),
        (1, "abc", "“abc” is not a number of reps"),
        (3, "11", "RPE 11 is out of range: use 1–10 in half steps"),
    ],
)
def test_an_invalid_cell_turns_red_and_blocks_save(qtbot, window, column, typed, message):
    view = window.log_view
    add_exercise(qtbot, view, "squat")
    to_working_sets(qtbot, view)
    good = ["100", "5", "", "8"]
    good[column] = typed
    type_cells(qtbot, good)
    index = view.working_model.index(0, column)
    assert message in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not view.save_button.isEnabled()
    assert message in view.problem_label.text()
    assert "Barbell Back Squat, set 1" in view.problem_label.text()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert queries.session_count() == 0  # nothing invalid reaches the save service


def test_rpe_and_weights_accept_every_value_the_schema_does(qtbot, window):
    view = window.log_view
    add_exercise(qtbot, view, "squat")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["185lb", "5", "", "1.5"])
    row = view.editor.draft.exercises[0].workings[0]
    assert row.weight == "185lb" and row.rpe == "1.5"
    assert view.save_button.isEnabled(), view.problem_label.text()
    assert view.save()
    saved = queries.load_session(view.editor.draft.session_id)
    assert saved.exercises[0].working_sets[0].weight_kg == pytest.approx(83.91)
    assert saved.exercises[0].working_sets[0].rpe == 1.5


def test_undo_and_redo_walk_back_through_every_edit(qtbot, window):
    view = window.log_view
    stack = view.editor.undo_stack
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["80", "5"])
    typed = view.editor.draft
    assert typed.exercises[0].workings[0].reps == "5"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.draft.exercises[0].workings[0].reps == ""
    assert view.working_model.index(0, 1).data() == ""
    window.undo_action.trigger()
    assert view.editor.draft.exercises[0].workings[0].weight == ""
    while stack.canUndo():
        window.undo_action.trigger()
    assert view.editor.draft.exercises == ()
    assert view.exercise_list.count() == 0
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, redo)
    assert [e.name for e in view.editor.draft.exercises] == ["Barbell Bench Press"]
    while stack.canRedo():
        window.redo_action.trigger()
    assert view.editor.draft == typed
    assert view.working_model.index(0, 1).data() == "5"


def test_a_draft_comes_back_after_the_window_dies_without_saving(
    qtbot, window, controller, qsettings, monkeypatch
):
    view = window.log_view
    add_exercise(qtbot, view, "deadlift")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["180", "3"])
    view.write_draft_now()  # what the 3-second timer does
    assert draft_path(controller.folders.root).exists()
    # The window is destroyed without asking (a crash, a flat battery).
    view.editor.saved_draft = view.editor.draft
    window.deleteLater()
    QApplication.processEvents()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    reborn = MainWindow(controller, qsettings)
    qtbot.addWidget(
        reborn,
        before_close_func=lambda w: setattr(
            w.log_view.editor, "saved_draft", w.log_view.editor.draft
        ),
    )
    reborn.offer_draft_restore()
    exercise = reborn.log_view.editor.draft.exercises[0]
    assert exercise.name == "Conventional Deadlift"
    assert (exercise.workings[0].weight, exercise.workings[0].reps) == ("180", "3")
    assert reborn.log_view.editor.dirty
    assert reborn.log_view.save()
    assert not draft_path(controller.folders.root).exists()


def test_editing_a_saved_session_rewrites_its_file(qtbot, window, logbook):
    first = stored_session("2026-01-05")
    old_path = logbook.save(first).session_file
    window.controller.changed.emit()
    window.show_history()
    table = window.history.table
    table.setCurrentIndex(window.history.model.index(0, 0))
    qtbot.mouseClick(window.history.edit_button, Qt.MouseButton.LeftButton)
    view = window.log_view
    assert view.editor.draft.session_id == first.id
    # Unchanged: saving again writes the very same bytes.
    before = old_path.read_bytes()
    assert view.save()
    assert old_path.read_bytes() == before
    # Change a set and the date: the file is rewritten under the new date's name.
    view.exercise_list.setCurrentRow(0)
    view.editor.set_cell(0, "working", 0, "reps", "6")
    view.editor.set_header(date=datetime(2026, 1, 6, 18, 0).isoformat())
    assert view.save()
    new_path = window.saved_paths.paths.session_file
    assert new_path.name == f"training_session_2026_01_06_{first.id[:8]}.json"
    assert not old_path.exists()
    document = json.loads(new_path.read_text(encoding="utf-8"))
    assert document["exercises"][0]["workingSets"][0]["repCount"]["full"] == 6
    assert queries.session_count() == 1


def test_a_failed_save_keeps_everything_typed(qtbot, window, controller, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["80", "5"])
    typed = view.editor.draft
    # The sessions folder is replaced by a file: nothing can be written there.
    sessions = controller.folders.sessions
    shutil.rmtree(sessions)
    sessions.write_text("not a folder")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert messages and "Not a directory" in messages[0]
    assert "folder" in messages[0].lower()
    assert view.editor.draft == typed
    assert view.editor.dirty
    assert queries.session_count() == 0
    sessions.unlink()
    sessions.mkdir()
    assert view.save()  # once the folder is back, the same form saves
    assert queries.session_count() == 1
    assert replace(view.editor.draft, session_id=None, based_on=None) == typed
