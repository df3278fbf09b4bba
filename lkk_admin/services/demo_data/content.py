"""News, reference articles and surveys of the demo portal (a fixed handful at any scale).

Most of them tell of the past at fixed dates (the VAT change of 2026, the tariffs of July
2026, how to pay). The current ones — a maintenance notice, the open survey and its news,
the drafts — move with the demo's creation by whole days (``DemoClock.days``), the dates in
their texts with them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from lkk_admin.models import (
    NewsItem,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from lkk_admin.services.demo_data.common import MSK, REFERENCE_CLOCK, DemoClock, stream

EDITOR = "editor1"


@dataclass(frozen=True)
class _News:
    kind: str
    status: str
    title: str
    summary: str
    body_html: str
    publish_at: datetime | None
    unpublish_at: datetime | None = None
    pinned: bool = False
    current: bool = False  # moves with the demo's creation; ``{…}`` in the texts: _dates()


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=MSK)


# The current items' days in the reference world (their texts name them).
_MAINTENANCE_NOTICE = _at(2026, 11, 25)  # the works are in the night to the 4th day after
_EDO_NEWS = _at(2026, 12, 1)
_OPEN_SURVEY = (_at(2026, 11, 2), _at(2026, 12, 15, 23))

NEWS: tuple[_News, ...] = (
    _News(
        "news", "published", "С 1 января 2026 года ставка НДС — 22 %",
        "Счета за электроэнергию, поставленную с января 2026 года, выставляются с НДС 22 %.",
        "<p>С 1 января 2026 года общая ставка налога на добавленную стоимость составляет "
        "<strong>22 %</strong> (ранее — 20 %).</p>"
        "<ul><li>Электроэнергия, поставленная по 31 декабря 2025 года включительно, "
        "оплачивается с НДС 20 %, даже если счёт выставлен в январе.</li>"
        "<li>Начиная с поставки за январь 2026 года в счетах и счетах-фактурах указывается "
        "ставка 22 %.</li></ul>"
        "<p>Промежуточные платежи за январь рассчитывайте с учётом новой ставки.</p>",
        _at(2025, 12, 10), pinned=True,
    ),
    _News(
        "article", "published", "Передача показаний приборов учёта",
        "Показания на 1-е число месяца принимаются с 25-го числа по 3-е число следующего месяца.",
        "<p>Показания снимаются на 00:00 первого числа месяца. Передать их в Личном кабинете "
        "можно <strong>с 25-го числа по 3-е число</strong> следующего месяца в разделе "
        "«Приборы учёта».</p><p>Показания приборов, подключённых к АСКУЭ, передаются "
        "автоматически — вводить их не нужно.</p>"
        "<ol><li>Откройте карточку прибора учёта.</li><li>Введите показание целыми "
        "киловатт-часами.</li><li>Нажмите «Передать».</li></ol>",
        _at(2024, 2, 1),
    ),
    _News(
        "news", "published", "Изменение тарифов на передачу электроэнергии с 1 июля 2026 года",
        "Тарифы на услуги по передаче электрической энергии проиндексированы.",
        "<p>С 1 июля 2026 года изменились тарифы на услуги по передаче электрической энергии "
        "по всем уровням напряжения. Составляющие конечной цены публикуются ежемесячно, не "
        "позднее 15-го числа месяца, следующего за расчётным.</p>"
        "<p>Справку о составляющих тарифа можно сформировать в разделе «Отчёты».</p>",
        _at(2026, 6, 20),
    ),
    _News(
        "news", "published", "Плановые работы в Личном кабинете {works}",
        "С 01:00 до 05:00 Личный кабинет будет недоступен.",
        "<p>В ночь на {works} с 01:00 до 05:00 (МСК) проводятся плановые работы. "
        "Передать показания и сформировать отчёты в это время будет невозможно.</p>",
        _MAINTENANCE_NOTICE, unpublish_at=_at(2026, 11, 30), current=True,
    ),
    _News(
        "article", "published", "Как подключить нового пользователя организации",
        "Каждый сотрудник регистрируется сам; доступ к договорам подтверждает администратор.",
        "<p>Сотрудник проходит регистрацию на странице входа (кнопка «Регистрация»), указывает "
        "ИНН и КПП организации и номера договоров. После проверки заявки администратор "
        "ООО «РН-Энерго» откроет доступ к договорам — об этом придёт письмо.</p>"
        "<p>Если сотрудник действует по доверенности, приложите её скан.</p>",
        _at(2024, 5, 15),
    ),
    _News(
        "article", "published", "Порядок расчётов за электроэнергию",
        "30 % — до 10-го числа, 40 % — до 25-го числа, остаток — до 18-го числа следующего месяца.",
        "<p>Оплата по договору энергоснабжения вносится в три этапа:</p>"
        "<ul><li>30 % стоимости электроэнергии месяца — до 10-го числа этого месяца;</li>"
        "<li>40 % — до 25-го числа этого месяца;</li>"
        "<li>окончательный расчёт — до 18-го числа следующего месяца.</li></ul>"
        "<p>Сальдо расчётов показано в расчётной ведомости.</p>",
        _at(2024, 3, 1),
    ),
    _News(
        "news", "published", "Новый раздел «Отчёты»",
        "Расчётная ведомость, отчёт по потреблению и справка о составляющих тарифа — в PDF.",
        "<p>В Личном кабинете появился раздел <strong>«Отчёты»</strong>: расчётная ведомость, "
        "отчёт по потреблению с сравнением с прошлым годом и справка о составляющих "
        "тарифа.</p>",
        _at(2025, 4, 10),
    ),
    _News(
        "article", "published", "Поверка приборов учёта",
        "Межповерочный интервал и дата следующей поверки указаны в карточке прибора.",
        "<p>Прибор учёта с истёкшим сроком поверки считается вышедшим из строя, а расчёт "
        "ведётся расчётным способом. Дату следующей поверки смотрите в карточке прибора "
        "учёта; заявку на поверку можно подать в разделе «Заявки».</p>",
        _at(2025, 9, 1),
    ),
    _News(
        "news", "published", "Оцените работу Личного кабинета",
        "Ответьте на четыре вопроса — это займёт две минуты.",
        "<p>Мы хотим сделать Личный кабинет удобнее. Пожалуйста, ответьте на вопросы опроса в "
        "разделе «Опросы» до {survey_closes}.</p>",
        _OPEN_SURVEY[0], current=True,
    ),
    _News(
        "news", "archived", "Режим работы в праздничные дни",
        "С 31 декабря по 11 января офисы обслуживания не работают.",
        "<p>С 31 декабря 2025 года по 11 января 2026 года офисы обслуживания клиентов не "
        "работают. Личный кабинет доступен круглосуточно.</p>",
        _at(2025, 12, 25), unpublish_at=_at(2026, 1, 12),
    ),
    _News(
        "news", "draft", "Подключение к электронному документообороту",
        "Счета и счета-фактуры можно получать через оператора ЭДО.",
        "<p>С {edo_month} счета и счета-фактуры можно получать в электронном виде через "
        "оператора ЭДО. Для подключения направьте заявку в разделе «Заявки».</p>",
        _EDO_NEWS, current=True,
    ),
    _News(
        "article", "draft", "Ответы на частые вопросы",
        "Черновик раздела с ответами на частые вопросы клиентов.",
        "<p>Раздел в подготовке.</p>",
        None, current=True,
    ),
)  # fmt: skip


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
_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def _day_text(moment: datetime) -> str:
    """``29 ноября 2026 года``: a Moscow day as the portal's texts write it."""
    day = moment.astimezone(MSK).date()
    return f"{day.day} {_MONTHS_GENITIVE[day.month - 1]} {day.year} года"


