"""A lifted weight reads as it was typed, in every view: 101.25 kg (a pair of 1.25 kg plates
counts) is never shown as 101.3, which nobody lifted. Estimates, which are not lifted, read
to one decimal."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, new_session_id

from helpers import add_exercise

BENCH = "Barbell Bench Press"


def micro_loaded() -> Session:
    return Session(
        id=new_session_id(),
        date=datetime(2026, 11, 24, 18, 0),
        focus="upper",
        exercises=(
            Exercise(
                1,
                BENCH,
                ("chest",),
                (WarmupSet(1, 61.25, 5),),
                (WorkingSet(1, 101.25, 5, 0, 9.0), WorkingSet(2, 98.75, 5)),
            ),
        ),
    )


def test_last_time_shows_the_weights_lifted(qtbot, window, logbook):
    logbook.save(micro_loaded())
    window.controller.changed.emit()
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    body = view.last_time.body.text()
    assert "W1  61.25 × 5" in body
    assert "1.  101.25 × 5 @9" in body and "2.  98.75 × 5" in body
    assert "101.3" not in body and "98.8" not in body


def test_history_shows_the_weights_lifted(qtbot, window, logbook):
    logbook.save(micro_loaded())
    window.controller.changed.emit()
    window.show_history()
    page = window.history
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    detail = page.detail.toPlainText()
    assert "101.25" in detail and "98.75" in detail and "61.25" in detail
    page.show_tab("exercise")
    page.show_exercise(BENCH)
    table = page.exercise.model
    weights = {table.index(r, 2).data() for r in range(table.rowCount())}
    header = table.headerData(2, Qt.Orientation.Horizontal)
    assert header.startswith("Weight"), header
    assert {"101.25", "98.75", "61.25"} <= weights, weights
    # The estimate is an estimate: one decimal. 101.25 × (1 + 5/30) = 118.125.
    e1rms = {table.index(r, 5).data() for r in range(table.rowCount())}
    assert "118.1" in e1rms, e1rms
