"""The charts themselves: estimated 1RM and top set over time, and weekly volume.

Each function returns a new QChart with titled axes in the display unit; the series hold one
point per session (or per week) at noon of its day, x in milliseconds since the epoch. A
line stops where nobody trained and starts again after: one line series per unbroken stretch.
Deload weeks are shaded from the floor to the top of the chart.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import QAreaSeries, QChart, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QFont, QPen

from ...domain.calculations import LB_PER_KG, E1rmRule
from ...domain.progress import ProgressPoint
from ..common.theme import colours, qcolor

NOON = time(12)
EPOCH = datetime(1970, 1, 1)
DAY_MS = 86_400_000
MARKERS_UP_TO = 60  # points drawn as dots when a series is this short


@dataclass(frozen=True)
class Plotted:
    """A series as drawn: its legend name, a short label for one value, its points (day,
    value in kg, value as drawn in the display unit), and the line series that draw them,
    one per unbroken stretch (the first named in the legend). `shaded`: the days whose
    period is shaded (deload weeks)."""

    name: str
    label: str
    period: str  # what one point stands for: "session", "week" or "month"
    lines: list[QLineSeries]
    days: list[date]
    kg: list[float]
    values: list[float]
    shaded: frozenset[date] = frozenset()

    @property
    def series(self) -> QLineSeries:
        """The line named in the legend (the first stretch)."""
        return self.lines[0]


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
    look = colours()
    chart.setTitleBrush(qcolor(look.ink))
    chart.setBackgroundBrush(qcolor(look.base))
    chart.setPlotAreaBackgroundVisible(False)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(8, 8, 8, 8))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setLabelColor(qcolor(look.ink))
    return chart


@dataclass(frozen=True)
class Line:
    """How a series is drawn and named: in the legend, and in the hover text."""

    name: str
    label: str
    colour: str
    width: float


def _series(
    line: Line,
    period: str,
    points: Sequence[tuple[date, float | None]],
    unit: str,
    scale: float = 1.0,
    shaded: frozenset[date] = frozenset(),
) -> Plotted:
    """The points as drawn; a None value is a gap, where the line stops."""
    runs: list[list[tuple[date, float]]] = [[]]
    for day, kg in points:
        if kg is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((day, kg))
    if not runs[-1] and len(runs) > 1:
        runs.pop()
    factor = _factor(unit) / scale
    lines = []
    for run in runs:
        series = QLineSeries()
        series.setName(line.name)
        pen = QPen(qcolor(line.colour))
        pen.setWidthF(line.width)
        series.setPen(pen)
        series.replace([QPointF(x_of(d), kg * factor) for d, kg in run])
        lines.append(series)
    shown = [point for run in runs for point in run]
    for series, run in zip(lines, runs, strict=True):
        # Dots where there are few points, and always for a stretch of one: a line of one
        # point draws nothing.
        if len(shown) <= MARKERS_UP_TO or len(run) == 1:
            series.setPointsVisible(True)
            series.setMarkerSize(5)
    days = [d for d, _ in shown]
    kg = [v for _, v in shown]
    return Plotted(line.name, line.label, period, lines, days, kg, [v * factor for v in kg], shaded)


@dataclass(frozen=True)
class Shade:
    """Bands from the floor to the top of the chart, each `half_days` either side of a day:
    how deload weeks stand out behind the line."""

    name: str
    days: Sequence[date]
    half_days: float


NO_SETS = "No sets in this range"
NO_WEIGH_INS = "No body weight in this range: type yours in a session's header (BW)"


def _axes(
    chart: QChart,
    plotted: Sequence[Plotted],
    first: date,
    last: date,
    y_title: str,
    x_title: str,
    from_zero: bool = False,
    shade: Shade | None = None,
    empty: str = "",
) -> None:
    if not any(p.values for p in plotted):
        # Nothing in range: no axes of made-up ticks ("1, 1, 1, 0, 0"), just the words.
        muted = colours().muted
        chart.setTitle(f"{chart.title()}<br><span style='color:{muted}'>{empty or NO_SETS}</span>")
        for p in plotted:
            for line in p.lines:
                chart.addSeries(line)
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
        axis.setTitleBrush(qcolor(colours().muted))
        axis.setLabelsColor(qcolor(colours().muted))
        axis.setGridLineColor(qcolor(colours().grid))
        axis.setLinePenColor(qcolor(colours().line))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    if shade is not None and shade.days:
        # Added first, so drawn first: behind the lines.
        left = x_axis.min().toMSecsSinceEpoch()
        right = x_axis.max().toMSecsSinceEpoch()
        area = _shade_series(shade, y_axis.min(), y_axis.max(), left, right)
        chart.addSeries(area)
        area.attachAxis(x_axis)
        area.attachAxis(y_axis)
    for p in plotted:
        for line in p.lines:
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)


def _shade_series(shade: Shade, floor: float, top: float, left: float, right: float):
    upper, lower = QLineSeries(), QLineSeries()
    half = shade.half_days * DAY_MS
    for day in sorted(shade.days):
        start = max(left, x_of(day) - half)
        end = min(right, x_of(day) + half)
        if start < end:
            upper.append([QPointF(start, floor), QPointF(start, top)])
            upper.append([QPointF(end, top), QPointF(end, floor)])
    lower.append([QPointF(left, floor), QPointF(right, floor)])
    area = QAreaSeries(upper, lower)
    upper.setParent(area)
    lower.setParent(area)
    area.setName(shade.name)
    shade_colour = qcolor(colours().shade)
    area.setColor(shade_colour)
    area.setBorderColor(shade_colour)
    area.setPen(QPen(Qt.PenStyle.NoPen))
    return area


def progress_chart(
    exercise: str,
    points: Sequence[ProgressPoint],
    unit: str,
    rule: E1rmRule,
    first: date | None = None,
    last: date | None = None,
    period: str = "session",
    body_weight_sets: int = 0,
) -> tuple[QChart, list[Plotted]]:
    """Best estimated 1RM (by `rule`, named in the title) and top-set weight per session (or
    per month: `period`); with body-weight sets, the title says their loads count the body
    weight."""
    of = "best set of the session" if period == "session" else "best of the month"
    e1rm = [(p.date.date(), p.best_e1rm_kg) for p in points if p.best_e1rm_kg]
    top = [(p.date.date(), p.top_set_kg) for p in points if p.top_set_kg]
    e1rm_line = Line(
        f"Estimated 1RM ({rule.label}), {of}",
        f"estimated 1RM ({rule.label})",
        colours().accent,
        2.0,
    )
    top_line = Line("Top set (heaviest working set)", "top set", colours().second, 1.5)
    plotted = [_series(e1rm_line, period, e1rm, unit), _series(top_line, period, top, unit)]
    title = f"{exercise}: Estimated 1RM ({rule.label}) and top set"
    if body_weight_sets:
        muted = colours().muted
        title += (
            f"<br><span style='color:{muted}'>Body-weight sets count the body weight logged "
            "nearest their day</span>"
        )
    chart = _chart(title)
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


def body_weight_chart(
    weigh_ins: Sequence[tuple[date, float]],
    unit: str,
    first: date | None = None,
    last: date | None = None,
) -> tuple[QChart, list[Plotted]]:
    """The lifter's body weight, one point per day weighed (in the session header)."""
    line = Line("Body weight", "body weight", colours().accent, 2.0)
    plotted = [_series(line, "session", weigh_ins, unit)]
    chart = _chart("Body weight")
    chart.legend().hide()
    days = [d for d, _ in weigh_ins]
    _axes(
        chart,
        plotted,
        first or min(days, default=date.today()),
        last or max(days, default=date.today()),
        f"Body weight ({unit})",
        "Date",
        empty=NO_WEIGH_INS,
    )
    return chart, plotted


