"""One card per question of the survey results: its number, text and how many answered,
then what its kind calls for: the options' bars and table (one or several choices), the
rating's distribution with mean, median and NPS, the free-text answers to search.

A card shows either the whole survey's figures or, in a split, the same figures per
segment side by side: one bar set and one table column per segment (after a column for
every respondent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lkk_admin.services.moscow_time import to_moscow
from lkk_admin.services.survey_results import SEGMENT_LABELS, QuestionResult, TextAnswer
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.widgets import SearchBox
from lkk_admin.views.overview.widgets import muted_note
from lkk_admin.views.pane_parts import no_break_hyphens
from lkk_admin.views.surveys.result_charts import (
    BAR_COLOUR,
    Bars,
    DistributionChart,
    OptionsChart,
)
from lkk_admin.views.surveys.results_tables import FiguresTable

SEARCH_DELAY_MS = 300  # typing pauses this long before a search is asked for
TEXT_ROWS_SHOWN = 10  # the answers' table scrolls past this many rows
TEXT_ROWS_LOADED = 200  # at most this many answers put in the table at once
PROMOTERS = range(9, 11)
PASSIVES = range(7, 9)
RATING_COLUMN_MIN = 70  # pixels of the split table's column of values, mean, median, NPS


@dataclass(frozen=True)
class Column:
    """One column of a card's figures: every respondent, or one segment of a split."""

    label: str
    colour: QColor
    question: QuestionResult
    respondents: int  # of the survey, in this column


def percent(value: float) -> str:
    """``34,5 %``."""
    return f"{fmt.decimal(value, 1, trim=True)}{fmt.NBSP}%"


def signed(value: float) -> str:
    """``+23``, ``−5``, ``0``: an NPS."""
    text = fmt.decimal(abs(value), 1, trim=True)
    return f"+{text}" if value > 0 else f"\u2212{text}" if value < 0 else text


def header_text(column: Column) -> str:
    """A table column's header: the segment's label a word a line (a narrow pane keeps
    many columns), then how many respondents it has."""
    return "\n".join([*column.label.split(), f"n\u00a0=\u00a0{fmt.grouped(column.respondents)}"])


def legend_html(columns: Sequence[Column]) -> str:
    """A legend that wraps in a narrow pane (the chart's own legend cuts long labels)."""
    return "&nbsp;&nbsp; ".join(
        f'<span style="color:{column.colour.name()}">&#9632;</span>&nbsp;'
        + "&nbsp;".join(escape(no_break_hyphens(word)) for word in column.label.split())
        for column in columns
    )


class QuestionCard(QFrame):
    """The number, text and answered count of a question; the kind's content below."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.overall = self.columns[0]
        self.question = self.overall.question
        self.segments = self.columns[1:]  # empty unless split
        self.setObjectName(f"question{self.question.question_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(10, 8, 10, 10)
        self.layout_.setSpacing(6)
        self.heading = QLabel(f"{self.question.position}. {self.question.text}")
        self.heading.setObjectName("questionHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # an editor's text, not markup
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.heading.setFont(font)
        self.answered_label = QLabel(
            self.tr("%n of {respondents} answered", "", self.question.answered).format(
                respondents=fmt.grouped(self.overall.respondents)
            )
        )
        self.answered_label.setObjectName("answeredLabel")
        self.answered_label.setWordWrap(True)
        self.answered_label.setStyleSheet(f"color: {fmt.MUTED_TEXT.name()};")
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.answered_label)
        self.legend: QLabel | None = None

    def _add_legend(self) -> None:
        if not self.segments:
            return
        self.legend = QLabel(legend_html(self.segments))
        self.legend.setObjectName("segmentLegend")
        self.legend.setWordWrap(True)
        self.layout_.addWidget(self.legend)

    def _add_note(self, object_name: str, text: str) -> QLabel:
        note = muted_note(object_name)
        note.setText(text)
        note.setVisible(True)
        self.layout_.addWidget(note)
        return note


class ChoiceCard(QuestionCard):
    """One or several choices: a bar per option (per segment) and the options' table."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.chart: OptionsChart | None = None
        self.table: FiguresTable | None = None
        self.multiple_note: QLabel | None = None
        if self.question.kind == "multiple":
            self.multiple_note = self._add_note(
                "multipleNote",
                self.tr("Several options could be chosen: the percentages add up to over 100 %"),
            )
        self._build()

    def _build(self) -> None:
        options = self.question.options
        shown = self.segments or [self.overall]
        if self.question.answered > 0:
            self._add_legend()
            self.chart = OptionsChart()
            self.chart.show_options(
                [option.text for option in options],
                [self._bars(column) for column in shown],
            )
            self.layout_.addWidget(self.chart)
        else:
            self._add_note("nobodyNote", self.tr("Nobody has answered this question yet"))
        if self.segments:
            headers = [self.tr("Option"), *(header_text(column) for column in self.columns)]
            rows = [
                [
                    f"{number}. {option.text}",
                    *(self._cell(column, index) for column in self.columns),
                ]
                for index, (number, option) in enumerate(enumerate(options, start=1))
            ]
        else:
            headers = [self.tr("Option"), self.tr("Respondents"), self.tr("Share")]
            rows = [
                [f"{number}. {option.text}", fmt.grouped(option.count), percent(option.percent)]
                for number, option in enumerate(options, start=1)
            ]
        self.table = FiguresTable("optionsTable", headers)
        self.table.set_rows(rows, align_right=range(1, len(headers)))
        self.layout_.addWidget(self.table)

    def _bars(self, column: Column) -> Bars:
        options = self._options_of(column)
        return Bars(
            column.label,
            column.colour,
            tuple(option.percent for option in options),
            tuple(self._label(option.percent, option.count, column) for option in options),
            tuple(
                self.tr("{option}\n{label}: {count} of {answered} ({percent})").format(
                    option=option.text,
                    label=column.label,
                    count=fmt.grouped(option.count),
                    answered=fmt.grouped(column.question.answered),
                    percent=percent(option.percent),
                )
                for option in options
            ),
        )

    def _label(self, share: float, count: int, column: Column) -> str:
        # A split's bars are thin: the percent alone (its count is in the table).
        if self.segments:
            return percent(share)
        return f"{percent(share)} ({fmt.grouped(count)})"

    def _options_of(self, column: Column) -> list[_Share]:
        """The column's figures in the order of the whole survey's options (a segment's
        result holds the same options; one missing counts as nobody choosing it)."""
        found = {option.option_id: option for option in column.question.options}
        return [
            _Share(option.text, found[option.option_id].count, found[option.option_id].percent)
            if option.option_id in found
            else _Share(option.text, 0, 0.0)
            for option in self.question.options
        ]

    def _cell(self, column: Column, index: int) -> str:
        share = self._options_of(column)[index]
        return f"{percent(share.percent)} ({fmt.grouped(share.count)})"


