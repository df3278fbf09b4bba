"""What keeps a survey draft from being saved or opened (``survey_shape.problems``): each
problem in Russian, pointing at the question, the option and the field it concerns, with
numbers as the builder shows them (from 1) and indexes from 0."""

from __future__ import annotations

import pytest

from lkk_admin.services.survey_shape import (
    DESCRIPTION_MAX,
    OPTION_MAX,
    OPTIONS_MAX,
    QUESTION_MAX,
    QUESTIONS_MAX,
    TITLE_MAX,
    DraftProblem,
    OptionDraft,
    QuestionDraft,
    SurveyDraft,
    cleaned,
    option_key,
    problems,
)


def options(*texts: str) -> tuple[OptionDraft, ...]:
    return tuple(OptionDraft(text) for text in texts)


def single(text: str = "Как вы узнали о портале?", *choices: str) -> QuestionDraft:
    return QuestionDraft("single", text, options=options(*(choices or ("Письмо", "Сайт"))))


RATING = QuestionDraft("rating", "Оцените портал", rating_scale=5)
FREE = QuestionDraft("text", "Что улучшить?", required=False)
COMPLETE = SurveyDraft(
    "Удовлетворённость порталом",
    "Несколько вопросов о личном кабинете.",
    (
        single(),
        QuestionDraft(
            "multiple", "Что вы делаете в кабинете?", options=options("Счета", "Показания")
        ),
        RATING,
        QuestionDraft("rating", "Порекомендуете ли вы нас?", rating_scale=10),
        FREE,
    ),
)


def survey(*questions: QuestionDraft, title: str = "Опрос", description: str = "") -> SurveyDraft:
    return SurveyDraft(title, description, questions)


def where(found: list[DraftProblem]) -> list[tuple[int | None, int | None, str]]:
    return [(problem.question, problem.option, problem.field) for problem in found]


def test_a_complete_survey_has_no_problems_either_way() -> None:
    assert problems(COMPLETE, for_opening=False) == []
    assert problems(COMPLETE, for_opening=True) == []


def test_an_empty_draft_saves_but_does_not_open() -> None:
    draft = survey()
    assert problems(draft, for_opening=False) == []
    assert problems(draft, for_opening=True) == [
        DraftProblem("Добавьте хотя бы один вопрос: опрос без вопросов не открыть.")
    ]


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_a_survey_needs_a_title_even_to_be_saved(title: str) -> None:
    found = problems(survey(FREE, title=title), for_opening=False)
    assert found == [DraftProblem("Укажите название опроса.", field="title")]