SECONDARY_COUNTED = {0.0: "not counted", 0.5: "counted half", 1.0: "counted in full"}


def volume_chart(
    weeks: Sequence[tuple[date, float | None]],
    unit: str,
    muscle_group: str | None,
    period: str = "week",
    deload_weeks: Collection[date] = (),
    secondary_factor: float | None = None,
) -> tuple[QChart, list[Plotted]]:
    """Working-set volume per week (weeks nobody trained, None, left as gaps); with `period`
    "month", the weeks' figures averaged per month. Deload weeks are shaded. For a muscle
    group, the title says how its secondary muscles were counted (`secondary_factor`)."""
    what = "all muscle groups" if muscle_group is None else muscle_group
    # Tens of thousands read better as thousands: "45" on an axis of "×1,000 kg".
    largest = max((v for _, v in weeks if v is not None), default=0.0) * _factor(unit)
    scale = 1000.0 if largest >= 10_000 else 1.0
    volume_line = Line(f"Weekly volume, {what}", "volume", colours().accent, 1.5)
    shaded = frozenset(deload_weeks) if period == "week" else frozenset()
    plotted = [_series(volume_line, period, weeks, unit, scale, shaded)]
    average = " (monthly average)" if period == "month" else ""
    title = f"Weekly working-set volume{average}: {what}"
    if muscle_group is not None and secondary_factor is not None:
        counted = SECONDARY_COUNTED.get(secondary_factor, f"counted ×{secondary_factor:g}")
        muted = colours().muted
        title += f"<br><span style='color:{muted}'>Secondary muscles {counted} (Settings)</span>"
    chart = _chart(title)
    first = weeks[0][0] if weeks else date.today()
    last = weeks[-1][0] if weeks else date.today()
    shown = sorted(d for d in shaded if first <= d <= last)
    y_title = f"Volume per week ({'×1,000 ' if scale > 1 else ''}{unit})"
    x_title = "Week (starting Monday)" if period == "week" else "Month"
    shade = Shade("Deload week", shown, 3.5) if shown else None
    _axes(chart, plotted, first, last, y_title, x_title, from_zero=True, shade=shade)
    # The line needs no legend entry of its own: the title names it. The shade does.
    for line in plotted[0].lines:
        for marker in chart.legend().markers(line):
            marker.setVisible(False)
    chart.legend().setVisible(bool(shade) and any(plotted[0].values))
    return chart, plotted
