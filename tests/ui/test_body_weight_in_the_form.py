"""The lifter's body weight, typed in the session header: saved with the session (in kg,
whatever the display unit), shown again when the session is opened, refused with a message
when it can't be a body weight, and drawn in the body-weight chart."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from helpers import add_exercise, to_working_sets, type_cells


def log_a_set(qtbot, view) -> None:
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["80", "5"])


def saved_document(window) -> dict:
    return json.loads(window.saved_paths.paths.session_file.read_text("utf-8"))


def test_the_body_weight_typed_in_the_header_is_saved(qtbot, window):
    view = window.log_view
    log_a_set(qtbot, view)
    qtbot.keyClicks(view.header.body_weight, "82.5")
    assert view.save()
    document = saved_document(window)
    assert document["bodyWeightKg"] == 82.5
    assert document["dataModelVersion"] == "0.2.0"


def test_without_a_body_weight_the_file_is_as_before(qtbot, window):
    view = window.log_view
    log_a_set(qtbot, view)
    assert view.save()
    assert "bodyWeightKg" not in saved_document(window)
    assert saved_document(window)["dataModelVersion"] == "0.0.1"


def test_a_body_weight_that_cant_be_one_is_named_and_not_saved(qtbot, window):
    view = window.log_view
    log_a_set(qtbot, view)
    qtbot.keyClicks(view.header.body_weight, "8.25")  # a lost keystroke: 82.5 meant
    assert not view.save_button.isEnabled()
    assert "Body weight is 20 to 400 kg" in view.problem_label.text()
    view.header.body_weight.clear()
    qtbot.keyClicks(view.header.body_weight, "181.5lb")
    assert view.save_button.isEnabled()
    assert view.save()
    assert saved_document(window)["bodyWeightKg"] == 82.33


def test_in_pounds_it_is_typed_and_shown_in_pounds(qtbot, window, monkeypatch):
    window.settings.unit = "lb"
    window.apply_settings()
    view = window.log_view
    assert view.header.body_weight.placeholderText() == "lb"
    log_a_set(qtbot, view)
    qtbot.keyClicks(view.header.body_weight, "180")
    assert view.save()
    assert saved_document(window)["bodyWeightKg"] == 81.65
    window.settings.unit = "kg"
    window.apply_settings()
    assert view.header.body_weight.text() == "81.65"


def test_the_body_weight_chart_draws_the_log(qtbot, window):
    view = window.log_view
    for weight in ("82.5", "81"):
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        log_a_set(qtbot, view)
        qtbot.keyClicks(view.header.body_weight, weight)
        assert view.save()
    window.findChild(type(window.undo_action), "viewCharts").trigger()
    charts = window.history.charts
    charts.dates.set_preset("all")
    charts.set_kind("bodyweight")
    (line,) = charts.plotted
    assert [p.y() for p in line.series.points()] == [81.0]  # two sessions, one day: the later
    assert charts.view.chart().title() == "Body weight"
    line.series.hovered.emit(line.series.points()[0], True)
    assert charts.readout.text().endswith(": 81 kg")


def test_no_weigh_ins_says_how_to_log_one(qtbot, window):
    window.findChild(type(window.undo_action), "viewCharts").trigger()
    charts = window.history.charts
    charts.set_kind("bodyweight")
    assert charts.view.chart().axes() == []
    assert "type yours in a session's header" in charts.readout.text()


def test_the_session_detail_names_the_body_weight(qtbot, window):
    view = window.log_view
    log_a_set(qtbot, view)
    qtbot.keyClicks(view.header.body_weight, "82.5")
    assert view.save()
    window.show_history()
    page = window.history
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert "body weight 82.5 kg" in page.detail.toPlainText()
