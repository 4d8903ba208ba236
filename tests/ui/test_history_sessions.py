"""The Sessions tab: filters and the shown count, sorting, opening, deleting and restoring,
record marks and CSV export, driven through the real widgets."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QStandardItem
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from shiboken6 import Shiboken
from test_history_data import BENCH, IDS, OLDEST_FIRST, import_fixed_history

from traininglog.store import queries
from traininglog.ui.history.sessions_table import COLUMNS, RECORDS_ROLE, SESSION_ID_ROLE

from helpers import Paints

ID_KEY = {v: k for k, v in IDS.items()}


@pytest.fixture
def history(qtbot, window, logbook):
    """The window on History ▸ Sessions over the fixed history, record marks worked out."""
    import_fixed_history(logbook)
    window.controller.changed.emit()
    window.findChild(type(window.undo_action), "viewHistory").trigger()
    page = window.history
    qtbot.waitUntil(lambda: page.marks.known, timeout=5000)
    return page


def shown_keys(page) -> str:
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return "".join(ID_KEY[model.index(r, 0).data(SESSION_ID_ROLE)] for r in range(model.rowCount()))


def test_everything_shows_newest_first_with_the_totals_in_the_status_bar(window, history):
    assert shown_keys(history) == OLDEST_FIRST[::-1]
    assert history.shown_label.isVisible()
    assert history.shown_label.text() == "6 shown · 13 working sets · 5,218 kg volume"
    assert window.count_label.text() == "6 sessions"
    header = [history.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert header == [
        "Date",
        "Focus",
        "Phase · week",
        "Deload",
        "Exercises",
        "Working sets",
        "Volume (kg)",
        "Notes",
    ]
    a = history.model.index(OLDEST_FIRST[::-1].index("A"), 0)
    row = [a.siblingAtColumn(c).data() for c in range(len(COLUMNS))]
    assert row == [
        "Mon 06 Jan 2025, 18:00",
        "upper",
        "1 · 1",
        "",
        "2",
        "3",
        "1,400",
        "Barbell Bench Press: left shoulder tight",
    ]


def test_filter_by_focus(qtbot, history):
    focus = history.sessions.filters.focus
    assert [focus.itemText(i) for i in range(focus.count())] == ["Any focus", "lower", "upper"]
    focus.setCurrentIndex(focus.findText("upper"))
    assert shown_keys(history) == "DCA"
    assert history.shown_label.text() == "3 shown · 8 working sets · 2,718 kg volume"


def test_filter_by_exercise_with_completion(qtbot, history):
    field = history.sessions.filters.exercise
    field.setFocus()
    qtbot.keyClicks(field, "squat")
    # Only exercises with a history are offered: no front squat from the catalogue.
    assert field.suggestions() == ["Barbell Back Squat"]
    assert field.list.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "Barbell Back Squat"
    assert shown_keys(history) == "EB"
    assert history.shown_label.text() == "2 shown · 4 working sets · 1,900 kg volume"
    field.clear()
    assert shown_keys(history) == OLDEST_FIRST[::-1]


def test_filter_by_free_text_in_notes_and_names(qtbot, history):
    text = history.sessions.filters.text
    qtbot.keyClicks(text, "Shoulder")
    qtbot.keyClick(text, Qt.Key.Key_Return)
    assert shown_keys(history) == "A"
    assert history.shown_label.text().startswith("1 shown")
    text.clear()
    qtbot.keyClicks(text, "pull")  # Pull-Up, by name
    qtbot.waitUntil(lambda: shown_keys(history) == "D", timeout=2000)  # applies when typing stops
    assert history.sessions.filters.clear_button.isEnabled()
    qtbot.mouseClick(history.sessions.filters.clear_button, Qt.MouseButton.LeftButton)
    assert shown_keys(history) == OLDEST_FIRST[::-1]
    assert text.text() == ""


def test_filter_by_date_range(qtbot, history):
    dates = history.sessions.filters.dates
    dates.today = lambda: date(2025, 2, 6)  # the day of the latest session
    dates.preset.setCurrentIndex(dates.preset.findData("3m"))  # the 3 months up to today
    assert shown_keys(history) == "EDCBA"
    dates.preset.setCurrentIndex(dates.preset.findData("12m"))
    assert shown_keys(history) == "EDCBAF"
    dates.preset.setCurrentIndex(dates.preset.findData("custom"))
    assert dates.first.isVisible() and dates.last.isVisible()
    assert shown_keys(history) == "EDCBAF"  # custom starts from what was shown
    dates.first.setDate(date(2025, 1, 8))
    dates.last.setDate(date(2025, 1, 31))
    assert shown_keys(history) == "CB"
    assert history.shown_label.text() == "2 shown · 4 working sets · 1,668 kg volume"


def test_sorting_by_clicking_headers(qtbot, history):
    header = history.table.horizontalHeader()
    volume = [key for key, _ in COLUMNS].index("volume")
    header.setSortIndicator(volume, Qt.SortOrder.DescendingOrder)
    assert shown_keys(history) == "ABECDF"
    header.setSortIndicator(volume, Qt.SortOrder.AscendingOrder)
    assert shown_keys(history) == "FDCEBA"
    focus = [key for key, _ in COLUMNS].index("focus")
    header.setSortIndicator(focus, Qt.SortOrder.AscendingOrder)
    assert shown_keys(history) == "BEACDF"  # no focus last
    # A sort keeps the filter.
    history.sessions.filters.focus.setCurrentIndex(history.sessions.filters.focus.findText("upper"))
    header.setSortIndicator(volume, Qt.SortOrder.AscendingOrder)
    assert shown_keys(history) == "DCA"


def test_rows_come_a_page_at_a_time(history, monkeypatch):
    monkeypatch.setattr(type(history.model), "PAGE", 2)
    history.model.reload()
    assert history.model.rowCount() == 2
    assert history.model.canFetchMore()
    assert shown_keys(history) == OLDEST_FIRST[::-1]


def test_rows_are_read_ahead_of_the_view_while_the_window_is_idle(qtbot, history, monkeypatch):
    monkeypatch.setattr(type(history.model), "PAGE", 2)
    history.model.reload()
    assert history.model.rowCount() == 2
    # Nothing scrolled: the idle read-ahead fetches pages until enough lie below the view.
    qtbot.waitUntil(lambda: history.model.rowCount() == len(OLDEST_FIRST), timeout=3000)
    assert not history.model.canFetchMore()


def item_wrappers() -> int:
    return sum(isinstance(w, QStandardItem) for w in Shiboken.getAllValidWrappers())


def test_cells_are_made_in_qt_without_python_wrappers(history, monkeypatch):
    # A wrapper per cell (an item cloned through Python) would outlive its item after a
    # reload, and be handed out for whatever object is later made at the same address.
    before = item_wrappers()
    monkeypatch.setattr(type(history.model), "PAGE", 2)
    for _ in range(3):
        history.model.reload()
        shown_keys(history)
    assert history.model.rowCount() == len(OLDEST_FIRST)
    assert item_wrappers() == before


def cells(model) -> list[list[object] | None]:
    """Each row's cells as the view reads them (None for a row that holds none), with the
    date cell's roles."""
    found = []
    for row in range(model.rowCount()):
        if model.item(row, 0) is None:
            assert all(model.item(row, c) is None for c in range(len(COLUMNS)))
            found.append(None)
            continue
        date = model.index(row, 0)
        roles = [date.data(role) for role in (SESSION_ID_ROLE, RECORDS_ROLE, TOOLTIP)]
        found.append([model.index(row, c).data() for c in range(len(COLUMNS))] + roles)
    return found


TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_only_the_rows_near_the_view_keep_their_cells(history, monkeypatch):
    model = history.model
    shown_keys(history)
    every_row = cells(model)
    assert None not in every_row
    before = item_wrappers()
    monkeypatch.setattr(type(model), "PAGE", 1)
    monkeypatch.setattr(type(model), "KEPT", 3)
    model.reload()
    first = [model.item(0, column) for column in range(len(COLUMNS))]
    while model.canFetchMore():
        model.fetchMore()
    # Fetched to the end: the last three rows hold their cells, the first three none.
    assert cells(model) == [None, None, None, *every_row[3:]]
    assert not any(Shiboken.isValid(item) for item in first)  # deleted, not left allocated
    del first
    keys = [ID_KEY[model.session_id(row)] for row in range(model.rowCount())]
    assert "".join(keys) == OLDEST_FIRST[::-1]  # every row still knows its session
    model.fill(0, 0)  # the top in sight again: it and a page below it, read again
    assert cells(model) == [*every_row[:2], None, None, None, None]
    model.fill(2, 2)  # one row further down: held as well, still no more than three
    held = [row for row, found in enumerate(cells(model)) if found is not None]
    assert len(held) <= 3 and 2 in held and cells(model)[2] == every_row[2]
    assert model.summary(5).id == model.session_id(5)  # read again when asked for
    assert cells(model)[5] == every_row[5]
    model.set_marks(model._marks, "Epley")  # rows without cells are passed over
    model.restyle()
    assert [found for found in cells(model) if found] == [
        every_row[row] for row, found in enumerate(cells(model)) if found
    ]
    assert item_wrappers() == before  # let go of in Qt, no wrapper left behind


