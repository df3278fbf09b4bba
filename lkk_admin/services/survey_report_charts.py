"""The survey report's charts, drawn with reportlab's own graphics (no image files).

Every bar carries its figure, written beside or above it in the report's font, so a
printed page is read without a ruler. Long option texts are wrapped (and, past two lines,
shortened with an ellipsis) to the room the axis leaves them; the table under each chart
gives them whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from lkk_admin.services.reports.document import FONT, RULE

BAR = colors.HexColor("#4f7cac")
DETRACTOR = colors.HexColor("#c8553d")
PASSIVE = colors.HexColor("#b8b8b8")
PROMOTER = colors.HexColor("#4e9a5b")
AXIS_FONT_SIZE = 7.5
VALUE_FONT_SIZE = 7.5
ELLIPSIS = "…"
CHART_ROOM = 140 * mm  # the most a chart of options takes, under its heading


def fit_lines(text: str, width: float, *, size: float = AXIS_FONT_SIZE, lines: int = 2) -> str:
    """``text`` wrapped by words into at most ``lines`` lines of ``width`` points, the
    last shortened with an ellipsis when it does not fit (``\\n`` between lines)."""

    def fits(candidate: str) -> bool:
        return bool(stringWidth(candidate, FONT, size) <= width)

    words = " ".join(text.split()).split(" ")
    result: list[str] = []
    current = ""
    index = 0
    while index < len(words):
        word = words[index]
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current, index = candidate, index + 1
            continue
        if not current:  # one word longer than the line: cut it
            current, index = _shortened(word, fits), index + 1
        if len(result) == lines - 1:
            break
        result.append(current)
        current = ""
    if index < len(words) or not fits(current):
        rest = " ".join(filter(None, [current, *words[index:]]))
        current = _shortened(rest, fits)
    if current:
        result.append(current)
    return "\n".join(result)


def _shortened(text: str, fits: Callable[[str], bool]) -> str:
    if fits(text):
        return text
    cut = len(text)
    while cut > 0 and not fits(text[:cut].rstrip() + ELLIPSIS):
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


def _drawing(width: float, height: float) -> Drawing:
    """A drawing in the report's font from its first operator on: else reportlab starts
    it in Helvetica, a font without Cyrillic that the PDF would then name unembedded."""
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    drawing.initialFontSize = AXIS_FONT_SIZE
    return drawing


def _style_axis_labels(axis: object, size: float = AXIS_FONT_SIZE) -> None:
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontName = FONT
    labels.fontSize = size
    labels.leading = size * 1.2


def option_bars(
    labels: Sequence[str],
    counts: Sequence[int],
    shown: Sequence[str],
    *,
    width: float,
    label_width: float = 70 * mm,
    value_room: float = 32 * mm,
) -> Drawing:
    """Horizontal bars, one per option in order from the top: the option's text on the
    left, ``shown`` (its count and share) at the end of its bar."""
    count = len(counts)
    # Fifty options still fit under their question's heading on one page.
    pitch = min(7.5 * mm, CHART_ROOM / max(count, 1))
    lines = 2 if pitch >= 6.5 * mm else 1
    size = AXIS_FONT_SIZE if pitch >= 4 * mm else max(5.0, pitch * 0.72)
    height = pitch * count + 10 * mm
    drawing = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 7 * mm
    chart.width = width - label_width - value_room
    chart.height = pitch * count
    chart.data = [list(counts)]
    chart.categoryAxis.categoryNames = [
        fit_lines(label, label_width - 3 * mm, size=size, lines=lines) for label in labels
    ]
    chart.categoryAxis.reverseDirection = True  # the first option on top, as asked
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    _style_axis_labels(chart.categoryAxis, size)
    _value_axis(chart, max(counts, default=0))
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barWidth = pitch * 0.65
    chart.groupSpacing = pitch * 0.35
    chart.barLabelFormat = "values"
    chart.barLabelArray = [list(shown)]
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = min(VALUE_FONT_SIZE, size)
    drawing.add(chart)
    return drawing


def _value_axis(chart: HorizontalBarChart | VerticalBarChart, top: int) -> None:
    """Whole-number steps from zero, a few of them (a count is never 2.5)."""
    axis = chart.valueAxis
    axis.valueMin = 0
    step = _step(top)
    axis.valueMax = max(step, -(-top // step) * step)
    axis.valueStep = step
    axis.labelTextFormat = lambda value: f"{int(value):,}".replace(",", "\N{NO-BREAK SPACE}")
    axis.strokeColor = RULE
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor("#e3e7ec")
    axis.gridStrokeWidth = 0.4
    _style_axis_labels(axis, 6.5)


def _step(top: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50…) that divides 0…top into at most six parts."""
    power = 1
    while True:
        for multiple in (1, 2, 5):
            if top <= 6 * multiple * power:
                return multiple * power
        power *= 10


def column_bars(
    labels: Sequence[str],
    counts: Sequence[int],
    shown: Sequence[str | None],
    *,
    width: float,
    height: float,
    fills: Sequence[colors.Color] | None = None,
    label_every: int = 1,
) -> Drawing:
    """Vertical bars left to right (a rating's values, the days of a survey): ``shown``
    above each bar (None: nothing), every ``label_every``-th label under the axis."""
    drawing = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x = 12 * mm
    chart.y = 8 * mm
    chart.width = width - 14 * mm
    lines = max((text.count("\n") + 1 for text in shown if text), default=1)
    chart.height = height - 10 * mm - lines * VALUE_FONT_SIZE * 1.2  # room for the figures
    chart.data = [list(counts)]
    chart.categoryAxis.categoryNames = [
        label if index % label_every == 0 else "" for index, label in enumerate(labels)
    ]
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -2
    _style_axis_labels(chart.categoryAxis)
    _value_axis(chart, max(counts, default=0))
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = BAR
    if fills is not None:
        for index, fill in enumerate(fills):
            chart.bars[(0, index)].fillColor = fill
    chart.barWidth = 3  # bars three times as wide as the gaps between them
    chart.groupSpacing = 1
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[text or "" for text in shown]]
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = VALUE_FONT_SIZE
    drawing.add(chart)
    return drawing


def nps_fills(values: Sequence[int]) -> list[colors.Color]:
    """A 0…10 rating's bars by NPS group: detractors 0–6, passives 7–8, promoters 9–10."""
    return [DETRACTOR if value <= 6 else PASSIVE if value <= 8 else PROMOTER for value in values]
