"""The audit log as staff read it: a list newest first, one event in words, filter choices.

The log only grows, at its newest end, and on a live database it holds millions of
events; so the list is paged by key (:class:`AuditSource` reads the page *after* the last
row the screen has, by ``(occurred_at, id)``, which stays as fast however deep the user
scrolls), its total is counted only up to :data:`COUNT_LIMIT`, and the filter combo boxes
are filled by a loose index scan instead of a ``DISTINCT`` over every row. Migration 0009
gives each filter its index ordered like the list.

Each event is shown in Russian: :data:`ACTION_NAMES` and :data:`ENTITY_NAMES` name what
the code writes (an action or kind nobody named yet is shown as written), the row's
``summary`` says in one line what happened, and :meth:`AuditSource.detail` lays its
details out as labelled values beside the raw JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, literal, or_, select, text, tuple_
from sqlalchemy.orm import Session

from lkk_admin.models import AuditEvent
from lkk_admin.models.base import table_of
from lkk_admin.services.errors import NotFoundError
from lkk_admin.services.excel_export import ExportColumn
from lkk_admin.services.listing import EXPORT_BATCH, ListQuery, Page
from lkk_admin.services.outbox import day_start

COUNT_LIMIT = 10_000  # a page's total is counted up to this many events, then shown as "more"
DEFAULT_PAGE_SIZE = 100
# An entity id is an INTEGER column: a longer run of digits cannot be one, and binding it
# would overflow on PostgreSQL.
_MAX_ID_DIGITS = 9

# Every action the application writes (services, staff, the demo data generator), and the
# ones the portal-account and content services are specified to write.
ACTION_NAMES: dict[str, str] = {
    # registration queue
    "claim": "Заявка взята в работу",
    "release": "Заявка возвращена в очередь",
    "approve": "Заявка одобрена",
    "reject": "Заявка отклонена",
    "return_for_clarification": "Заявка возвращена на уточнение",
    "expire_unconfirmed": "Просрочены заявки без подтверждённой почты",
    # written by the database itself for a change made outside the application (0010)
    "request_status_changed": "Изменён статус заявки (не через приложение)",
    "user_status_changed": "Изменён статус пользователя (не через приложение)",
    "reveal_personal_data": "Показаны персональные данные",
    # portal accounts
    "block_user": "Пользователь заблокирован",
    "unblock_user": "Пользователь разблокирован",
    "grant_access": "Предоставлен доступ к договору",
    "revoke_access": "Отозван доступ к договорам",
    "anonymise_personal_data": "Персональные данные обезличены по сроку хранения",
    # mail outbox
    "reveal_mail_recipient": "Показан адрес получателя письма",
    "mail_retry": "Письмо отправлено повторно",
    "mail_cancel": "Письмо отменено",
    # content
    "publish": "Опубликовано",
    "unpublish": "Снято с публикации",
    "archive": "Перенесено в архив",
    "create_news": "Создан черновик новости",
    "save_news": "Сохранена новая версия новости",
    "schedule_news": "Публикация запланирована",
    "pin_news": "Новость закреплена",
    "unpin_news": "Новость откреплена",
    "duplicate_news": "Создана копия новости",
    "restore_news_version": "Восстановлена прежняя версия новости",
    "restore_news_as_draft": "Прежняя версия новости восстановлена как новый черновик",
    "create_survey": "Создан черновик опроса",
    "save_survey": "Сохранены изменения опроса",
    "fix_survey_text": "Исправлены тексты опроса с ответами",
    "open_survey": "Опрос открыт",
    "close_survey": "Опрос закрыт",
    "schedule_close": "Назначено закрытие опроса",
    "reopen_survey": "Опрос открыт снова",
    "unschedule_survey": "Опрос возвращён в черновики",
    "duplicate_survey": "Создана копия опроса",
    # administration
    "organisation_setting_changed": "Изменена настройка",
    "staff_add": "Добавлен сотрудник",
    "staff_set_role": "Изменена роль сотрудника",
    "staff_disable": "Сотруднику закрыт вход",
    "staff_end_sessions": "Завершены сеансы сотрудника",
    "export_list": "Выгрузка списка в Excel",
    "generate_demo_data": "Созданы демонстрационные данные",
}

ENTITY_NAMES: dict[str, str] = {
    "registration_request": "Заявка",
    "portal_user": "Пользователь портала",
    "contract": "Договор",
    "counterparty": "Контрагент",
    "mail_outbox": "Письмо",
    "news_item": "Новость",
    "survey": "Опрос",
    "organisation_setting": "Настройка",
    "staff": "Сотрудник",
    "list_export": "Выгрузка списка",
    "database": "База данных",
}

# The main window's sections (views.sections), as an export names them.
SECTION_NAMES: dict[str, str] = {
    "registration_queue": "Очередь заявок",
    "counterparties": "Контрагенты",
    "portal_users": "Пользователи портала",
    "news": "Новости и справка",
    "surveys": "Опросы",
    "reports": "Отчёты",
    "audit_log": "Журнал аудита",
    "mail_outbox": "Исходящие письма",
}

# The organisation's settings (organisation_settings.write) and the fields they store.
SETTING_NAMES: dict[str, str] = {
    "idle_lock": "Время до блокировки",
    "review_sla": "Срок рассмотрения заявки",
    "supplier_requisites": "Реквизиты поставщика",
}
SETTING_FIELD_NAMES: dict[str, str] = {
    "minutes": "минут",
    "working_days": "рабочих дней",
    "name": "наименование",
    "inn": "ИНН",
    "kpp": "КПП",
    "address": "адрес",
    "phone": "телефон",
}
# Short names of the standard refusal reasons (queue.STANDARD_REASONS holds the letters').
REASON_NAMES: dict[str, str] = {
    "INN_NOT_FOUND": "ИНН не найден среди контрагентов",
    "CONTRACT_OTHER_ORGANISATION": "договор другой организации",
    "CONTRACT_TERMINATED": "договор расторгнут",
    "NO_AUTHORITY": "не подтверждены полномочия",
    "NAME_MISMATCH": "наименование не совпадает",
    "DUPLICATE": "повторная заявка",
}
# A portal account's status (models.USER_STATUSES) in words.
USER_STATUS_NAMES: dict[str, str] = {
    "email_unconfirmed": "ждёт подтверждения почты",
    "pending": "ждёт проверки",
    "active": "действует",
    "rejected": "отказано",
    "blocked": "заблокирован",
}
_REVEALED = {"phone": "телефон", "email": "e-mail", "to_address": "адрес получателя"}
_ROLE_NAMES = {"verifier": "проверяющий заявки", "editor": "редактор", "admin": "администратор"}
# Labels of the details' keys, in the order the detail pane lists them.
FIELD_LABELS: dict[str, str] = {
    "by": "Кем записано",
    "before": "Было",
    "after": "Стало",
    "granted": "Предоставлены договоры",
    "refused": "Отказано по договорам",
    "reason_code": "Причина отказа",
    "reason": "Причина",
    "field": "Что показано",
    "taken_over": "Перехвачена у другого сотрудника",
    "next": "Взята из очереди следующей",
    "holder": "Кто держал заявку",
    "forced": "Освобождена не держателем",
    "request_ids": "Заявки",
    "days": "Срок подтверждения почты, дней",
    "previous_attempts": "Попыток до повтора",
    "previous_error": "Последняя ошибка",
    "login": "Сотрудник",
    "role": "Роль",
    "ended": "Завершено сеансов",
    "contract": "Договор",
    "contract_numbers": "Договоры",
    "note": "Примечание",
    "title": "Заголовок",
    "section": "Раздел",
    "rows": "Строк",
    "filters": "Фильтры",
    "file": "Файл",
    "seed": "Зерно генератора",
    "scale": "Масштаб",
    "mail_outbox_id": "Письмо",
    "registration_request_id": "Заявка",
    "contract_id": "Договор (№ в базе)",
    "contract_number": "Номер договора",
    "contract_access_id": "Доступ (№ в базе)",
    "contract_access_ids": "Доступы (№ в базе)",
    "live_contracts": "Действующих договоров после этого",
    "user_blocked": "Учётная запись заблокирована",
    "block_reason": "Причина блокировки",
    "blocked_by": "Кто блокировал",
    "blocked_at": "Когда заблокирован",
    "kind": "Вид",
    "version": "Версия",
    "changed": "Что изменено",
    "publish_at": "Показ с",
    "unpublish_at": "Показ до",
    "restored_from": "Восстановлена из версии",
    "source_news_id": "Исходная новость (№)",
    "source_version": "Исходная версия",
    "opens_at": "Открыт с",
    "closes_at": "Закрывается",
    "scheduled": "Открытие запланировано",
    "questions": "Вопросов",
    "fixes": "Исправленные тексты",
    "source_survey_id": "Исходный опрос (№)",
}
# A news item's kinds, states and saved fields (services.news) in words.
NEWS_KIND_NAMES: dict[str, str] = {"news": "новость", "article": "справочная статья"}
NEWS_STATUS_NAMES: dict[str, str] = {
    "draft": "черновик",
    "published": "опубликована",
    "archived": "в архиве",
}
NEWS_FIELD_NAMES: dict[str, str] = {
    "kind": "вид",
    "title": "заголовок",
    "summary": "анонс",
    "body_html": "текст",
    "pinned": "закрепление",
}
# A survey's states and changes (services.surveys) in words.
SURVEY_STATUS_NAMES: dict[str, str] = {"draft": "черновик", "open": "открыт", "closed": "закрыт"}
SURVEY_CHANGE_NAMES: dict[str, str] = {
    "title": "название",
    "description": "описание",
    "question_added": "добавлен вопрос",
    "question_removed": "удалён вопрос",
    "question_moved": "вопросы переставлены",
    "question_kind": "тип вопроса",
    "question_scale": "шкала оценки",
    "question_required": "обязательность вопроса",
    "question_text": "текст вопроса",
    "option_added": "добавлен вариант",
    "option_removed": "удалён вариант",
    "option_moved": "варианты переставлены",
    "option_text": "текст варианта",
}
_FILTER_LABELS = {
    "tab": "вкладка",
    "search": "поиск",
    "search_length": "поиск, знаков",
    "order": "порядок",
    "date_from": "с",
    "date_to": "по",
    "actor": "сотрудник",
    "action": "действие",
    "entity": "объект",
    "entity_id": "номер объекта",
    "status": "состояние",
}


def action_name(action: str) -> str:
    """The action in Russian (as written when nobody named it yet)."""
    return ACTION_NAMES.get(action, action)


def entity_name(entity: str) -> str:
    return ENTITY_NAMES.get(entity, entity)


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One event in the list; ``summary`` says in one Russian line what happened."""

    id: int
    occurred_at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    summary: str

    @property
    def action_name(self) -> str:
        return action_name(self.action)

    @property
    def entity_name(self) -> str:
        return entity_name(self.entity)


