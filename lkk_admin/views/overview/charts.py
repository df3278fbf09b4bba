"""The overview's three charts (QtCharts): ages against the SLA, decisions per day, and
the weekly median and 90th percentile of the time to a decision.

Each chart is redrawn whole from the service's figures. Bars carry their numbers as
labels or, where they are too many to label, in a tooltip; the page's "Numbers" tabs
hold every figure as a table besides.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLegend,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from lkk_admin.services.decision_times import WeekTimes
from lkk_admin.services.queue_overview import AgeBucket, DayDecisions
from lkk_admin.views.framework import formatting as fmt

WITHIN_COLOUR = QColor(47, 111, 178)
OVERDUE_COLOUR = QColor(192, 57, 43)
APPROVED_COLOUR = QColor(46, 139, 87)
REJECTED_COLOUR = QColor(192, 57, 43)
RETURNED_COLOUR = QColor(230, 160, 30)
MEDIAN_COLOUR = QColor(47, 111, 178)
P90_COLOUR = QColor(142, 68, 173)
CHART_HEIGHT = 250
DAY_LABEL_EVERY = 7  # days between named days on the axis (Mondays)


class OverviewChart(QChartView):
    """A chart view with the common look: no background roundness, small margins."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFixedHeight(CHART_HEIGHT)
        self.setMinimumWidth(240)
        self.chart_ = QChart()
        self.chart_.setMargins(QMargins(2, 2, 2, 2))
        self.chart_.setBackgroundRoundness(0)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self.chart_)

    def clear(self) -> None:
        self.chart_.removeAllSeries()
        for axis in self.chart_.axes():
            self.chart_.removeAxis(axis)

    def _count_axis(self, top: float) -> QValueAxis:
        axis = QValueAxis()
        axis.setLabelFormat("%d")
        axis.setRange(0, max(top * 1.15, 4))
        axis.applyNiceNumbers()
        axis.setMinorTickCount(0)
        return axis

    def _attach(
        self, series: QBarSeries | QStackedBarSeries | QLineSeries, x: QBarCategoryAxis
    ) -> None:
        if x not in self.chart_.axes():
            self.chart_.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addSeries(series)
        series.attachAxis(x)


class AgeChart(OverviewChart):
    """Waiting requests by age in working days; the bars past the SLA in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ageChart", parent)
        self.chart_.legend().setVisible(False)
        self.counts: list[int] = []

    def show_buckets(self, buckets: Sequence[AgeBucket]) -> None:
        self.clear()
        self.counts = [bucket.count for bucket in buckets]
        bars = QBarSet(self.tr("Waiting"))
        bars.setColor(WITHIN_COLOUR)
        bars.setSelectedColor(OVERDUE_COLOUR)
        bars.append([float(count) for count in self.counts])
        bars.selectBars([number for number, bucket in enumerate(buckets) if bucket.overdue])
        bars.setLabelColor(self.palette().text().color())
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.75)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        ages = QBarCategoryAxis()
        ages.append([bucket.label for bucket in buckets])
        ages.setTitleText(self.tr("Age, working days"))
        self._attach(series, ages)
        counts = self._count_axis(max(self.counts, default=0))
        self.chart_.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(counts)


class DecisionsChart(OverviewChart):
    """Decisions per day, stacked: approved, rejected, returned for clarification."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("decisionsChart", parent)
        self.days: list[DayDecisions] = []

    def show_days(self, days: Sequence[DayDecisions]) -> None:
        self.clear()
        self.days = list(days)
        series = QStackedBarSeries()
        series.setBarWidth(0.8)
        for name, colour, values in (
            (self.tr("Approved"), APPROVED_COLOUR, [day.approved for day in days]),
            (self.tr("Rejected"), REJECTED_COLOUR, [day.rejected for day in days]),
            (self.tr("Returned"), RETURNED_COLOUR, [day.returned for day in days]),
        ):
            bars = QBarSet(name)
            bars.setColor(colour)
            bars.setBorderColor(colour)
            bars.append([float(value) for value in values])
            bars.hovered.connect(self._hovered)
            series.append(bars)
        # Too many days to name each: the Mondays are named, at their bars.
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis.setRange(-0.5, len(days) - 0.5)
        for number, day in enumerate(days):
            if day.day.weekday() == 0:
                axis.append(day.day.strftime("%d.%m"), number)
        axis.setGridLineVisible(False)
        self.chart_.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addSeries(series)
        series.attachAxis(axis)
        counts = self._count_axis(max((day.total for day in days), default=0))
        self.chart_.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(counts)

    def day_text(self, index: int) -> str:
        day = self.days[index]
        return self.tr(
            "{day}: approved {approved}, rejected {rejected}, returned {returned}"
        ).format(
            day=fmt.day(day.day),
            approved=day.approved,
            rejected=day.rejected,
            returned=day.returned,
        )

    def _hovered(self, status: bool, index: int) -> None:
        if status and 0 <= index < len(self.days):
            QToolTip.showText(QCursor.pos(), self.day_text(index), self)
        else:
            QToolTip.hideText()


class TimesChart(OverviewChart):
    """Hours to a decision per week: median and 90th percentile, from submission (solid)
    and from the e-mail's confirmation (dashed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("timesChart", parent)
        self.lines: dict[str, list[QPointF]] = {}
        # Lines in the legend as drawn: solid from submission, dashed from confirmation.
        self.chart_.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)

    def show_weeks(self, weeks: Sequence[WeekTimes]) -> None:
        self.clear()
        axis = QBarCategoryAxis()
        axis.append([week.week.strftime("%d.%m") for week in weeks])
        axis.setTitleText(self.tr("Week from"))
        self.lines = {}
        top = 0.0
        for name, colour, dashed, values in (
            (self.tr("Median"), MEDIAN_COLOUR, False, [w.median_hours for w in weeks]),
            (self.tr("90th percentile"), P90_COLOUR, False, [w.p90_hours for w in weeks]),
            (self.tr("Median, confirmed"), MEDIAN_COLOUR, True,
             [w.confirmed_median_hours for w in weeks]),
            (self.tr("90th, confirmed"), P90_COLOUR, True,
             [w.confirmed_p90_hours for w in weeks]),
        ):  # fmt: skip
            line = QLineSeries()
            line.setName(name)
            pen = QPen(colour, 2)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            line.setPointsVisible(True)
            points = [QPointF(x, value) for x, value in enumerate(values) if value is not None]
            line.append(points)
            self.lines[name] = points
            top = max([top, *(point.y() for point in points)])
            self._attach(line, axis)
        hours = QValueAxis()
        hours.setLabelFormat("%.0f")
        hours.setTitleText(self.tr("Hours"))
        hours.setRange(0, max(top * 1.1, 1))
        hours.applyNiceNumbers()
        self.chart_.addAxis(hours, Qt.AlignmentFlag.AlignLeft)
        for series in self.chart_.series():
            series.attachAxis(hours)
