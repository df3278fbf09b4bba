"""A survey's results as a PDF: the survey's figures, every question with its counts and
shares, a rating's mean, median and NPS, the first free-text answers and how many more
the Excel export holds, in the customer reports' fonts; nothing written when refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.survey_report import (
    TEXTS_SHOWN,
    count_text,
    decimal_text,
    export_results_pdf,
    nps_text,
    render_results_pdf,
    share_text,
)
from lkk_admin.services.survey_report_charts import fit_lines
from lkk_admin.services.survey_results import DayCount, SplitResults, TextAnswer
from tests.pdf import embedded_font_names, pdf_text
from tests.services.survey_world import (
    NOW,
    QUESTIONS,
    TITLE,
    World,
    craft_survey,
    craft_world,
    hand_split,
)

WORLD = World(7, (1, 2, 3, 4), ((1, 2, 3), (4, 5, 6), (), ()), (11, 12, 13, 14))


def flat(pdf: bytes) -> str:
    """The document's text as one line: a wrapped cell reads as the words it holds."""
    return " ".join(" ".join(pdf_text(pdf)).split())


def test_the_figures_in_words() -> None:
    assert count_text(123456) == "123\xa0456"
    assert share_text(33.333) == "33,3\xa0%" and share_text(None) == "—"
    assert decimal_text(6.75) == "6,75" and decimal_text(8.5) == "8,5" and decimal_text(9.0) == "9"
    assert nps_text(25.0) == "+25,0" and nps_text(-12.5) == "−12,5" and nps_text(0.0) == "0,0"


def test_the_report_names_the_survey_its_figures_and_every_question() -> None:
    rendered = render_results_pdf(hand_split(WORLD), now=NOW, supplier=Supplier())
    text = flat(rendered.pdf)
    assert rendered.pages >= 2
    assert f"Результаты опроса «{TITLE}»" in text
    assert "№ 7, завершён" in text
    assert "с 01.03.2026 12:00 МСК по 01.04.2026 00:00 МСК" in text
    assert "4 из 5 пользователей портала, активных за время опроса (80,0 %)" in text
    assert "Дата формирования: 02.04.2026" in text
    assert "ООО «РН-Энерго»" in text
    # Responses per Moscow day, and who answered.
    assert "Ответы по дням" in text and "пришло 02.03.2026" in text
    assert "Юридические лица 2 50,0 %" in text and "Всего 4 100,0 %" in text
    for number, (_kind, question, _options) in enumerate(QUESTIONS, start=1):
        assert f"{number}. {question}" in text
    # One choice: count and share on the bars and in the table, the legal entities beside.
    assert "2 (50,0 %)" in text
    assert "Да 2 50,0 % 1 (50,0 %)" in text
    assert "Затрудняюсь ответить 1 25,0 % 0 (0,0 %)" in text
    # Several choices: shares of those who answered it, said to add up past 100 %.
    assert "Счета 3 100,0 % 2 (100,0 %)" in text
    assert "Показания 2 66,7 %" in text
    assert "их сумма может быть больше 100 %" in text
    # The rating: mean, median and NPS, for everyone and for the legal entities.
    assert "Среднее 6,75 · медиана 8,5 · NPS +25,0" in text
    assert "Среднее 6,75 9,5" in text and "NPS +25,0 +100,0" in text
    assert "NPS: доля поставивших 9–10 минус доля поставивших 0–6" in text
    # Free text: each answer with its response, Moscow time and organisation type.
    assert "11 02.03.2026 10:00 Юридические лица Всё удобно" in text
    assert "14 04.03.2026 00:30 Без договоров Нет" in text
    assert "ещё" not in text.lower().replace("ещё 0", "")
    # Every page says whose report it is and which page of how many.
    pages = pdf_text(rendered.pdf)
    assert all(f"Страница {n} из {len(pages)}" in page for n, page in enumerate(pages, 1))
    assert embedded_font_names(rendered.pdf) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_free_text_shows_the_first_answers_and_counts_the_rest() -> None:
    split = hand_split(WORLD)
    overall = split.overall
    text_question = overall.questions[3]
    many = tuple(
        TextAnswer(1000 + n, f"Предложение номер {n}", "legal_entity", NOW) for n in range(45)
    )
    questions = (
        *overall.questions[:3],
        replace(text_question, answered=45, texts=tuple(a.text for a in many), text_answers=many),
    )
    split = SplitResults(split.by, replace(overall, questions=questions), split.segments)
    text = flat(render_results_pdf(split, now=NOW).pdf)
    assert f"Предложение номер {TEXTS_SHOWN - 1}" in text
    assert f"Предложение номер {TEXTS_SHOWN}" not in text
    assert "Ещё 15 ответов — в выгрузке Excel (лист «Ответы»)" in text