@dataclass(frozen=True)
class AuditDetail:
    """One event as its detail pane shows it.

    ``fields``: the details as (label, value) pairs in Russian; ``details_json``: the
    details exactly as stored, pretty-printed; ``link``: (entity kind, id) of the object
    the event concerns, for a "go to" link (None when it concerns no one record).
    """

    row: AuditRow
    fields: tuple[tuple[str, str], ...]
    details_json: str
    link: tuple[str, int] | None

    @property
    def id(self) -> int:
        return self.row.id


@dataclass(frozen=True)
class AuditChoices:
    """The values the log holds, for the filter combo boxes (sorted, as stored)."""

    actors: tuple[str, ...]
    actions: tuple[str, ...]
    entities: tuple[str, ...]


# ---------------------------------------------------------------------------- wording


def _plural(count: int, one: str, few: str, many: str) -> str:
    if count % 10 == 1 and count % 100 != 11:
        word = one
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        word = few
    else:
        word = many
    return f"{count} {word}"


def _number(value: object) -> str:
    """An integer with thin groups as Russian text has them: 12 345."""
    return f"{value:,}".replace(",", "\N{NO-BREAK SPACE}") if isinstance(value, int) else str(value)


def _value(value: object) -> str:
    """A JSON value for reading."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int | Decimal):
        return _number(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_value(item)}" for key, item in value.items()) or "—"
    return str(value)


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _in_order(keys: Iterable[str], known: Mapping[str, str]) -> list[str]:
    """Known keys in their labels' order, then the others by name (jsonb keeps no order)."""
    order = {key: position for position, key in enumerate(known)}
    return sorted(keys, key=lambda key: (order.get(key, len(order)), key))


