"""The survey results' bar charts (QtCharts): the options of a choice question, the
distribution of a rating, the responses per day.

Every chart is an :class:`~lkk_admin.views.overview.charts.OverviewChart` (the overview's
look). Bars carry their numbers as labels the chart draws itself: a bar series' own
labels know only ``@value``, and a bar here says a percent and a count, written as
Russian writes numbers. A label that would overlap its neighbours is left out (every
label of the chart then: a half-labelled chart misleads); the hover text and the card's
table have every figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from lkk_admin.views.overview.charts import (
    APPROVED_COLOUR,
    MEDIAN_COLOUR,
    OVERDUE_COLOUR,
    P90_COLOUR,
    RETURNED_COLOUR,
    OverviewChart,
)

_T = TypeVar("_T")
BAR_COLOUR = MEDIAN_COLOUR
# One colour per segment of a split, in SEGMENTS order (eight at most: price categories).
SEGMENT_COLOURS = (
    MEDIAN_COLOUR,
    RETURNED_COLOUR,
    APPROVED_COLOUR,
    P90_COLOUR,
    OVERDUE_COLOUR,
    QColor(23, 162, 184),
    QColor(120, 120, 120),
    QColor(196, 98, 152),
)
BAR_WIDTH = 0.8  # of a category's slot
ROW_HEIGHT = 30  # pixels per option of a horizontal bar chart (one bar set)
GROUPED_BAR_HEIGHT = 17  # pixels per bar of a split's group
CHART_PADDING = 36  # above and below the bars of a horizontal chart
CATEGORY_SHARE = 0.42  # of the chart's width at most for the options' texts
DAY_LABEL_SPACING = 64  # pixels at least between two named days
LABEL_GAP = 4
DISTRIBUTION_HEIGHT = 220


@dataclass(frozen=True)
class Bars:
    """One bar set: its name (the segment, or the respondents), its colour, and for each
    category the value drawn, the label on the bar and the text shown on hover."""

    name: str
    colour: QColor
    values: tuple[float, ...]
    labels: tuple[str, ...]
    tips: tuple[str, ...]


def segment_colour(number: int) -> QColor:
    return SEGMENT_COLOURS[number % len(SEGMENT_COLOURS)]


def elided(text: str, metrics: QFontMetrics, width: int) -> str:
    """One line of ``text`` fitting ``width`` pixels, an ellipsis where it was cut."""
    line = " ".join(text.split())
    return metrics.elidedText(line, Qt.TextElideMode.ElideRight, max(width, 20))


class BarLabel(QGraphicsSimpleTextItem):
    """A bar's number; its lines centred on one another (a percent above a count)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        del option, widget
        painter.setFont(self.font())
        painter.setPen(self.brush().color())
        painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignHCenter, self.text())


