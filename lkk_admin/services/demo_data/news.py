"""News and reference articles of the demo portal, each with the history that made it.

An item is told as the editors' acts in order (:class:`_Act`: create, save, publish or
schedule, pin, unpublish, archive, restore), and replayed here as ``services.news`` would
have recorded them: every change bumps the item's version, every saved text is a revision
row (who, when, which version it was restored from), every act an audit event with the
service's action and details. The rows are written directly (the service stamps the
present moment, and on PostgreSQL the database would stamp the loading role), and the
events go to the audit log with the rest of the demo's history.

Every state is there: drafts (one taken back off the portal), a scheduled update, published
news and articles (the VAT change pinned, with a table and several versions), an outage
notice whose unpublish date has passed, an archived one; tables and links in the bodies,
which are exactly what the sanitiser stores (a test checks).

Most items tell of the past at fixed dates (the VAT change of 2026, the tariffs of July
2026, how to pay). The current ones — the maintenance notice, the survey's news, the
scheduled update, the drafts — move with the demo's creation by whole days
(``DemoClock.days``), the dates in their texts with them; their acts end a day before the
reference moment, so that a demo created just after midnight has none in its future.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, insert

from lkk_admin.models import NewsItem, NewsRevision
from lkk_admin.models.base import table_of
from lkk_admin.services.demo_data.common import MSK, REFERENCE_CLOCK, DemoClock

EDITOR = "editor1"
SECOND_EDITOR = "editor2"
ENTITY = "news_item"

_items = table_of(NewsItem)
_revisions = table_of(NewsRevision)

ActKind = Literal["create", "save", "publish", "unpublish", "archive", "pin", "unpin", "restore"]


def _at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


@dataclass(frozen=True)
class _Text:
    """What a save writes and a revision keeps (``news_writes.ItemText``)."""

    kind: str
    title: str
    summary: str
    body_html: str
    pinned: bool = False

    def changed_from(self, before: _Text) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(before, f.name)]


@dataclass(frozen=True)
class _Act:
    kind: ActKind
    at: datetime
    actor: str = EDITOR
    text: _Text | None = None  # create, save
    start: datetime | None = None  # publish: the start (None: at once)
    until: datetime | None = None  # publish: the end (None: for good)
    version: int | None = None  # restore: the version brought back


@dataclass(frozen=True)
class _Story:
    acts: tuple[_Act, ...]
    current: bool = False  # moves with the demo's creation; ``{…}`` in the texts: _dates()


@dataclass
class _State:
    """An item as the acts so far left it."""

    id: int
    text: _Text
    author: str
    created_at: datetime
    status: str = "draft"
    publish_at: datetime | None = None
    unpublish_at: datetime | None = None
    version: int = 1
    updated_at: datetime | None = None
    updated_by: str | None = None
    revisions: list[dict[str, Any]] = field(default_factory=list)


# The current items' days in the reference world (their texts name them).
_MAINTENANCE_NOTICE = _at(2026, 11, 25)  # the works are in the night to the 4th day after
_EDO_NEWS = _at(2026, 12, 1)
_UPDATE_RELEASE = _at(2026, 12, 1, 9)  # the scheduled news of the portal's update

_LINK = '<a href="{0}" target="_blank" rel="noopener noreferrer">{1}</a>'
_PORTAL = "https://lkk.rn-energo.ru"
_SITE = "https://www.rn-energo.ru/"
_MAILBOX = "mailto:lkk@rn-energo.ru"

# --- The texts -------------------------------------------------------------------------------

_VAT_TITLE = "С 1 января 2026 года ставка НДС — 22 %"
_VAT_SUMMARY = "Счета за электроэнергию, поставленную с января 2026 года, выставляются с НДС 22 %."
_VAT_FIRST = (
    "<p>С 1 января 2026 года общая ставка налога на добавленную стоимость составляет "
    "<strong>22 %</strong> (ранее — 20 %).</p>"
    "<p>Начиная с поставки за январь 2026 года в счетах и счетах-фактурах указывается "
    "ставка 22 %.</p>"
)
_VAT_TABLE = (
    "<h2>Какая ставка в каком документе</h2>"
    "<table><thead><tr><th>Период поставки</th><th>Ставка НДС</th><th>Документы</th></tr>"
    "</thead><tbody>"
    "<tr><td>по 31 декабря 2025 года включительно</td><td>20 %</td>"
    "<td>счета и счета-фактуры, даже выставленные в январе</td></tr>"
    "<tr><td>с 1 января 2026 года</td><td>22 %</td>"
    "<td>счета, счета-фактуры и акты сверки за новые периоды</td></tr>"
    "</tbody></table>"
)
_VAT_LINKS = (
    "<p>Подробнее об изменении — на "
    + _LINK.format("https://www.nalog.gov.ru/", "сайте ФНС России")
    + ". Документы за прошлые периоды — в разделе «Счета» "
    + _LINK.format(_PORTAL, "Личного кабинета")
    + ".</p>"
)
_VAT_ADVANCES = (
    "<h3>Промежуточные платежи</h3>"
    "<p>Промежуточные платежи за январь 2026 года и последующие месяцы рассчитывайте с учётом "
    "новой ставки: <em>платёж за поставку декабря 2025 года, внесённый в январе, остаётся с НДС "
    "20 %</em>.</p>"
)
_VAT = _Text(
    "news",
    _VAT_TITLE,
    _VAT_SUMMARY,
    _VAT_FIRST,
)

_READINGS_FIRST = (
    "<p>Показания снимаются на 00:00 первого числа месяца. Передать их в Личном кабинете можно "
    "<strong>с 25-го числа по 3-е число</strong> следующего месяца в разделе «Приборы учёта».</p>"
    "<ol><li>Откройте карточку прибора учёта.</li><li>Введите показание целыми "
    "киловатт-часами.</li><li>Нажмите «Передать».</li></ol>"
)
_READINGS_ASKUE = (
    "<p>Показания приборов, подключённых к АСКУЭ, передаются автоматически — вводить их не "
    "нужно.</p><blockquote>Если показание не принимается, проверьте разрядность: "
    "вводятся только цифры до запятой.</blockquote>"
    f"<p>Вопросы о приёме показаний: {_LINK.format(_MAILBOX, 'lkk@rn-energo.ru')}.</p>"
)
_READINGS = _Text(
    "article",
    "Передача показаний приборов учёта",
    "Показания на 1-е число месяца принимаются с 25-го числа по 3-е число следующего месяца.",
    _READINGS_FIRST,
)

_PAYMENT = _Text(
    "article",
    "Порядок и сроки оплаты электроэнергии",
    "30 % — до 10-го числа, 40 % — до 25-го числа, остаток — до 18-го числа следующего месяца.",
    "<p>Оплата по договору энергоснабжения вносится в три этапа (пункт 82 Основных положений "
    "функционирования розничных рынков электрической энергии):</p>"
    "<table><thead><tr><th>Платёж</th><th>Размер</th><th>Срок</th></tr></thead><tbody>"
    "<tr><td>Первый промежуточный</td><td>30 % стоимости электроэнергии месяца</td>"
    "<td>до 10-го числа этого месяца</td></tr>"
    "<tr><td>Второй промежуточный</td><td>40 % стоимости электроэнергии месяца</td>"
    "<td>до 25-го числа этого месяца</td></tr>"
    "<tr><td>Окончательный расчёт</td><td>стоимость фактического потребления за вычетом "
    "промежуточных платежей</td><td>до 18-го числа следующего месяца</td></tr>"
    "</tbody></table>"
    "<p>В платёжном поручении укажите <strong>номер договора</strong> и период, за который "
    "вносится платёж. Сальдо расчётов показано в расчётной ведомости (раздел «Отчёты»).</p>"
    "<ul><li>"
    + _LINK.format(
        "https://www.consultant.ru/document/cons_doc_LAW_130498/",
        "Постановление Правительства РФ от 04.05.2012 № 442",
    )
    + "</li><li>"
    + _LINK.format(_SITE, "Реквизиты для оплаты на сайте ООО «РН-Энерго»")
    + "</li></ul>",
)

_OUTAGE = _Text(
    "news",
    "Плановые отключения электроэнергии 18–20 ноября 2026 года",
    "Сетевая организация проводит ремонт линий электропередачи в Красногорском районе.",
    "<p>По сообщению сетевой организации, в связи с плановым ремонтом линий электропередачи "
    "электроснабжение будет временно прекращено:</p>"
    "<table><thead><tr><th>Дата</th><th>Время</th><th>Адреса</th></tr></thead><tbody>"
    "<tr><td>18 ноября</td><td>09:00–17:00</td><td>г. Красногорск, ул. Лесная, д. 1–15</td></tr>"
    "<tr><td>19 ноября</td><td>10:00–16:00</td><td>пос. Нахабино, ул. Институтская</td></tr>"
    "<tr><td>20 ноября</td><td>09:00–13:00</td><td>д. Путилково, промзона «Северная»</td></tr>"
    "</tbody></table>"
    "<p>Потребителям первой и второй категории надёжности рекомендуем заранее подготовить "
    "резервные источники питания. Актуальный график — на "
    + _LINK.format(_SITE, "сайте ООО «РН-Энерго»")
    + ".</p>",
)

_TARIFFS = _Text(
    "news",
    "Изменение тарифов на передачу электроэнергии с 1 июля 2026 года",
    "Тарифы на услуги по передаче электрической энергии проиндексированы.",
    "<p>С 1 июля 2026 года изменились тарифы на услуги по передаче электрической энергии по "
    "всем уровням напряжения. Составляющие конечной цены публикуются ежемесячно, не позднее "
    "15-го числа месяца, следующего за расчётным.</p>"
    "<p>Справку о составляющих тарифа можно сформировать в разделе «Отчёты».</p>",
)

_NEW_USER = _Text(
    "article",
    "Как подключить нового пользователя организации",
    "Каждый сотрудник регистрируется сам; доступ к договорам подтверждает администратор.",
    "<p>Сотрудник проходит регистрацию на "
    + _LINK.format(_PORTAL, "странице входа в Личный кабинет")
    + " (кнопка «Регистрация»), указывает ИНН и КПП организации и номера договоров. После "
    "проверки заявки администратор ООО «РН-Энерго» откроет доступ к договорам — об этом "
    "придёт письмо.</p>"
    "<h3>Что проверяет администратор</h3>"
    "<ul><li>ИНН и КПП организации — по реестру контрагентов;</li>"
    "<li>номера договоров — что они заключены с этой организацией;</li>"
    "<li>адрес электронной почты — что он подтверждён.</li></ul>"
    "<p>Если сотрудник действует по доверенности, направьте её скан на "
    + _LINK.format(_MAILBOX, "lkk@rn-energo.ru")
    + ".</p>",
)

_REPORTS = _Text(
    "news",
    "Новый раздел «Отчёты»",
    "Расчётная ведомость, отчёт по потреблению и справка о составляющих тарифа — в PDF.",
    "<p>В Личном кабинете появился раздел <strong>«Отчёты»</strong>: расчётная ведомость, "
    "отчёт по потреблению со сравнением с прошлым годом и справка о составляющих тарифа. "
    "Отчёты формируются в PDF за любой период с начала действия договора.</p>",
)

_VERIFICATION = _Text(
    "article",
    "Поверка приборов учёта",
    "Межповерочный интервал и дата следующей поверки указаны в карточке прибора.",
    "<p>Прибор учёта с истёкшим сроком поверки считается вышедшим из строя, а расчёт "
    "ведётся расчётным способом. Дату следующей поверки смотрите в карточке прибора учёта; "
    "заявку на поверку можно подать в разделе «Заявки».</p>",
)

_HOLIDAYS = _Text(
    "news",
    "Режим работы в праздничные дни",
    "С 31 декабря по 11 января офисы обслуживания не работают.",
    "<p>С 31 декабря 2025 года по 11 января 2026 года офисы обслуживания клиентов не "
    "работают. Личный кабинет доступен круглосуточно.</p>",
)

_RECALCULATION = _Text(
    "news",
    "Перерасчёт начислений за октябрь 2026 года",
    "Начисления за октябрь пересчитаны по уточнённым показаниям.",
    "<p>По договорам, показания по которым поступили после 3 ноября, начисления за октябрь "
    "пересчитаны. Обновлённые счета доступны в разделе «Счета».</p>",
)

_MAINTENANCE = _Text(
    "news",
    "Плановые работы в Личном кабинете {works}",
    "С 01:00 до 05:00 Личный кабинет будет недоступен.",
    "<p>В ночь на {works} с 01:00 до 05:00 (МСК) проводятся плановые работы. "
    "Передать показания и сформировать отчёты в это время будет невозможно.</p>",
)

_SURVEY = _Text(
    "news",
    "Оцените работу Личного кабинета",
    "Ответьте на четыре вопроса — это займёт две минуты.",
    "<p>Мы хотим сделать Личный кабинет удобнее. Пожалуйста, ответьте на вопросы опроса в "
    "разделе «Опросы» до {survey_closes}.</p>",
)

_UPDATE_FIRST = _Text(
    "news",
    "Обновление Личного кабинета: начисления в Excel",
    "Начисления и платежи можно выгрузить в Excel.",
    "<p>С {update_day} в разделе «Начисления и платежи» появится кнопка "
    "<strong>«Выгрузить в Excel»</strong>.</p>",
)
_UPDATE = _Text(
    "news",
    "Обновление Личного кабинета: начисления и платежи в Excel",
    "Начисления, платежи и сальдо по договору можно выгрузить в Excel за любой период.",
    "<p>С {update_day} в разделе «Начисления и платежи» появится кнопка "
    "<strong>«Выгрузить в Excel»</strong>.</p>"
    "<h2>Что войдёт в выгрузку</h2>"
    "<ul><li>начисления по каждой точке учёта с объёмом и ставкой НДС;</li>"
    "<li>платежи с датой и номером платёжного поручения;</li>"
    "<li>сальдо на начало и конец каждого месяца.</li></ul>"
    "<p>Предложения по Личному кабинету присылайте на "
    + _LINK.format(_MAILBOX, "lkk@rn-energo.ru")
    + ".</p>",
)

_EDO_FIRST = _Text(
    "news",
    "Подключение к электронному документообороту",
    "Счета и счета-фактуры можно получать через оператора ЭДО.",
    "<p>С {edo_month} счета и счета-фактуры можно получать в электронном виде через "
    "оператора ЭДО.</p>",
)
_EDO = _Text(
    "news",
    "Подключение к электронному документообороту",
    "Счета и счета-фактуры можно получать через оператора ЭДО.",
    "<p>С {edo_month} счета и счета-фактуры можно получать в электронном виде через "
    "оператора ЭДО. Для подключения направьте заявку в разделе «Заявки».</p>"
    "<ol><li>Подключитесь к любому оператору ЭДО, работающему в роуминге.</li>"
    "<li>Укажите в заявке идентификатор участника документооборота.</li>"
    "<li>Дождитесь приглашения от ООО «РН-Энерго».</li></ol>",
)

_FAQ = _Text(
    "article",
    "Ответы на частые вопросы",
    "Черновик раздела с ответами на частые вопросы клиентов.",
    "<h2>Почему не принимается показание?</h2><p>Раздел в подготовке.</p>",
)


def _story(*acts: _Act, current: bool = False) -> _Story:
    return _Story(acts, current)


def _create(at: datetime, text: _Text, actor: str = EDITOR) -> _Act:
    return _Act("create", at, actor, text=text)


def _save(at: datetime, text: _Text, actor: str = EDITOR) -> _Act:
    return _Act("save", at, actor, text=text)


def _publish(
    at: datetime,
    actor: str = EDITOR,
    *,
    start: datetime | None = None,
    until: datetime | None = None,
) -> _Act:
    return _Act("publish", at, actor, start=start, until=until)


def _with(text: _Text, **changes: Any) -> _Text:
    values = {f.name: getattr(text, f.name) for f in fields(text)}
    return _Text(**{**values, **changes})


# In the order the items were first written (their ids follow it).
STORIES: tuple[_Story, ...] = (
    _story(
        _create(_at(2024, 1, 30, 15), _READINGS),
        _publish(_at(2024, 2, 1, 9)),
        _save(_at(2025, 3, 3, 11, 20),
              _with(_READINGS, body_html=_READINGS_FIRST + _READINGS_ASKUE), SECOND_EDITOR),
    ),
    _story(_create(_at(2024, 2, 27, 17), _PAYMENT), _publish(_at(2024, 3, 1, 9))),
    _story(_create(_at(2024, 5, 14, 12), _NEW_USER, SECOND_EDITOR),
           _publish(_at(2024, 5, 15, 10), SECOND_EDITOR)),
    _story(_create(_at(2025, 4, 8, 16), _REPORTS), _publish(_at(2025, 4, 10, 10))),
    _story(_create(_at(2025, 8, 29, 14), _VERIFICATION), _publish(_at(2025, 9, 1, 9))),
    # The VAT change: written, completed by a colleague with a table and links, published,
    # pinned, and corrected after publication (three versions of its text).
    _story(
        _create(_at(2025, 12, 8, 16), _VAT),
        _save(_at(2025, 12, 9, 11, 30), _with(_VAT, body_html=_VAT_FIRST + _VAT_TABLE + _VAT_LINKS),
              SECOND_EDITOR),
        _publish(_at(2025, 12, 10, 10), SECOND_EDITOR),
        _Act("pin", _at(2025, 12, 10, 10, 5), SECOND_EDITOR),
        _save(_at(2026, 1, 15, 9, 40),
              _with(_VAT, body_html=_VAT_FIRST + _VAT_TABLE + _VAT_ADVANCES + _VAT_LINKS,
                    pinned=True)),
    ),
    # Shown over the holidays, then archived.
    _story(
        _create(_at(2025, 12, 24, 15), _HOLIDAYS),
        _publish(_at(2025, 12, 25, 10), until=_at(2026, 1, 12, 0)),
        _Act("archive", _at(2026, 1, 13, 9)),
    ),
    _story(_create(_at(2026, 6, 18, 12), _TARIFFS), _publish(_at(2026, 6, 20, 10))),
    # Its unpublish date has passed: published still, no longer on the portal.
    _story(
        _create(_at(2026, 11, 9, 17), _OUTAGE, SECOND_EDITOR),
        _publish(_at(2026, 11, 10, 10), SECOND_EDITOR, until=_at(2026, 11, 21, 0)),
    ),
    # Published too early and taken back off the portal: a draft again, waiting for the
    # accountants' figures.
    _story(
        _create(_at(2026, 11, 12, 11), _RECALCULATION),
        _publish(_at(2026, 11, 12, 11, 30)),
        _Act("unpublish", _at(2026, 11, 12, 12, 15), SECOND_EDITOR),
    ),
    _story(
        _create(_at(2026, 10, 30, 15), _SURVEY),
        _publish(_at(2026, 11, 2, 10)),
        current=True,
    ),
    _story(
        _create(_at(2026, 11, 24, 18), _MAINTENANCE),
        _publish(_at(2026, 11, 25, 10), until=_at(2026, 11, 30, 0)),
        current=True,
    ),
    # Scheduled: the portal shows it from the day of the release.
    _story(
        _create(_at(2026, 11, 23, 16), _UPDATE_FIRST),
        _save(_at(2026, 11, 24, 12, 10), _UPDATE, SECOND_EDITOR),
        _publish(_at(2026, 11, 25, 17), SECOND_EDITOR, start=_UPDATE_RELEASE),
        current=True,
    ),
    # A draft in its third version: the second was a wrong turn, the first is restored and
    # completed.
    _story(
        _create(_at(2026, 11, 19, 15), _EDO_FIRST),
        _save(_at(2026, 11, 20, 10), _with(_EDO_FIRST, title="ЭДО: счета без бумаги"),
              SECOND_EDITOR),
        _Act("restore", _at(2026, 11, 23, 9, 30), version=1),
        _save(_at(2026, 11, 23, 9, 50), _EDO),
        current=True,
    ),
    _story(_create(_at(2026, 11, 26, 10, 45), _FAQ, SECOND_EDITOR), current=True),
)  # fmt: skip


# --- The dates in the current items' texts ---------------------------------------------------

_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def _day_text(moment: datetime) -> str:
    """``29 ноября 2026 года``: a Moscow day as the portal's texts write it."""
    day = moment.astimezone(MSK).date()
    return f"{day.day} {_MONTHS_GENITIVE[day.month - 1]} {day.year} года"


