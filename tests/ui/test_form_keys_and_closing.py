"""Ctrl+D, the clickable paths of the last save, and closing with unsaved changes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from traininglog.store import queries

from helpers import add_exercise, to_working_sets, type_cells


def test_ctrl_d_copies_the_set_above(qtbot, window):
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["80", "5", "", "8", "", "", ""])  # first set; the cursor is on row 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    rows = view.editor.draft.exercises[0].workings
    assert [(r.weight, r.reps, r.rpe) for r in rows] == [("80", "5", "8"), ("80", "5", "8")]


def test_clicking_a_saved_path_opens_its_folder(qtbot, window, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    view = window.log_view
    add_exercise(qtbot, view, "squat")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["100", "5"])
    assert view.save()
    label = window.saved_paths
    paths = label.paths
    # The label's two links, as a click delivers them.
    for path in (paths.database, paths.session_file):
        link = QUrl.fromLocalFile(str(path.parent)).toString()
        assert f'href="{link}"' in label.text()
        label.linkActivated.emit(link)
    assert [u.toLocalFile() for u in opened] == [
        str(paths.database.parent),
        str(paths.session_file.parent),
    ]


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window, monkeypatch):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return answers.pop(0)

    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", answer)
    view = window.log_view
    add_exercise(qtbot, view, "deadlift")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["180", "3"])

    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted() and asked == ["Save this session?"]
    assert queries.session_count() == 0

    event = QCloseEvent()
    window.closeEvent(event)  # this time: Save
    assert event.isAccepted()
    assert queries.session_count() == 1


def test_alt_up_moves_the_exercise_up_and_undo_moves_it_back(qtbot, window):
    view = window.log_view
    for typed in ("bench", "squat"):
        add_exercise(qtbot, view, typed)
    view.exercise_list.setFocus()
    view.exercise_list.setCurrentRow(1)
    qtbot.keyClick(view.exercise_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    names = [e.name for e in view.editor.draft.exercises]
    assert names == ["Barbell Back Squat", "Barbell Bench Press"]
    assert view.exercise_list.item(0).text().startswith("1. Barbell Back Squat")
    window.undo_action.trigger()
    assert [e.name for e in view.editor.draft.exercises] == names[::-1]
