"""The audit log as staff read it: keyset pages, filters, a capped total, events in words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

import tests.factories as f
from lkk_admin.models import AuditEvent
from lkk_admin.services import audit_log, idle_lock_policy, queue, request_details
from lkk_admin.services.audit_log import AuditRow, AuditSource
from lkk_admin.services.errors import NotFoundError
from lkk_admin.services.listing import ListQuery

BASE = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
SOURCE = AuditSource(tz=UTC)


def add_events(session: Session, events: Sequence[dict[str, Any]]) -> list[int]:
    """Events exactly as given. On PostgreSQL the database stamps the actor and the time
    itself; a test that needs its own skips that trigger in its transaction (superuser)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL session_replication_role = replica"))
    rows = [
        AuditEvent(
            occurred_at=event.get("occurred_at", BASE),
            actor=event.get("actor", "verifier1"),
            action=event.get("action", "claim"),
            entity=event.get("entity", "registration_request"),
            entity_id=event.get("entity_id", 1),
            details=event.get("details", {}),
        )
        for event in events
    ]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


EVERYTHING = ListQuery()


def read_all(
    factory: sessionmaker[Session], query: ListQuery = EVERYTHING, limit: int = 5
) -> list[AuditRow]:
    """Every row of the query, a keyset page at a time, as the screen scrolls."""
    rows: list[AuditRow] = []
    with factory() as session:
        after: AuditRow | None = None
        while True:
            page = SOURCE.page(session, query, offset=len(rows), after=after, limit=limit)
            assert page.offset == len(rows)
            rows.extend(page.rows)
            if len(page.rows) < limit:
                return rows
            after = page.rows[-1]


def ids(rows: Sequence[AuditRow]) -> list[int]:
    return [row.id for row in rows]


