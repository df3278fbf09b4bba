"""A meter's monthly consumption as a bar chart (QtCharts)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from lkk_admin.services.registry_browser import MonthConsumption

BAR_COLOUR = QColor(47, 111, 178)


class ConsumptionChart(QChartView):
    """kWh per month, oldest on the left; a month with a missing reading has no bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consumptionChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self.chart_ = QChart()
        self.chart_.legend().setVisible(False)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setBackgroundRoundness(0)
        self.setChart(self.chart_)
        self.values: list[float | None] = []

    def show_months(self, months: Sequence[MonthConsumption], title: str) -> None:
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.values = [float(month.kwh) if month.kwh is not None else None for month in months]
        bars = QBarSet(self.tr("kWh"))
        bars.setColor(BAR_COLOUR)
        for value in self.values:
            bars.append(value or 0.0)
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        # Every third month named: 36 labels would overlap on a desk's screen.
        labels = [
            month.period.strftime("%m.%y") if (len(months) - 1 - number) % 3 == 0 else " " * number
            for number, month in enumerate(months)
        ]
        months_axis = QBarCategoryAxis()
        months_axis.append(labels)
        months_axis.setLabelsAngle(-60)
        chart.addAxis(months_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(months_axis)
        kwh_axis = QValueAxis()
        top = max([value for value in self.values if value] or [1.0])
        # Whole kWh where the bars are tall; a tenth where they are small.
        kwh_axis.setLabelFormat("%.0f" if top >= 10 else "%.1f")
        kwh_axis.setTitleText(self.tr("kWh"))
        kwh_axis.setRange(0, top * 1.1)
        kwh_axis.applyNiceNumbers()
        chart.addAxis(kwh_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(kwh_axis)
        chart.setTitle(title)
