"""Every date the schema allows — years 1 to 9999 — shows in every view without a crash."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from traininglog.domain import Exercise, Session, WorkingSet

BENCH = "Barbell Bench Press"


def session(n: int, when: datetime) -> Session:
    return Session(
        id=f"{n:08x}-1111-4222-8333-444455556666",
        date=when,
        focus="Upper",
        exercises=(Exercise(1, BENCH, ("chest",), (), (WorkingSet(1, 100 + n, 5),)),),
    )


EDGES = [datetime(1, 1, 1, 0, 0), datetime(1970, 1, 1, 12, 0), datetime(9999, 12, 31, 23, 59)]


@pytest.fixture
def edge_history(window, logbook):
    logbook.import_sessions([(f"edge-{n}", session(n, when)) for n, when in enumerate(EDGES, 1)])
    window.controller.changed.emit()
    return window


@pytest.mark.parametrize("view_name", ["viewHistory", "viewExercise", "viewCharts"])
def test_the_first_and_last_possible_days_show_in_every_view(
    qtbot, edge_history, view_name
) -> None:
    window = edge_history
    window.findChild(type(window.undo_action), view_name).trigger()
    history = window.history
    history.charts.dates.set_preset("all")
    history.exercise.dates.set_preset("all") if hasattr(history.exercise, "dates") else None
    for view in (history.charts, history.exercise):
        if hasattr(view, "search"):
            view.search.clear()
            qtbot.keyClicks(view.search, "bench")
            qtbot.keyClick(view.search, Qt.Key.Key_Return)
    qtbot.wait(50)
    e1rm, _top = history.charts.plotted
    assert len(e1rm.series.points()) == 3
    table = history.sessions.table.model()
    qtbot.waitUntil(lambda: table.rowCount() == 3)
    shown = {table.index(r, 0).data() for r in range(3)}
    assert {day.split(",")[0][-4:] for day in shown} == {"9999", "1970", "an 1"}, shown


def test_weekly_volume_over_ten_thousand_years(qtbot, edge_history) -> None:
    window = edge_history
    window.findChild(type(window.undo_action), "viewCharts").trigger()
    charts = window.history.charts
    charts.set_kind("volume")
    charts.dates.set_preset("all")
    (volume,) = charts.plotted
    # Three months trained, ten thousand years apart: three dots, and nothing drawn between.
    values = [p.y() for line in volume.lines for p in line.points()]
    assert len(volume.lines) == 3
    assert len(values) == 3 and all(v > 0 for v in values)
