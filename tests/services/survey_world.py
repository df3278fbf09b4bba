"""A small answered survey for the export tests, and its results worked out by hand.

Four questions — one choice, several choices, a 0…10 rating, free text — and four
respondents of different kinds:

========  =================  ========  ==============  ======  ====================
response  organisation       category  one choice      rating  text
========  =================  ========  ==============  ======  ====================
R1        legal entity       1         Да              10      Всё удобно
R2        legal entity       3         Нет             9       =1+1 (not a formula)
R3        sole proprietor    1         Да              8       —
R4        no contracts       —         Затрудняюсь     0       Нет
========  =================  ========  ==============  ======  ====================

Several choices: R1 chose «Показания» and «Счета», R2 «Счета», R3 all three, R4 skipped
the question. R4 answered at 00:30 Moscow time on 4 March, still 3 March in UTC. One more
portal user (a legal entity, 2nd category) had access all along and did not answer: five
were active while the survey was open, 80 % answered.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from lkk_admin.models import (
    Contract,
    ContractAccess,
    Counterparty,
    PortalUser,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from lkk_admin.services.survey_results import (
    DayCount,
    OptionResult,
    QuestionResult,
    RatingCount,
    Segment,
    SplitResults,
    SurveyResults,
    TextAnswer,
)

TITLE = "Удобство Личного кабинета"
OPENS_AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # 12:00 МСК
CLOSES_AT = datetime(2026, 3, 31, 21, 0, tzinfo=UTC)  # 01.04 00:00 МСК
NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
QUESTIONS = (
    ("single", "Удобно ли передавать показания?", ("Да", "Нет", "Затрудняюсь ответить")),
    ("multiple", "Какими разделами вы пользуетесь?", ("Показания", "Счета", "Заявки")),
    ("rating", "Насколько вероятно, что вы порекомендуете кабинет коллегам?", ()),
    ("text", "Что улучшить?", ()),
)
SUBMITTED = (
    datetime(2026, 3, 2, 7, 0, tzinfo=UTC),  # 02.03 10:00 МСК
    datetime(2026, 3, 2, 20, 30, tzinfo=UTC),  # 02.03 23:30 МСК
    datetime(2026, 3, 3, 9, 15, tzinfo=UTC),  # 03.03 12:15 МСК
    datetime(2026, 3, 3, 21, 30, tzinfo=UTC),  # 04.03 00:30 МСК
)
INJECTION = "=1+1"
GRANTED_AT = datetime(2025, 6, 1, tzinfo=UTC)  # every contract access, long before it opened
_numbers = itertools.count(1)


@dataclass(frozen=True)
class World:
    survey_id: int
    question_ids: tuple[int, ...]
    option_ids: tuple[tuple[int, ...], ...]
    response_ids: tuple[int, ...]


def craft_survey(session: Session, *, title: str = TITLE, status: str = "closed") -> World:
    """The survey with its questions and options, no responses."""
    survey = Survey(
        title=title,
        description="Пять минут о кабинете",
        status=status,
        opens_at=OPENS_AT,
        closes_at=CLOSES_AT,
        author="editor",
    )
    session.add(survey)
    session.flush()
    question_ids, option_ids = [], []
    for position, (kind, text, options) in enumerate(QUESTIONS, start=1):
        question = SurveyQuestion(
            survey_id=survey.id,
            position=position,
            kind=kind,
            text=text,
            required=kind != "multiple",
            rating_scale=10 if kind == "rating" else None,
        )
        session.add(question)
        session.flush()
        question_ids.append(question.id)
        rows = [
            SurveyOption(survey_question_id=question.id, position=number, text=option)
            for number, option in enumerate(options, start=1)
        ]
        session.add_all(rows)
        session.flush()
        option_ids.append(tuple(row.id for row in rows))
    return World(survey.id, tuple(question_ids), tuple(option_ids), ())


def respondent(session: Session, org_type: str | None, categories: tuple[int, ...] = ()) -> int:
    """An active portal user with contracts of ``org_type`` in those price categories."""
    n = next(_numbers)
    user = PortalUser(
        login=f"respondent{n}",
        email=f"respondent{n}@example.ru",
        password_hash="x",
        first_name="Пётр",
        last_name=f"Респондентов{n}",
        phone="+7 (916) 000-00-00",
        status="active",
    )
    session.add(user)
    session.flush()
    if org_type is not None:
        owner = Counterparty(
            inn=f"77{n:08d}",
            kpp="770601001" if org_type == "legal_entity" else None,
            org_type=org_type,
            short_name=f"Организация {n}",
            full_name=f"Организация {n}",
            legal_address="Москва",
        )
        session.add(owner)
        session.flush()
        for index, category in enumerate(categories):
            contract = Contract(
                number=f"ОП-{n}-{index}",
                number_normalized=f"ОП-{n}-{index}",
                counterparty_id=owner.id,
                signed_on=date(2021, 1, 1),
                valid_from=date(2021, 1, 1),
                price_category=category,
                max_power_kw=Decimal(100),
            )
            session.add(contract)
            session.flush()
            session.add(
                ContractAccess(
                    portal_user_id=user.id,
                    contract_id=contract.id,
                    granted_by="verifier",
                    granted_at=GRANTED_AT,
                )
            )
    session.flush()
    return user.id


def respond(
    session: Session,
    world: World,
    user_id: int,
    at: datetime,
    *,
    single: int | None,
    multiple: tuple[int, ...],
    rating: int | None,
    text: str | None,
) -> int:
    """A response as the portal stores it: one answer row per option or value."""
    response = SurveyResponse(survey_id=world.survey_id, portal_user_id=user_id, submitted_at=at)
    session.add(response)
    session.flush()
    single_q, multiple_q, rating_q, text_q = world.question_ids
    answers: list[tuple[int, int | None, str | None, int | None]] = []
    if single is not None:
        answers.append((single_q, world.option_ids[0][single], None, None))
    answers += [(multiple_q, world.option_ids[1][index], None, None) for index in multiple]
    if rating is not None:
        answers.append((rating_q, None, None, rating))
    if text is not None:
        answers.append((text_q, None, text, None))
    session.add_all(
        SurveyAnswer(
            survey_response_id=response.id,
            survey_question_id=question,
            survey_option_id=option,
            text_value=value,
            rating=score,
        )
        for question, option, value, score in answers
    )
    session.flush()
    return response.id


def craft_world(session: Session) -> World:
    """The survey and its four responses (see the module's table)."""
    world = craft_survey(session)
    users = (
        respondent(session, "legal_entity", (1,)),
        respondent(session, "legal_entity", (3,)),
        respondent(session, "sole_proprietor", (1,)),
        respondent(session, None),
    )
    respondent(session, "legal_entity", (2,))  # active all along, did not answer
    answers = (
        (0, (0, 1), 10, "Всё удобно"),
        (1, (1,), 9, INJECTION),
        (0, (0, 1, 2), 8, None),
        (2, (), 0, "Нет"),
    )
    responses = tuple(
        respond(
            session, world, user, at, single=single, multiple=multiple, rating=rating, text=text
        )
        for user, at, (single, multiple, rating, text) in zip(
            users, SUBMITTED, answers, strict=True
        )
    )
    return World(world.survey_id, world.question_ids, world.option_ids, responses)


# --- The results, by hand -------------------------------------------------------------------


def _options(
    world: World, index: int, counts: tuple[int, ...], answered: int
) -> tuple[OptionResult, ...]:
    texts = QUESTIONS[index][2]
    return tuple(
        OptionResult(option_id, text, count, count * 100 / answered if answered else 0.0)
        for option_id, text, count in zip(world.option_ids[index], texts, counts, strict=True)
    )


def _rating(scores: tuple[int, ...]) -> tuple[RatingCount, ...]:
    return tuple(
        RatingCount(value, scores.count(value), scores.count(value) * 100 / len(scores))
        for value in range(11)
    )


def hand_results(world: World) -> SurveyResults:
    """The whole survey's figures, worked out from the module's table."""
    single_q, multiple_q, rating_q, text_q = world.question_ids
    texts = (
        TextAnswer(world.response_ids[0], "Всё удобно", "legal_entity", SUBMITTED[0]),
        TextAnswer(world.response_ids[1], INJECTION, "legal_entity", SUBMITTED[1]),
        TextAnswer(world.response_ids[3], "Нет", "none", SUBMITTED[3]),
    )
    return SurveyResults(
        survey_id=world.survey_id,
        title=TITLE,
        status="closed",
        opens_at=OPENS_AT,
        closes_at=CLOSES_AT,
        respondents=4,
        eligible=5,  # the four respondents and the one who did not answer
        response_rate=80.0,
        per_day=(
            DayCount(date(2026, 3, 1), 0),
            DayCount(date(2026, 3, 2), 2),
            DayCount(date(2026, 3, 3), 1),
            DayCount(date(2026, 3, 4), 1),
        ),
        questions=(
            QuestionResult(
                single_q, 1, "single", QUESTIONS[0][1], True, 4, _options(world, 0, (2, 1, 1), 4)
            ),
            QuestionResult(
                multiple_q,
                2,
                "multiple",
                QUESTIONS[1][1],
                False,
                3,
                _options(world, 1, (2, 3, 1), 3),
            ),
            QuestionResult(
                rating_q,
                3,
                "rating",
                QUESTIONS[2][1],
                True,
                4,
                rating_scale=10,
                distribution=_rating((10, 9, 8, 0)),
                mean=6.75,
                median=8.5,
                nps=25.0,  # promoters 2 of 4, detractors 1 of 4
            ),
            QuestionResult(
                text_q,
                4,
                "text",
                QUESTIONS[3][1],
                True,
                3,
                texts=tuple(answer.text for answer in texts),
                text_answers=texts,
            ),
        ),
    )


def hand_legal_entities(world: World) -> SurveyResults:
    """The same for the legal entities' two responses (R1, R2)."""
    single_q, multiple_q, rating_q, text_q = world.question_ids
    texts = (
        TextAnswer(world.response_ids[0], "Всё удобно", "legal_entity", SUBMITTED[0]),
        TextAnswer(world.response_ids[1], INJECTION, "legal_entity", SUBMITTED[1]),
    )
    whole = hand_results(world)
    return SurveyResults(
        survey_id=world.survey_id,
        title=TITLE,
        status="closed",
        opens_at=OPENS_AT,
        closes_at=CLOSES_AT,
        respondents=2,
        eligible=whole.eligible,
        response_rate=whole.response_rate,
        per_day=(
            DayCount(date(2026, 3, 1), 0),
            DayCount(date(2026, 3, 2), 2),
            DayCount(date(2026, 3, 3), 0),
            DayCount(date(2026, 3, 4), 0),
        ),
        questions=(
            QuestionResult(
                single_q, 1, "single", QUESTIONS[0][1], True, 2, _options(world, 0, (1, 1, 0), 2)
            ),
            QuestionResult(
                multiple_q,
                2,
                "multiple",
                QUESTIONS[1][1],
                False,
                2,
                _options(world, 1, (1, 2, 0), 2),
            ),
            QuestionResult(
                rating_q,
                3,
                "rating",
                QUESTIONS[2][1],
                True,
                2,
                rating_scale=10,
                distribution=_rating((10, 9)),
                mean=9.5,
                median=9.5,
                nps=100.0,
            ),
            QuestionResult(
                text_q,
                4,
                "text",
                QUESTIONS[3][1],
                True,
                2,
                texts=tuple(answer.text for answer in texts),
                text_answers=texts,
            ),
        ),
    )


def hand_split(world: World) -> SplitResults:
    """By organisation type, the legal entities only (a rendering needs no more)."""
    return SplitResults(
        by="org_type",
        overall=hand_results(world),
        segments=(Segment("legal_entity", "Юридические лица", hand_legal_entities(world)),),
    )
