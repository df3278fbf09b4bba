"""The survey results view as a reader sees it: each kind of question drawn with its
figures on the bars, the split side by side, the text answers searched, the empty
survey, and a detail pane's width (600 and 760 pixels) kept without scrolling sideways.

The view reads nothing: the results are built by hand (tests/views/surveys/results_data.py)
as the service returns them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from lkk_admin.services.survey_results import SEGMENT_LABELS, TextAnswer
from lkk_admin.views.surveys.result_charts import DistributionChart, OptionsChart, ResultChart
from lkk_admin.views.surveys.results_cards import (
    TEXT_ROWS_LOADED,
    ChoiceCard,
    QuestionCard,
    RatingCard,
    TextCard,
)
from lkk_admin.views.surveys.results_tables import FiguresTable
from lkk_admin.views.surveys.results_view import SurveyResultsView
from tests.views.gui import click, key, type_text
from tests.views.surveys import results_data as data

SHOTS = Path("/tmp/shots")


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[SurveyResultsView]:
    shown = SurveyResultsView()
    qtbot.addWidget(shown)
    shown.resize(600, 700)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


def shown_results(qtbot: QtBot, view: SurveyResultsView) -> SurveyResultsView:
    """The satisfaction survey shown whole, laid out."""
    view.show_results(data.satisfaction_survey())
    qtbot.waitUntil(partial(laid_out, view))
    return view


def laid_out(view: SurveyResultsView) -> bool:
    """Every card is on the page, within the pane's width."""
    width = view.scroll_area.viewport().width()
    return all(card.isVisible() and card.width() <= width for card in view.cards)


def card_of(view: SurveyResultsView, question_id: int) -> QuestionCard:
    card = view.card(question_id)
    assert card is not None
    return card


def choice_card(
    view: SurveyResultsView, question_id: int
) -> tuple[ChoiceCard, OptionsChart, FiguresTable]:
    card = card_of(view, question_id)
    assert isinstance(card, ChoiceCard) and card.chart is not None and card.table is not None
    return card, card.chart, card.table


def rating_card(view: SurveyResultsView, question_id: int) -> tuple[RatingCard, DistributionChart]:
    card = card_of(view, question_id)
    assert isinstance(card, RatingCard) and card.chart is not None
    return card, card.chart


def text_card(view: SurveyResultsView, question_id: int) -> TextCard:
    card = card_of(view, question_id)
    assert isinstance(card, TextCard)
    return card


def one_line(text: str) -> str:
    return " ".join(text.split())


def fills(chart: ResultChart, card: QuestionCard) -> bool:
    """The chart has taken its card's width (less the card's margins)."""
    return chart.width() > card.width() - 40


def shown_labels(chart: ResultChart) -> list[QGraphicsSimpleTextItem]:
    return [item for row in chart.bar_labels for item in row if item.isVisible()]


def assert_readable(qtbot: QtBot, chart: ResultChart) -> None:
    """Every bar's label is drawn, inside the chart, and none covers another."""
    qtbot.waitUntil(lambda: chart.labels_shown and bool(shown_labels(chart)))
    labels = shown_labels(chart)
    assert len(labels) == sum(len(row) for row in chart.bar_labels)
    area = QRectF(chart.chart_.rect())
    boxes = [item.sceneBoundingRect() for item in labels]
    for box in boxes:
        assert area.contains(box), (box, area)
    for first, second in combinations(boxes, 2):
        assert not first.intersects(second), (first, second)


# --- the survey as a whole --------------------------------------------------------------