def _setting_changes(details: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field, before, after) for every stored field the change touched."""
    before = details.get("before")
    after = details.get("after")
    before_map: dict[str, Any] = before if isinstance(before, dict) else {}
    after_map: dict[str, Any] = after if isinstance(after, dict) else {}
    changes = []
    for key in _in_order({*before_map, *after_map}, SETTING_FIELD_NAMES):
        old, new = before_map.get(key), after_map.get(key)
        if before is not None and old == new:
            continue
        label = SETTING_FIELD_NAMES.get(key, key)
        changes.append((label, "не задано" if old is None else _value(old), _value(new)))
    return changes


def _setting_title(details: Mapping[str, Any]) -> str:
    key = str(details.get("key", ""))
    return SETTING_NAMES.get(key, key)


def _summarize_setting(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    title = _setting_title(details)
    changes = _setting_changes(details)
    if len(changes) == 1:
        _label, old, new = changes[0]
        return f"Настройка «{title}»: {old} → {new}"
    if details.get("before") is None:
        return f"Настройка «{title}» задана"
    if not changes:
        return f"Настройка «{title}» сохранена без изменений"
    return f"Настройка «{title}»: изменено {_plural(len(changes), 'поле', 'поля', 'полей')}"


def _summarize_approve(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    granted = len(_list(details.get("granted")))
    refused = len(_list(details.get("refused")))
    text_ = f"Заявка одобрена: {_plural(granted, 'договор', 'договора', 'договоров')}"
    if refused:
        text_ += f", в {refused} отказано"
    return text_


def _summarize_reject(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    code = details.get("reason_code")
    if not code:
        return "Заявка отклонена"
    return f"Заявка отклонена: {REASON_NAMES.get(str(code), str(code))}"


def _summarize_claim(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    text_ = "Заявка взята в работу"
    if details.get("next"):
        text_ += " из очереди"
    if details.get("taken_over"):
        text_ += " (перехвачена: срок чужой брони истёк)"
    return text_


def _summarize_release(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    holder = details.get("holder")
    if details.get("forced") and holder:
        return f"Заявка освобождена у {holder}"
    return "Заявка возвращена в очередь"


def _summarize_expire(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    count = len(_list(details.get("request_ids")))
    return f"Просрочены заявки без подтверждённой почты: {count}"


def _summarize_reveal(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    field = str(details.get("field", ""))
    if field == "phone":
        return "Показан телефон"
    if field == "email":
        return "Показан e-mail"
    return f"Показаны персональные данные ({field})" if field else "Показаны персональные данные"


def _letter(entity_id: int | None) -> str:
    return f"Письмо № {entity_id}" if entity_id is not None else "Письмо"


def _numbers(value: object) -> str:
    """Contract numbers as a list reads: «№ 1, № 2»."""
    items = _list(value) if isinstance(value, list | tuple) else [value] if value else []
    return ", ".join(f"№ {item}" for item in items)


def _state(entity: str, value: object) -> str:
    """A ``before``/``after`` of the details: a portal user's status named in words."""
    if entity == "portal_user" and isinstance(value, dict) and set(value) == {"status"}:
        status = str(value["status"])
        return USER_STATUS_NAMES.get(status, status)
    if entity == "news_item" and isinstance(value, dict) and "status" in value:
        return _news_placement(value)
    if entity == "survey" and isinstance(value, dict) and "status" in value:
        return _survey_placement(value)
    return _value(value)


