"""Ctrl+N starts from the most recent session: its phase, the week moved on when a new
calendar week has begun, and the deload flag only while still in the deload's own week (a
deload is a week: the week after it is not one)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from helpers import stored_session


def deload_session(when: datetime):
    session = stored_session(when.date().isoformat())
    return replace(session, date=when, phase=2, week=4, is_deload_week=True)


def new_session(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    return window.log_view.header


def test_the_week_after_a_deload_starts_without_the_flag(qtbot, window, logbook):
    logbook.save(deload_session(datetime.now().replace(microsecond=0) - timedelta(days=7)))
    window.controller.changed.emit()
    header = new_session(qtbot, window)
    assert header.phase.value() == 2
    assert header.week.value() == 5
    assert not header.deload.isChecked()


def test_a_second_session_in_the_deload_week_keeps_the_flag(qtbot, window, logbook):
    logbook.save(deload_session(datetime.now().replace(microsecond=0)))
    window.controller.changed.emit()
    header = new_session(qtbot, window)
    assert header.week.value() == 4
    assert header.deload.isChecked()