def _dates(shift: timedelta) -> dict[str, str]:
    """The dates the current items' texts name, moved by ``shift``."""
    edo_day = (_EDO_NEWS + shift).astimezone(MSK).date()
    return {
        "works": _day_text(_MAINTENANCE_NOTICE + shift + timedelta(days=4)),
        "survey_closes": _day_text(_OPEN_SURVEY[1] + shift),
        "edo_month": f"{_MONTHS_GENITIVE[edo_day.month - 1]} {edo_day.year} года",
    }


def _moved(moment: datetime | None, shift: timedelta) -> datetime | None:
    return None if moment is None else moment + shift


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
    """News and surveys with responses; returns the editors' audit events."""
    rng = stream(seed, "content")
    now = clock.now
    shift = timedelta(days=clock.days)  # the current items: whole days, texts alike
    dates = _dates(shift)
    audit: list[dict[str, Any]] = []
    session = Session(bind=connection)  # joins the caller's transaction
    try:
        for item in NEWS:
            moves = shift if item.current else timedelta(0)
            title = item.title.format(**dates) if item.current else item.title
            publish_at = _moved(item.publish_at, moves)
            created = (publish_at or now) - timedelta(days=rng.randint(1, 6))
            created = min(created, now - timedelta(hours=rng.randint(2, 48)))
            news = NewsItem(
                kind=item.kind,
                title=title,
                summary=item.summary,
                body_html=item.body_html.format(**dates) if item.current else item.body_html,
                status=item.status,
                publish_at=publish_at,
                unpublish_at=_moved(item.unpublish_at, moves),
                pinned=item.pinned,
                author=EDITOR,
                created_at=created,
                updated_at=min(publish_at or created, now) if item.status != "draft" else created,
            )
            session.add(news)
            session.flush()
            if item.status != "draft" and publish_at is not None:
                audit.append(
                    {
                        "occurred_at": publish_at,
                        "actor": EDITOR,
                        "action": "publish",
                        "entity": "news_item",
                        "entity_id": news.id,
                        "details": {"title": title},
                    }
                )
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
