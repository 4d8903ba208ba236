"""The charts themselves: estimated 1RM and top set over time, and weekly volume.

Each function returns a new QChart with titled axes in the display unit; the series hold one
point per session (or per week) at noon of its day, x in milliseconds since the epoch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import QChart, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPen

from ...domain.calculations import LB_PER_KG, E1rmRule
from ...domain.progress import ProgressPoint

NOON = time(12)
EPOCH = datetime(1970, 1, 1)
ACCENT = "#2f6fde"
SECOND = "#e07b39"
INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#e6e9ee"
MARKERS_UP_TO = 60  # points drawn as dots when a series is this short


@dataclass(frozen=True)
class Plotted:
    """A series as drawn: its legend name, a short label for one value, and its points
    (day, value in kg, value as drawn in the display unit)."""

    name: str
    label: str
    period: str  # what one point stands for: "session", "week" or "month"
    series: QLineSeries
    days: list[date]
    kg: list[float]
    values: list[float]


def x_of(day: date) -> float:
    """The x of a day: noon local time, in ms since the epoch (noon keeps DST out of it).

    Python's clock, not QDateTime's: thousands of points, and this is many times faster."""
    noon = datetime.combine(day, NOON)
    try:
        return noon.timestamp() * 1000
    except (OverflowError, OSError, ValueError):
        # The C library's clock stops short of the years the schema allows (1 to 9999): there,
        # today's offset from UTC stands in for the local time of that day.
        offset = datetime.now().astimezone().utcoffset() or timedelta(0)
        return ((noon - EPOCH) - offset).total_seconds() * 1000


def _factor(unit: str) -> float:
    return LB_PER_KG if unit == "lb" else 1.0


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSizeF(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setTitleBrush(QColor(INK))
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(8, 8, 8, 8))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setLabelColor(QColor(INK))
    return chart


@dataclass(frozen=True)
class Line:
    """How a series is drawn and named: in the legend, and in the hover text."""

    name: str
    label: str
    colour: str
    width: float


def _series(
    line: Line, period: str, points: Sequence[tuple[date, float]], unit: str, scale: float = 1.0
) -> Plotted:
    name, label, colour, width = line.name, line.label, line.colour, line.width
    days = [d for d, _ in points]
    kg = [v for _, v in points]
    values = [v * _factor(unit) / scale for v in kg]
    series = QLineSeries()
    series.setName(name)
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    series.setPen(pen)
    series.replace([QPointF(x_of(d), v) for d, v in zip(days, values, strict=True)])
    if len(days) <= MARKERS_UP_TO:
        series.setPointsVisible(True)
        series.setMarkerSize(5)
    return Plotted(name, label, period, series, list(days), list(kg), values)


NO_SETS = "No sets in this range"


def _axes(
    chart: QChart,
    plotted: Sequence[Plotted],
    first: date,
    last: date,
    y_title: str,
    x_title: str,
    from_zero: bool = False,
) -> None:
    if not any(p.values for p in plotted):
        # Nothing in range: no axes of made-up ticks ("1, 1, 1, 0, 0"), just the words.
        chart.setTitle(f"{chart.title()}<br><span style='color:{MUTED}'>{NO_SETS}</span>")
        for p in plotted:
            chart.addSeries(p.series)
        return
    x_axis = QDateTimeAxis()
    years = (last - first).days / 365.25
    x_axis.setFormat("d MMM" if years < 0.5 else "MMM yyyy" if years <= 3 else "yyyy")
    x_axis.setTickCount(7)
    x_axis.setTitleText(x_title)
    x_axis.setRange(
        QDateTime(QDate(first.year, first.month, first.day), QTime(0, 0)),
        QDateTime(QDate(last.year, last.month, last.day), QTime(23, 59)),
    )
    y_axis = QValueAxis()
    y_axis.setTitleText(y_title)
    y_axis.setLabelFormat("%.0f")
    values = [v for p in plotted for v in p.values]
    low = 0.0 if from_zero else min(values, default=0.0)
    high = max(values, default=1.0)
    y_axis.setRange(low, high if high > low else low + 1)
    y_axis.applyNiceNumbers()
    for axis in (x_axis, y_axis):
        axis.setTitleBrush(QColor(MUTED))
        axis.setLabelsColor(QColor(MUTED))
        axis.setGridLineColor(QColor(GRID))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for p in plotted:
        chart.addSeries(p.series)
        p.series.attachAxis(x_axis)
        p.series.attachAxis(y_axis)


def progress_chart(
    exercise: str,
    points: Sequence[ProgressPoint],
    unit: str,
    rule: E1rmRule,
    first: date | None = None,
    last: date | None = None,
    period: str = "session",
) -> tuple[QChart, list[Plotted]]:
    """Best estimated 1RM (by `rule`, named in the title) and top-set weight per session (or
    per month: `period`)."""
    of = "best set of the session" if period == "session" else "best of the month"
    e1rm = [(p.date.date(), p.best_e1rm_kg) for p in points if p.best_e1rm_kg]
    top = [(p.date.date(), p.top_set_kg) for p in points if p.top_set_kg]
    e1rm_line = Line(
        f"Estimated 1RM ({rule.label}), {of}", f"estimated 1RM ({rule.label})", ACCENT, 2.0
    )
    top_line = Line("Top set (heaviest working set)", "top set", SECOND, 1.5)
    plotted = [_series(e1rm_line, period, e1rm, unit), _series(top_line, period, top, unit)]
    chart = _chart(f"{exercise}: Estimated 1RM ({rule.label}) and top set")
    days = [p.date.date() for p in points]
    _axes(
        chart,
        plotted,
        first or min(days, default=date.today()),
        last or max(days, default=date.today()),
        f"Weight ({unit})",
        "Date",
    )
    return chart, plotted


def volume_chart(
    weeks: Sequence[tuple[date, float]],
    unit: str,
    muscle_group: str | None,
    period: str = "week",
) -> tuple[QChart, list[Plotted]]:
    """Working-set volume per week (weeks nobody trained at 0); with `period` "month", the
    weeks' figures averaged per month."""
    what = "all muscle groups" if muscle_group is None else muscle_group
    # Tens of thousands read better as thousands: "45" on an axis of "×1,000 kg".
    largest = max((v for _, v in weeks), default=0.0) * _factor(unit)
    scale = 1000.0 if largest >= 10_000 else 1.0
    volume_line = Line(f"Weekly volume, {what}", "volume", ACCENT, 1.5)
    plotted = [_series(volume_line, period, weeks, unit, scale)]
    average = " (monthly average)" if period == "month" else ""
    chart = _chart(f"Weekly working-set volume{average}: {what}")
    chart.legend().hide()
    first = weeks[0][0] if weeks else date.today()
    last = weeks[-1][0] if weeks else date.today()
    y_title = f"Volume per week ({'×1,000 ' if scale > 1 else ''}{unit})"
    x_title = "Week (starting Monday)" if period == "week" else "Month"
    _axes(chart, plotted, first, last, y_title, x_title, from_zero=True)
    return chart, plotted
