"""A set that beats a record is marked as it is typed, and the save names the records."""

from __future__ import annotations

from PySide6.QtCore import Qt

from traininglog.domain.calculations import E1rmRule
from traininglog.domain.records_as_typed import StandingRecords, records_beaten

from helpers import add_exercise, stored_session, to_working_sets, type_cells


def header(view, row: int, role=Qt.ItemDataRole.DisplayRole):
    return view.working_model.headerData(row, Qt.Orientation.Vertical, role)


def test_a_set_beating_a_record_is_marked_while_typing(qtbot, window, logbook) -> None:
    logbook.save(stored_session("2026-02-16", bench=((100, 5, 8.0),)))
    window.controller.changed.emit()
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["95", "5", "", "", "", "", ""])
    assert header(view, 0) == "1"  # below both records: no mark
    type_cells(qtbot, ["105", "5"])
    assert header(view, 1) == "★ 2"
    assert header(view, 1, Qt.ItemDataRole.ToolTipRole) == (
        "New record: estimated 1RM 122.5 kg (was 116.7 kg); 5-rep max 105 kg (was 100 kg)"
    )
    assert view.save()
    message = window.statusBar().currentMessage()
    assert message.startswith("New records! Barbell Bench Press: estimated 1RM 122.5 kg")
    assert "5-rep max 105 kg (was 100 kg)" in message


def test_a_first_time_exercise_has_no_records_to_beat(qtbot, window) -> None:
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["100", "5"])
    assert header(view, 0) == "1"
    assert view.save()
    assert not window.statusBar().currentMessage().startswith("New records")


def test_equalling_a_record_is_not_beating_it() -> None:
    standing = StandingRecords.of_sets([(100, 5, None), (110, 3, None)], E1rmRule())
    assert records_beaten(100, 5, None, standing) == []
    assert [r.kind for r in records_beaten(110, 5, None, standing)] == ["e1rm", "reps"]
    assert [r.kind for r in records_beaten(105, 3, None, standing)] == []


def test_the_save_reuses_the_records_read_for_the_marks(qtbot, window, logbook, monkeypatch):
    """An exercise's whole history is read once for its marks, not again for the save."""
    logbook.save(stored_session("2026-02-16", bench=((100, 5, 8.0),)))
    window.controller.changed.emit()
    reads: list[str] = []
    real = window.controller.standing_records

    def counted(name, rule, excluding=None):
        reads.append(name)
        return real(name, rule, excluding)

    monkeypatch.setattr(window.controller, "standing_records", counted)
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["105", "5"])
    assert reads == ["Barbell Bench Press"]
    assert view.save()
    # The save named the records from what was read; the one read since is the marks', once
    # the stored sessions changed (the saved session now holds its own records).
    assert reads == ["Barbell Bench Press"] * 2
    assert window.statusBar().currentMessage().startswith("New records!")