def test_keyset_pages_return_every_event_once_across_shared_timestamps(
    factory: sessionmaker[Session],
) -> None:
    # 23 events, seven at a time sharing one moment: page boundaries fall inside the ties.
    events = [{"occurred_at": BASE + timedelta(seconds=i // 7), "entity_id": i} for i in range(23)]
    with factory.begin() as session:
        created = add_events(session, events)
    expected = sorted(created, key=lambda i: (events[created.index(i)]["occurred_at"], i))
    expected.reverse()  # newest first, the higher id first within a moment
    for limit in (1, 3, 5, 7, 100):
        assert ids(read_all(factory, limit=limit)) == expected


def test_a_page_counts_the_events_from_its_position(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        add_events(session, [{"occurred_at": BASE + timedelta(minutes=i)} for i in range(12)])
    with factory() as session:
        first = SOURCE.page(session, ListQuery(), offset=0, after=None, limit=5)
        assert (len(first.rows), first.total, first.total_exact) == (5, 12, True)
        second = SOURCE.page(session, ListQuery(), offset=5, after=first.rows[-1], limit=5)
        assert (len(second.rows), second.total, second.offset) == (5, 12, 5)
        # Without a row to read after, the offset is skipped (slower, still right).
        by_offset = SOURCE.page(session, ListQuery(), offset=5, after=None, limit=5)
        assert ids(by_offset.rows) == ids(second.rows) and by_offset.total == 12
        past_the_end = SOURCE.page(session, ListQuery(), offset=20, after=None, limit=5)
        assert (list(past_the_end.rows), past_the_end.total) == ([], 12)


def test_the_total_is_capped(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_log, "COUNT_LIMIT", 4)
    with factory.begin() as session:
        add_events(session, [{"occurred_at": BASE + timedelta(minutes=i)} for i in range(10)])
        add_events(session, [{"actor": "admin", "action": "mail_cancel"}] * 3)
    with factory() as session:
        capped = SOURCE.page(session, ListQuery(), offset=0, after=None, limit=2)
        assert (capped.total, capped.total_exact) == (4, False)
        # Deep in the list, the floor counts from where the page is.
        deeper = SOURCE.page(session, ListQuery(), offset=2, after=capped.rows[-1], limit=2)
        assert (deeper.total, deeper.total_exact) == (6, False)
        narrow = SOURCE.page(
            session, ListQuery(choices=(("actor", "admin"),)), offset=0, after=None, limit=2
        )
        assert (narrow.total, narrow.total_exact) == (3, True)
        near_the_end = read_all(factory, limit=2)
        assert len(near_the_end) == 13


@pytest.fixture
def varied(factory: sessionmaker[Session]) -> dict[str, int]:
    events: dict[str, dict[str, Any]] = {
        "approve": {"actor": "verifier1", "action": "approve", "entity_id": 12},
        "reject": {"actor": "verifier2", "action": "reject", "entity_id": 13},
        "mail": {
            "actor": "admin",
            "action": "mail_cancel",
            "entity": "mail_outbox",
            "entity_id": 12,
        },
        "setting": {
            "actor": "admin",
            "action": "organisation_setting_changed",
            "entity": "organisation_setting",
            "entity_id": 1,
        },
        "staff": {"actor": "it_admin", "action": "staff_add", "entity": "staff", "entity_id": None},
        "percent": {"actor": "a%b", "action": "claim", "entity_id": 7},
        "plain": {"actor": "ab", "action": "claim", "entity_id": 8},
        "underscore": {"actor": "n_o", "action": "claim", "entity_id": 9},
        "no_underscore": {"actor": "nxo", "action": "claim", "entity_id": 10},
    }
    with factory.begin() as session:
        created = add_events(
            session,
            [
                {**event, "occurred_at": BASE + timedelta(minutes=i)}
                for i, event in enumerate(events.values())
            ],
        )
    return dict(zip(events, created, strict=True))


def found(factory: sessionmaker[Session], query: ListQuery, varied: dict[str, int]) -> set[str]:
    names = {event_id: name for name, event_id in varied.items()}
    return {names[row.id] for row in read_all(factory, query, limit=3)}


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        ((("actor", "admin"),), {"mail", "setting"}),
        ((("action", "claim"),), {"percent", "plain", "underscore", "no_underscore"}),
        ((("entity", "mail_outbox"),), {"mail"}),
        ((("entity", "registration_request"), ("entity_id", "12")), {"approve"}),
        ((("entity_id", "12"),), {"approve", "mail"}),  # any kind of object numbered 12
        ((("entity_id", "№ 13"),), {"reject"}),
        ((("entity_id", "twelve"),), set()),
        ((("entity_id", "99999999999999"),), set()),  # longer than an id can be
        ((("actor", "admin"), ("action", "mail_cancel")), {"mail"}),
        ((("actor", "nobody"),), set()),
    ],
)
def test_choice_filters(
    factory: sessionmaker[Session],
    varied: dict[str, int],
    choices: tuple[tuple[str, str], ...],
    expected: set[str],
) -> None:
    assert found(factory, ListQuery(choices=choices), varied) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ADMIN", {"mail", "setting", "staff"}),  # a part of the login, any case
        ("одобрена", {"approve"}),  # the action's Russian name
        ("mail_can", {"mail"}),  # the action as stored
        ("письмо", {"mail"}),  # the kind of object in Russian
        ("12", {"approve", "mail"}),  # an object's number
        ("№ 13", {"reject"}),
        ("%", {"percent"}),  # % and _ are plain characters
        ("n_o", {"underscore"}),
        ("ничего такого", set()),
    ],
)
def test_search(
    factory: sessionmaker[Session], varied: dict[str, int], search: str, expected: set[str]
) -> None:
    assert found(factory, ListQuery(search=search), varied) == expected


