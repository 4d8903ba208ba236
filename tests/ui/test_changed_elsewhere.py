"""A session open in the form that another computer changed (or deleted) meanwhile: saving
opens the choice instead of overwriting, and every version not kept is in the trash."""

from __future__ import annotations

import dataclasses
import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from traininglog.sessionfiles import decode, encode
from traininglog.store import queries
from traininglog.ui.logging_form.changed_elsewhere import ChangedElsewhereDialog

from helpers import stored_session, type_cells


def open_in_form(qtbot, window, logbook):
    """A stored session, opened for editing from the history, its first weight changed."""
    s = stored_session("2026-02-16")
    path = logbook.save(s).session_file
    window.controller.changed.emit()
    window.edit_session(s.id)
    view = window.log_view
    view.exercise_list.setCurrentRow(0)
    type_into_first_weight(qtbot, view, "85")
    assert view.editor.draft.exercises[0].workings[0].weight == "85"
    return s, path


def type_into_first_weight(qtbot, view, text: str) -> None:
    """Click the first working set's weight, as a lifter would, and type over it."""
    grid = view.working_grid
    cell = grid.visualRect(grid.model().index(0, 0)).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    window = view.window()
    if not window.isActiveWindow():  # back from the choice: the window is the lifter's again
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid, timeout=2000)
    type_cells(qtbot, [text])


def changed_on_the_other_computer(path, s):
    theirs = dataclasses.replace(s, focus="changed on the laptop")
    path.write_bytes(encode(theirs))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    return theirs


def answer(qtbot, button_name: str | None, seen: list):
    """Press a button of the choice when it opens (None: Cancel)."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChangedElsewhereDialog):
            QTimer.singleShot(20, press)
            return
        seen.append(dialog)
        if button_name is None:
            dialog.reject()
        else:
            qtbot.mouseClick(dialog.findChild(QPushButton, button_name), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)


def save_with_ctrl_s(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def trash_contents(logbook) -> list[bytes]:
    return sorted(p.read_bytes() for p in logbook.folders.trash.iterdir())


def test_keep_mine_saves_mine_and_puts_theirs_in_the_trash(qtbot, window, logbook):
    s, path = open_in_form(qtbot, window, logbook)
    theirs = changed_on_the_other_computer(path, s)
    seen: list = []
    answer(qtbot, "keepMine", seen)
    save_with_ctrl_s(qtbot, window)
    assert seen, "the choice was not offered"
    assert seen[0].findChild(object, "versionDifferences").rowCount() >= 2  # focus and weight
    mine = decode(path.read_bytes())
    assert mine.exercises[0].working_sets[0].weight_kg == 85 and mine.focus == s.focus
    assert trash_contents(logbook) == [encode(theirs)]
    assert not window.log_view.editor.dirty
    # Saving again is based on what was just written: no question this time.
    type_into_first_weight(qtbot, window.log_view, "87.5")
    assert window.log_view.save()
    assert decode(path.read_bytes()).exercises[0].working_sets[0].weight_kg == 87.5


def test_keep_theirs_loads_theirs_and_puts_mine_in_the_trash(qtbot, window, logbook):
    s, path = open_in_form(qtbot, window, logbook)
    theirs = changed_on_the_other_computer(path, s)
    typed = window.log_view.editor.draft
    seen: list = []
    answer(qtbot, "keepTheirs", seen)
    save_with_ctrl_s(qtbot, window)
    assert seen
    assert path.read_bytes() == encode(theirs)
    assert queries.load_session(s.id) == theirs
    (kept_mine,) = trash_contents(logbook)
    assert decode(kept_mine).exercises[0].working_sets[0].weight_kg == 85
    assert window.log_view.editor.draft != typed
    assert window.log_view.header.focus.text() == "changed on the laptop"


def test_keep_both_saves_mine_as_a_session_of_its_own(qtbot, window, logbook):
    s, path = open_in_form(qtbot, window, logbook)
    theirs = changed_on_the_other_computer(path, s)
    seen: list = []
    answer(qtbot, "keepBoth", seen)
    save_with_ctrl_s(qtbot, window)
    assert seen
    assert path.read_bytes() == encode(theirs)
    stored = {x.id: x for x in queries.load_sessions()}
    assert len(stored) == 2 and stored[s.id] == theirs
    (own,) = (x for sid, x in stored.items() if sid != s.id)
    assert own.exercises[0].working_sets[0].weight_kg == 85
    assert window.log_view.editor.draft.session_id == own.id


@pytest.mark.parametrize("deleted", [False, True])
def test_cancel_saves_nothing_and_keeps_what_was_typed(qtbot, window, logbook, deleted):
    s, path = open_in_form(qtbot, window, logbook)
    if deleted:
        path.unlink()
        theirs_bytes = None
    else:
        theirs_bytes = encode(changed_on_the_other_computer(path, s))
    typed = window.log_view.editor.draft
    seen: list = []
    answer(qtbot, None, seen)
    save_with_ctrl_s(qtbot, window)
    assert seen
    assert (path.read_bytes() if path.exists() else None) == theirs_bytes
    assert window.log_view.editor.draft == typed and window.log_view.editor.dirty
    assert trash_contents(logbook) == []