def _news_detail(key: str, value: object) -> str:
    """A news act's detail in words: dates in the reader's time, fields and kinds named."""
    if key in ("publish_at", "unpublish_at"):
        return _iso_moment(value) if isinstance(value, str) else "без срока"
    if key == "changed":
        return ", ".join(NEWS_FIELD_NAMES.get(str(item), str(item)) for item in _list(value))
    if key == "kind":
        return NEWS_KIND_NAMES.get(str(value), _value(value))
    return _value(value)


def _news_placement(value: Mapping[str, Any]) -> str:
    """A news item's state and dates: «опубликована, показ с 05.12.2026 10:00»."""
    status = str(value.get("status"))
    parts = [NEWS_STATUS_NAMES.get(status, status)]
    for key, label in (("publish_at", "показ с"), ("unpublish_at", "до")):
        moment = value.get(key)
        if isinstance(moment, str):
            parts.append(f"{label} {_iso_moment(moment)}")
    return ", ".join(parts)


def _survey_detail(key: str, value: object) -> str:
    """A survey act's detail in words: dates in the reader's time, changes named, each
    corrected text before and after."""
    if key in ("opens_at", "closes_at"):
        return _iso_moment(value) if isinstance(value, str) else "без срока"
    if key == "changed":
        return ", ".join(SURVEY_CHANGE_NAMES.get(str(item), str(item)) for item in _list(value))
    if key == "fixes":
        return "\n".join(_survey_fix(item) for item in _list(value)) or "—"
    return _value(value)


def _survey_fix(fix: object) -> str:
    """«Вопрос 2, вариант 1: «было» → «стало»»."""
    if not isinstance(fix, dict):
        return _value(fix)
    where = {"title": "Название", "description": "Описание"}.get(str(fix.get("field")))
    if where is None:
        where = f"Вопрос {_value(fix.get('question'))}"
        if fix.get("option") is not None:
            where += f", вариант {_value(fix.get('option'))}"
    return f"{where}: «{_value(fix.get('before'))}» → «{_value(fix.get('after'))}»"


def _survey_placement(value: Mapping[str, Any]) -> str:
    """A survey's state and dates: «открыт, с 05.12.2026 10:00, до 20.12.2026 18:00»."""
    status = str(value.get("status"))
    parts = [SURVEY_STATUS_NAMES.get(status, status)]
    for key, label in (("opens_at", "с"), ("closes_at", "до")):
        moment = value.get(key)
        if isinstance(moment, str):
            parts.append(f"{label} {_iso_moment(moment)}")
    return ", ".join(parts)


def _status_after(details: Mapping[str, Any]) -> str | None:
    after = details.get("after")
    if isinstance(after, dict) and after.get("status"):
        status = str(after["status"])
        return USER_STATUS_NAMES.get(status, status)
    return None