def _dates(shift: timedelta, survey_closes: datetime) -> dict[str, str]:
    """The dates the current items' texts name, moved by ``shift``."""
    edo_day = (_EDO_NEWS + shift).astimezone(MSK).date()
    return {
        "works": _day_text(_MAINTENANCE_NOTICE + shift + timedelta(days=4)),
        "survey_closes": _day_text(survey_closes + shift),
        "edo_month": f"{_MONTHS_GENITIVE[edo_day.month - 1]} {edo_day.year} года",
        "update_day": _day_text(_UPDATE_RELEASE + shift),
    }


def _filled(text: _Text, dates: dict[str, str]) -> _Text:
    return _with(
        text,
        title=text.title.format(**dates),
        body_html=text.body_html.format(**dates),
    )


# --- Replaying the acts ----------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    """A moment in an event's details, as the service writes it (UTC)."""
    return None if moment is None else moment.astimezone(UTC).isoformat()


class _Replay:
    """Plays one item's acts as ``services.news`` records them; collects the audit events."""

    def __init__(self, item_id: int, audit: list[dict[str, Any]]) -> None:
        self.item_id = item_id
        self.audit = audit
        self.state: _State | None = None

    def _event(self, act: _Act, action: str, **details: Any) -> None:
        assert self.state is not None
        self.audit.append(
            {
                "occurred_at": act.at,
                "actor": act.actor,
                "action": action,
                "entity": ENTITY,
                "entity_id": self.item_id,
                "details": {"title": self.state.text.title, **details},
            }
        )

    def _keep(self, act: _Act, restored_from: int | None = None) -> None:
        assert self.state is not None
        text = self.state.text
        self.state.revisions.append(
            {
                "news_item_id": self.item_id,
                "version": self.state.version,
                "kind": text.kind,
                "title": text.title,
                "summary": text.summary,
                "body_html": text.body_html,
                "pinned": text.pinned,
                "saved_by": act.actor,
                "saved_at": act.at,
                "restored_from": restored_from,
            }
        )

    def _bump(self, act: _Act) -> _State:
        assert self.state is not None
        self.state.version += 1
        self.state.updated_at, self.state.updated_by = act.at, act.actor
        return self.state

    def _placement(self) -> dict[str, Any]:
        assert self.state is not None
        return {
            "status": self.state.status,
            "publish_at": _iso(self.state.publish_at),
            "unpublish_at": _iso(self.state.unpublish_at),
        }

    def play(self, act: _Act) -> None:
        if act.kind == "create":
            assert act.text is not None
            self.state = _State(
                id=self.item_id,
                text=act.text,
                author=act.actor,
                created_at=act.at,
                updated_at=act.at,
                updated_by=act.actor,
            )
            self._keep(act)
            self._event(act, "create_news", version=1, kind=act.text.kind)
            return
        assert self.state is not None
        if act.kind in ("save", "restore"):
            restored_from = act.version if act.kind == "restore" else None
            if act.kind == "restore":
                (old,) = (r for r in self.state.revisions if r["version"] == act.version)
                text = _Text(old["kind"], old["title"], old["summary"], old["body_html"],
                             old["pinned"])  # fmt: skip
            else:
                assert act.text is not None
                text = act.text
            changed = text.changed_from(self.state.text)
            self._bump(act).text = text
            self._keep(act, restored_from)
            extra = {} if restored_from is None else {"restored_from": restored_from}
            action = "save_news" if restored_from is None else "restore_news_version"
            self._event(act, action, version=self.state.version, changed=changed, **extra)
        elif act.kind == "publish":
            before = self._placement()
            start = act.start or act.at
            state = self._bump(act)
            state.status, state.publish_at, state.unpublish_at = "published", start, act.until
            self._event(
                act,
                "schedule_news" if start > act.at else "publish",
                version=state.version,
                publish_at=_iso(start),
                unpublish_at=_iso(act.until),
                before=before,
            )
        elif act.kind in ("unpublish", "archive"):
            before = self._placement()
            state = self._bump(act)
            if act.kind == "unpublish":
                state.status, state.publish_at, state.unpublish_at = "draft", None, None
            else:
                state.status = "archived"
            self._event(act, act.kind, version=state.version, before=before)
        else:  # pin, unpin
            state = self._bump(act)
            state.text = _with(state.text, pinned=act.kind == "pin")
            self._event(act, f"{act.kind}_news", version=state.version)


