"""Surveys of the demo portal with their responses, and its news (``news``): a fixed
handful at any scale.

The closed survey is history; the open one and the draft move with the demo's creation by
whole days (``DemoClock.days``), as the current news do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from lkk_admin.models import (
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from lkk_admin.services.demo_data import news
from lkk_admin.services.demo_data.common import MSK, REFERENCE_CLOCK, DemoClock, stream
from lkk_admin.services.demo_data.news import EDITOR


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=MSK)


# The open survey's days in the reference world (its news names the closing day).
_OPEN_SURVEY = (_at(2026, 11, 2), _at(2026, 12, 15, 23))


@dataclass(frozen=True)
class _Question:
    kind: str
    text: str
    options: tuple[str, ...] = ()
    required: bool = True


# Title, description, status, opens, closes, questions; the open and the draft one move
# with the demo's creation (``_CURRENT_SURVEYS``), the closed one is history.
SURVEYS: tuple[tuple[str, str, str, datetime, datetime, tuple[_Question, ...]], ...] = (
    (
        "Оценка работы Личного кабинета клиента",
        "Помогите нам сделать Личный кабинет удобнее.",
        "open",
        *_OPEN_SURVEY,
        (
            _Question("single", "Как часто вы пользуетесь Личным кабинетом?",
                      ("Ежедневно", "Несколько раз в месяц",
                       "Раз в месяц, чтобы передать показания", "Реже")),
            _Question("multiple", "Какими разделами вы пользуетесь?",
                      ("Передача показаний", "Начисления и платежи", "Счета и счета-фактуры",
                       "Отчёты", "Заявки", "Новости")),
            _Question("rating", "Оцените удобство передачи показаний (от 1 до 5)"),
            _Question("text", "Что бы вы хотели улучшить?", required=False),
        ),
    ),
    (
        "Переход на электронные счета",
        "Готовы ли вы получать счета только в электронном виде?",
        "closed",
        _at(2025, 3, 1),
        _at(2025, 3, 31, 23),
        (
            _Question("single", "Готовы ли вы отказаться от бумажных счетов?",
                      ("Да", "Нет", "Затрудняюсь ответить")),
            _Question("text", "Комментарий", required=False),
        ),
    ),
    (
        "Удобство оплаты",
        "Черновик опроса о способах оплаты.",
        "draft",
        _at(2027, 1, 15),
        _at(2027, 2, 15),
        (_Question("multiple", "Какими способами вы оплачиваете счета?",
                   ("Платёжное поручение", "Интернет-банк", "Через Личный кабинет")),),
    ),
)  # fmt: skip

_CURRENT_SURVEYS = ("open", "draft")


SUGGESTIONS = (
    "Напоминание на почту о сроке передачи показаний.",
    "Выгрузка начислений в Excel.",
    "Мобильное приложение.",
    "Показывать задолженность на главной странице.",
    "Больше истории потребления в отчёте.",
    "Оплата картой прямо из кабинета.",
    "Всё устраивает, спасибо.",
)


def write_content(
    connection: Connection,
    seed: int,
    active_users: list[tuple[int, datetime]],
    clock: DemoClock = REFERENCE_CLOCK,
) -> list[dict[str, Any]]:
    """News (``news.write_news``) and surveys with responses; returns the editors' audit
    events."""
    rng = stream(seed, "content")
    now = clock.now
    shift = timedelta(days=clock.days)  # the current surveys: whole days
    audit = news.write_news(connection, _OPEN_SURVEY, clock)
    session = Session(bind=connection)  # joins the caller's transaction
    try:
        for title, description, status, opens, closes, questions in SURVEYS:
            moves = shift if status in _CURRENT_SURVEYS else timedelta(0)
            opens_at, closes_at = opens + moves, closes + moves
            survey = Survey(
                title=title,
                description=description,
                status=status,
                opens_at=opens_at,
                closes_at=closes_at,
                author=EDITOR,
                created_at=opens_at - timedelta(days=5),
                questions=[
                    SurveyQuestion(
                        position=position,
                        kind=question.kind,
                        text=question.text,
                        required=question.required,
                        rating_scale=5 if question.kind == "rating" else None,
                        options=[
                            SurveyOption(position=i, text=text)
                            for i, text in enumerate(question.options, start=1)
                        ],
                    )
                    for position, question in enumerate(questions, start=1)
                ],
            )
            session.add(survey)
            session.flush()
            if status != "draft":
                audit.append(
                    {
                        "occurred_at": opens_at,
                        "actor": EDITOR,
                        "action": "open_survey",
                        "entity": "survey",
                        "entity_id": survey.id,
                        "details": {"title": title},
                    }
                )
                _responses(session, rng, survey, active_users, closes_at, now=now)
        session.flush()
    finally:
        session.close()
    return audit


def _responses(
    session: Session,
    rng: random.Random,
    survey: Survey,
    active_users: list[tuple[int, datetime]],
    closes_at: datetime,
    *,
    now: datetime,
) -> None:
    opens_at = survey.opens_at or now
    last = min(closes_at, now)
    eligible = [user for user in active_users if user[1] < opens_at]
    count = min(len(eligible), max(5, len(eligible) // 25))
    for user_id, _ in rng.sample(eligible, count):
        when = opens_at + (last - opens_at) * rng.random()
        response = SurveyResponse(survey_id=survey.id, portal_user_id=user_id, submitted_at=when)
        session.add(response)
        session.flush()
        for question in survey.questions:
            for answer in _answers(rng, question):
                answer.survey_response_id = response.id
                session.add(answer)


def _answers(rng: random.Random, question: SurveyQuestion) -> list[SurveyAnswer]:
    options = question.options
    if question.kind == "single":
        option = rng.choices(options, range(len(options), 0, -1))[0]
        return [SurveyAnswer(survey_question_id=question.id, survey_option_id=option.id)]
    if question.kind == "multiple":
        chosen = rng.sample(options, rng.randint(1, min(4, len(options))))
        return [SurveyAnswer(survey_question_id=question.id, survey_option_id=o.id) for o in chosen]
    if question.kind == "rating":
        rating = rng.choices((1, 2, 3, 4, 5), (3, 5, 15, 40, 37))[0]
        return [SurveyAnswer(survey_question_id=question.id, rating=rating)]
    if rng.random() < 0.35:
        return [SurveyAnswer(survey_question_id=question.id, text_value=rng.choice(SUGGESTIONS))]
    return []