def test_lengths_are_counted_as_stored_and_the_limit_itself_is_allowed() -> None:
    at_limit = survey(
        QuestionDraft("text", "в" * QUESTION_MAX),
        single("Вопрос", "а" * OPTION_MAX, "б"),
        title="  " + "т" * TITLE_MAX + "  ",
        description="\n" + "о" * DESCRIPTION_MAX + "\n",
    )
    assert problems(at_limit, for_opening=True) == []
    # Spaces inside a title or an option collapse before they are counted.
    assert problems(survey(FREE, title="т  " * (TITLE_MAX // 2)), for_opening=False) == []


def test_each_text_over_its_limit_is_pointed_at() -> None:
    draft = survey(
        FREE,
        QuestionDraft("text", "в" * (QUESTION_MAX + 1)),
        single("Вопрос", "а", "б" * (OPTION_MAX + 1)),
        title="т" * (TITLE_MAX + 1),
        description="о" * (DESCRIPTION_MAX + 1),
    )
    found = problems(draft, for_opening=False)
    assert where(found) == [
        (None, None, "title"),
        (None, None, "description"),
        (1, None, "text"),
        (2, 1, "options"),
    ]
    assert [problem.message for problem in found] == [
        f"Название опроса длиннее {TITLE_MAX} знаков (в нём {TITLE_MAX + 1}) — сократите его.",
        f"Описание опроса длиннее {DESCRIPTION_MAX} знаков (в нём {DESCRIPTION_MAX + 1}) — "
        "сократите его.",
        f"Вопрос 2: текст длиннее {QUESTION_MAX} знаков (в нём {QUESTION_MAX + 1}) — "
        "сократите его.",
        f"Вопрос 3, вариант 2: текст длиннее {OPTION_MAX} знаков (в нём {OPTION_MAX + 1}) — "
        "сократите его.",
    ]
    # The same when opening: a length problem is not repeated or hidden.
    assert where(problems(draft, for_opening=True)) == where(found)


def test_unknown_kinds_and_wrong_scales_are_refused_even_in_a_draft() -> None:
    draft = survey(
        QuestionDraft("matrix", "Таблица"),
        QuestionDraft("rating", "Без шкалы"),
        QuestionDraft("rating", "Шкала 1…7", rating_scale=7),
        QuestionDraft("text", "Шкала у текста", rating_scale=5),
        QuestionDraft("rating", "Оценка с вариантами", rating_scale=10, options=options("1")),
        QuestionDraft("text", "Текст с вариантами", options=options("да")),
    )
    found = problems(draft, for_opening=False)
    assert [problem.message for problem in found] == [
        "Вопрос 1: неизвестный тип «matrix» — выберите один из: один вариант, несколько "
        "вариантов, свободный ответ или оценка.",
        "Вопрос 2: выберите шкалу оценки — от 1 до 5 или от 0 до 10.",
        "Вопрос 3: выберите шкалу оценки — от 1 до 5 или от 0 до 10.",
        "Вопрос 4: шкала бывает только у вопроса-оценки — уберите её или смените тип.",
        "Вопрос 5: у оценки не бывает вариантов ответа — удалите их или выберите тип с вариантами.",
        "Вопрос 6: у вопроса со свободным ответом не бывает вариантов ответа — удалите их "
        "или выберите тип с вариантами.",
    ]
    assert where(found) == [
        (0, None, ""),
        (1, None, ""),
        (2, None, ""),
        (3, None, ""),
        (4, None, "options"),
        (5, None, "options"),
    ]


def test_too_many_questions_or_options() -> None:
    many = survey(*([FREE] * (QUESTIONS_MAX + 1)))
    assert problems(many, for_opening=False) == [
        DraftProblem(
            f"В опросе {QUESTIONS_MAX + 1} вопросов, а можно не больше {QUESTIONS_MAX}: "
            "удалите лишние или разделите опрос на два."
        )
    ]
    assert problems(survey(*([FREE] * QUESTIONS_MAX)), for_opening=True) == []
    crowded = single("Город", *(f"Город {n}" for n in range(OPTIONS_MAX + 1)))
    assert problems(survey(FREE, crowded), for_opening=False) == [
        DraftProblem(
            f"Вопрос 2: {OPTIONS_MAX + 1} вариантов ответа, а можно не больше {OPTIONS_MAX}.",
            question=1,
            field="options",
        )
    ]


def test_an_incomplete_draft_saves_and_every_gap_is_named_for_opening() -> None:
    draft = survey(
        single("Вопрос с одним вариантом", "Единственный"),
        QuestionDraft("text", "   "),
        QuestionDraft("multiple", "Без вариантов"),
        single("Пустые строки", "Да", "", "Нет", "  "),
    )
    assert problems(draft, for_opening=False) == []
    found = problems(draft, for_opening=True)
    assert [problem.message for problem in found] == [
        "Вопрос 1: нужно хотя бы два варианта ответа (сейчас 1).",
        "Вопрос 2: впишите текст вопроса.",
        "Вопрос 3: нужно хотя бы два варианта ответа (сейчас 0).",
        "Вопрос 4, вариант 2: пустой вариант — впишите текст или удалите строку.",
        "Вопрос 4, вариант 4: пустой вариант — впишите текст или удалите строку.",
    ]
    assert where(found) == [
        (0, None, "options"),
        (1, None, "text"),
        (2, None, "options"),
        (3, 1, "options"),
        (3, 3, "options"),
    ]


def test_options_that_read_the_same_are_duplicates_pointing_at_the_later_one() -> None:
    question = single("Как часто?", "Раз в месяц", "Реже", "раз  в   МЕСЯЦ", " реже ", "Чаще")
    assert problems(survey(question), for_opening=False) == []
    found = problems(survey(FREE, question), for_opening=True)
    assert found == [
        DraftProblem(
            "Вопрос 2, вариант 3 повторяет вариант 1 («раз в МЕСЯЦ»): варианты должны различаться.",
            question=1,
            option=2,
            field="options",
        ),
        DraftProblem(
            "Вопрос 2, вариант 4 повторяет вариант 2 («реже»): варианты должны различаться.",
            question=1,
            option=3,
            field="options",
        ),
    ]


def test_two_options_that_are_the_same_are_not_two_options() -> None:
    found = problems(survey(single("Да или да?", "Да", "ДА")), for_opening=True)
    assert where(found) == [(0, 1, "options")]


def test_characters_no_database_can_store_are_pointed_at() -> None:
    draft = survey(
        QuestionDraft("text", "Что\x00улучшить?"),
        single("Вопрос", "Да\ud800", "Нет"),
        title="Опрос\x00",
        description="Описание\udfff",
    )
    found = problems(draft, for_opening=False)
    assert where(found) == [
        (None, None, "title"),
        (None, None, "description"),
        (0, None, "text"),
        (1, 0, "options"),
    ]
    assert all("невидимый символ" in problem.message for problem in found)


def test_problems_come_survey_first_then_question_by_question() -> None:
    draft = survey(
        single("Вопрос", "Один"),
        QuestionDraft("rating", ""),
        title="",
    )
    found = problems(draft, for_opening=True)
    assert where(found) == [
        (None, None, "title"),
        (0, None, "options"),
        (1, None, "text"),
        (1, None, ""),
    ]


def test_cleaned_texts_are_what_is_stored() -> None:
    draft = SurveyDraft(
        "  Опрос \t о  портале ",
        "\r\nПервая строка\r\n\r\nВторая  строка\n  ",
        (
            QuestionDraft(
                "single",
                "  Как\r\nвы узнали?  ",
                options=(OptionDraft("  Из   письма ", 7), OptionDraft("Сайт")),
                question_id=3,
            ),
        ),
    )
    assert cleaned(draft) == SurveyDraft(
        "Опрос о портале",
        "Первая строка\n\nВторая  строка",
        (
            QuestionDraft(
                "single",
                "Как\nвы узнали?",
                options=(OptionDraft("Из письма", 7), OptionDraft("Сайт")),
                question_id=3,
            ),
        ),
    )
    assert option_key(" Раз  в МЕСЯЦ ") == option_key("раз в месяц")