def test_dates_are_whole_days_in_the_desks_time_zone(factory: sessionmaker[Session]) -> None:
    moscow = timezone(timedelta(hours=3))
    with factory.begin() as session:
        late, next_day, later = add_events(
            session,
            [
                {"occurred_at": datetime(2026, 3, 9, 20, 59, tzinfo=UTC)},  # 9th, 23:59 MSK
                {"occurred_at": datetime(2026, 3, 9, 21, 0, tzinfo=UTC)},  # 10th, 00:00 MSK
                {"occurred_at": datetime(2026, 3, 11, 20, 59, tzinfo=UTC)},  # 11th, 23:59
            ],
        )
    source = AuditSource(tz=moscow)

    def days(start: date | None, end: date | None) -> list[int]:
        with factory() as session:
            query = ListQuery(date_from=start, date_to=end)
            return ids(source.page(session, query, offset=0, after=None, limit=10).rows)

    assert days(date(2026, 3, 10), None) == [later, next_day]
    assert days(None, date(2026, 3, 9)) == [late]
    assert days(date(2026, 3, 10), date(2026, 3, 11)) == [later, next_day]
    assert days(date(2026, 3, 9), date(2026, 3, 9)) == [late]
    # The default is the computer's own zone (as the screen shows the times).
    with factory() as session:
        page = AuditSource().page(session, ListQuery(), offset=0, after=None, limit=10)
    assert len(page.rows) == 3