class ResultChart(OverviewChart):
    """Bar sets over categories with a label by each bar (outside its end, inside when it
    would leave the plot)."""

    horizontal = False

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(object_name, parent)
        self.chart_.legend().setVisible(False)
        self.bars: list[Bars] = []
        self.series: QAbstractBarSeries | None = None
        self.bar_labels: list[list[BarLabel]] = []
        self.labels_shown = False
        self.label_font = QFont(self.font())
        self.label_font.setPointSizeF(self.label_font.pointSizeF() * 0.9)
        self.chart_.plotAreaChanged.connect(self._place_labels)
        # The axis' texts follow the width once a resize settles: a layout passes
        # through several widths, and an axis' labels are slow to set.
        self._width_settled = QTimer(self)
        self._width_settled.setSingleShot(True)
        self._width_settled.setInterval(0)
        self._width_settled.timeout.connect(self._fit_axis)

    # --- what tests and the card read --------------------------------------------------

    def bar_set(self, set_number: int = 0) -> QBarSet:
        """A set by its place in reading order (a horizontal chart adds them reversed)."""
        assert self.series is not None
        sets = self.series.barSets()
        return sets[len(sets) - 1 - set_number] if self.horizontal else sets[set_number]

    def values(self, set_number: int = 0) -> list[float]:
        """A set's values in reading order (the options as the survey lists them)."""
        bar_set = self.bar_set(set_number)
        values = [bar_set.at(index) for index in range(bar_set.count())]
        return values[::-1] if self.horizontal else values

    def set_names(self) -> list[str]:
        return [self.bar_set(number).label() for number in range(len(self.bars))]

    def label_texts(self, set_number: int = 0) -> list[str]:
        return [item.text() for item in self.bar_labels[set_number]]

    # --- drawing -----------------------------------------------------------------------

    def clear(self) -> None:
        """No bars, no labels (the chart deletes the series it held)."""
        super().clear()
        self.series = None
        self.bars = []
        for row in self.bar_labels:
            for item in row:
                if item.scene() is not None:
                    item.scene().removeItem(item)
        self.bar_labels = []
        self.labels_shown = False

    def _show_bars(self, series: QAbstractBarSeries, bars: Sequence[Bars]) -> None:
        """Adds the sets to ``series`` (not yet in the chart) and makes their labels.

        A horizontal chart draws its first category at the bottom and a group's first set
        lowest (a bar category axis cannot be reversed), so there categories and sets go
        in backwards to read from the top.
        """
        self.clear()
        self.bars = list(bars)
        self.series = series
        series.setBarWidth(BAR_WIDTH)
        for number, shown in self._drawn(list(enumerate(bars))):
            bar_set = QBarSet(shown.name)
            bar_set.setColor(shown.colour)
            bar_set.setBorderColor(shown.colour)
            bar_set.append([float(value) for value in self._drawn(list(shown.values))])
            bar_set.hovered.connect(self._hover_reader(number))
            series.append(bar_set)
        for shown in bars:
            row = []
            for text in shown.labels:
                item = BarLabel(text, self.chart_)
                item.setFont(self.label_font)
                item.setZValue(20)
                item.setVisible(False)
                row.append(item)
            self.bar_labels.append(row)

    def _drawn(self, items: list[_T]) -> list[_T]:
        return items[::-1] if self.horizontal else items

    def _hover_reader(self, set_number: int) -> Callable[[bool, int], None]:
        def hovered(status: bool, index: int) -> None:
            tips = self.bars[set_number].tips if set_number < len(self.bars) else ()
            if self.horizontal:
                index = len(tips) - 1 - index
            if status and 0 <= index < len(tips):
                QToolTip.showText(QCursor.pos(), tips[index], self)
            else:
                QToolTip.hideText()

        return hovered

    def _bar_centre(self, set_number: int, category: int) -> float:
        """Where, along the category axis, the middle of a set's bar is (QtCharts puts a
        group's sets side by side across the slot, the first set drawn at the lower
        value)."""
        sets = max(len(self.bars), 1)
        if self.horizontal:
            set_number = sets - 1 - set_number
            category = max(len(shown.values) for shown in self.bars) - 1 - category
        return category - BAR_WIDTH / 2 + BAR_WIDTH * (set_number + 0.5) / sets

    def _place_labels(self, plot: QRectF | None = None) -> None:
        if self.series is None or not self.bar_labels:
            return
        plot = self.chart_.plotArea()
        categories = max((len(shown.values) for shown in self.bars), default=0)
        if categories == 0 or plot.width() <= 0 or plot.height() <= 0:
            return
        metrics = QFontMetrics(self.label_font)
        sets = len(self.bars)
        across = plot.height() if self.horizontal else plot.width()
        room = across / categories * BAR_WIDTH / sets  # a bar's thickness, in pixels
        if self.horizontal:
            needed = float(metrics.height())
        else:
            needed = max(
                (metrics.horizontalAdvance(t) for row in self.bar_labels for t in _texts(row)),
                default=0,
            )
        self.labels_shown = needed <= room + 2
        text_colour = self.palette().text().color()
        for set_number, row in enumerate(self.bar_labels):
            for category, item in enumerate(row):
                item.setVisible(self.labels_shown and bool(item.text()))
                if not self.labels_shown:
                    continue
                value = self.bars[set_number].values[category]
                centre = self._bar_centre(set_number, category)
                width = item.boundingRect().width()
                height = item.boundingRect().height()
                item.setBrush(text_colour)
                if self.horizontal:
                    end = self.chart_.mapToPosition(QPointF(value, centre), self.series)
                    x = end.x() + LABEL_GAP
                    if x + width > plot.right() and end.x() - plot.left() > width + 2 * LABEL_GAP:
                        x = end.x() - width - LABEL_GAP  # inside the bar's end
                        item.setBrush(QColor(Qt.GlobalColor.white))
                    item.setPos(x, end.y() - height / 2)
                else:
                    top = self.chart_.mapToPosition(QPointF(centre, value), self.series)
                    y = top.y() - height - 1
                    if y < plot.top() and plot.bottom() - top.y() > height + 2:
                        y = top.y() + 1
                        item.setBrush(QColor(Qt.GlobalColor.white))
                    item.setPos(top.x() - width / 2, y)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._width_settled.start()

    def _fit_axis(self) -> None:
        """Fits the category axis' texts to the chart's width (where they depend on it)."""

    def _hidden_value_axis(self, top: float, headroom: float) -> QValueAxis:
        """The bars' length axis, not drawn: each bar says its number."""
        axis = QValueAxis()
        axis.setRange(0, max(top, 1.0) * headroom)
        axis.setVisible(False)
        axis.setGridLineVisible(False)
        return axis