@dataclass(frozen=True)
class _Share:
    text: str
    count: int
    percent: float


class RatingCard(QuestionCard):
    """A rating: how many gave each value of the scale, the mean and median, and NPS on a
    scale of 0 to 10 (promoters 9–10 less detractors 0–6)."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.chart: DistributionChart | None = None
        self.table: FiguresTable | None = None
        self.figures_label = QLabel()
        self.figures_label.setObjectName("ratingFigures")
        self.figures_label.setWordWrap(True)
        self.nps_label: QLabel | None = None
        self.layout_.addWidget(self.figures_label)
        self.figures_label.setText(self._figures(self.question))
        if self.is_nps and self.question.nps is not None:
            self.nps_label = QLabel(self._nps_text(self.question))
            self.nps_label.setObjectName("npsLabel")
            self.nps_label.setWordWrap(True)
            self.layout_.addWidget(self.nps_label)
        self._build()

    @property
    def is_nps(self) -> bool:
        return self.question.rating_scale == 10

    def scale(self) -> list[int]:
        if self.question.distribution:
            return [row.value for row in self.question.distribution]
        return list(range(0, 11)) if self.is_nps else list(range(1, 6))

    def _figures(self, question: QuestionResult) -> str:
        if question.mean is None:
            return self.tr("Nobody has answered this question yet")
        return self.tr("Mean {mean}, median {median}").format(
            mean=fmt.decimal(question.mean, 2, trim=True),
            median=fmt.decimal(question.median, 1, trim=True),
        )

    def shares(self, question: QuestionResult) -> tuple[float, float, float]:
        """Promoters, passives and detractors in percent of those who answered."""
        promoters = passives = detractors = 0.0
        for row in question.distribution:
            if row.value in PROMOTERS:
                promoters += row.percent
            elif row.value in PASSIVES:
                passives += row.percent
            else:
                detractors += row.percent
        return promoters, passives, detractors

    def _nps_text(self, question: QuestionResult) -> str:
        promoters, passives, detractors = self.shares(question)
        return self.tr(
            "NPS {nps}: promoters (9–10) {promoters}, passives (7–8) {passives}, "
            "detractors (0–6) {detractors}"
        ).format(
            nps=signed(question.nps or 0.0),
            promoters=percent(promoters),
            passives=percent(passives),
            detractors=percent(detractors),
        )

    def _build(self) -> None:
        scale = self.scale()
        shown = self.segments or [self.overall]
        if self.question.answered > 0:
            self._add_legend()
            self.chart = DistributionChart()
            self.chart.show_distribution([str(value) for value in scale], [
                self._bars(column, scale) for column in shown
            ])  # fmt: skip
            self.layout_.addWidget(self.chart)
        if self.segments:
            self._build_split_table(scale)

    def _counts(self, column: Column, scale: Sequence[int]) -> list[tuple[int, float]]:
        found = {row.value: row for row in column.question.distribution}
        return [
            (found[value].count, found[value].percent) if value in found else (0, 0.0)
            for value in scale
        ]

    def _bars(self, column: Column, scale: Sequence[int]) -> Bars:
        counts = self._counts(column, scale)
        return Bars(
            column.label,
            column.colour,
            tuple(share for _count, share in counts),
            tuple(
                percent(share) if self.segments else f"{percent(share)}\n{fmt.grouped(count)}"
                for count, share in counts
            ),
            tuple(
                self.tr("{value}, {label}: {count} of {answered} ({percent})").format(
                    value=value,
                    label=column.label,
                    count=fmt.grouped(count),
                    answered=fmt.grouped(column.question.answered),
                    percent=percent(share),
                )
                for value, (count, share) in zip(scale, counts, strict=True)
            ),
        )

    def _build_split_table(self, scale: Sequence[int]) -> None:
        headers = [self.tr("Rating"), *(header_text(column) for column in self.columns)]
        rows: list[list[str]] = []
        for index, value in enumerate(scale):
            cells = []
            for column in self.columns:
                count, share = self._counts(column, scale)[index]
                cells.append(f"{percent(share)} ({fmt.grouped(count)})")
            rows.append([str(value), *cells])
        rows.append(
            [
                self.tr("Mean"),
                *(fmt.decimal(column.question.mean, 2, trim=True) for column in self.columns),
            ]
        )
        rows.append(
            [
                self.tr("Median"),
                *(fmt.decimal(column.question.median, 1, trim=True) for column in self.columns),
            ]
        )
        if self.is_nps:
            rows.append(
                [
                    self.tr("NPS"),
                    *(
                        signed(column.question.nps) if column.question.nps is not None else "—"
                        for column in self.columns
                    ),
                ]
            )
        self.table = FiguresTable(
            "ratingTable", headers, first_min=RATING_COLUMN_MIN, first_share=0.0
        )
        self.table.set_rows(rows, align_right=range(1, len(headers)))
        self.layout_.addWidget(self.table)


class TextCard(QuestionCard):
    """Free text: the answers with who (the organisation type) and when, searchable; the
    search is asked of the view's owner (``search_requested``), who sends the answers."""

    search_requested = Signal(int, str)  # question id, the text to search (may be "")

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.table = FiguresTable(
            "textAnswers",
            [self.tr("Answer"), self.tr("Organisation type"), self.tr("Submitted")],
            visible_rows=TEXT_ROWS_SHOWN,
        )
        self.search_box = SearchBox(self.table.setFocus)
        self.search_box.setObjectName("textSearch")
        self.search_box.setPlaceholderText(self.tr("Search the answers"))
        self.search_box.setMaximumWidth(16_777_215)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self._search)
        self.search_box.textChanged.connect(lambda _text: self.timer.start())
        self.shown_note = muted_note("shownNote")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search_box)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.table)
        self.layout_.addWidget(self.shown_note)
        self._build()

    def _build(self) -> None:
        answers = self.question.text_answers
        if answers:
            self.show_answers(list(answers[:TEXT_ROWS_LOADED]), len(self.question.texts))
        else:  # only the texts: who and when unknown
            texts = self.question.texts
            self.show_texts(list(texts[:TEXT_ROWS_LOADED]), len(texts))

    def show_answers(self, answers: Sequence[TextAnswer], total: int) -> None:
        org_types = SEGMENT_LABELS["org_type"]
        self.table.set_rows(
            [
                [
                    answer.text.strip(),
                    "\n".join(org_types.get(answer.org_type, answer.org_type).split(" ", 1)),
                    to_moscow(answer.submitted_at).strftime(fmt.SHORT_DATE_TIME),
                ]
                for answer in answers
            ]
        )
        self._note(len(answers), total)

    def show_texts(self, texts: Sequence[str], total: int) -> None:
        self.table.set_rows([[text.strip(), "—", "—"] for text in texts])
        self._note(len(texts), total)

    def _note(self, shown: int, total: int) -> None:
        if shown == 0:
            text = (
                self.tr("Nothing found")
                if self.search_box.text().strip()
                else self.tr("Nobody has answered this question yet")
            )
        elif total > shown:
            text = self.tr("Showing {shown} of {total}").format(
                shown=fmt.grouped(shown), total=fmt.grouped(total)
            )
        else:
            text = ""
        self.shown_note.setText(text)
        self.shown_note.setVisible(bool(text))

    def _search(self) -> None:
        self.search_requested.emit(self.question.question_id, self.search_box.text().strip())


def make_card(columns: Sequence[Column]) -> QuestionCard:
    kind = columns[0].question.kind
    if kind in ("single", "multiple"):
        return ChoiceCard(columns)
    if kind == "rating":
        return RatingCard(columns)
    return TextCard(columns)


def overall_column(label: str, question: QuestionResult, respondents: int) -> Column:
    return Column(label, BAR_COLOUR, question, respondents)