def test_the_summary_says_how_many_answered_of_whom_and_when(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    assert view.respondents_tile.value_label.text() == "240"
    assert view.eligible_tile.value_label.text() == "1\u00a0200"
    assert view.rate_tile.value_label.text() == "20\u00a0%"
    # Moscow time: 07:00 UTC opens at 10:00, 20:00 UTC closes at 23:00.
    assert "02.03.2026 10:00 МСК" in view.dates_label.text()
    assert "31.03.2026 23:00 МСК" in view.dates_label.text()
    assert view.days_chart.isVisible() and not view.empty_label.isVisible()
    per_day = data.satisfaction_survey().per_day
    assert view.days_chart.values() == [float(day.count) for day in per_day]
    named = view.days_chart.named_days()
    assert named[0] == "02.03" and 2 < len(named) < len(per_day)  # not every day of 30
    assert [card.question.position for card in view.cards] == [1, 2, 3, 4, 5]


def test_a_survey_nobody_answered_says_so_instead_of_charts(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    question = data.choice(1, 1, "Вопрос", [("Да", 0), ("Нет", 0)], 0)
    view.show_results(data.survey([question], 0))
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == view.tr("No responses yet")
    assert not view.days_chart.isVisible()
    assert view.cards == []
    assert view.respondents_tile.value_label.text() == "0"
    # Nothing to export or split: the export refuses an unanswered survey.
    assert not view.xlsx_button.isEnabled() and not view.pdf_button.isEnabled()
    assert not view.split_combo.isEnabled()


def test_clear_leaves_nothing_shown(qtbot: QtBot, view: SurveyResultsView) -> None:
    shown_results(qtbot, view)
    view.clear()
    assert view.cards == [] and view.results is None
    assert not view.tiles.isVisible() and not view.empty_label.isVisible()
    assert not view.xlsx_button.isEnabled()


# --- each kind of question --------------------------------------------------------------


def test_one_choice_has_a_bar_per_option_with_its_percent_and_count(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    card, chart, table = choice_card(view, 12)
    assert card.answered_label.text() == card.tr("%n of {respondents} answered", "", 235).format(
        respondents="240"
    )
    # Percent of the 235 who answered the question, the first option on top.
    assert chart.values() == pytest.approx([100 * c / 235 for c in (140, 52, 31, 12)])
    assert chart.label_texts() == [
        "59,6\u00a0% (140)",
        "22,1\u00a0% (52)",
        "13,2\u00a0% (31)",
        "5,1\u00a0% (12)",
    ]
    assert table.column_texts(0) == [f"{n}. {text}" for n, text in enumerate(data.CHANNELS, 1)]
    assert table.column_texts(1) == ["140", "52", "31", "12"]
    assert table.column_texts(2)[0] == "59,6\u00a0%"
    assert card.multiple_note is None
    assert_readable(qtbot, chart)


def test_a_long_option_is_cut_on_the_axis_and_whole_in_the_table(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    _card, chart, table = choice_card(view, 12)
    assert chart.axis is not None
    fourth = chart.axis.categories()[0]  # drawn bottom up
    assert fourth.startswith("4. Лично в офисе") and fourth.endswith("…")
    full = f"4. {data.CHANNELS[3]}"
    assert table.column_texts(0)[3] == full
    cell = table.item(3, 0)
    assert cell is not None and cell.toolTip() == full
    assert data.CHANNELS[3] in chart.bars[0].tips[3]


def test_several_choices_say_the_percentages_add_up_to_more_than_100(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    card, chart, _table = choice_card(view, 13)
    assert card.multiple_note is not None and card.multiple_note.isVisible()
    assert card.multiple_note.text() == card.tr(
        "Several options could be chosen: the percentages add up to over 100 %"
    )
    assert sum(chart.values()) > 100
    assert chart.label_texts()[1] == "78,3\u00a0% (180)"
    assert_readable(qtbot, chart)


def test_a_chart_is_as_tall_as_its_options_need(qtbot: QtBot, view: SurveyResultsView) -> None:
    view.show_results(data.big_survey())
    ten = choice_card(view, 2)[1].height()
    view.show_results(data.satisfaction_survey())
    four = choice_card(view, 12)[1].height()
    assert ten > 2 * four


def test_a_0_to_10_rating_shows_its_distribution_mean_median_and_nps(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    card, chart = rating_card(view, 11)
    assert chart.categories == [str(value) for value in range(11)]
    counts = [3, 2, 4, 6, 8, 15, 18, 34, 46, 52, 52]
    assert chart.values() == pytest.approx([100 * c / 240 for c in counts])
    assert chart.label_texts()[9] == "21,7\u00a0%\n52"
    assert card.figures_label.text() == card.tr("Mean {mean}, median {median}").format(
        mean="7,65", median="8"
    )
    # Promoters 104 of 240 (43,3 %), passives 80 (33,3 %), detractors 56 (23,3 %).
    assert card.nps_label is not None
    assert card.nps_label.text() == card.tr(
        "NPS {nps}: promoters (9–10) {promoters}, passives (7–8) {passives}, "
        "detractors (0–6) {detractors}"
    ).format(nps="+20", promoters="43,3\u00a0%", passives="33,3\u00a0%", detractors="23,3\u00a0%")
    assert_readable(qtbot, chart)


def test_a_1_to_5_rating_has_no_nps(qtbot: QtBot, view: SurveyResultsView) -> None:
    shown_results(qtbot, view)
    card, chart = rating_card(view, 14)
    assert chart.categories == ["1", "2", "3", "4", "5"]
    assert chart.values() == pytest.approx([100 * c / 237 for c in (4, 11, 40, 96, 86)])
    assert card.nps_label is None
    assert "NPS" not in card.figures_label.text()
    assert_readable(qtbot, chart)


def test_text_answers_are_listed_with_the_organisation_type_and_moscow_time(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    card = text_card(view, 15)
    assert card.table.rowCount() == 4
    assert card.table.column_texts(0)[0] == "Добавьте выгрузку актов сверки в Excel."
    org_types = SEGMENT_LABELS["org_type"]
    assert [one_line(text) for text in card.table.column_texts(1)] == [
        org_types["legal_entity"],
        org_types["sole_proprietor"],
        org_types["legal_entity"],
        org_types["mixed"],
    ]
    assert card.table.column_texts(2)[0] == "02.03.26 13:00"  # 10:00 UTC
    assert not card.shown_note.isVisible()


def test_typing_in_the_search_asks_for_the_answers_once_typing_pauses(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    card = text_card(view, 15)
    with qtbot.waitSignal(view.text_search_requested, timeout=3000) as asked:
        type_text(card.search_box, " Excel")
    assert asked.args == [15, "Excel"]
    found = [TextAnswer(1000, "Добавьте выгрузку актов сверки в Excel.", "legal_entity",
                        data.OPENS_AT)]  # fmt: skip
    view.show_text_answers(15, found, total=3)
    assert card.table.rowCount() == 1
    assert card.shown_note.isVisible()
    assert card.shown_note.text() == card.tr("Showing {shown} of {total}").format(
        shown="1", total="3"
    )
    view.show_text_answers(15, [], total=0)
    assert card.table.rowCount() == 0
    assert card.shown_note.text() == card.tr("Nothing found")


def test_a_long_list_of_answers_shows_its_first_ones_and_says_how_many_in_all(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    answers = [(f"Ответ номер {number}", "legal_entity") for number in range(250)]
    question = data.text_question(1, 1, data.WISHES, answers)
    view.show_results(data.survey([question], 250))
    card = text_card(view, 1)
    assert card.table.rowCount() == TEXT_ROWS_LOADED
    assert card.shown_note.text() == card.tr("Showing {shown} of {total}").format(
        shown=str(TEXT_ROWS_LOADED), total="250"
    )


# --- split by a kind of customer --------------------------------------------------------


def test_the_split_draws_one_bar_set_per_segment_and_a_column_each(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    whole = data.satisfaction_survey()
    split = data.split_by_org_type(whole)
    view.show_split(split)
    qtbot.waitUntil(partial(laid_out, view))
    assert view.split_combo.currentData() == "org_type"
    labels = [segment.label for segment in split.segments]
    assert labels == [SEGMENT_LABELS["org_type"][k] for k in ("legal_entity", "sole_proprietor",
                                                                "mixed")]  # fmt: skip
    card, chart, table = choice_card(view, 12)
    assert chart.set_names() == labels
    for number, segment in enumerate(split.segments):
        question = segment.results.questions[1]
        assert chart.values(number) == pytest.approx([o.percent for o in question.options])
    assert card.legend is not None
    legend = card.legend.text().replace("&nbsp;", " ").replace("\u2011", "-")
    assert all(label in legend for label in labels)
    headers = [one_line(header) for header in table.header_texts()]
    assert headers[0] == card.tr("Option")
    assert headers[1] == one_line("Все ответившие n = 240")
    assert headers[2:] == [
        f"{segment.label} n = {segment.results.respondents}" for segment in split.segments
    ]
    sole_proprietors = split.segments[1].results.questions[1].options[0]
    assert table.column_texts(3)[0] == (f"{chart.label_texts(1)[0]} ({sole_proprietors.count})")
    assert_readable(qtbot, chart)

    rating, rating_chart = rating_card(view, 11)
    assert rating_chart.set_names() == labels
    assert rating.table is not None
    assert rating.table.column_texts(0)[-1] == rating.tr("NPS")
    nps = [segment.results.questions[0].nps for segment in split.segments]
    assert all(value is not None for value in nps)
    assert len(rating.table.header_texts()) == 2 + len(labels)


def test_the_split_is_asked_for_from_the_combo_and_shown_when_it_comes(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    whole = data.satisfaction_survey()
    view.show_results(whole)
    view.split_combo.setFocus()
    with qtbot.waitSignal(view.split_requested, timeout=1000) as asked:
        key(view.split_combo, Qt.Key.Key_Down)
    assert asked.args == ["org_type"]
    view.show_split(data.split_by_org_type(whole))
    assert view.split_label.isVisible()
    with qtbot.waitSignal(view.split_requested, timeout=1000) as asked:
        key(view.split_combo, Qt.Key.Key_Up)
    assert asked.args == [None]
    view.show_results(whole)
    assert view.split_combo.currentData() is None
    assert not view.split_label.isVisible()


def test_the_export_buttons_ask_for_a_workbook_or_a_report(
    qtbot: QtBot, view: SurveyResultsView
) -> None:
    shown_results(qtbot, view)
    with qtbot.waitSignal(view.export_requested, timeout=1000) as asked:
        click(view.xlsx_button)
    assert asked.args == ["xlsx"]
    with qtbot.waitSignal(view.export_requested, timeout=1000) as asked:
        click(view.pdf_button)
    assert asked.args == ["pdf"]


# --- fitting a detail pane ----------------------------------------------------------------


@pytest.mark.parametrize("width", [600, 760])
@pytest.mark.parametrize("split", [False, True], ids=["whole", "split"])
def test_the_results_fit_a_detail_pane_without_scrolling_sideways(
    qtbot: QtBot, view: SurveyResultsView, width: int, split: bool
) -> None:
    whole = data.satisfaction_survey()
    view.resize(width, 700)
    if split:
        view.show_split(data.split_by_org_type(whole))
    else:
        view.show_results(whole)
    qtbot.waitUntil(partial(laid_out, view))
    assert view.minimumSizeHint().width() <= width
    viewport = view.scroll_area.viewport().width()
    qtbot.waitUntil(lambda: view.content.width() == viewport)
    for card in view.cards:
        assert card.width() <= viewport and card.minimumSizeHint().width() <= viewport
        chart = getattr(card, "chart", None)
        if chart is not None:
            assert isinstance(chart, ResultChart)
            qtbot.waitUntil(partial(fills, chart, card))
            if isinstance(card, ChoiceCard) or not split:  # a split's ratings: hover, table
                assert_readable(qtbot, chart)
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = "split" if split else "whole"
    view.content.grab().save(str(SHOTS / f"results-test-{name}-{width}.png"))
