"""Keyboard first: Tab leaves grids and tables, Enter opens a session, Ctrl+F finds, Ctrl+L
adds an exercise, Ctrl+Tab goes between the set grids, F1 lists every shortcut, and the
window fits the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from helpers import add_exercise, stored_session, to_working_sets, type_cells


def focus() -> object:
    return QApplication.focusWidget()


def inside(widget) -> bool:
    return focus() is widget or widget.isAncestorOf(focus())


def test_tab_leaves_the_working_grid_after_its_last_cell(qtbot, window) -> None:
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["80", "5"])
    grid = view.working_grid
    grid.setCurrentIndex(grid.model().index(0, grid.model().columnCount() - 1))
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert not inside(grid) and not inside(view.warmup_grid)
    assert focus() in (view.last_time.repeat, view.save_button)


def test_shift_tab_leaves_a_grid_from_its_first_cell(qtbot, window) -> None:
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    grid = view.warmup_grid
    type_cells(qtbot, ["40", "8"])
    grid.setCurrentIndex(grid.model().index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Backtab)
    assert not inside(grid)


def test_tab_inside_a_grid_moves_cell_by_cell(qtbot, window) -> None:
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    grid = view.warmup_grid
    type_cells(qtbot, ["40", "8"])
    grid.setCurrentIndex(grid.model().index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert inside(grid) and grid.currentIndex().column() == 1


def test_ctrl_tab_goes_between_the_set_grids(qtbot, window) -> None:
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    assert inside(view.warmup_grid)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert inside(view.working_grid)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert inside(view.warmup_grid)


def test_ctrl_l_is_where_an_exercise_is_added(qtbot, window) -> None:
    view = window.log_view
    view.header.focus.setFocus()
    qtbot.keyClick(view.header.focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert inside(view.picker)


def test_a_new_session_starts_in_focus(qtbot, window) -> None:
    window.new_session()
    assert focus() is window.log_view.header.focus


def test_enter_on_a_session_in_the_history_opens_it_in_the_log(qtbot, window, logbook) -> None:
    s = stored_session("2026-02-16")
    logbook.save(s)
    window.controller.changed.emit()
    window.show_history()
    table = window.history.sessions.table
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.views.currentWidget() is window.log_view
    assert window.log_view.editor.draft.session_id == s.id


def test_tab_leaves_the_history_table(qtbot, window, logbook) -> None:
    logbook.save(stored_session("2026-02-16"))
    window.controller.changed.emit()
    window.show_history()
    table = window.history.sessions.table
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not inside(table)


def test_ctrl_f_finds_in_the_history(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is window.history
    assert focus() is window.history.sessions.filters.text


def test_f1_lists_every_shortcut_from_the_actions_themselves(qtbot, window, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    (text,) = shown
    rows = dict(window.shortcut_rows())
    for what in ("Save", "Find in history", "Keyboard shortcuts", "Other set grid"):
        assert any(name.startswith(what) for name in rows), what
    assert rows["Find in history"] == "Ctrl+F"
    assert "Ctrl+Tab" in text and "Ctrl+L" in text


@pytest.mark.parametrize("screen", [(1024, 700), (1366, 768), (1920, 1080)])
def test_the_window_takes_at_most_90_percent_of_the_screen(qtbot, window, screen) -> None:
    width, height = screen
    room = QRect(0, 0, width, height - 28)  # less a panel or a task bar
    window.resize(2000, 1400)
    window.fit_screen(room)
    qtbot.waitUntil(lambda: window.width() <= room.width() * 0.9 + 1, timeout=1000)
    assert window.width() <= room.width() * 0.9 + 1
    assert window.height() <= room.height() * 0.9 + 1
