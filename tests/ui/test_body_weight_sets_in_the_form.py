"""Weighted and assisted body-weight sets typed in the form: "BW+20" and "BW-30" are saved as
body-weight sets, the cell shows the load they count (the body weight typed in the header,
or else the weigh-in logged nearest the day), the tooltip says how it was worked out, and a
record is marked on that load."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from traininglog.domain import Exercise, Session, WorkingSet, new_session_id

from helpers import add_exercise, to_working_sets, type_cells


def saved_document(window) -> dict:
    return json.loads(window.saved_paths.paths.session_file.read_text("utf-8"))


def weight_cell(view, row: int, role=Qt.ItemDataRole.DisplayRole):
    model = view.working_model
    return model.data(model.index(row, 0), role)


def test_a_weighted_pull_up_shows_and_saves_its_load(qtbot, window):
    view = window.log_view
    add_exercise(qtbot, view, "pull-up")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["BW+20", "6"])
    assert weight_cell(view, 0) == "BW+20"  # no body weight known yet: the load is unknown
    assert "No body weight logged yet" in weight_cell(view, 0, Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClicks(view.header.body_weight, "82.5")
    assert weight_cell(view, 0) == "BW+20 = 102.5"
    tip = weight_cell(view, 0, Qt.ItemDataRole.ToolTipRole)
    assert "body weight 82.5 kg (typed above) → 102.5 kg" in tip
    assert "e1RM, records and volume" in tip
    assert weight_cell(view, 0, Qt.ItemDataRole.EditRole) == "BW+20"  # edited as typed
    assert view.save()
    document = saved_document(window)
    assert document["dataModelVersion"] == "0.3.0"
    (working,) = document["exercises"][0]["workingSets"]
    assert (working["weightKg"], working["bodyWeight"]) == (20, "plus")


def test_an_assisted_pull_up_counts_the_weigh_in_logged_nearest(qtbot, window, controller):
    weighed = Session(
        id=new_session_id(),
        date=_days_ago(3),
        exercises=(Exercise(1, "Barbell Curl", ("biceps",), (), (WorkingSet(1, 30, 10),)),),
        body_weight_kg=80,
    )
    controller.save(weighed)
    view = window.log_view
    add_exercise(qtbot, view, "assisted pull")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["bw - 30", "8"])
    assert weight_cell(view, 0) == "bw - 30 = 50"
    assert "body weight 80 kg (logged " in weight_cell(view, 0, Qt.ItemDataRole.ToolTipRole)
    assert view.save()
    (working,) = saved_document(window)["exercises"][0]["workingSets"]
    assert (working["weightKg"], working["bodyWeight"]) == (30, "minus")
    assert "bodyWeightKg" not in saved_document(window)  # not weighed today


def test_a_body_weight_set_beats_a_record_on_its_load(qtbot, window, controller):
    earlier = Session(
        id=new_session_id(),
        date=_days_ago(7),
        exercises=(
            Exercise(1, "Pull-Up", ("lats",), (), (WorkingSet(1, 10, 5, body_weight="plus"),)),
        ),
        body_weight_kg=80,
    )
    controller.save(earlier)  # 90 kg for 5
    view = window.log_view
    add_exercise(qtbot, view, "pull-up")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["BW+5", "5", "", "", "", "", ""])  # 80 + 5: no record; on to set 2
    assert view.working_model.headerData(0, Qt.Orientation.Vertical) == "1"
    type_cells(qtbot, ["BW+12.5", "5"])  # 92.5 kg for 5: a 5-rep max
    assert view.working_model.headerData(1, Qt.Orientation.Vertical) == "★ 2"
    tip = view.working_model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "5-rep max 92.5 kg (was 90 kg)" in tip


def test_a_body_weight_set_that_cant_be_read_is_named(qtbot, window):
    view = window.log_view
    add_exercise(qtbot, view, "pull-up")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["BW+abc", "5"])
    assert not view.save_button.isEnabled()
    assert "“abc” is not a weight added to your body weight" in view.problem_label.text()


def _days_ago(days: int) -> datetime:
    return (datetime.now() - timedelta(days=days)).replace(microsecond=0)


def test_history_shows_what_a_body_weight_set_counted_and_says_so(qtbot, window, controller):
    sessions = [
        Session(
            id=new_session_id(),
            date=_days_ago(days),
            exercises=(
                Exercise(
                    1,
                    "Pull-Up",
                    ("lats",),
                    (),
                    (
                        WorkingSet(1, 20, 6, body_weight="plus"),
                        WorkingSet(2, 0, 10, body_weight="plus"),
                    ),
                ),
            ),
            body_weight_kg=weighed,
        )
        for days, weighed in ((9, 82.5), (2, None))
    ]
    for session in sessions:
        controller.save(session)
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    view = window.history.exercise
    qtbot.keyClicks(view.search, "Pull-Up")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    weights = [view.model.index(row, 2).data() for row in range(view.model.rowCount())]
    assert weights == ["BW + 20 (102.5)", "BW (82.5)"] * 2
    assert "4 body-weight sets count the body weight logged nearest their day" in (
        view.summary.text()
    )
    tip = view.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "102.5 kg with the body weight logged nearest its day" in tip
    # The session detail says which weigh-in its body-weight sets counted.
    window.findChild(type(window.undo_action), "viewHistory").trigger()
    history = window.history.sessions
    history.table.setCurrentIndex(history.model.index(0, 0))  # the newest: not weighed that day
    detail = history.detail.toPlainText()
    assert "body-weight sets count 82.5 kg (weighed " in detail
    assert "BW + 20 (102.5)" in detail


def test_the_exercise_list_counts_a_set_as_soon_as_it_is_typed(qtbot, window):
    view = window.log_view
    add_exercise(qtbot, view, "pull-up")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["BW+10", "8"])  # the cursor is on Partial: no new row yet
    assert view.exercise_list.item(0).text() == "1. Pull-Up · 1 set"


def test_the_e1rm_chart_of_a_body_weight_exercise_says_what_it_counts(qtbot, window, controller):
    controller.save(
        Session(
            id=new_session_id(),
            date=_days_ago(4),
            exercises=(
                Exercise(1, "Pull-Up", ("lats",), (), (WorkingSet(1, 20, 5, body_weight="plus"),)),
            ),
            body_weight_kg=80,
        )
    )
    window.findChild(type(window.undo_action), "viewCharts").trigger()
    charts = window.history.charts
    charts.dates.set_preset("all")
    charts.set_exercise("Pull-Up")
    assert "Body-weight sets count the body weight logged nearest" in charts.view.chart().title()
    e1rm = charts.plotted[0]
    assert [round(v, 2) for v in e1rm.kg] == [round(100 * (1 + 5 / 30), 2)]


def test_pull_ups_logged_both_ways_count_only_body_weight_sets_as_left_out(
    qtbot, window, controller
):
    """Pull-ups logged as body-weight sets one day and as plain sets another: the summary
    counts the body-weight sets, and says how many of them no weigh-in counts for."""

    def pull_ups(days: int, *sets: WorkingSet, weighed: float | None = None) -> Session:
        exercise = Exercise(1, "Pull-Up", ("lats",), (), sets)
        return Session(
            id=new_session_id(), date=_days_ago(days), exercises=(exercise,), body_weight_kg=weighed
        )

    plain = pull_ups(5, WorkingSet(1, 0, 8), WorkingSet(2, 0, 8), WorkingSet(3, 10, 8))
    weighted = pull_ups(
        2, WorkingSet(1, 10, 8, body_weight="plus"), WorkingSet(2, 0, 8, body_weight="plus")
    )
    for session in (plain, weighted):
        controller.save(session)
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    view = window.history.exercise
    qtbot.keyClicks(view.search, "Pull-Up")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    summary = view.summary.text()
    assert "2 body-weight sets count the body weight logged nearest their day" in summary
    assert "(2 left out: no body weight logged)" in summary  # no weigh-in yet

    controller.save(replace(plain, body_weight_kg=80))  # weighed now: nothing left out
    qtbot.waitUntil(lambda: "left out" not in view.summary.text())
    assert "2 body-weight sets count the body weight" in view.summary.text()
