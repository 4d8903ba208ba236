"""The Charts tab: each chart's series hold the hand-worked points, axes say what and in
which unit, hovering reads a point, and a chart saves as PNG."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QAreaSeries, QDateTimeAxis, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog
from test_history_data import BENCH, import_fixed_history

from traininglog.domain.calculations import LB_PER_KG, OneRepMaxFormula
from traininglog.ui.common.theme import colours
from traininglog.ui.history.chart_builders import x_of

F, A, C, D = date(2024, 6, 3), date(2025, 1, 6), date(2025, 1, 13), date(2025, 2, 3)
WEEKS = [date(2025, 1, 6), date(2025, 1, 13), date(2025, 1, 20), date(2025, 1, 27), D]


@pytest.fixture
def charts(qtbot, window, logbook):
    import_fixed_history(logbook)
    window.controller.changed.emit()
    window.findChild(type(window.undo_action), "viewCharts").trigger()
    view = window.history.charts
    view.dates.set_preset("all")
    return view


def points(plotted) -> list[tuple[float, float]]:
    return [point for run in runs(plotted) for point in run]


def runs(plotted) -> list[list[tuple[float, float]]]:
    """The points of each unbroken stretch of a line."""
    return [[(p.x(), round(p.y(), 3)) for p in line.points()] for line in plotted.lines]


def axis_titles(view) -> tuple[str, str]:
    chart = view.view.chart()
    (x_axis,) = chart.axes(Qt.Orientation.Horizontal)
    (y_axis,) = chart.axes(Qt.Orientation.Vertical)
    assert isinstance(x_axis, QDateTimeAxis) and isinstance(y_axis, QValueAxis)
    return x_axis.titleText(), y_axis.titleText()


def pick(qtbot, view, typed: str) -> None:
    qtbot.keyClicks(view.search, typed)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)


def test_estimated_one_rep_max_and_top_set_per_session(qtbot, charts):
    pick(qtbot, charts, "bench")
    e1rm, top = charts.plotted
    assert points(e1rm) == [
        (x_of(F), 80.0),
        (x_of(A), 93.333),  # plain Epley: 80 × 5, whatever the RPE
        (x_of(C), 96.25),
        (x_of(D), 90.0),  # a single is its weight
    ]
    assert points(top) == [(x_of(F), 60.0), (x_of(A), 80.0), (x_of(C), 85.0), (x_of(D), 90.0)]
    assert e1rm.series.name() == "Estimated 1RM (Epley), best set of the session"
    assert top.series.name() == "Top set (heaviest working set)"
    assert axis_titles(charts) == ("Date", "Weight (kg)")
    assert charts.view.chart().title() == f"{BENCH}: Estimated 1RM (Epley) and top set"


def test_the_exercise_chosen_in_the_exercise_tab_is_charted(qtbot, window, charts):
    window.history.show_exercise(BENCH)
    assert len(charts.plotted[0].series.points()) == 4
    assert charts.search.text() == BENCH


def test_a_date_range_limits_the_points(qtbot, charts):
    pick(qtbot, charts, "bench")
    charts.dates.set_custom(date(2025, 1, 1), date(2025, 1, 31))
    assert [x for x, _ in points(charts.plotted[0])] == [x_of(A), x_of(C)]
    charts.dates.today = lambda: date(2025, 2, 6)  # the day of the latest session
    charts.dates.set_preset("3m")  # the 3 months up to today
    assert [x for x, _ in points(charts.plotted[0])] == [x_of(A), x_of(C), x_of(D)]
    charts.dates.today = lambda: date(2025, 6, 6)  # four months later, no training since
    charts.dates.set_preset("all")
    charts.dates.set_preset("3m")
    assert points(charts.plotted[0]) == []  # ranges count back from today, not the last session


def test_formula_and_pounds_from_the_settings(qtbot, window, charts):
    pick(qtbot, charts, "bench")
    window.settings.formula = OneRepMaxFormula.BRZYCKI
    window.settings.unit = "lb"
    window.history.apply_settings()
    e1rm, top = charts.plotted
    expected = [80, 90, 92.8125, 90]
    assert [y for _, y in points(e1rm)] == pytest.approx(
        [v * LB_PER_KG for v in expected], abs=1e-2
    )
    assert [y for _, y in points(top)] == pytest.approx(
        [v * LB_PER_KG for v in (60, 80, 85, 90)], abs=1e-2
    )
    assert e1rm.series.name().startswith("Estimated 1RM (Brzycki)")
    assert charts.view.chart().title() == f"{BENCH}: Estimated 1RM (Brzycki) and top set"
    assert axis_titles(charts) == ("Date", "Weight (lb)")


def test_weekly_volume_leaves_weeks_without_training_as_gaps(qtbot, charts):
    charts.set_kind("volume")
    assert charts.group.isVisible() and not charts.search.isVisible()
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 2, 9))
    (volume,) = charts.plotted
    # Nobody trained in the weeks of 20 and 27 January: the line stops and starts again,
    # with no point at zero pretending to be a week of rest measured.
    assert runs(volume) == [
        [(x_of(WEEKS[0]), 2400.0), (x_of(WEEKS[1]), 667.5)],
        [(x_of(WEEKS[4]), 1550.0)],
    ]
    lone = volume.lines[1]
    assert lone.pointsVisible()  # a week on its own is a dot, not an invisible line
    assert axis_titles(charts) == ("Week (starting Monday)", "Volume per week (kg)")
    assert charts.view.chart().title() == "Weekly working-set volume: all muscle groups"


def test_deload_weeks_are_shaded_and_named(qtbot, charts):
    charts.set_kind("volume")
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 2, 9))
    chart = charts.view.chart()
    (shade,) = [s for s in chart.series() if isinstance(s, QAreaSeries)]
    assert shade.name() == "Deload week"
    # The shade covers the week of 3 February (D was a deload) and no other week.
    upper = [p for p in shade.upperSeries().points() if p.y() > 0]
    assert min(p.x() for p in upper) < x_of(WEEKS[4]) < max(p.x() for p in upper)
    assert max(p.x() for p in upper) < x_of(WEEKS[4]) + 7 * 86_400_000
    assert all(p.x() > x_of(WEEKS[3]) for p in upper)
    (y_axis,) = chart.axes(Qt.Orientation.Vertical)
    assert max(p.y() for p in upper) == y_axis.max()  # floor to ceiling
    # The legend names the shade; the line itself needs no legend entry.
    legend = {m.label(): m.isVisible() for m in chart.legend().markers()}
    assert legend == {"Weekly volume, all muscle groups": False, "Deload week": True}
    charts.plotted[0].lines[1].hovered.emit(QPointF(x_of(WEEKS[4]), 1500.0), True)
    assert charts.readout.text() == "Week of Mon 3 Feb 2025: 1,550 kg (deload week)"


def test_no_shade_without_deload_weeks(qtbot, charts):
    charts.set_kind("volume")
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 1, 19))
    chart = charts.view.chart()
    assert not [s for s in chart.series() if isinstance(s, QAreaSeries)]
    assert not chart.legend().isVisible()


@pytest.mark.parametrize(
    ("group", "factor", "expected"),
    [
        # Bench was logged with chest, front delts and triceps as its targets: in full.
        ("chest", 0.5, [800, 667.5, None, None, 650]),
        # Lats: the row (a target) in January, a body-weight pull-up in February: 0, but a
        # week trained. The week of 13 January was trained, just not the lats.
        ("lats", 0.5, [600, 0, None, None, 0]),
        ("quads", 0.5, [1000, 0, None, None, 900]),
        # Hamstrings are a secondary muscle of the squat in the catalogue: half of it...
        ("hamstrings", 0.5, [500, 0, None, None, 450]),
        # ...or none, or all of it, as the lifter chose in Settings.
        ("hamstrings", 0.0, [0, 0, None, None, 0]),
        ("hamstrings", 1.0, [1000, 0, None, None, 900]),
        # Lower back: secondary to both the row (600) and the squat (1,000; then 900).
        ("lower-back", 0.5, [800, 0, None, None, 450]),
    ],
)
def test_weekly_volume_per_muscle_group(qtbot, window, charts, group, factor, expected):
    window.settings.secondary_volume_factor = factor
    window.history.apply_settings()
    charts.set_kind("volume")
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 2, 9))
    charts.set_muscle_group(group)
    (volume,) = charts.plotted
    shown = dict(points(volume))
    assert [shown.get(x_of(week)) for week in WEEKS] == expected
    counted = {0.0: "not counted", 0.5: "counted half", 1.0: "counted in full"}[factor]
    assert charts.view.chart().title() == (
        f"Weekly working-set volume: {group}<br>"
        f"<span style='color:{colours().muted}'>Secondary muscles {counted} (Settings)</span>"
    )


def test_the_secondary_factor_is_chosen_in_settings(qtbot, window, charts, monkeypatch):
    from traininglog.ui.dialogs.settings_dialog import SettingsDialog

    charts.set_kind("volume")
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 2, 9))
    charts.set_muscle_group("hamstrings")
    assert dict(points(charts.plotted[0]))[x_of(WEEKS[0])] == 500  # half, the default

    def choose_in_full(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        box = dialog.findChild(QComboBox, "secondaryVolumeFactor")
        assert box.currentText() == "Half: secondary muscles count ×0.5"
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentText() == "In full: like primary muscles"
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", choose_in_full)
    window.findChild(type(window.undo_action), "settings").trigger()
    assert window.settings.secondary_volume_factor == 1.0
    qtbot.waitUntil(lambda: dict(points(charts.plotted[0]))[x_of(WEEKS[0])] == 1000)


def test_weekly_volume_in_pounds(qtbot, window, charts):
    charts.set_kind("volume")
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 2, 9))
    window.settings.unit = "lb"
    window.history.apply_settings()  # 2,400 kg is 5,291 lb: still under ten thousand
    assert axis_titles(charts)[1] == "Volume per week (lb)"
    assert points(charts.plotted[0])[0][1] == pytest.approx(2400 * LB_PER_KG, abs=1e-2)


def test_hovering_reads_the_nearest_point(qtbot, charts):
    pick(qtbot, charts, "bench")
    e1rm, top = charts.plotted
    e1rm.series.hovered.emit(QPointF(x_of(C) + 3_600_000, 97.0), True)  # an hour off C
    assert charts.readout.text() == "Mon 13 Jan 2025: estimated 1RM (Epley) 96.2 kg"
    top.series.hovered.emit(QPointF(x_of(D) - 86_400_000, 88.0), True)
    assert charts.readout.text() == "Mon 3 Feb 2025: top set 90 kg"
    charts.set_kind("volume")
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 2, 9))
    charts.plotted[0].lines[0].hovered.emit(QPointF(x_of(WEEKS[1]), 700.0), True)
    assert charts.readout.text() == "Week of Mon 13 Jan 2025: 668 kg"


def test_nothing_to_draw(qtbot, charts):
    assert charts.exercise is None
    assert charts.readout.text() == "No sets in this range."
    assert all(not p.values for p in charts.plotted)
    chart = charts.view.chart()
    assert chart.axes() == []  # no axis of made-up ticks
    assert "No sets in this range" in chart.title()


def test_a_chart_saves_as_png(qtbot, window, charts, tmp_path, monkeypatch):
    pick(qtbot, charts, "bench")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "bench"), "")
    )
    qtbot.mouseClick(charts.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "bench.png"  # ".png" added
    image = QImage(str(saved))
    assert not image.isNull()
    assert image.width() == charts.view.width() * charts.view.devicePixelRatio()
    assert str(saved) in window.statusBar().currentMessage()


def test_long_ranges_chart_months(qtbot, charts, monkeypatch):
    monkeypatch.setattr("traininglog.ui.history.charts.MONTHLY_AFTER_SESSIONS", 2)
    pick(qtbot, charts, "bench")
    e1rm, top = charts.plotted
    months = [date(2024, 6, 1), date(2025, 1, 1), date(2025, 2, 1)]
    assert points(e1rm) == [(x_of(m), v) for m, v in zip(months, (80.0, 96.25, 90.0), strict=True)]
    assert points(top) == [(x_of(m), v) for m, v in zip(months, (60.0, 85.0, 90.0), strict=True)]
    assert e1rm.series.name() == "Estimated 1RM (Epley), best of the month"
    e1rm.series.hovered.emit(QPointF(x_of(months[1]), 98.0), True)
    assert charts.readout.text() == (
        "January 2025: estimated 1RM (Epley) 96.2 kg (best of the month)"
    )


def test_long_ranges_of_weekly_volume_average_months(qtbot, charts, monkeypatch):
    monkeypatch.setattr("traininglog.ui.history.charts.MONTHLY_AFTER_WEEKS", 3)
    charts.set_kind("volume")
    charts.dates.set_custom(date(2025, 1, 6), date(2025, 2, 9))
    (volume,) = charts.plotted
    # January's weeks: 2,400, 667.5, 0, 0; February's: 1,550
    assert points(volume) == [(x_of(date(2025, 1, 1)), 766.875), (x_of(date(2025, 2, 1)), 1550.0)]
    assert axis_titles(charts) == ("Month", "Volume per week (kg)")
    assert charts.view.chart().title() == (
        "Weekly working-set volume (monthly average): all muscle groups"
    )
    volume.series.hovered.emit(QPointF(x_of(date(2025, 1, 1)), 700.0), True)
    assert charts.readout.text() == "January 2025: 767 kg a week on average"


def test_the_hover_value_sits_beside_its_point(qtbot, charts):
    pick(qtbot, charts, "bench")
    e1rm = charts.plotted[0]
    index = len(e1rm.days) - 1
    at_point = charts.view.chart().mapToPosition(
        QPointF(x_of(e1rm.days[index]), e1rm.values[index]), e1rm.series
    )
    point_on_screen = charts.view.viewport().mapToGlobal(charts.view.mapFromScene(at_point))
    where = charts.beside(e1rm, index)
    assert 0 < where.x() - point_on_screen.x() <= 20
    assert abs(where.y() - point_on_screen.y()) <= 20
