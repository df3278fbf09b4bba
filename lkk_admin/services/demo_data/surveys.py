"""Surveys of the demo portal in every state, and thousands of answers to two of them.

Four surveys, told as the editors' acts (created, opened now or at a date, closed) and
written as ``services.surveys`` records them — the row's version and last change, an
audit event per act with the service's action and details:

- a closed one (e-invoices, September 2026), answered by most of the portal users who
  could see a contract while it was open;
- an open one (the portal's own quality, with a 0…10 "would you recommend us" question
  for the NPS), answered so far by most of those active since it opened;
- a scheduled one (open from a date a few days after the demo's creation), unanswered;
- a draft.

Who answers how depends on the kind of customer (the organisation type of the contracts
the user sees): sole proprietors come to pass meter readings, rate the portal lower and
are less ready for electronic documents; companies use invoices and reports and want
their EDO operator. Only users with a contract access live while a survey was open
answer it, each at a moment they had one.

The world is planned on the reference day (``common.TODAY``) and moves with the demo's
creation by whole days, as the current news do. The grants it reads were moved by the
exact creation moment (``DemoClock.shift``), which may differ from whole days by up to
half a day: who answers is decided on the reference clock, and each answer keeps a day
away from its grant, its revocation and the creation moment, so that no demo has an
answer out of order or in its future. Rows are written in bulk (``BulkWriter``) with
ids in the order the answers came.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, case, func, select

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
from lkk_admin.models.base import table_of
from lkk_admin.services.demo_data.bulk import BulkWriter
from lkk_admin.services.demo_data.common import MSK, NOW, REFERENCE_CLOCK, DemoClock, stream

EDITOR = "editor1"
SECOND_EDITOR = "editor2"
ENTITY = "survey"
LEGAL, SOLE = "legal", "sole"  # how a respondent answers: as a company or as a sole trader
# The latest an act or an answer of the reference world may be: a day before its moment,
# so that a demo created early in its day has none in its future (see the module).
LATEST = NOW - timedelta(days=1)
MARGIN = timedelta(days=1)  # between an answer and the user's grant or revocation

# When users answer, Moscow time: mostly in office hours.
_HOURS = tuple(range(7, 24))
_HOUR_WEIGHTS = (1, 3, 8, 12, 12, 10, 6, 9, 10, 9, 7, 5, 3, 3, 3, 2, 1)


def _at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


# The open survey's days in the reference world (its news names the closing day).
OPEN_SURVEY = (_at(2026, 11, 2), _at(2026, 12, 15, 23))


@dataclass(frozen=True)
class _Question:
    """A question and how each kind of customer answers it: ``single`` — the options'
    weights; ``multiple`` — each option's chance; ``rating`` — the weights of the scale's
    values; ``text`` — the chance of writing anything, then one of ``texts``."""

    kind: str
    text: str
    options: tuple[str, ...] = ()
    scale: int | None = None
    required: bool = True
    legal: tuple[float, ...] = ()
    sole: tuple[float, ...] = ()
    legal_texts: tuple[str, ...] = ()
    sole_texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Plan:
    """A survey as its editors made it, on the reference clock."""

    title: str
    description: str
    questions: tuple[_Question, ...]
    author: str
    created: datetime
    opened: datetime | None = None  # the act of opening (now or at ``opens``)
    opens: datetime | None = None
    closes: datetime | None = None  # as planned when opened
    closed: datetime | None = None  # closed then, by hand
    answering: float = 0.0  # of the users who could answer, the share who do

    @property
    def status(self) -> str:
        return "draft" if self.opened is None else "closed" if self.closed else "open"


_PORTAL_TEXTS_LEGAL = (
    "Выгрузка начислений и счетов в Excel.",
    "Подписание документов электронной подписью прямо в кабинете.",
    "Доступ для нескольких сотрудников с разными правами.",
    "Акт сверки онлайн, без запроса в офис.",
    "Уведомления о выставленных счетах на почту бухгалтерии.",
    "Показывать задолженность на главной странице.",
    "История потребления в отчёте хотя бы за три года.",
    "Всё устраивает, спасибо.",
)
_PORTAL_TEXTS_SOLE = (
    "Напоминание о сроке передачи показаний по СМС.",
    "Мобильное приложение, чтобы передавать показания с телефона.",
    "Передавать показания фотографией счётчика.",
    "Оплата картой прямо из кабинета.",
    "Проще вход: пароль часто забывается.",
    "Крупнее шрифт и понятнее меню.",
    "Всё устраивает, спасибо.",
)
_EDO_TEXTS_LEGAL = (
    "Работаем через Диадок, документы удобнее получать туда же.",
    "Бумажные оригиналы нужны только на случай налоговой проверки.",
    "Хорошо бы и акт сверки присылать в электронном виде.",
    "Готовы перейти с начала следующего квартала.",
    "Счёт и счёт-фактура должны приходить одним письмом.",
)
_EDO_TEXTS_SOLE = (
    "Бухгалтер на аутсорсе, ему удобнее по электронной почте.",
    "Оператор ЭДО для ИП дорог, оставьте электронную почту.",
    "Пока привык к бумаге, но попробую.",
    "Нет квалифицированной электронной подписи.",
)

PLANS: tuple[_Plan, ...] = (
    _Plan(
        title="Переход на электронные счета",
        description="Готовы ли вы получать счета и акты только в электронном виде?",
        questions=(
            _Question("single", "Готовы ли вы отказаться от бумажных счетов?",
                      ("Да", "Нет", "Затрудняюсь ответить"),
                      legal=(62, 14, 24), sole=(41, 33, 26)),
            _Question("multiple", "Как вам удобнее получать счета и акты?",
                      ("Через оператора ЭДО", "В Личном кабинете", "По электронной почте",
                       "На бумаге по почте"),
                      legal=(0.7, 0.5, 0.45, 0.12), sole=(0.15, 0.6, 0.65, 0.3)),
            _Question("rating", "Насколько вам удобно работать с электронными счетами сейчас?",
                      scale=5, legal=(2, 5, 18, 45, 30), sole=(7, 13, 30, 32, 18)),
            _Question("text", "Комментарий", required=False, legal=(0.22,), sole=(0.15,),
                      legal_texts=_EDO_TEXTS_LEGAL, sole_texts=_EDO_TEXTS_SOLE),
        ),
        author=EDITOR,
        created=_at(2026, 9, 1, 11, 20),
        opened=_at(2026, 9, 7),
        opens=_at(2026, 9, 7),
        closes=_at(2026, 10, 4, 23),
        closed=_at(2026, 10, 5, 9, 40),
        answering=0.85,
    ),
    _Plan(
        title="Оценка работы Личного кабинета клиента",
        description="Помогите нам сделать Личный кабинет удобнее.",
        questions=(
            _Question("single", "Как часто вы пользуетесь Личным кабинетом?",
                      ("Ежедневно", "Несколько раз в месяц",
                       "Раз в месяц, чтобы передать показания", "Реже"),
                      legal=(15, 45, 30, 10), sole=(5, 20, 60, 15)),
            _Question("multiple", "Какими разделами вы пользуетесь?",
                      ("Передача показаний", "Начисления и платежи", "Счета и счета-фактуры",
                       "Отчёты", "Заявки", "Новости"),
                      legal=(0.55, 0.7, 0.75, 0.45, 0.2, 0.25),
                      sole=(0.9, 0.6, 0.3, 0.1, 0.15, 0.15)),
            _Question("rating", "Оцените удобство передачи показаний", scale=5,
                      legal=(3, 6, 16, 42, 33), sole=(8, 14, 28, 32, 18)),
            _Question("rating", "Насколько вероятно, что вы порекомендуете Личный кабинет "
                      "коллегам или партнёрам?", scale=10,
                      legal=(1, 1, 1, 2, 2, 4, 5, 12, 20, 26, 26),
                      sole=(3, 3, 4, 5, 6, 8, 9, 16, 18, 14, 14)),
            _Question("text", "Что бы вы хотели улучшить?", required=False,
                      legal=(0.28,), sole=(0.2,),
                      legal_texts=_PORTAL_TEXTS_LEGAL, sole_texts=_PORTAL_TEXTS_SOLE),
        ),
        author=EDITOR,
        created=_at(2026, 10, 28, 14, 5),
        opened=OPEN_SURVEY[0],
        opens=OPEN_SURVEY[0],
        closes=OPEN_SURVEY[1],
        answering=0.75,
    ),
    _Plan(
        title="Качество электроснабжения",
        description="Расскажите, как работает электроснабжение ваших объектов.",
        questions=(
            _Question("single", "Были ли перерывы в электроснабжении за последние три месяца?",
                      ("Не было", "Один раз", "Несколько раз")),
            _Question("rating", "Оцените качество электроснабжения", scale=5),
            _Question("multiple", "Что для вас важнее всего?",
                      ("Стабильное напряжение", "Быстрое восстановление после аварий",
                       "Предупреждение о плановых отключениях", "Понятные сроки работ")),
            _Question("text", "Опишите, пожалуйста, случаи перебоев", required=False),
        ),
        author=SECOND_EDITOR,
        created=_at(2026, 11, 24, 11),
        opened=_at(2026, 11, 25, 15, 20),
        opens=_at(2026, 12, 1),
        closes=_at(2026, 12, 21, 23),
    ),
    _Plan(
        title="Удобство оплаты",
        description="Черновик опроса о способах оплаты.",
        questions=(
            _Question("multiple", "Какими способами вы оплачиваете счета?",
                      ("Платёжное поручение", "Интернет-банк", "Через Личный кабинет")),
            _Question("single", "Удобно ли вам платить тремя платежами в месяц?",
                      ("Да", "Нет, удобнее одним платежом")),
            _Question("text", "Что изменить в оплате?", required=False),
        ),
        author=SECOND_EDITOR,
        created=_at(2026, 11, 20, 16, 30),
    ),
)  # fmt: skip


# --- the users who may answer -------------------------------------------------------------


@dataclass(frozen=True)
class _User:
    id: int
    kind: str  # LEGAL or SOLE
    since: datetime  # first grant, on the reference clock
    until: datetime | None  # every grant revoked by then (reference clock); None: still


def _users(connection: Connection, clock: DemoClock, ids: set[int]) -> list[_User]:
    """The active users among ``ids`` with their grants, on the reference clock, and
    how they answer (a sole proprietor's contracts only: as a sole trader)."""
    access, contracts = table_of(ContractAccess), table_of(Contract)
    counterparties = table_of(Counterparty)
    org_type = counterparties.c.org_type
    every_revoked = func.count() == func.count(access.c.revoked_at)
    rows = connection.execute(
        select(
            access.c.portal_user_id,
            func.min(access.c.granted_at),
            case((every_revoked, func.max(access.c.revoked_at)), else_=None),
            func.min(org_type),
            func.max(org_type),
        )
        .join(contracts, contracts.c.id == access.c.contract_id)
        .join(counterparties, counterparties.c.id == contracts.c.counterparty_id)
        .join(table_of(PortalUser), table_of(PortalUser).c.id == access.c.portal_user_id)
        .where(table_of(PortalUser).c.status == "active")
        .group_by(access.c.portal_user_id)
        .order_by(access.c.portal_user_id)
    )
    found = []
    for user_id, since, revoked, low, high in rows:
        if user_id not in ids:
            continue
        kind = SOLE if low == high == "sole_proprietor" else LEGAL
        until = None if revoked is None else _moment(revoked) - clock.shift
        found.append(_User(user_id, kind, _moment(since) - clock.shift, until))
    return found


def _moment(value: Any) -> datetime:
    """A stored moment as read back, aware (SQLite keeps naive UTC)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- answering ----------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: Sequence[float]) -> int:
    cumulative = list(accumulate(weights))
    return bisect(cumulative, rng.random() * cumulative[-1])


@dataclass(frozen=True)
class _Response:
    user_id: int
    at: datetime  # reference clock
    answers: tuple[tuple[int, int | None, str | None, int | None], ...]  # question index…


def _when(rng: random.Random, first: datetime, last: datetime) -> datetime:
    """A moment in [first, last]: most answers soon after the invitation, in office
    hours Moscow time."""
    moment = first + (last - first) * rng.random() ** 1.8
    day = moment.astimezone(MSK).date()
    hour = _HOURS[_weighted(rng, _HOUR_WEIGHTS)]
    at = datetime(day.year, day.month, day.day, hour, int(rng.random() * 60), tzinfo=MSK)
    return at if first <= at <= last else moment


def _answer(
    rng: random.Random, index: int, question: _Question, kind: str
) -> Iterator[tuple[int, int | None, str | None, int | None]]:
    """(question index, option index, text, rating) rows of one respondent's answer."""
    weights = question.legal if kind == LEGAL else question.sole
    if question.kind == "single":
        yield index, _weighted(rng, weights), None, None
    elif question.kind == "multiple":
        chosen = [n for n, chance in enumerate(weights) if rng.random() < chance]
        for option in chosen or [max(range(len(weights)), key=weights.__getitem__)]:
            yield index, option, None, None
    elif question.kind == "rating":
        low = 0 if question.scale == 10 else 1
        yield index, None, None, low + _weighted(rng, weights)
    elif rng.random() < weights[0]:
        texts = question.legal_texts if kind == LEGAL else question.sole_texts
        yield index, None, texts[int(rng.random() * len(texts))], None


def _responses(rng: random.Random, plan: _Plan, users: list[_User]) -> list[_Response]:
    """Who answered ``plan`` and how, in the order they did (reference clock)."""
    assert plan.opens is not None
    end = min(plan.closed or plan.closes or LATEST, LATEST)
    found = []
    for user in users:
        first = max(plan.opens, user.since + MARGIN)
        last = end if user.until is None else min(end, user.until - MARGIN)
        if last <= first or rng.random() >= plan.answering:
            continue
        at = _when(rng, first, last)
        answers = tuple(
            row
            for index, question in enumerate(plan.questions)
            for row in _answer(rng, index, question, user.kind)
        )
        found.append(_Response(user.id, at, answers))
    found.sort(key=lambda response: (response.at, response.user_id))
    return found


# --- writing ------------------------------------------------------------------------------

_SURVEY_COLUMNS = ("id", "title", "description", "status", "opens_at", "closes_at", "author",
                   "created_at", "updated_by", "updated_at", "version")  # fmt: skip
_QUESTION_COLUMNS = ("id", "survey_id", "position", "kind", "text", "required", "rating_scale")
_OPTION_COLUMNS = ("id", "survey_question_id", "position", "text")
_RESPONSE_COLUMNS = ("id", "survey_id", "portal_user_id", "submitted_at")
_ANSWER_COLUMNS = ("id", "survey_response_id", "survey_question_id", "survey_option_id",
                   "text_value", "rating")  # fmt: skip


def _iso(moment: datetime | None) -> str | None:
    """A moment as the service's audit details keep it."""
    return None if moment is None else moment.astimezone(UTC).isoformat()


def write_surveys(
    connection: Connection,
    seed: int,
    active_user_ids: set[int],
    clock: DemoClock = REFERENCE_CLOCK,
) -> list[dict[str, Any]]:
    """Every survey, its questions, options, responses and answers; returns the editors'
    audit events."""
    rng = stream(seed, "surveys")
    move = timedelta(days=clock.days)
    users = _users(connection, clock, active_user_ids)
    writer = BulkWriter(connection)
    tables = {
        name: table_of(model)
        for name, model in (
            ("survey", Survey),
            ("question", SurveyQuestion),
            ("option", SurveyOption),
            ("response", SurveyResponse),
            ("answer", SurveyAnswer),
        )
    }
    ids = {name: writer.first_id(table) for name, table in tables.items()}
    surveys: list[tuple[Any, ...]] = []
    questions: list[tuple[Any, ...]] = []
    options: list[tuple[Any, ...]] = []
    responses: list[tuple[Any, ...]] = []
    answers: list[tuple[Any, ...]] = []
    audit: list[dict[str, Any]] = []
    for plan in PLANS:
        survey_id = ids["survey"]
        ids["survey"] += 1
        question_ids, option_ids = [], []
        for position, question in enumerate(plan.questions, start=1):
            question_ids.append(ids["question"])
            questions.append((ids["question"], survey_id, position, question.kind, question.text,
                              question.required, question.scale))  # fmt: skip
            option_ids.append(list(range(ids["option"], ids["option"] + len(question.options))))
            for number, text in enumerate(question.options, start=1):
                options.append((ids["option"], ids["question"], number, text))
                ids["option"] += 1
            ids["question"] += 1
        acts = _acts(plan, survey_id, move)
        audit += acts
        last = acts[-1]
        surveys.append((
            survey_id, plan.title, plan.description, plan.status,
            _moved(plan.opens, move), _moved(plan.closed or plan.closes, move), plan.author,
            plan.created + move, last["actor"], last["occurred_at"], len(acts),
        ))  # fmt: skip
        if plan.answering:
            for response in _responses(rng, plan, users):
                responses.append((ids["response"], survey_id, response.user_id,
                                  response.at + move))  # fmt: skip
                for index, option, written, rating in response.answers:
                    option_id = None if option is None else option_ids[index][option]
                    answers.append((ids["answer"], ids["response"], question_ids[index],
                                    option_id, written, rating))  # fmt: skip
                    ids["answer"] += 1
                ids["response"] += 1
    for name, columns, rows in (
        ("survey", _SURVEY_COLUMNS, surveys),
        ("question", _QUESTION_COLUMNS, questions),
        ("option", _OPTION_COLUMNS, options),
        ("response", _RESPONSE_COLUMNS, responses),
        ("answer", _ANSWER_COLUMNS, answers),
    ):
        writer.write(tables[name], columns, rows)
    writer.sync_sequences()
    return audit


def _moved(moment: datetime | None, move: timedelta) -> datetime | None:
    return None if moment is None else moment + move


def _acts(plan: _Plan, survey_id: int, move: timedelta) -> list[dict[str, Any]]:
    """The editors' acts on the survey as ``services.surveys`` audits them."""

    def event(at: datetime, action: str, **details: Any) -> dict[str, Any]:
        return {
            "occurred_at": at + move,
            "actor": plan.author,
            "action": action,
            "entity": ENTITY,
            "entity_id": survey_id,
            "details": {"title": plan.title, "version": len(acts) + 1, **details},
        }

    acts: list[dict[str, Any]] = []
    acts.append(event(plan.created, "create_survey", questions=len(plan.questions)))
    if plan.opened is None:
        return acts
    opens, closes = _moved(plan.opens, move), _moved(plan.closes, move)
    acts.append(
        event(
            plan.opened, "open_survey",
            opens_at=_iso(opens), closes_at=_iso(closes), scheduled=plan.opens != plan.opened,
            before={"status": "draft", "opens_at": None, "closes_at": None},
        )
    )  # fmt: skip
    if plan.closed is not None:
        acts.append(
            event(
                plan.closed, "close_survey", closes_at=_iso(plan.closed + move),
                before={"status": "open", "opens_at": _iso(opens), "closes_at": _iso(closes)},
            )
        )  # fmt: skip
    return acts