def _texts(row: Sequence[QGraphicsSimpleTextItem]) -> list[str]:
    return [line for item in row for line in item.text().splitlines()]


class OptionsChart(ResultChart):
    """The options of a choice question, one horizontal bar each (one per segment in a
    split), as tall as its options need; long texts cut on the axis, whole on hover."""

    horizontal = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("optionsChart", parent)
        self.categories: list[str] = []
        self.axis: QBarCategoryAxis | None = None

    def show_options(self, categories: Sequence[str], bars: Sequence[Bars]) -> None:
        series = QHorizontalBarSeries()
        self._show_bars(series, bars)
        self.categories = list(categories)
        self.axis = QBarCategoryAxis()
        self.axis.setGridLineVisible(False)
        self.axis.setCategories(self._drawn(self._axis_texts(self.width())))
        self.chart_.addAxis(self.axis, Qt.AlignmentFlag.AlignLeft)
        self.chart_.addSeries(series)
        series.attachAxis(self.axis)
        top = max((value for shown in bars for value in shown.values), default=0.0)
        length = self._hidden_value_axis(top, 1.45)
        self.chart_.addAxis(length, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(length)
        per_option = ROW_HEIGHT if len(bars) <= 1 else GROUPED_BAR_HEIGHT * len(bars) + 10
        self.setFixedHeight(CHART_PADDING + per_option * max(len(categories), 1))

    def _axis_texts(self, width: int) -> list[str]:
        metrics = QFontMetrics(self.axis.labelsFont() if self.axis else self.font())
        room = int(max(width, 240) * CATEGORY_SHARE)
        # Numbered as in the card's table; the number also keeps two cut texts apart.
        return [
            elided(f"{number}. {text}", metrics, room)
            for number, text in enumerate(self.categories, start=1)
        ]

    def _fit_axis(self) -> None:
        if self.axis is not None:
            texts = self._drawn(self._axis_texts(self.width()))
            if texts != self.axis.categories():
                self.axis.setCategories(texts)


class DistributionChart(ResultChart):
    """A rating's answers over every value of its scale (one bar per segment in a split)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("distributionChart", parent)
        self.categories: list[str] = []
        self.setFixedHeight(DISTRIBUTION_HEIGHT)

    def show_distribution(self, categories: Sequence[str], bars: Sequence[Bars]) -> None:
        series = QBarSeries()
        self._show_bars(series, bars)
        self.categories = list(categories)
        axis = QBarCategoryAxis()
        axis.setCategories(self.categories)
        axis.setGridLineVisible(False)
        self.chart_.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addSeries(series)
        series.attachAxis(axis)
        top = max((value for shown in bars for value in shown.values), default=0.0)
        lines = max((len(label.splitlines()) for s in bars for label in s.labels), default=1)
        length = self._hidden_value_axis(top, 1.2 + 0.12 * lines)
        self.chart_.addAxis(length, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(length)


class DaysChart(ResultChart):
    """Responses per Moscow day; as many days named under the bars as fit apart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("daysChart", parent)
        self.days: list[date] = []
        self.axis: QCategoryAxis | None = None
        self.setFixedHeight(200)

    def show_days(self, days: Sequence[date], bars: Bars) -> None:
        series = QBarSeries()
        self._show_bars(series, [bars])
        self.days = list(days)
        self.axis = QCategoryAxis()
        self.axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.axis.setRange(-0.5, len(days) - 0.5)
        self.axis.setGridLineVisible(False)
        self._name_days(self.width())
        self.chart_.addAxis(self.axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addSeries(series)
        series.attachAxis(self.axis)
        counts = self._count_axis(max(bars.values, default=0.0) * 1.1)
        self.chart_.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(counts)

    def named_days(self) -> list[str]:
        return self.axis.categoriesLabels() if self.axis is not None else []

    def _name_days(self, width: int) -> None:
        if self.axis is None:
            return
        fit = max(2, (max(width, 240) - 60) // DAY_LABEL_SPACING)
        step = max(1, math.ceil(len(self.days) / fit))
        wanted = [
            (day.strftime("%d.%m"), number)
            for number, day in enumerate(self.days)
            if number % step == 0
        ]
        if [label for label, _ in wanted] == self.axis.categoriesLabels():
            return
        for label in self.axis.categoriesLabels():
            self.axis.remove(label)
        for label, number in wanted:
            self.axis.append(label, number)

    def _fit_axis(self) -> None:
        self._name_days(self.width())