def test_rows_scrolled_back_into_sight_show_their_cells_again(qtbot, history, monkeypatch):
    model, table = history.model, history.table
    shown_keys(history)
    every_row = cells(model)
    monkeypatch.setattr(type(model), "PAGE", 1)
    monkeypatch.setattr(type(model), "KEPT", 3)
    table.verticalHeader().setDefaultSectionSize(table.viewport().height() // 2 + 1)
    model.reload()
    while model.canFetchMore():
        model.fetchMore()  # as a selection far down does, the view still at the top

    def in_sight() -> list[int]:
        rows = {table.rowAt(0), table.rowAt(table.viewport().height() - 1)} - {-1}
        return sorted(rows)

    def shows_them() -> bool:
        return bool(in_sight()) and all(cells(model)[row] == every_row[row] for row in in_sight())

    qtbot.waitUntil(shows_them, timeout=3000)  # the rows in sight got their cells back
    assert in_sight() == [0, 1]
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert in_sight() == [4, 5] and shows_them()
    assert cells(model)[0] is None  # let go of, far out of sight
    bar.setValue(0)
    assert shows_them()  # made again before the view painted
    assert sum(found is not None for found in cells(model)) <= 3
    table.setCurrentIndex(model.index(1, 0))
    assert history.sessions.selected_session_id() == model.session_id(1)


def test_record_holders_are_starred(history):
    marked = {}
    for row in range(history.model.rowCount()):
        index = history.model.index(row, 0)
        marked[ID_KEY[index.data(SESSION_ID_ROLE)]] = index.data(RECORDS_ROLE)
    assert {k for k, marks in marked.items() if marks} == set("FABCD")
    e_row = OLDEST_FIRST[::-1].index("E")
    assert history.model.index(e_row, 0).data(Qt.ItemDataRole.ToolTipRole).endswith(".json")
    a_tip = history.model.index(OLDEST_FIRST[::-1].index("A"), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{BENCH}: best estimated 1RM" not in a_tip  # plain Epley: C's 82.5 × 5 holds it
    assert f"{BENCH}: best session volume" in a_tip
    assert "Barbell Row: heaviest for 10 reps" in a_tip
    c_tip = history.model.index(OLDEST_FIRST[::-1].index("C"), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{BENCH}: best estimated 1RM (Epley)" in c_tip


def test_opening_a_session_shows_its_sets_and_double_click_edits_it(qtbot, window, history):
    row = OLDEST_FIRST[::-1].index("C")
    index = history.model.index(row, 0)
    history.table.setCurrentIndex(index)
    detail = history.detail.toPlainText().splitlines()
    assert f"1. {BENCH}" in detail
    assert detail[detail.index("85") + 1] == "× 3"  # a cell a line
    assert "felt strong" in detail
    assert history.edit_button.isEnabled() and history.delete_button.isEnabled()
    assert window.delete_action.isEnabled()
    center = history.table.visualRect(index).center()
    # A double click is a press, a release, then the double click on the same row.
    qtbot.mouseClick(history.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(history.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.views.currentWidget() is window.log_view
    assert window.log_view.editor.draft.exercises[0].name == BENCH
    assert not window.delete_action.isEnabled()


def stored_in_both(logbook, key: str) -> bool:
    name = queries.file_name_of(IDS[key])
    on_disk = any(
        p.name.endswith(f"{IDS[key][:8]}.json") for p in logbook.folders.sessions.iterdir()
    )
    return name is not None and on_disk


def test_delete_moves_the_file_to_trash_and_restore_brings_it_back(qtbot, window, history, logbook):
    row = OLDEST_FIRST[::-1].index("C")
    history.table.setCurrentIndex(history.model.index(row, 0))
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)

    assert not stored_in_both(logbook, "C")
    assert queries.file_name_of(IDS["C"]) is None
    trashed = list(logbook.folders.trash.iterdir())
    assert [p.name for p in trashed] == ["training_session_2025_01_13_00000000.json"]
    assert shown_keys(history) == "EDBAF"
    assert window.count_label.text() == "5 sessions"
    # The row below the deleted one is selected, so Delete can go on.
    assert ID_KEY[history.sessions.selected_session_id()] == "B"
    notice = history.restore_notice
    assert notice.isVisible() and "Mon 13 Jan 2025" in notice.text()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Delete session Mon 13 Jan 2025, 18:00"

    notice.linkActivated.emit("restore")  # the "Restore" link in the status bar
    assert stored_in_both(logbook, "C")
    assert list(logbook.folders.trash.iterdir()) == []
    assert shown_keys(history) == OLDEST_FIRST[::-1]
    assert not notice.isVisible()
    assert window.count_label.text() == "6 sessions"


def test_edit_menu_undoes_and_redoes_a_delete(qtbot, window, history, logbook):
    row = OLDEST_FIRST[::-1].index("A")
    history.table.setCurrentIndex(history.model.index(row, 0))
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Delete)
    assert not stored_in_both(logbook, "A")
    window.undo_action.trigger()
    assert stored_in_both(logbook, "A")
    window.redo_action.trigger()
    assert not stored_in_both(logbook, "A")
    assert shown_keys(history) == "EDCBF"
    window.undo_action.trigger()
    assert stored_in_both(logbook, "A")
    # In the Log view, Undo is the form's again.
    window.findChild(type(window.undo_action), "viewLog").trigger()
    assert window.undo_group.activeStack() is window.log_view.editor.undo_stack


def test_delete_from_the_edit_menu(qtbot, window, history, logbook):
    # The table took the keyboard, and with it the first row.
    assert history.table.hasFocus() and history.table.currentIndex().row() == 0
    assert window.delete_action.isEnabled()
    window.delete_action.trigger()
    assert not stored_in_both(logbook, "E")


def test_sessions_export_as_csv_as_shown(qtbot, history, tmp_path, monkeypatch):
    target = tmp_path / "out" / "upper.csv"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    history.sessions.filters.focus.setCurrentIndex(history.sessions.filters.focus.findText("upper"))
    qtbot.mouseClick(history.sessions.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == [
        "date",
        "focus",
        "phase",
        "week",
        "deload",
        "exercises",
        "working_sets",
        "volume_kg",
        "records",
        "notes",
    ]
    assert [r[0] for r in rows[1:]] == [
        "2025-02-03T18:00:00",
        "2025-01-13T18:00:00",
        "2025-01-06T18:00:00",
    ]
    assert rows[1][1:8] == ["upper", "2", "1", "true", "2", "3", "650"]
    assert rows[2][9] == "Barbell Bench Press: felt strong"
    assert "Barbell Bench Press: heaviest for 3 reps" in rows[2][8]
    assert "Barbell Bench Press: best estimated 1RM (Epley)" in rows[2][8]
    assert str(target) in history.window().statusBar().currentMessage()


def test_cancelled_export_writes_nothing(qtbot, history, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert history.export_sessions_csv() is None
    assert list(Path(tmp_path).glob("*.csv")) == []


def test_pounds_from_the_settings(qtbot, window, history):
    window.settings.unit = "lb"
    history.apply_settings()
    assert history.model.headerData(6, Qt.Orientation.Horizontal) == "Volume (lb)"
    a = history.model.index(OLDEST_FIRST[::-1].index("A"), 6)
    assert a.data() == "3,086"  # 1,400 kg
    assert history.shown_label.text().endswith("11,503 lb volume")
    history.table.setCurrentIndex(a)
    assert "176.37" in history.detail.toPlainText().splitlines()  # 80 kg


def test_an_export_that_cannot_be_written_says_so(qtbot, history, tmp_path, monkeypatch):
    target = tmp_path / "no such folder" / "sessions.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    qtbot.mouseClick(history.sessions.export_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1 and str(target) in warnings[0]
    assert not target.exists()


def test_restoring_a_session_whose_file_left_the_trash_says_why(
    qtbot, window, history, logbook, monkeypatch
):
    history.table.setCurrentIndex(history.model.index(0, 0))
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    for trashed in logbook.folders.trash.iterdir():
        trashed.unlink()  # emptied by hand
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: errors.append(args[2]))
    history.restore_notice.linkActivated.emit("restore")
    assert len(errors) == 1 and "trash/training_session_2025_02_06_00000000.json" in errors[0]
    assert not window.undo_action.isEnabled()  # nothing left to undo
    assert shown_keys(history) == "DCBAF"


def test_a_first_click_on_a_number_column_sorts_the_most_first(qtbot, history):
    header = history.table.horizontalHeader()
    volume = [key for key, _ in COLUMNS].index("volume")
    where = QPoint(header.sectionViewportPosition(volume) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert header.sortIndicatorSection() == volume
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown_keys(history) == "ABECDF"  # the biggest session first
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert shown_keys(history) == "FDCEBA"  # a second click turns it round


def on_screen(window, widget) -> QImage:
    """What the window shows of `widget` now (its backing store), not a fresh paint."""
    shown = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
    at = widget.mapTo(window, QPoint(0, 0))
    return shown.copy(at.x(), at.y(), widget.width(), widget.height())


def painted_afresh(widget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def rows_in_sight(table, rows: int) -> None:
    table.verticalHeader().setDefaultSectionSize(table.viewport().height() // rows + 1)


def test_rows_read_ahead_below_the_view_leave_the_rows_in_sight_as_they_are(
    qtbot, window, history, monkeypatch
):
    model, table = history.model, history.table
    read_ahead = history.sessions.read_ahead
    monkeypatch.setattr(type(model), "PAGE", 3)
    rows_in_sight(table, 2)  # the third row, just below them, is out of sight
    read_ahead.timer.blockSignals(True)
    model.reload()
    qtbot.wait(50)  # painted, nothing read ahead yet
    assert model.rowCount() == 3
    read_ahead.timer.blockSignals(False)
    paints = Paints(table.viewport())
    read_ahead.schedule()
    qtbot.waitUntil(lambda: model.rowCount() == len(OLDEST_FIRST), timeout=3000)
    qtbot.wait(50)
    assert paints.count == 0  # the rows in sight were not painted again
    viewport = table.viewport()
    shown = on_screen(window, viewport)
    assert shown == painted_afresh(viewport)  # and still show right
    colours = {
        shown.pixel(x, y) for x in range(0, shown.width(), 3) for y in range(0, shown.height(), 3)
    }
    assert len(colours) > 2  # rows with text, not a blank picture
    bar = table.verticalScrollBar()
    assert bar.maximum() > 0  # the scroll bar took the new rows in
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: paints.count > 0)
    qtbot.wait(50)
    assert on_screen(window, viewport) == painted_afresh(viewport)
    assert table.rowAt(viewport.height() - 1) == len(OLDEST_FIRST) - 1


def test_rows_read_ahead_into_blank_space_in_sight_are_painted(qtbot, window, history, monkeypatch):
    model, table = history.model, history.table
    monkeypatch.setattr(type(model), "PAGE", 2)
    rows_in_sight(table, len(OLDEST_FIRST) + 2)  # room for every row, and blank below
    model.reload()
    paints = Paints(table.viewport())
    qtbot.waitUntil(lambda: model.rowCount() == len(OLDEST_FIRST), timeout=3000)
    qtbot.waitUntil(lambda: paints.count > 0)
    qtbot.wait(50)
    viewport = table.viewport()
    assert on_screen(window, viewport) == painted_afresh(viewport)
    assert table.rowAt(table.rowViewportPosition(len(OLDEST_FIRST) - 1)) == len(OLDEST_FIRST) - 1


def test_history_is_built_when_first_opened_and_sits_where_it_did(qtbot, window, logbook):
    """The window opens on Log without building History (its tables and queries are not
    needed to log a session); View ▸ History builds it, with its totals and restore notice in
    their places in the status bar and its deletes on the Edit menu's undo."""
    from traininglog.ui.history.page import HistoryPage

    import_fixed_history(logbook)
    window.controller.changed.emit()
    assert window.findChildren(HistoryPage) == []
    assert window.count_label.text() == "6 sessions"  # counted without it

    window.findChild(type(window.undo_action), "viewHistory").trigger()
    page = window.history
    assert window.findChildren(HistoryPage) == [page]
    assert window.views.currentWidget() is page and page.isVisible()
    assert shown_keys(page) == OLDEST_FIRST[::-1]
    assert page.shown_label.text() == "6 shown · 13 working sets · 5,218 kg volume"

    page.table.setCurrentIndex(page.model.index(OLDEST_FIRST[::-1].index("C"), 0))
    assert window.delete_action.isEnabled()
    window.delete_action.trigger()
    assert window.count_label.text() == "5 sessions"
    bar = window.statusBar()
    shown = (page.restore_notice, window.saved_paths, page.shown_label, window.count_label)
    qtbot.waitUntil(lambda: all(widget.isVisible() for widget in shown))
    left_to_right = sorted(shown, key=lambda widget: widget.mapTo(bar, QPoint(0, 0)).x())
    assert left_to_right == list(shown)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.count_label.text() == "6 sessions", timeout=3000)


def test_opening_history_first_leaves_a_status_message_alone(qtbot, window, logbook):
    """A message in the status bar (the records a save just set) covers the saved paths
    until it goes; History built while it shows must not bring the paths back under it."""
    import_fixed_history(logbook)
    window.controller.changed.emit()
    window.show()
    qtbot.waitExposed(window)
    window.saved_paths.setText("Saved: somewhere.json")
    assert window.saved_paths.isVisible()
    bar = window.statusBar()
    bar.showMessage("New records! Bench Press: 5-rep max 100 kg (was 95 kg)", 20000)
    qtbot.waitUntil(lambda: not window.saved_paths.isVisible())

    window.findChild(type(window.undo_action), "viewHistory").trigger()
    assert window.views.currentWidget() is window.history
    qtbot.wait(100)  # the status bar lays itself out again
    assert bar.currentMessage().startswith("New records!")
    assert not window.saved_paths.isVisible()
    assert not window.history.restore_notice.isVisible()

    bar.clearMessage()
    qtbot.waitUntil(lambda: window.saved_paths.isVisible())
    assert window.history.shown_label.isVisible()
