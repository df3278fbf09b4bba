"""A survey's results on screen: the summary (respondents, response rate, dates, responses
per day) and a card per question, for the whole survey or split by a kind of customer.

The view reads nothing itself: its owner computes the results in a worker and calls
:meth:`SurveyResultsView.show_results` or :meth:`SurveyResultsView.show_split`, and it
answers the view's requests (another split, an export, a search of text answers).
Everything scrolls vertically, never sideways, and the charts follow the pane's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.moscow_time import moscow_text
from lkk_admin.services.survey_results import (
    SPLIT_LABELS,
    QuestionResult,
    SplitResults,
    SurveyResults,
    TextAnswer,
)
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.overview.widgets import Tile, TileRow, block_heading
from lkk_admin.views.surveys.result_charts import BAR_COLOUR, Bars, DaysChart, segment_colour
from lkk_admin.views.surveys.results_cards import (
    Column,
    QuestionCard,
    TextCard,
    make_card,
    overall_column,
    percent,
)


class SurveyResultsView(QWidget):
    """The results of one survey; empty until the owner shows some."""

    split_requested = Signal(object)  # None (no split) or a key of SPLITS
    export_requested = Signal(str)  # "xlsx" or "pdf"
    text_search_requested = Signal(int, str)  # question id, text ("" for every answer)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyResults")
        self.results: SurveyResults | None = None
        self.split: SplitResults | None = None
        self.cards: list[QuestionCard] = []
        self._requested_split: str | None = None
        bar = self._make_bar()
        self._make_summary()
        self.content = QWidget()
        self.content.setObjectName("resultsContent")
        self.content.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.cards_layout = QVBoxLayout()
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(10)
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 6, 6)
        column.setSpacing(8)
        for widget in self._summary_widgets():
            column.addWidget(widget)
        column.addLayout(self.cards_layout)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("resultsScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)
        self.clear()

    def _make_bar(self) -> QHBoxLayout:
        """The split chooser and the export buttons, above the scrolling results."""
        self.split_combo = QComboBox()
        self.split_combo.setObjectName("splitCombo")
        for text, key in (
            (self.tr("No split"), None),
            (self.tr("By organisation type"), "org_type"),
            (self.tr("By price category"), "price_category"),
        ):
            self.split_combo.addItem(text, key)
        self.split_combo.setToolTip(self.tr("Show every question's figures per kind of customer"))
        self.split_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.split_combo.activated.connect(self._split_picked)
        self.xlsx_button = QPushButton(self.tr("Export to Excel"))
        self.xlsx_button.setObjectName("exportXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export_requested.emit("xlsx"))
        self.pdf_button = QPushButton(self.tr("PDF report"))
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.split_combo)
        bar.addStretch(1)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)
        return bar

    def _make_summary(self) -> None:
        """The survey's figures above the questions, and what stands for them when nobody
        has answered."""
        self.respondents_tile = Tile("respondentsTile")
        self.eligible_tile = Tile("eligibleTile")
        self.rate_tile = Tile("rateTile")
        self.tiles = TileRow([self.respondents_tile, self.eligible_tile, self.rate_tile])
        self.dates_label = QLabel()
        self.dates_label.setObjectName("datesLabel")
        self.dates_label.setWordWrap(True)
        self.dates_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.days_heading = block_heading(self.tr("Responses per day"), "daysHeading")
        self.days_chart = DaysChart()
        self.split_label = QLabel()
        self.split_label.setObjectName("splitLabel")
        self.split_label.setWordWrap(True)
        self.empty_label = QLabel(self.tr("No responses yet"))
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.empty_label.setFont(font)
        self.empty_label.setStyleSheet(f"color: {fmt.MUTED_TEXT.name()}; padding: 24px;")

    def _summary_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.tiles,
            self.dates_label,
            self.days_heading,
            self.days_chart,
            self.split_label,
            self.empty_label,
        )

    # --- what the owner calls ----------------------------------------------------------

    def show_results(self, results: SurveyResults) -> None:
        """The whole survey's figures (no split)."""
        self._show(results, None)
        self._choose_split(None)
        everyone = self.tr("All respondents")
        columns = [[overall_column(everyone, q, results.respondents)] for q in results.questions]
        self._add_cards(columns if results.respondents else [])

    def show_split(self, split: SplitResults) -> None:
        """Every question's figures per segment of ``split.by``, side by side."""
        overall = split.overall
        self._show(overall, split)
        self._choose_split(split.by)
        segments = self.tr(
            "Split: {split}; %n segment(s) with respondents", "", len(split.segments)
        )
        self.split_label.setText(
            segments.format(split=SPLIT_LABELS.get(split.by, split.by).lower())
        )
        self.split_label.setVisible(bool(overall.respondents))
        answers = [
            {question.question_id: question for question in segment.results.questions}
            for segment in split.segments
        ]
        columns: list[list[Column]] = []
        for question in overall.questions:
            row = [overall_column(self.tr("All respondents"), question, overall.respondents)]
            for number, segment in enumerate(split.segments):
                row.append(
                    Column(
                        segment.label,
                        segment_colour(number),
                        answers[number].get(question.question_id, _nobody(question)),
                        segment.results.respondents,
                    )
                )
            columns.append(row)
        self._add_cards(columns if overall.respondents else [])

    def show_text_answers(
        self, question_id: int, answers: Sequence[TextAnswer], total: int
    ) -> None:
        """The answers of a text question that a search found (``total`` of them in all;
        those given may be fewer)."""
        card = self.card(question_id)
        if isinstance(card, TextCard):
            card.show_answers(answers, total)

    def clear(self) -> None:
        self.results = None
        self.split = None
        self._remove_cards()
        for widget in self._summary_widgets():
            widget.setVisible(False)
        self.days_chart.clear()
        self._choose_split(None)
        self._enable_actions(False)

    # --- what tests and the owner read -------------------------------------------------

    def card(self, question_id: int) -> QuestionCard | None:
        return next((c for c in self.cards if c.question.question_id == question_id), None)

    # --- inside ------------------------------------------------------------------------

    def _show(self, results: SurveyResults, split: SplitResults | None) -> None:
        self._remove_cards()
        self.results, self.split = results, split
        answered = results.respondents > 0
        self.respondents_tile.show_value(
            fmt.grouped(results.respondents),
            self.tr("respondent(s)", "", results.respondents),
        )
        self.eligible_tile.show_value(
            fmt.grouped(results.eligible),
            self.tr("active portal user(s) while it was open", "", results.eligible),
        )
        self.rate_tile.show_value(
            percent(results.response_rate) if results.response_rate is not None else "—",
            self.tr("response rate"),
        )
        self.dates_label.setText(self._dates_text(results))
        for widget in (self.tiles, self.dates_label):
            widget.setVisible(True)
        self.days_heading.setVisible(answered)
        self.days_chart.setVisible(answered)
        self.empty_label.setVisible(not answered)
        self.split_label.setVisible(False)
        self._enable_actions(answered)
        if answered:
            self.days_chart.show_days(
                [day.day for day in results.per_day],
                Bars(
                    self.tr("Responses"),
                    BAR_COLOUR,
                    tuple(float(day.count) for day in results.per_day),
                    tuple(fmt.grouped(day.count) for day in results.per_day),
                    tuple(
                        self.tr("{day}: %n response(s)", "", day.count).format(day=fmt.day(day.day))
                        for day in results.per_day
                    ),
                ),
            )
        else:
            self.days_chart.clear()

    def _dates_text(self, results: SurveyResults) -> str:
        opened = moscow_text(results.opens_at) if results.opens_at else self.tr("not opened yet")
        closes = moscow_text(results.closes_at) if results.closes_at else self.tr("no end date")
        return self.tr("Open from {opens} to {closes}").format(opens=opened, closes=closes)

    def _add_cards(self, columns: Sequence[Sequence[Column]]) -> None:
        for row in columns:
            card = make_card(row)
            if isinstance(card, TextCard):
                card.search_requested.connect(self.text_search_requested)
            self.cards.append(card)
            self.cards_layout.addWidget(card)

    def _remove_cards(self) -> None:
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.hide()  # at once: the deletion waits for the event loop
            card.deleteLater()
        self.cards = []
        self.scroll_area.verticalScrollBar().setValue(0)

    def _choose_split(self, key: str | None) -> None:
        self._requested_split = key
        found = self.split_combo.findData(key) if key is not None else 0
        self.split_combo.setCurrentIndex(max(found, 0))

    def _split_picked(self, index: int) -> None:
        key = self.split_combo.itemData(index)
        if key != self._requested_split:
            self._requested_split = key
            self.split_requested.emit(key)

    def _enable_actions(self, enabled: bool) -> None:
        # The export refuses a survey nobody answered; the split has nothing to split.
        for widget in (self.xlsx_button, self.pdf_button, self.split_combo):
            widget.setEnabled(enabled)


def _nobody(question: QuestionResult) -> QuestionResult:
    """A question as a segment shows it when none of its respondents answered it."""
    return replace(
        question,
        answered=0,
        options=tuple(replace(option, count=0, percent=0.0) for option in question.options),
        distribution=tuple(replace(row, count=0, percent=0.0) for row in question.distribution),
        mean=None,
        median=None,
        nps=None,
        texts=(),
        text_answers=(),
    )
