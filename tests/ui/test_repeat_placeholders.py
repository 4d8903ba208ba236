"""Repeat last time and the template copy what was lifted (weight, reps); last time's RPE,
feel, rest and notes only show in grey, and are saved only when typed."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleOptionViewItem

from traininglog.drafts.draft_file import draft_path
from traininglog.ui.logging_form.set_grid import PLACEHOLDER_ROLE
from traininglog.ui.shell.main_window import MainWindow

from helpers import stored_session

RPE, FEEL, REST, NOTES = 3, 4, 5, 6


def last_week(logbook) -> None:
    """Bench last week: two sets with RPE, feel, rest and notes; a warm-up with a note."""
    session = stored_session("2026-01-12", bench=((80, 5, 8.0), (80, 4, 9.0)))
    bench = session.exercises[0]
    sets = tuple(
        replace(s, partial_reps=n - 1, rest_minutes=3.0, notes=f"set {n} note")
        for n, s in enumerate(bench.working_sets, start=1)
    )
    warmup = replace(bench.warmup_sets[0], notes="easy warm-up")
    bench = replace(bench, working_sets=sets, warmup_sets=(warmup,))
    logbook.save(replace(session, exercises=(bench, *session.exercises[1:])))


def add_bench(qtbot, view) -> None:
    view.picker.setFocus()
    qtbot.keyClicks(view.picker.field, "Barbell Bench Press")
    qtbot.keyClick(view.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.warmup_grid, timeout=2000)


def save_and_read(qtbot, window) -> dict:
    view = window.log_view
    assert view.save_button.isEnabled(), view.problem_label.text()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.saved_paths.paths is not None)
    path = window.saved_paths.paths.session_file
    assert path.parent == window.controller.folders.sessions
    return json.loads(path.read_text(encoding="utf-8"))


def sets_of(exercise: dict) -> list[tuple]:
    return [
        (
            s["weightKg"],
            s["repCount"],
            s["rpe"],
            s["repAssessment"],
            s["actualRestMinutes"],
            s["notes"],
        )
        for s in exercise["workingSets"]
    ]


def test_repeat_copies_the_lifting_and_shows_the_rest_as_placeholders(qtbot, window, logbook):
    last_week(logbook)
    window.controller.changed.emit()
    view = window.log_view
    add_bench(qtbot, view)
    qtbot.mouseClick(view.last_time.repeat, Qt.MouseButton.LeftButton)
    model = view.working_model
    assert model.index(0, 0).data() == "80" and model.index(1, 1).data() == "4"
    for column, shown in ((RPE, "8"), (FEEL, "good"), (REST, "3"), (NOTES, "set 1 note")):
        index = model.index(0, column)
        assert index.data() == ""  # empty: nothing of it is today's yet
        assert index.data(PLACEHOLDER_ROLE) == shown
        assert "last time" in index.data(Qt.ItemDataRole.ToolTipRole).lower()
    assert view.warmup_model.index(0, 2).data(PLACEHOLDER_ROLE) == "easy warm-up"

    # Typed into a placeholder cell: saved as typed. Row 1 is left alone.
    grid = view.working_grid
    qtbot.mouseClick(
        grid.viewport(),
        Qt.MouseButton.LeftButton,
        pos=grid.visualRect(model.index(1, RPE)).center(),
    )
    qtbot.keyClicks(QApplication.focusWidget(), "9")
    qtbot.keyClicks(QApplication.focusWidget(), ".5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the cell editor commits on Enter through a queued call
    qtbot.keyClicks(QApplication.focusWidget(), "h")  # the Feel cell, beside it
    qtbot.keyClicks(QApplication.focusWidget(), "ard")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()

    bench = save_and_read(qtbot, window)["exercises"][0]
    assert sets_of(bench) == [
        (80, {"full": 5, "partial": 0}, None, None, None, None),
        (80, {"full": 4, "partial": 1}, 9.5, "hard", None, None),
    ]
    assert [(w["weightKg"], w["repCount"], w["notes"]) for w in bench["warmupSets"]] == [
        (40, 8, None)
    ]


def test_the_template_copies_exercises_and_leaves_last_times_details_unsaved(
    qtbot, window, logbook
):
    last_week(logbook)
    window.controller.changed.emit()
    view = window.log_view
    view.header.focus.clear()
    qtbot.keyClicks(view.header.focus, "upper-strength")
    qtbot.mouseClick(view.header.template, Qt.MouseButton.LeftButton)
    assert view.working_model.index(0, RPE).data(PLACEHOLDER_ROLE) == "8"
    document = save_and_read(qtbot, window)
    assert [e["Name"] for e in document["exercises"]] == ["Barbell Bench Press", "Barbell Row"]
    assert sets_of(document["exercises"][0]) == [
        (80, {"full": 5, "partial": 0}, None, None, None, None),
        (80, {"full": 4, "partial": 1}, None, None, None, None),
    ]


def test_placeholders_are_painted_grey(qtbot, window, logbook):
    last_week(logbook)
    window.controller.changed.emit()
    view = window.log_view
    add_bench(qtbot, view)
    qtbot.mouseClick(view.last_time.repeat, Qt.MouseButton.LeftButton)
    grid = view.working_grid
    option = QStyleOptionViewItem()
    option.initFrom(grid)
    grid.itemDelegate().initStyleOption(option, view.working_model.index(0, RPE))
    assert option.text == "8"
    muted = grid.palette().color(QPalette.ColorRole.PlaceholderText)
    assert option.palette.color(QPalette.ColorRole.Text) == muted
    assert muted != grid.palette().color(QPalette.ColorRole.Text)
    typed = QStyleOptionViewItem()
    typed.initFrom(grid)
    grid.itemDelegate().initStyleOption(typed, view.working_model.index(0, 0))
    assert typed.text == "80"
    assert typed.palette.color(QPalette.ColorRole.Text) != muted


def test_a_restored_draft_keeps_placeholders_as_placeholders(
    qtbot, window, controller, logbook, qsettings, monkeypatch
):
    last_week(logbook)
    window.controller.changed.emit()
    view = window.log_view
    add_bench(qtbot, view)
    qtbot.mouseClick(view.last_time.repeat, Qt.MouseButton.LeftButton)
    view.write_draft_now()
    written = json.loads(draft_path(controller.folders.root).read_text(encoding="utf-8"))
    first = written["draft"]["exercises"][0]["workings"][0]
    assert (first["rpe"], first["feel"], first["rest"], first["notes"]) == ("", "", "", "")
    # The window dies; the next one offers the draft back.
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
    reborn.show()
    reborn.offer_draft_restore()
    restored = reborn.log_view
    restored.exercise_list.setCurrentRow(0)
    index = restored.working_model.index(0, RPE)
    assert index.data() == "" and index.data(PLACEHOLDER_ROLE) == "8"
    assert restored.save()
    document = json.loads(reborn.saved_paths.paths.session_file.read_text(encoding="utf-8"))
    assert sets_of(document["exercises"][0])[0] == (
        80,
        {"full": 5, "partial": 0},
        None,
        None,
        None,
        None,
    )