def test_a_long_survey_keeps_its_charts_readable() -> None:
    """Three months of days, fifty options, long texts: the report is laid out whole."""
    split = hand_split(WORLD)
    overall = split.overall
    days = tuple(DayCount(date(2026, 1, 1) + timedelta(days=n), n % 7) for n in range(92))
    choice = overall.questions[0]
    options = tuple(
        replace(choice.options[0], option_id=100 + n, text=f"Вариант {n} " + "очень " * 12)
        for n in range(50)
    )
    questions = (replace(choice, options=options), *overall.questions[1:])
    long_title = "Опрос " + "о качестве электроснабжения " * 10
    split = SplitResults(
        split.by,
        replace(overall, title=long_title, per_day=days, questions=questions),
        split.segments,
    )
    rendered = render_results_pdf(split, now=datetime(2026, 4, 2, tzinfo=UTC))
    assert rendered.pages >= 3
    assert "Вариант 49" in flat(rendered.pdf)


def test_a_label_too_long_for_its_room_is_wrapped_then_shortened() -> None:
    assert fit_lines("Да", 100) == "Да"
    wrapped = fit_lines("Удобно ли передавать показания через кабинет", 110)
    assert "\n" in wrapped and wrapped.replace("\n", " ").startswith("Удобно ли")
    shortened = fit_lines("слово " * 40, 110)
    assert shortened.count("\n") == 1 and shortened.endswith("…")
    assert fit_lines("Сверхдлинноесловобезпробелов" * 3, 60, lines=1).endswith("…")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "отчёты"
    path.mkdir()
    return path


def test_an_unknown_survey_is_refused_and_nothing_is_written(
    factory: sessionmaker[Session], folder: Path
) -> None:
    with factory() as session, pytest.raises(NotFoundError) as refusal:
        export_results_pdf(session, 4242, folder / "опрос.pdf", now=NOW)
    assert refusal.value.code == "SURVEY_NOT_FOUND"
    assert list(folder.iterdir()) == []


def test_a_survey_with_no_responses_is_refused_and_nothing_is_written(
    factory: sessionmaker[Session], folder: Path
) -> None:
    with factory.begin() as session:
        world = craft_survey(session)
    with factory() as session, pytest.raises(DomainError) as refusal:
        export_results_pdf(session, world.survey_id, folder / "опрос.pdf", now=NOW)
    assert refusal.value.code == "SURVEY_NO_RESPONSES"
    assert list(folder.iterdir()) == []


def test_the_stored_survey_as_a_report(factory: sessionmaker[Session], folder: Path) -> None:
    with factory.begin() as session:
        world = craft_world(session)
    path = folder / "опрос.pdf"
    with factory() as session:
        exported = export_results_pdf(session, world.survey_id, path, now=NOW)
    assert exported.path == path and exported.title == TITLE and exported.responses == 4
    assert [entry.name for entry in folder.iterdir()] == ["опрос.pdf"]
    pdf = path.read_bytes()
    assert exported.pages == len(pdf_text(pdf))
    text = flat(pdf)
    assert f"Результаты опроса «{TITLE}»" in text
    assert "4 из 5 пользователей портала, активных за время опроса (80,0 %)" in text
    # Who answered, and each option's figures beside per organisation type.
    assert "Юридические лица 2 50,0 %" in text
    assert "Индивидуальные предприниматели 1 25,0 %" in text
    assert "Без договоров 1 25,0 %" in text
    assert "Да 2 50,0 % 1 (50,0 %) 1 (100,0 %) 0 (0,0 %)" in text
    assert "NPS +25,0 +100,0 0,0 −100,0" in text
    for number, (_kind, question, _options) in enumerate(QUESTIONS, start=1):
        assert f"{number}. {question}" in text
    # The organisation's requisites, as the customer reports print them.
    assert "ООО «РН-Энерго»" in text
    assert embedded_font_names(pdf) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_questions_nobody_answered_are_laid_out_too() -> None:
    """A rating with no answers has no mean; a choice with no options (made elsewhere than
    in the builder) says so; free text with no answers says so."""
    split = hand_split(WORLD)
    single, multiple, rating, free = split.overall.questions
    empty_rating = replace(
        rating,
        answered=0,
        rating_scale=5,
        distribution=tuple(
            replace(entry, count=0, percent=0.0) for entry in rating.distribution[1:6]
        ),
        mean=None,
        median=None,
        nps=None,
    )
    questions = (
        replace(single, options=()),
        multiple,
        empty_rating,
        replace(free, answered=0, texts=(), text_answers=()),
    )
    overall = replace(split.overall, questions=questions)
    text = flat(render_results_pdf(SplitResults(split.by, overall, ()), now=NOW).pdf)
    assert "У вопроса нет вариантов ответа." in text
    assert "Среднее — · медиана —" in text
    assert "На этот вопрос никто не ответил." in text