def test_export_rows_reads_every_event_in_order_by_batches(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_log, "EXPORT_BATCH", 4)
    with factory.begin() as session:
        add_events(
            session,
            [
                {"occurred_at": BASE + timedelta(seconds=i // 3), "actor": f"u{i % 2}"}
                for i in range(13)
            ],
        )
    query = ListQuery(choices=(("actor", "u0"),))
    with factory() as session:
        exported = list(SOURCE.export_rows(session, query))
    assert ids(exported) == ids(read_all(factory, query, limit=100))
    assert len(exported) == 7


def test_choices_list_the_distinct_values(
    factory: sessionmaker[Session], varied: dict[str, int]
) -> None:
    with factory() as session:
        known = audit_log.choices(session)
    assert known.actors == (
        "a%b",
        "ab",
        "admin",
        "it_admin",
        "n_o",
        "nxo",
        "verifier1",
        "verifier2",
    )
    assert known.actions == (
        "approve",
        "claim",
        "mail_cancel",
        "organisation_setting_changed",
        "reject",
        "staff_add",
    )
    assert known.entities == (
        "mail_outbox",
        "organisation_setting",
        "registration_request",
        "staff",
    )


def test_choices_of_an_empty_log(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        assert audit_log.choices(session) == audit_log.AuditChoices((), (), ())
        assert SOURCE.page(session, ListQuery(search="x"), offset=0, after=None, limit=5).total == 0


@pytest.fixture
def registry(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        f.contract(session, romashka, "77090001234567")
        f.contract(session, romashka, "12345/Э", status="terminated")
    return factory


def event_of(factory: sessionmaker[Session], action: str) -> int:
    rows = read_all(factory, ListQuery(choices=(("action", action),)))
    assert rows, action
    return rows[0].id


def test_a_decision_in_words(registry: sessionmaker[Session]) -> None:
    with registry.begin() as session:
        request_id = f.registration(
            session, contract_numbers=["ЭС-0012/21", "12345/Э", "77090001234567"]
        )
        queue.claim(session, request_id, "verifier1")
    with registry.begin() as session:
        decision = queue.approve(session, request_id, "verifier1")
    with registry() as session:
        detail = SOURCE.detail(session, event_of(registry, "approve"))
        claim = SOURCE.detail(session, event_of(registry, "claim"))
    assert detail.row.summary == "Заявка одобрена: 2 договора, в 1 отказано"
    assert detail.row.action_name == "Заявка одобрена"
    assert detail.row.entity_name == "Заявка"
    fields = dict(detail.fields)
    assert fields["Предоставлены договоры"] == "ЭС-0012/21, 77090001234567"
    assert fields["Отказано по договорам"] == "12345/Э"
    assert fields["Письмо"] == f"№ {decision.mail_id} (письмо заявителю)"
    assert detail.link == ("registration_request", request_id)
    assert '"granted": [' in detail.details_json and "ЭС-0012/21" in detail.details_json
    assert claim.row.summary == "Заявка взята в работу"
    assert dict(claim.fields)["Перехвачена у другого сотрудника"] == "нет"


def test_a_rejection_names_its_standard_reason(registry: sessionmaker[Session]) -> None:
    with registry.begin() as session:
        request_id = f.registration(session)
        queue.claim(session, request_id, "verifier1")
    with registry.begin() as session:
        queue.reject(session, request_id, "verifier1", "Не то", reason_code="NO_AUTHORITY")
    with registry() as session:
        detail = SOURCE.detail(session, event_of(registry, "reject"))
    assert detail.row.summary == "Заявка отклонена: не подтверждены полномочия"
    assert dict(detail.fields)["Причина отказа"] == "не подтверждены полномочия"


def test_a_setting_change_in_words(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        first = idle_lock_policy.save_policy(session, 15, "admin", expected_version=None)
    with factory.begin() as session:
        idle_lock_policy.save_policy(session, 10, "admin", expected_version=first.version)
    with factory() as session:
        rows = read_all(factory, ListQuery(choices=(("entity", "organisation_setting"),)))
        changed, created = (SOURCE.detail(session, row.id) for row in rows)
    assert changed.row.summary == "Настройка «Время до блокировки»: 15 → 10"
    assert changed.fields == (("Настройка", "Время до блокировки"), ("минут", "15 → 10"))
    assert created.row.summary == "Настройка «Время до блокировки»: не задано → 15"
    assert changed.link is not None and changed.link[0] == "organisation_setting"


def test_a_reveal_in_words(registry: sessionmaker[Session]) -> None:
    with registry.begin() as session:
        request_id = f.registration(session)
        request_details.reveal_contact(session, request_id, "verifier1", "phone")
        request_details.reveal_contact(session, request_id, "verifier1", "email")
    with registry() as session:
        email, phone = read_all(registry, ListQuery(choices=(("action", "reveal_personal_data"),)))
        detail = SOURCE.detail(session, phone.id)
    assert (phone.summary, email.summary) == ("Показан телефон", "Показан e-mail")
    assert detail.fields == (("Что показано", "телефон"),)
    assert detail.link == ("registration_request", request_id)


def test_events_nobody_named_and_odd_details_still_read(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        odd, broken = add_events(
            session,
            [
                {"action": "teleport", "entity": "starship", "details": {"warp": 9, "ok": True}},
                {"action": "approve", "details": {"granted": 5}},  # not a list
            ],
        )
    with factory() as session:
        detail = SOURCE.detail(session, odd)
        assert detail.row.summary == "teleport"
        assert detail.row.entity_name == "starship"
        assert detail.fields == (("ok", "да"), ("warp", "9"))
        assert SOURCE.detail(session, broken).row.summary == "Заявка одобрена: 0 договоров"
        with pytest.raises(NotFoundError, match="не найдена"):
            SOURCE.detail(session, 999_999)


def test_every_action_the_code_writes_has_a_russian_name() -> None:
    written = {
        "claim", "release", "approve", "reject", "return_for_clarification",
        "expire_unconfirmed", "reveal_personal_data", "reveal_mail_recipient", "mail_retry",
        "mail_cancel", "organisation_setting_changed", "staff_add", "staff_set_role",
        "staff_disable", "staff_end_sessions", "block_user", "unblock_user", "grant_access",
        "revoke_access", "publish",
        "open_survey", "generate_demo_data", "export_list",
    }  # fmt: skip
    assert written <= audit_log.ACTION_NAMES.keys()
    assert {
        "registration_request", "portal_user", "mail_outbox", "organisation_setting", "staff",
        "news_item", "survey", "database", "list_export",
    } <= audit_log.ENTITY_NAMES.keys()  # fmt: skip


def test_summaries_of_other_actions() -> None:
    summarize = audit_log.summarize
    assert summarize("mail_cancel", 12, {"reason": "дубль"}) == "Письмо № 12 отменено"
    assert summarize("mail_retry", 12, {}) == "Письмо № 12 отправлено повторно"
    assert summarize("release", 3, {"holder": "petrov", "forced": True}) == (
        "Заявка освобождена у petrov"
    )
    assert summarize("expire_unconfirmed", None, {"request_ids": [1, 2, 3], "days": 7}) == (
        "Просрочены заявки без подтверждённой почты: 3"
    )
    assert summarize("staff_add", None, {"login": "ivanov", "role": "verifier"}) == (
        "Добавлен сотрудник ivanov (проверяющий заявки)"
    )
    assert summarize("export_list", None, {"section": "audit_log", "rows": 12345}) == (
        "Выгрузка в Excel: «Журнал аудита», строк: 12\N{NO-BREAK SPACE}345"
    )
    assert summarize("approve", 1, {"granted": ["1"], "refused": []}) == (
        "Заявка одобрена: 1 договор"
    )


def test_an_event_the_database_wrote_itself_says_so() -> None:
    fields = dict(
        audit_log.describe(
            "request_status_changed",
            "registration_request",
            7,
            {"by": "database", "before": "in_review", "after": "approved"},
        )
    )
    assert audit_log.action_name("request_status_changed").startswith("Изменён статус заявки")
    assert fields["Кем записано"].startswith("базой данных")
    assert (fields["Было"], fields["Стало"]) == ("in_review", "approved")


def test_the_administrators_acts_on_portal_users_read_in_words() -> None:
    summarize = audit_log.summarize
    assert summarize("block_user", 5, {"reason": "Передача пароля"}) == (
        "Пользователь заблокирован: Передача пароля"
    )
    assert summarize("unblock_user", 5, {"after": {"status": "active"}}) == (
        "Пользователь разблокирован (действует)"
    )
    assert summarize("grant_access", 5, {"contract_number": "ЭС-0012/21"}) == (
        "Предоставлен доступ к договору № ЭС-0012/21"
    )
    assert summarize("grant_access", 5, {"contract": "ЭС-0012/21"}) == (
        "Предоставлен доступ к договору № ЭС-0012/21"
    )
    assert summarize(
        "revoke_access", 5, {"contract_numbers": ["1", "2"], "reason": "Расторгнут"}
    ) == ("Отозван доступ к договорам № 1, № 2: Расторгнут")
    assert summarize("revoke_access", 5, {"by": "database", "contract_number": "1"}) == (
        "Отозван доступ к договору № 1"
    )
    assert summarize(
        "user_status_changed", 5, {"before": {"status": "pending"}, "after": {"status": "active"}}
    ) == ("Статус пользователя изменён не через приложение: ждёт проверки → действует")

    fields = dict(
        audit_log.describe(
            "block_user",
            "portal_user",
            5,
            {
                "reason": "Передача пароля",
                "before": {"status": "active"},
                "after": {"status": "blocked"},
                "mail_outbox_id": 41,
            },
        )
    )
    assert fields == {
        "Было": "действует",
        "Стало": "заблокирован",
        "Причина": "Передача пароля",
        "Письмо": "№ 41 (письмо пользователю)",
    }
    revoked = dict(
        audit_log.describe(
            "revoke_access",
            "portal_user",
            5,
            {"contract_numbers": ["ЭС-0012/21", "77090001234567"], "live_contracts": 0},
        )
    )
    assert revoked["Договоры"] == "№ ЭС-0012/21, № 77090001234567"
    assert revoked["Действующих договоров после этого"] == "0"
    unblocked = dict(
        audit_log.describe(
            "unblock_user",
            "portal_user",
            5,
            {
                "block_reason": "Взлом",
                "blocked_by": "admin2",
                "blocked_at": "2026-12-01T09:30:00+00:00",
            },
        )
    )
    assert unblocked["Причина блокировки"] == "Взлом"
    assert unblocked["Кто блокировал"] == "admin2"
    assert unblocked["Когда заблокирован"].startswith("01.12.2026 ")