def _moved(act: _Act, shift: timedelta, dates: dict[str, str]) -> _Act:
    def move(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment + shift

    return _Act(
        act.kind,
        act.at + shift,
        act.actor,
        text=None if act.text is None else _filled(act.text, dates),
        start=move(act.start),
        until=move(act.until),
        version=act.version,
    )


def write_news(
    connection: Connection,
    survey_window: tuple[datetime, datetime],
    clock: DemoClock = REFERENCE_CLOCK,
) -> list[dict[str, Any]]:
    """Every story's item and revisions; returns the editors' audit events. The survey's
    news names the day ``survey_window`` (reference world) closes."""
    shift = timedelta(days=clock.days)  # the current items: whole days, texts alike
    dates = _dates(shift, survey_window[1])
    audit: list[dict[str, Any]] = []
    for story in STORIES:
        moves = shift if story.current else timedelta(0)
        acts = [_moved(act, moves, dates) for act in story.acts]
        first = acts[0]
        assert first.kind == "create" and first.text is not None
        text = first.text
        inserted = connection.execute(
            insert(_items),
            {
                "kind": text.kind,
                "title": text.title,
                "summary": text.summary,
                "body_html": text.body_html,
                "status": "draft",
                "pinned": text.pinned,
                "author": first.actor,
                "created_at": first.at,
                "updated_at": first.at,
                "updated_by": first.actor,
                "version": 1,
            },
        ).inserted_primary_key
        assert inserted is not None
        replay = _Replay(int(inserted[0]), audit)
        for act in acts:
            replay.play(act)
        state = replay.state
        assert state is not None
        connection.execute(
            _items.update().where(_items.c.id == state.id),
            {
                "kind": state.text.kind,
                "title": state.text.title,
                "summary": state.text.summary,
                "body_html": state.text.body_html,
                "pinned": state.text.pinned,
                "status": state.status,
                "publish_at": state.publish_at,
                "unpublish_at": state.unpublish_at,
                "updated_at": state.updated_at,
                "updated_by": state.updated_by,
                "version": state.version,
            },
        )
        connection.execute(insert(_revisions), state.revisions)
    return audit
