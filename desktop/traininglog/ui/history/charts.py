"""The Charts tab: an exercise's estimated 1RM and top set, or weekly volume, over a range.

Pointing at a line shows the nearest point's day and value, beside the chart and as a tool
tip. "Save PNG…" saves the chart as shown.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QPoint, QPointF, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...domain.calculations import E1rmRule
from ...domain.progress import (
    ExerciseProgress,
    WeeklyVolume,
    monthly_best,
    monthly_mean,
    points_in_range,
)
from ...domain.vocabulary import MUSCLE_GROUPS
from ...exercises.catalogue import Catalogue
from ..common.formatting import lifted_text, volume_text, weight_text
from .chart_builders import (
    NO_SETS,
    NO_WEIGH_INS,
    Plotted,
    body_weight_chart,
    progress_chart,
    volume_chart,
    x_of,
)
from .date_range import DateRangeControl, Span
from .exercise_search import ExerciseSearch
from .texts import day_text

PROGRESS, VOLUME, BODY_WEIGHT = "progress", "volume", "bodyweight"
KINDS = (
    (PROGRESS, "Estimated 1RM and top set"),
    (VOLUME, "Weekly volume"),
    (BODY_WEIGHT, "Body weight"),
)
HINT = "Point at a line to read its value and date."
# Past this many points a line is a blur: the chart shows months instead.
MONTHLY_AFTER_SESSIONS = 150
MONTHLY_AFTER_WEEKS = 160

Progress = Callable[[str], ExerciseProgress]
Weekly = Callable[[str | None, str | None, str | None], WeeklyVolume]
WeighIns = Callable[[str | None, str | None], list[tuple[str, float]]]


class ChartsView(QWidget):
    exercise_picked = Signal(str)
    save_requested = Signal()
    drawn = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        used_names: Callable[[], list[str]],
        span: Span,
        progress: Progress,
        weekly: Weekly,
        weigh_ins: WeighIns | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.progress = progress
        self.weekly = weekly
        self.weigh_ins = weigh_ins or (lambda first, last: [])
        self.unit = "kg"
        self.rule = E1rmRule()
        self.exercise: str | None = None
        self.plotted: list[Plotted] = []

        self.kind = QComboBox()
        self.kind.setObjectName("chartKind")
        self.kind.setAccessibleName("Chart")
        for key, text in KINDS:
            self.kind.addItem(text, key)
        self.search = ExerciseSearch(catalogue, used_names)
        self.search.setObjectName("chartExercise")
        self.search.setAccessibleName("Exercise")
        self.search.setMaximumWidth(360)
        self.search.picked.connect(self.exercise_picked)
        self.group = QComboBox()
        self.group.setObjectName("chartMuscleGroup")
        self.group.setAccessibleName("Muscle group")
        self.group.addItem("All muscle groups", None)
        for group in MUSCLE_GROUPS:
            self.group.addItem(group, group)
        self.dates = DateRangeControl(span, "12m")
        self.save_button = QPushButton("Save PNG…")
        self.save_button.setObjectName("saveChartPng")
        self.save_button.setAccessibleName("Save the chart as a PNG image")
        self.save_button.clicked.connect(self.save_requested)
        self.view = QChartView()
        self.view.setObjectName("chartView")
        self.view.setAccessibleName("Chart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(300)
        self.readout = QLabel(HINT)
        self.readout.setObjectName("chartReadout")

        controls = QHBoxLayout()
        controls.addWidget(self.kind)
        controls.addWidget(self.search, 1)
        controls.addWidget(self.group)
        controls.addWidget(self.dates)
        controls.addStretch(0)
        controls.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)

        self.kind.currentIndexChanged.connect(self.redraw)
        self.group.currentIndexChanged.connect(self.redraw)
        self.dates.changed.connect(self.redraw)
        self._show_controls()

    # -- what to draw -------------------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def set_muscle_group(self, group: str | None) -> None:
        self.group.setCurrentIndex(self.group.findData(group))

    def set_exercise(self, name: str | None) -> None:
        self.exercise = name
        self.search.show_name(name or "")
        if self.kind.currentData() == PROGRESS:
            self.redraw()

    def set_display(self, unit: str, rule: E1rmRule) -> None:
        if (unit, rule) != (self.unit, self.rule):
            self.unit, self.rule = unit, rule
            self.redraw()

    # -- drawing -------------------------------------------------------------------------------

    def redraw(self) -> None:
        self._show_controls()
        first, last = self.dates.range()
        if self.kind.currentData() == PROGRESS:
            chart, plotted = self._progress(first, last)
        elif self.kind.currentData() == BODY_WEIGHT:
            weigh_ins = [(date.fromisoformat(d), kg) for d, kg in self.weigh_ins(first, last)]
            chart, plotted = body_weight_chart(
                weigh_ins,
                self.unit,
                date.fromisoformat(first) if first else None,
                date.fromisoformat(last) if last else None,
            )
        else:
            group = self.group.currentData()
            weekly = self.weekly(first, last, group)
            weeks = weekly.series(first, last)
            factor = weekly.secondary_factor
            if len(weeks) > MONTHLY_AFTER_WEEKS:
                chart, plotted = volume_chart(
                    monthly_mean(weeks), self.unit, group, "month", secondary_factor=factor
                )
            else:
                chart, plotted = volume_chart(
                    weeks,
                    self.unit,
                    group,
                    deload_weeks=weekly.deload_weeks,
                    secondary_factor=factor,
                )
        for p in plotted:
            for line in p.lines:
                line.hovered.connect(lambda point, state, p=p: self._hovered(p, point, state))
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.plotted = plotted
        empty = NO_WEIGH_INS if self.kind.currentData() == BODY_WEIGHT else NO_SETS
        self.readout.setText(HINT if any(p.values for p in plotted) else f"{empty}.")
        self.drawn.emit()

    def _progress(self, first: str | None, last: str | None) -> tuple[QChart, list[Plotted]]:
        progress = self.progress(self.exercise) if self.exercise else None
        every = progress.points if progress else []
        points = points_in_range(every, first, last)
        period = "session"
        if len(points) > MONTHLY_AFTER_SESSIONS:
            points, period = monthly_best(points), "month"
        title = self.exercise or "Choose an exercise"
        return progress_chart(
            title,
            points,
            self.unit,
            self.rule,
            date.fromisoformat(first) if first else None,
            date.fromisoformat(last) if last else None,
            period,
            body_weight_sets=progress.totals.body_weight_sets if progress else 0,
        )

    def _show_controls(self) -> None:
        kind = self.kind.currentData()
        self.search.setVisible(kind == PROGRESS)
        self.group.setVisible(kind == VOLUME)

    # -- reading values ------------------------------------------------------------------------

    def value_text(self, plotted: Plotted, index: int) -> str:
        day, kg = plotted.days[index], plotted.kg[index]
        when = f"{day:%B %Y}" if plotted.period == "month" else day_text(day)
        if plotted.label == "volume":
            if plotted.period == "month":
                return f"{when}: {volume_text(kg, self.unit)} a week on average"
            deload = " (deload week)" if day in plotted.shaded else ""
            return f"Week of {when}: {volume_text(kg, self.unit)}{deload}"
        if plotted.label == "body weight":
            return f"{when}: {lifted_text(kg, self.unit, with_unit=True)}"
        best = " (best of the month)" if plotted.period == "month" else ""
        shown = lifted_text if plotted.label == "top set" else weight_text
        return f"{when}: {plotted.label} {shown(kg, self.unit, with_unit=True)}{best}"

    def nearest(self, plotted: Plotted, point: QPointF) -> int | None:
        """The index of the point nearest in time to `point`."""
        if not plotted.days:
            return None
        xs = [x_of(d) for d in plotted.days]
        i = bisect_left(xs, point.x())
        candidates = [j for j in (i - 1, i) if 0 <= j < len(xs)]
        return min(candidates, key=lambda j: abs(xs[j] - point.x()))

    def _hovered(self, plotted: Plotted, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        index = self.nearest(plotted, point)
        if index is None:
            return
        text = self.value_text(plotted, index)
        self.readout.setText(text)
        QToolTip.showText(self.beside(plotted, index), text, self.view)

    def beside(self, plotted: Plotted, index: int) -> QPoint:
        """Just right of the point itself, on the screen: where the eye already is."""
        at = QPointF(x_of(plotted.days[index]), plotted.values[index])
        in_scene = self.view.chart().mapToPosition(at, plotted.series)
        in_view = self.view.mapFromScene(in_scene)
        return self.view.viewport().mapToGlobal(in_view) + QPoint(12, -12)