def _summarize_block(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    reason = details.get("reason")
    return f"Пользователь заблокирован: {reason}" if reason else "Пользователь заблокирован"


def _summarize_unblock(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    status = _status_after(details)
    return f"Пользователь разблокирован ({status})" if status else "Пользователь разблокирован"


def _summarize_grant(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    # The application writes contract_number, the database's own row too; older demo
    # data wrote contract.
    number = details.get("contract_number") or details.get("contract")
    return (
        f"Предоставлен доступ к договору № {number}" if number else "Предоставлен доступ к договору"
    )


def _summarize_revoke(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    numbers = _numbers(details.get("contract_numbers") or details.get("contract_number"))
    if not numbers:
        return "Отозван доступ к договорам"
    plural = len(_list(details.get("contract_numbers"))) > 1
    text_ = f"Отозван доступ к договор{'ам' if plural else 'у'} {numbers}"
    reason = details.get("reason")
    return f"{text_}: {reason}" if reason else text_


def _summarize_user_status(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    before = details.get("before")
    status = _status_after(details)
    if isinstance(before, dict) and before.get("status") and status:
        old = USER_STATUS_NAMES.get(str(before["status"]), str(before["status"]))
        return f"Статус пользователя изменён не через приложение: {old} → {status}"
    return action_name("user_status_changed")


def _summarize_staff(action: str) -> Callable[[int | None, Mapping[str, Any]], str]:
    def summarize(_entity_id: int | None, details: Mapping[str, Any]) -> str:
        login = details.get("login", "")
        role = _ROLE_NAMES.get(str(details.get("role")), str(details.get("role", "")))
        if action == "staff_add":
            return f"Добавлен сотрудник {login} ({role})"
        if action == "staff_set_role":
            return f"Сотрудник {login}: роль «{role}»"
        if action == "staff_disable":
            return f"Сотруднику {login} закрыт вход"
        return f"Завершены сеансы сотрудника {login}: {_value(details.get('ended', 0))}"

    return summarize


def _summarize_export(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    section = SECTION_NAMES.get(str(details.get("section")), details.get("section") or "список")
    return f"Выгрузка в Excel: «{section}», строк: {_value(details.get('rows', 0))}"


def _with_title(prefix: str) -> Callable[[int | None, Mapping[str, Any]], str]:
    def summarize(_entity_id: int | None, details: Mapping[str, Any]) -> str:
        title = details.get("title")
        return f"{prefix}: «{title}»" if title else prefix

    return summarize


def _summarize_save_news(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    text_ = f"«{details.get('title', '')}»: сохранена версия {_value(details.get('version'))}"
    changed = _list(details.get("changed"))
    if changed:
        text_ += " (" + ", ".join(NEWS_FIELD_NAMES.get(str(c), str(c)) for c in changed) + ")"
    return text_


def _summarize_schedule_news(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    moment = details.get("publish_at")
    when = f" на {_iso_moment(moment)}" if isinstance(moment, str) else ""
    return f"Публикация «{details.get('title', '')}» запланирована{when}"


def _summarize_restore_news(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    return (
        f"«{details.get('title', '')}»: восстановлена версия {_value(details.get('restored_from'))}"
    )


def _summarize_duplicate_news(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    source = details.get("source_news_id")
    of = f" новости № {source}" if source is not None else ""
    return f"Создана копия{of}: «{details.get('title', '')}»"


def _summarize_restore_as_draft(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    return (
        f"Версия {_value(details.get('source_version'))} новости "
        f"№ {_value(details.get('source_news_id'))} восстановлена как новый черновик "
        f"«{details.get('title', '')}»"
    )


def _until(details: Mapping[str, Any]) -> str:
    moment = details.get("closes_at")
    return f" до {_iso_moment(moment)}" if isinstance(moment, str) else ""


def _summarize_save_survey(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    text_ = f"Опрос «{details.get('title', '')}»: сохранена версия {_value(details.get('version'))}"
    changed = _list(details.get("changed"))
    if changed:
        text_ += " (" + ", ".join(SURVEY_CHANGE_NAMES.get(str(c), str(c)) for c in changed) + ")"
    return text_


def _summarize_fix_survey_text(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    count = len(_list(details.get("fixes")))
    return (
        f"Опрос «{details.get('title', '')}» с ответами: исправлено "
        f"{_plural(count, 'текст', 'текста', 'текстов')}"
    )


def _summarize_open_survey(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    title = details.get("title")
    moment = details.get("opens_at")
    if details.get("scheduled") and isinstance(moment, str):
        return f"Открытие опроса «{title}» запланировано на {_iso_moment(moment)}{_until(details)}"
    return (f"Опрос открыт: «{title}»" if title else "Опрос открыт") + _until(details)


def _summarize_schedule_close(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    moment = details.get("closes_at")
    when = f" на {_iso_moment(moment)}" if isinstance(moment, str) else ""
    return f"Закрытие опроса «{details.get('title', '')}» назначено{when}"


def _summarize_reopen_survey(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    return f"Опрос «{details.get('title', '')}» открыт снова{_until(details)}"


def _summarize_duplicate_survey(_entity_id: int | None, details: Mapping[str, Any]) -> str:
    source = details.get("source_survey_id")
    of = f" опроса № {source}" if source is not None else " опроса"
    return f"Создана копия{of}: «{details.get('title', '')}»"


_SUMMARIES: dict[str, Callable[[int | None, Mapping[str, Any]], str]] = {
    "approve": _summarize_approve,
    "reject": _summarize_reject,
    "claim": _summarize_claim,
    "release": _summarize_release,
    "expire_unconfirmed": _summarize_expire,
    "reveal_personal_data": _summarize_reveal,
    "reveal_mail_recipient": lambda i, _d: f"Показан адрес получателя: {_letter(i).lower()}",
    "mail_cancel": lambda i, _d: f"{_letter(i)} отменено",
    "mail_retry": lambda i, _d: f"{_letter(i)} отправлено повторно",
    "organisation_setting_changed": _summarize_setting,
    "staff_add": _summarize_staff("staff_add"),
    "staff_set_role": _summarize_staff("staff_set_role"),
    "staff_disable": _summarize_staff("staff_disable"),
    "staff_end_sessions": _summarize_staff("staff_end_sessions"),
    "block_user": _summarize_block,
    "unblock_user": _summarize_unblock,
    "grant_access": _summarize_grant,
    "revoke_access": _summarize_revoke,
    "user_status_changed": _summarize_user_status,
    "publish": _with_title("Опубликовано"),
    "unpublish": _with_title("Снято с публикации"),
    "archive": _with_title("Перенесено в архив"),
    "create_news": _with_title("Создан черновик"),
    "save_news": _summarize_save_news,
    "schedule_news": _summarize_schedule_news,
    "pin_news": _with_title("Новость закреплена"),
    "unpin_news": _with_title("Новость откреплена"),
    "duplicate_news": _summarize_duplicate_news,
    "restore_news_version": _summarize_restore_news,
    "restore_news_as_draft": _summarize_restore_as_draft,
    "create_survey": _with_title("Создан черновик опроса"),
    "save_survey": _summarize_save_survey,
    "fix_survey_text": _summarize_fix_survey_text,
    "open_survey": _summarize_open_survey,
    "close_survey": _with_title("Опрос закрыт"),
    "schedule_close": _summarize_schedule_close,
    "reopen_survey": _summarize_reopen_survey,
    "unschedule_survey": _with_title("Опрос возвращён в черновики"),
    "duplicate_survey": _summarize_duplicate_survey,
    "export_list": _summarize_export,
    "generate_demo_data": lambda _i, d: (
        f"Созданы демонстрационные данные (масштаб {_value(d.get('scale'))})"
    ),
}


def summarize(action: str, entity_id: int | None, details: Mapping[str, Any] | None) -> str:
    """One Russian line about the event. Details written by an older version (or by hand)
    must never break the list: anything unexpected falls back to the action's name."""
    summarize_action = _SUMMARIES.get(action)
    if summarize_action is None:
        return action_name(action)
    try:
        return summarize_action(entity_id, details if isinstance(details, Mapping) else {})
    except (KeyError, TypeError, ValueError, AttributeError):
        return action_name(action)


def _filters_text(value: object) -> str:
    """An export's filters (the list's query as the export recorded it) in words."""
    if not isinstance(value, dict):
        return "нет"
    flat = {key: item for key, item in value.items() if key != "choices"}
    if isinstance(value.get("choices"), dict):
        flat.update(value["choices"])
    if flat.get("tab") == "all":
        del flat["tab"]
    parts = []
    for key in _in_order(flat, _FILTER_LABELS):
        item = flat[key]
        label = _FILTER_LABELS.get(key, key)
        shown = item
        if key == "action" and isinstance(item, str):
            shown = action_name(item)
        elif key == "entity" and isinstance(item, str):
            shown = entity_name(item)
        elif key in ("date_from", "date_to") and isinstance(item, str):
            shown = _iso_day(item)
        parts.append(f"{label}: {_value(shown)}")
    return "; ".join(parts) or "нет"


def _iso_moment(text_: str) -> str:
    """A moment the details keep as ISO text, in the reader's time zone."""
    try:
        moment = datetime.fromisoformat(text_)
    except ValueError:
        return text_
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def _iso_day(text_: str) -> str:
    try:
        return date.fromisoformat(text_).strftime("%d.%m.%Y")
    except ValueError:
        return text_


def describe(
    action: str, entity: str, entity_id: int | None, details: Mapping[str, Any] | None
) -> tuple[tuple[str, str], ...]:
    """The details as (label, value) pairs in Russian, known keys first in a fixed order."""
    data = dict(details) if isinstance(details, Mapping) else {}
    fields: list[tuple[str, str]] = []
    if action == "organisation_setting_changed" or {"key", "before", "after"} <= data.keys():
        fields.append(("Настройка", _setting_title(data)))
        fields.extend((label, f"{old} → {new}") for label, old, new in _setting_changes(data))
        for key in ("key", "before", "after"):
            data.pop(key, None)
    for key, label in FIELD_LABELS.items():
        if key not in data:
            continue
        value = data.pop(key)
        if key == "mail_outbox_id" and value is not None:
            shown = (
                f"№ {value} (письмо заявителю)"
                if entity == "registration_request"
                else f"№ {value} (письмо пользователю)"
                if entity == "portal_user"
                else f"№ {value}"
            )
        elif key in ("before", "after"):
            shown = _state(entity, value)
        elif key in ("contract_numbers", "contract_number", "contract"):
            shown = _numbers(value) or "—"
        elif key == "blocked_at" and isinstance(value, str):
            shown = _iso_moment(value)
        elif key == "by":
            shown = (
                "базой данных: изменение сделано не через приложение"
                if value == "database"
                else _value(value)
            )
        elif key == "reason_code":
            shown = REASON_NAMES.get(str(value), _value(value)) if value else "не указана"
        elif key == "field":
            shown = _REVEALED.get(str(value), _value(value))
        elif key == "role":
            shown = _ROLE_NAMES.get(str(value), _value(value))
        elif key == "request_ids":
            shown = ", ".join(f"№ {item}" for item in _list(value)) or "—"
        elif key == "filters":
            shown = _filters_text(value)
        elif key == "section":
            shown = SECTION_NAMES.get(str(value), _value(value))
        else:
            shown = (
                _news_detail(key, value)
                if entity == "news_item"
                else _survey_detail(key, value)
                if entity == "survey"
                else _value(value)
            )
        fields.append((label, shown))
    # The rest by name: PostgreSQL's jsonb keeps no order of its own.
    fields.extend((key, _value(value)) for key, value in sorted(data.items()))
    return tuple(fields)


def _details_json(details: object) -> str:
    return json.dumps(details, ensure_ascii=False, indent=2, sort_keys=True, default=str)


# ---------------------------------------------------------------------------- reading

_events = table_of(AuditEvent)
_ORDER = (_events.c.occurred_at.desc(), _events.c.id.desc())
_ROW_COLUMNS = (
    _events.c.id,
    _events.c.occurred_at,
    _events.c.actor,
    _events.c.action,
    _events.c.entity,
    _events.c.entity_id,
    _events.c.details,
)
_CHOICE_COLUMNS = ("actor", "action", "entity")
# The distinct values of an indexed column, one index probe per value (a "loose index
# scan"): milliseconds on millions of events, where DISTINCT reads them all. Both
# PostgreSQL and SQLite turn min(col) ... WHERE col > x into one step down the index.
_DISTINCT_SQL = """
WITH RECURSIVE found(value) AS (
    SELECT min({column}) FROM audit_event
    UNION ALL
    SELECT (SELECT min({column}) FROM audit_event WHERE {column} > found.value)
      FROM found WHERE found.value IS NOT NULL
)
SELECT value FROM found WHERE value IS NOT NULL
"""


def _row(record: Any) -> AuditRow:
    return AuditRow(
        id=record.id,
        occurred_at=record.occurred_at,
        actor=record.actor,
        action=record.action,
        entity=record.entity,
        entity_id=record.entity_id,
        summary=summarize(record.action, record.entity_id, record.details),
    )


def _distinct(session: Session, column: str) -> tuple[str, ...]:
    if column not in _CHOICE_COLUMNS:
        raise ValueError(f"not a choice column: {column!r}")
    values = session.execute(text(_DISTINCT_SQL.format(column=column))).scalars()
    return tuple(sorted(str(value) for value in values))


def choices(session: Session) -> AuditChoices:
    """Who, what and which kinds of objects the log mentions (for the filter combo boxes)."""
    return AuditChoices(
        actors=_distinct(session, "actor"),
        actions=_distinct(session, "action"),
        entities=_distinct(session, "entity"),
    )


def _entity_number(text_: str) -> int | None:
    number = text_.strip().lstrip("№#").strip()
    if number.isdigit() and len(number) <= _MAX_ID_DIGITS:
        return int(number)
    return None


@dataclass(frozen=True)
class AuditSource:
    """The audit log as a :class:`listing.ListSource`, paged by key, newest first.

    Filters of a :class:`ListQuery`: ``date_from``/``date_to`` (whole days in ``tz``, None:
    the computer's own time zone, as the screen shows times; both ends included); the
    choices ``actor``, ``action``, ``entity`` (exact values, as :func:`choices` lists
    them) and ``entity_id`` (digits); and ``search``: a part of the actor, of the action
    (as stored or as named in Russian), of the kind of object (likewise), or an object's
    number. ``%`` and ``_`` in a search are plain characters. The list has no tabs and one
    order, newest first (``query.order`` is not used: a log is read by time).
    """

    tz: tzinfo | None = None

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        return {}

    def page(
        self,
        session: Session,
        query: ListQuery,
        *,
        offset: int = 0,
        after: object = None,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> Page[AuditRow]:
        """``limit`` events after the row ``after`` (the last row of the previous page; None:
        from the newest). ``offset`` is how many rows come before ``after``; without
        ``after`` it is skipped by OFFSET (slow when deep: pass ``after``).

        ``total`` counts the events from ``after`` on up to :data:`COUNT_LIMIT` (plus
        ``offset``); past that it is a floor and ``total_exact`` is False.
        """
        conditions = self._conditions(session, query)
        if after is None:
            skip, base = offset, 0
        else:
            conditions.append(_after(after))
            skip, base = 0, offset
        cap = skip + COUNT_LIMIT + 1
        counted = (
            select(func.count())
            .select_from(
                select(literal(1)).select_from(_events).where(*conditions).limit(cap).subquery()
            )
            .scalar_subquery()
        )
        statement = _page_select(conditions, limit, skip).add_columns(counted.label("counted"))
        records = session.execute(statement).all()
        rows = [_row(record) for record in records]
        if records:
            found = int(records[0].counted)
        elif skip == 0:
            found = 0
        else:  # past the end of an offset page: count on its own
            found = int(session.execute(select(counted)).scalar_one())
        exact = found < cap
        total = base + (found if exact else cap - 1)
        return Page(rows, total, offset, exact)

    def detail(self, session: Session, row_id: int) -> AuditDetail:
        record = session.execute(select(*_ROW_COLUMNS).where(_events.c.id == row_id)).one_or_none()
        if record is None:
            raise NotFoundError(f"Запись журнала аудита № {row_id} не найдена.")
        details = record.details if isinstance(record.details, dict) else {}
        link = (record.entity, record.entity_id) if record.entity_id is not None else None
        return AuditDetail(
            row=_row(record),
            fields=describe(record.action, record.entity, record.entity_id, details),
            details_json=_details_json(record.details),
            link=link,
        )

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[AuditRow]:
        """Every event the query selects, newest first, read by key in batches."""
        conditions = self._conditions(session, query)
        last: AuditRow | None = None
        while True:
            position = conditions if last is None else [*conditions, _after(last)]
            records = session.execute(_page_select(position, EXPORT_BATCH, 0)).all()
            for record in records:
                last = _row(record)
                yield last
            if len(records) < EXPORT_BATCH:
                return

    def choices(self, session: Session) -> AuditChoices:
        return choices(session)

    def _conditions(self, session: Session, query: ListQuery) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if query.date_from is not None:
            conditions.append(_events.c.occurred_at >= day_start(query.date_from, self.tz))
        if query.date_to is not None:  # the whole last day counts
            end = day_start(query.date_to + timedelta(days=1), self.tz)
            conditions.append(_events.c.occurred_at < end)
        for key in _CHOICE_COLUMNS:
            value = query.choice(key)
            if value is not None:
                conditions.append(_events.c[key] == value)
        known = _Known(session)
        typed_id = query.choice("entity_id")
        if typed_id is not None:
            number = _entity_number(typed_id)
            if number is None:
                conditions.append(false())
            elif query.choice("entity") is not None:
                conditions.append(_events.c.entity_id == number)
            else:
                conditions.append(_any_entity_with_id(known.entities(), number))
        search = _search_condition(query.search, known)
        if search is not None:
            conditions.append(search)
        return conditions


class _Known:
    """The choices, read once per query and only if a filter needs them."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._choices: AuditChoices | None = None

    def all(self) -> AuditChoices:
        if self._choices is None:
            self._choices = choices(self._session)
        return self._choices

    def entities(self) -> tuple[str, ...]:
        return self.all().entities


def _any_entity_with_id(entities: Sequence[str], number: int) -> ColumnElement[bool]:
    # The kinds spelled out let the (entity, entity_id, ...) index find an id of any kind.
    return (_events.c.entity.in_(entities)) & (_events.c.entity_id == number)


def _search_condition(search: str, known: _Known) -> ColumnElement[bool] | None:
    """The search as exact values: the few distinct actors, actions and kinds that contain
    the text (by their stored value or their Russian name), matched through their
    indexes, or an object's number. A search matching nothing reads nothing."""
    term = search.strip().lower()
    if not term:
        return None
    found = known.all()
    actors = [value for value in found.actors if term in value.lower()]
    actions = [
        value
        for value in found.actions
        if term in value.lower() or term in action_name(value).lower()
    ]
    entities = [
        value
        for value in found.entities
        if term in value.lower() or term in entity_name(value).lower()
    ]
    conditions: list[ColumnElement[bool]] = []
    if actors:
        conditions.append(_events.c.actor.in_(actors))
    if actions:
        conditions.append(_events.c.action.in_(actions))
    if entities:
        conditions.append(_events.c.entity.in_(entities))
    number = _entity_number(term)
    if number is not None:
        conditions.append(_any_entity_with_id(found.entities, number))
    if not conditions:
        return false()
    return or_(*conditions)


def _after(row: object) -> ColumnElement[bool]:
    if not isinstance(row, AuditRow):
        raise TypeError(f"the audit log pages after an AuditRow, not {type(row).__name__}")
    # Strictly after (occurred_at, id) in the list's order: events sharing the timestamp
    # are neither lost nor repeated.
    return tuple_(_events.c.occurred_at, _events.c.id) < tuple_(
        literal(row.occurred_at, _events.c.occurred_at.type), literal(row.id, _events.c.id.type)
    )


def _page_select(conditions: Sequence[ColumnElement[bool]], limit: int, skip: int) -> Select[Any]:
    statement = select(*_ROW_COLUMNS).where(*conditions).order_by(*_ORDER).limit(limit)
    return statement.offset(skip) if skip else statement


# ---------------------------------------------------------------------------- export


EXPORT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("Когда", lambda row: row.occurred_at, "datetime", 17),
    ExportColumn("Сотрудник", lambda row: row.actor, "text"),
    ExportColumn("Действие", lambda row: action_name(row.action), "text"),
    ExportColumn("Объект", lambda row: entity_name(row.entity), "text"),
    ExportColumn("Номер объекта", lambda row: row.entity_id, "int", 10),
    ExportColumn("Что произошло", lambda row: row.summary, "text"),
    ExportColumn("Код действия", lambda row: row.action, "text"),
    ExportColumn("Запись №", lambda row: row.id, "int", 10),
)
